import { Checkbox, Field, Radio, RadioGroup, Select, Switch } from "@fluentui/react-components";
import { FormEvent, useState } from "react";
import type { Basket } from "../../../baskets";
import { useBusy } from "../../common/hooks/busy";
import { useTask } from "../../common/hooks/useTask";
import { Reported, reporting } from "../../common/reported";
import { useServices } from "../../common/services";
import { BasketSelect } from "../../common/table-form/BasketSelect";
import { BenchmarkField } from "../../common/table-form/BenchmarkField";
import { InsertFooter } from "../../common/table-form/InsertFooter";
import type { SectorMetric } from "../../../workbook";
import { GroupField } from "../../common/ui/GroupField";
import { usePaneStyles } from "../../common/ui/styles";
import type { InsertResult, TablePlace } from "../../common/workbook";
import { METRIC_LABELS } from "./metric-labels";
import { readRemembered, writeRemembered } from "../../common/remembered";
import { checkSectorForm, initialSectorForm, rememberedMetrics, SectorFormDraft, SUMMARY_PERIODS } from "./sector-form";
import { ALL_METRICS, LIVE_METRICS, VALUATION_METRICS } from "./sector-metrics";

/** Where the column choices are remembered (see common/remembered.ts). */
const COLUMNS_KEY = "sector-table.columns";

function initialDraft(): SectorFormDraft {
  const initial = initialSectorForm();
  return { ...initial, metrics: readRemembered(COLUMNS_KEY, rememberedMetrics) ?? initial.metrics };
}

/** Pick a basket, metrics, a benchmark and a period; insert a live sector table. */
export function SectorTableForm({ baskets, previewPlaces }: { baskets: readonly Basket[]; previewPlaces: boolean }) {
  const styles = usePaneStyles();
  const services = useServices();
  const { workbook } = services;
  const busy = useBusy();
  const task = useTask<Reported<InsertResult>>();
  const [draft, setDraft] = useState<SectorFormDraft>(initialDraft);
  const [submitted, setSubmitted] = useState(false);
  const check = checkSectorForm(draft, baskets);
  const update = (change: Partial<SectorFormDraft>): void => setDraft((current) => ({ ...current, ...change }));

  const toggleMetric = (metric: SectorMetric, on: boolean): void =>
    setDraft((current) => {
      const metrics = on ? [...current.metrics.filter((m) => m !== metric), metric] : current.metrics.filter((m) => m !== metric);
      writeRemembered(COLUMNS_KEY, metrics);
      return { ...current, metrics };
    });
  const metricBox = (metric: SectorMetric) => (
    <Checkbox
      key={metric}
      label={METRIC_LABELS[metric]}
      checked={draft.metrics.includes(metric)}
      onChange={(_event, data) => toggleMetric(metric, data.checked === true)}
      disabled={task.running}
    />
  );

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setSubmitted(true);
    const request = check.request;
    if (request === null || busy.active) return;
    void task.run((progress) => reporting(services, () => workbook.insertSectorTable(request, draft.place, progress)));
  };

  const basketMessage = submitted ? check.basketMessage : null;
  return (
    <form className={styles.section} onSubmit={submit} aria-labelledby="sector-table-heading" noValidate>
      <h2 id="sector-table-heading" className={styles.heading}>
        Sector table
      </h2>
      <Field label="Basket" required validationMessage={basketMessage ?? undefined} validationState={basketMessage ? "error" : "none"}>
        <BasketSelect
          baskets={baskets}
          value={draft.basketName}
          onChange={(basketName) => update({ basketName })}
          disabled={task.running}
        />
      </Field>
      <GroupField label="Metrics" validationMessage={check.metricsMessage}>
        {ALL_METRICS.map(metricBox)}
      </GroupField>
      <GroupField
        label="Valuation"
        hint="P/E from each ticker's price and EPS; any of these also adds the basket's aggregate forward P/E and its gap to the benchmark to the summary."
        validationMessage={null}
      >
        {VALUATION_METRICS.map(metricBox)}
      </GroupField>
      <GroupField label="Live" hint="QUOTE cells that update during US market hours." validationMessage={null}>
        {LIVE_METRICS.map((metric) => (
          <Switch
            key={metric}
            label={METRIC_LABELS[metric]}
            checked={draft.metrics.includes(metric)}
            onChange={(_event, data) => toggleMetric(metric, data.checked)}
            disabled={task.running}
          />
        ))}
      </GroupField>
      <BenchmarkField
        value={draft.benchmark}
        onChange={(benchmark) => update({ benchmark })}
        baskets={baskets}
        exclude={draft.basketName === "" ? [] : [draft.basketName]}
        message={check.benchmarkMessage}
        disabled={task.running}
      />
      <Field label="Summary period" hint="Window of the basket's return and its spread against the benchmark.">
        <Select value={draft.summaryPeriod} onChange={(_event, data) => update({ summaryPeriod: data.value })} disabled={task.running}>
          {SUMMARY_PERIODS.map((period) => (
            <option key={period} value={period}>
              {period}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Place">
        <RadioGroup value={draft.place} onChange={(_event, data) => update({ place: data.value as TablePlace })} disabled={task.running}>
          <Radio value="selection" label={previewPlaces ? "On the current preview sheet" : "At the selected cell"} />
          <Radio value="new-sheet" label="On a new sheet" />
        </RadioGroup>
      </Field>
      <InsertFooter
        task={task}
        progressLabel="Inserting the sector table"
        errorTitle="The table was not inserted"
        successTitle="Table inserted"
        workbook={workbook.kind}
        buttonLabel="Insert sector table"
      />
    </form>
  );
}
