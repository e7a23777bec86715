import { Button } from "@fluentui/react-components";
import { useBusy } from "../../common/hooks/busy";
import { useTask } from "../../common/hooks/useTask";
import { reportOutcome } from "../../common/outcome";
import { Reported, reporting } from "../../common/reported";
import { useServices } from "../../common/services";
import { ErrorBar } from "../../common/ui/ErrorBar";
import { OutcomeBar } from "../../common/ui/OutcomeBar";
import { usePaneStyles } from "../../common/ui/styles";
import { TaskProgress } from "../../common/ui/TaskProgress";
import type { RecalculateResult } from "../../common/workbook";

/** Forgets cached prices, then recalculates every MKT formula with fresh data. */
export function RefreshCard() {
  const styles = usePaneStyles();
  const services = useServices();
  const busy = useBusy();
  const task = useTask<Reported<RecalculateResult>>();

  const refresh = (): void =>
    void task.run((progress) =>
      reporting(services, async () => {
        services.refreshData();
        return services.workbook.recalculate(progress);
      }),
    );
  const reported = task.result;

  return (
    <section className={styles.section} aria-labelledby="refresh-heading">
      <h2 id="refresh-heading" className={styles.heading}>
        Refresh data
      </h2>
      <p className={styles.muted}>Fetches fresh prices and recalculates every MKT formula in the workbook.</p>
      {task.running && <TaskProgress label="Refreshing" progress={task.progress} />}
      {task.error !== null && <ErrorBar title="Refresh failed" message={task.error} onDismiss={task.dismiss} />}
      {reported !== null && (
        <OutcomeBar
          report={reportOutcome({
            done: "Data refreshed",
            where: `Recalculated ${reported.result.formulas} MKT formula${reported.result.formulas === 1 ? "" : "s"}`,
            outcome: reported.result.outcome,
            failures: reported.failures,
            provider: reported.provider,
            workbook: services.workbook.kind,
          })}
          onDismiss={task.dismiss}
        />
      )}
      <div className={styles.actions}>
        <Button appearance="primary" onClick={refresh} disabled={busy.active}>
          Refresh data
        </Button>
      </div>
    </section>
  );
}
