import { Button, Checkbox, Field, Select, Switch } from "@fluentui/react-components";
import { FormEvent, useState } from "react";
import type { Basket } from "../../../baskets";
import { earningsHistoryOf } from "../../common/earnings-history";
import { useBusy } from "../../common/hooks/busy";
import { useSettings } from "../../common/hooks/useSettings";
import { readRemembered, writeRemembered } from "../../common/remembered";
import { useTask } from "../../common/hooks/useTask";
import { Reported, reporting } from "../../common/reported";
import { useServices } from "../../common/services";
import { BenchmarkField } from "../../common/table-form/BenchmarkField";
import { InsertFooter } from "../../common/table-form/InsertFooter";
import { ROTATION_PERIODS } from "../../../workbook";
import { GroupField } from "../../common/ui/GroupField";
import { usePaneStyles } from "../../common/ui/styles";
import type { InsertResult } from "../../common/workbook";
import {
  CHART_SPANS,
  checkRotationForm,
  initialRotationForm,
  rememberedValuation,
  RotationFormDraft,
  VALUATION_MEASURES,
  valuationGapPreset,
} from "./rotation-form";

/** Where the valuation choices are remembered (see common/remembered.ts). */
const VALUATION_KEY = "rotation-view.valuation";

function initialDraft(): RotationFormDraft {
  return { ...initialRotationForm(), ...readRemembered(VALUATION_KEY, rememberedValuation) };
}

const toggled = <T,>(list: readonly T[], item: T, on: boolean): T[] =>
  on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);

/** Several baskets against one benchmark: spreads per period and relative strength over time. */
export function RotationViewForm({ baskets }: { baskets: readonly Basket[] }) {
  const styles = usePaneStyles();
  const services = useServices();
  const { workbook } = services;
  const busy = useBusy();
  const task = useTask<Reported<InsertResult>>();
  const settings = useSettings();
  const [draft, setDraft] = useState<RotationFormDraft>(initialDraft);
  const [submitted, setSubmitted] = useState(false);
  const earnings = earningsHistoryOf(settings.provider);
  const check = checkRotationForm(draft, baskets, earnings);
  const update = (change: Partial<RotationFormDraft>): void =>
    setDraft((current) => {
      const next = { ...current, ...change };
      // The preset's reason for no gap chart holds for its baskets only.
      if (("basketNames" in change || "benchmark" in change) && change.noGapChart === undefined) next.noGapChart = null;
      if ("valuation" in change || "measure" in change)
        writeRemembered(VALUATION_KEY, { valuation: next.valuation, measure: next.measure });
      return next;
    });
  const preset = valuationGapPreset(draft, baskets);
  const noGapChart = draft.noGapChart ?? (earnings.ok ? null : earnings.reason);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setSubmitted(true);
    const request = check.request;
    if (request === null || busy.active) return;
    void task.run((progress) => reporting(services, () => workbook.insertRotationView(request, progress)));
  };

  return (
    <form className={styles.section} onSubmit={submit} aria-labelledby="rotation-view-heading" noValidate>
      <h2 id="rotation-view-heading" className={styles.heading}>
        Rotation view
      </h2>
      <Field label="Preset view" hint="S&P 500 (SPY) against mid caps (IJH) and small caps (IWM), on the trailing P/E the funds publish.">
        <div>
          <Button
            type="button"
            disabled={task.running || preset === null}
            onClick={() => {
              if (preset !== null) update(preset);
            }}
          >
            Valuation gap
          </Button>
        </div>
      </Field>
      <GroupField label="Baskets to compare" validationMessage={submitted ? check.basketsMessage : null}>
        {baskets.map((basket) => (
          <Checkbox
            key={basket.name}
            label={basket.name}
            checked={draft.basketNames.includes(basket.name)}
            onChange={(_event, data) => update({ basketNames: toggled(draft.basketNames, basket.name, data.checked === true) })}
            disabled={task.running}
          />
        ))}
      </GroupField>
      <BenchmarkField
        value={draft.benchmark}
        onChange={(benchmark) => update({ benchmark })}
        baskets={baskets}
        exclude={draft.basketNames}
        message={check.benchmarkMessage}
        disabled={task.running}
      />
      <GroupField label="Spread periods" validationMessage={check.periodsMessage}>
        {ROTATION_PERIODS.map((period) => (
          <Checkbox
            key={period}
            label={period}
            checked={draft.periods.includes(period)}
            onChange={(_event, data) => update({ periods: toggled(draft.periods, period, data.checked === true) })}
            disabled={task.running}
          />
        ))}
      </GroupField>
      <Field
        label="Valuation"
        hint={
          !draft.valuation
            ? undefined
            : noGapChart === null
              ? "Each basket's aggregate P/E, its gap to the benchmark and coverage, and a monthly chart of the trailing-P/E gap."
              : `Each basket's aggregate P/E, its gap to the benchmark and coverage. No gap chart: ${noGapChart}.`
        }
      >
        <Switch
          label="P/E and gap next to the spreads"
          checked={draft.valuation}
          onChange={(_event, data) => update({ valuation: data.checked })}
          disabled={task.running}
        />
      </Field>
      {draft.valuation && (
        <Field label="Valuation measure">
          <Select
            value={draft.measure}
            onChange={(_event, data) => update({ measure: data.value as RotationFormDraft["measure"] })}
            disabled={task.running}
          >
            {VALUATION_MEASURES.map((measure) => (
              <option key={measure.value} value={measure.value}>
                {measure.label}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field label="Relative-strength chart from">
        <Select value={draft.chartSpan} onChange={(_event, data) => update({ chartSpan: data.value })} disabled={task.running}>
          {CHART_SPANS.map((span) => (
            <option key={span} value={span}>
              {span} ago
            </option>
          ))}
        </Select>
      </Field>
      <InsertFooter
        task={task}
        progressLabel="Inserting the rotation view"
        errorTitle="The rotation view was not inserted"
        successTitle="Rotation view inserted"
        workbook={workbook.kind}
        buttonLabel="Insert rotation view"
      />
    </form>
  );
}
