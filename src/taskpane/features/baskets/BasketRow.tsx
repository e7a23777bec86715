import { Badge, Button, makeStyles, tokens } from "@fluentui/react-components";
import type { Basket } from "../../../baskets";

const useStyles = makeStyles({
  row: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { display: "flex", alignItems: "baseline", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap", minWidth: 0 },
  name: {
    fontWeight: tokens.fontWeightSemibold,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  label: { color: tokens.colorNeutralForeground2, minWidth: 0, overflowWrap: "anywhere" },
  tickers: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  actions: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalXS },
});

const SHOWN_TICKERS = 8;

function tickerSummary(tickers: readonly string[]): string {
  const shown = tickers.slice(0, SHOWN_TICKERS).join(", ");
  const more = tickers.length > SHOWN_TICKERS ? `, +${tickers.length - SHOWN_TICKERS} more` : "";
  return `${tickers.length} ${tickers.length === 1 ? "ticker" : "tickers"}: ${shown}${more}`;
}

export interface BasketRowProps {
  readonly basket: Basket;
  readonly disabled: boolean;
  readonly onEdit?: () => void;
  readonly onRename?: () => void;
  readonly onDuplicate: () => void;
  readonly onDelete?: () => void;
}

/** One basket in the list, with the actions it allows (presets can only be copied). */
export function BasketRow({ basket, disabled, onEdit, onRename, onDuplicate, onDelete }: BasketRowProps) {
  const styles = useStyles();
  return (
    <li className={styles.row} data-basket={basket.name}>
      <div className={styles.title}>
        <span className={styles.name}>{basket.name}</span>
        <span className={styles.label}>{basket.label}</span>
        {basket.preset && (
          <Badge appearance="tint" color="informative" size="small">
            preset
          </Badge>
        )}
      </div>
      <div className={styles.tickers}>{tickerSummary(basket.tickers)}</div>
      <div className={styles.actions}>
        {onEdit && (
          <Button size="small" appearance="subtle" onClick={onEdit} disabled={disabled} aria-label={`Edit ${basket.name}`}>
            Edit
          </Button>
        )}
        {onRename && (
          <Button size="small" appearance="subtle" onClick={onRename} disabled={disabled} aria-label={`Rename ${basket.name}`}>
            Rename
          </Button>
        )}
        <Button size="small" appearance="subtle" onClick={onDuplicate} disabled={disabled} aria-label={`Duplicate ${basket.name}`}>
          Duplicate
        </Button>
        {onDelete && (
          <Button size="small" appearance="subtle" onClick={onDelete} disabled={disabled} aria-label={`Delete ${basket.name}`}>
            Delete
          </Button>
        )}
      </div>
    </li>
  );
}
