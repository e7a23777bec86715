import { makeStyles, Select } from "@fluentui/react-components";
import type { Basket } from "../../../baskets";

/** Long basket labels must not widen the pane: the select shrinks to its field and cuts the text. */
const useStyles = makeStyles({
  root: { minWidth: 0, maxWidth: "100%" },
  select: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
});

export interface BasketSelectProps {
  readonly baskets: readonly Basket[];
  readonly value: string;
  readonly onChange: (name: string) => void;
  readonly disabled?: boolean;
  readonly exclude?: readonly string[];
}

/** A native select of baskets, the analyst's own first, then the presets. */
export function BasketSelect({ baskets, value, onChange, disabled, exclude = [] }: BasketSelectProps) {
  const styles = useStyles();
  const offered = baskets.filter((basket) => !exclude.includes(basket.name));
  const own = offered.filter((basket) => !basket.preset);
  const presets = offered.filter((basket) => basket.preset);
  const option = (basket: Basket) => (
    <option key={basket.name} value={basket.name}>
      {basket.name} — {basket.label}
    </option>
  );
  return (
    <Select
      className={styles.root}
      select={{ className: styles.select }}
      value={value}
      onChange={(_event, data) => onChange(data.value)}
      disabled={disabled}
    >
      <option value="">Choose a basket…</option>
      {own.length > 0 && <optgroup label="Your baskets">{own.map(option)}</optgroup>}
      <optgroup label="Presets">{presets.map(option)}</optgroup>
    </Select>
  );
}
