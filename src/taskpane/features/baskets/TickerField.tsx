import { Button, Field, Spinner, Textarea } from "@fluentui/react-components";
import { MessageLines } from "../../common/ui/MessageLines";
import { usePaneStyles } from "../../common/ui/styles";
import type { TickerCheckSummary } from "./ticker-check";

export interface TickerFieldProps {
  readonly value: string;
  readonly onChange: (text: string) => void;
  /** Syntax and duplicate problems: shown as the analyst types. */
  readonly problems: readonly string[];
  readonly tickerCount: number;
  /** The last "Check tickers" result for exactly these tickers, or null. */
  readonly check: TickerCheckSummary | null;
  readonly checking: boolean;
  readonly onCheck: () => void;
  readonly disabled: boolean;
}

/** The basket's tickers: pasted lists welcome; problems flagged next to the field at once. */
export function TickerField(props: TickerFieldProps) {
  const styles = usePaneStyles();
  const messages = props.check === null ? props.problems : [...props.problems, props.check.text];
  const state = props.problems.length > 0 ? "error" : (props.check?.intent ?? "none");
  const count = props.tickerCount === 1 ? "1 ticker" : `${props.tickerCount} tickers`;
  return (
    <div className={styles.tightStack}>
      <Field
        label="Tickers"
        required
        hint={`Type or paste a list: commas, spaces or new lines (${count}).`}
        validationState={state}
        validationMessage={messages.length > 0 ? <MessageLines messages={messages} /> : undefined}
      >
        <Textarea
          value={props.value}
          onChange={(_event, data) => props.onChange(data.value)}
          resize="vertical"
          rows={4}
          placeholder={"AAPL, MSFT, NVDA\nor one per line"}
          disabled={props.disabled}
        />
      </Field>
      <div className={styles.row}>
        <Button onClick={props.onCheck} disabled={props.disabled || props.checking || props.tickerCount === 0}>
          Check tickers
        </Button>
        {props.checking && <Spinner size="tiny" label="Asking the data source…" />}
      </div>
    </div>
  );
}
