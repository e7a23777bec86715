import { Checkbox, Field, Select } from "@fluentui/react-components";
import { FormEvent, useState } from "react";
import type { Basket } from "../../../baskets";
import { useBusy } from "../../common/hooks/busy";
import { useTask } from "../../common/hooks/useTask";
import { Reported, reporting } from "../../common/reported";
import { useServices } from "../../common/services";
import { BenchmarkField } from "../../common/table-form/BenchmarkField";
import { InsertFooter } from "../../common/table-form/InsertFooter";
import { ROTATION_PERIODS } from "../../../workbook";
import { GroupField } from "../../common/ui/GroupField";
import { usePaneStyles } from "../../common/ui/styles";
import type { InsertResult } from "../../common/workbook";
import { CHART_SPANS, checkRotationForm, initialRotationForm, RotationFormDraft } from "./rotation-form";

const toggled = <T,>(list: readonly T[], item: T, on: boolean): T[] =>
  on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);

/** Several baskets against one benchmark: spreads per period and relative strength over time. */
export function RotationViewForm({ baskets }: { baskets: readonly Basket[] }) {
  const styles = usePaneStyles();
  const services = useServices();
  const { workbook } = services;
  const busy = useBusy();
  const task = useTask<Reported<InsertResult>>();
  const [draft, setDraft] = useState<RotationFormDraft>(initialRotationForm);
  const [submitted, setSubmitted] = useState(false);
  const check = checkRotationForm(draft, baskets);
  const update = (change: Partial<RotationFormDraft>): void => setDraft((current) => ({ ...current, ...change }));

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
