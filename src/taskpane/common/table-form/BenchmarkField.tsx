import { Field, Input, Radio, RadioGroup } from "@fluentui/react-components";
import type { Basket } from "../../../baskets";
import { usePaneStyles } from "../ui/styles";
import { BasketSelect } from "./BasketSelect";
import type { BenchmarkDraft, BenchmarkKind } from "./benchmark-draft";

export interface BenchmarkFieldProps {
  readonly value: BenchmarkDraft;
  readonly onChange: (value: BenchmarkDraft) => void;
  readonly baskets: readonly Basket[];
  /** Baskets being measured, which cannot also be the benchmark. */
  readonly exclude: readonly string[];
  readonly message: string | null;
  readonly disabled: boolean;
}

/** Benchmark: one ticker (SPY) or another basket. */
export function BenchmarkField({ value, onChange, baskets, exclude, message, disabled }: BenchmarkFieldProps) {
  const styles = usePaneStyles();
  const validation = {
    validationMessage: message ?? undefined,
    validationState: message === null ? ("none" as const) : ("error" as const),
  };
  return (
    <div className={styles.tightStack}>
      <Field label="Benchmark">
        <RadioGroup
          layout="horizontal"
          value={value.kind}
          onChange={(_event, data) => onChange({ ...value, kind: data.value as BenchmarkKind })}
          disabled={disabled}
        >
          <Radio value="ticker" label="A ticker" />
          <Radio value="basket" label="A basket" />
        </RadioGroup>
      </Field>
      {value.kind === "ticker" ? (
        <Field label="Benchmark ticker" {...validation}>
          <Input value={value.ticker} onChange={(_event, data) => onChange({ ...value, ticker: data.value })} disabled={disabled} />
        </Field>
      ) : (
        <Field label="Benchmark basket" {...validation}>
          <BasketSelect
            baskets={baskets}
            value={value.basketName}
            onChange={(basketName) => onChange({ ...value, basketName })}
            exclude={exclude}
            disabled={disabled}
          />
        </Field>
      )}
    </div>
  );
}
