import { Button } from "@fluentui/react-components";
import { useBusy } from "../../common/hooks/busy";
import { useTask } from "../../common/hooks/useTask";
import { useServices } from "../../common/services";
import { ErrorBar } from "../../common/ui/ErrorBar";
import { usePaneStyles } from "../../common/ui/styles";
import { SuccessBar } from "../../common/ui/SuccessBar";
import { TaskProgress } from "../../common/ui/TaskProgress";
import type { RecalculateResult } from "../../common/workbook";

/** Forgets cached prices, then recalculates every MKT formula with fresh data. */
export function RefreshCard() {
  const styles = usePaneStyles();
  const services = useServices();
  const busy = useBusy();
  const task = useTask<RecalculateResult>();

  const refresh = (): void =>
    void task.run(async (progress) => {
      services.refreshData();
      return services.workbook.recalculate(progress);
    });

  return (
    <section className={styles.section} aria-labelledby="refresh-heading">
      <h2 id="refresh-heading" className={styles.heading}>
        Refresh data
      </h2>
      <p className={styles.muted}>Fetches fresh prices and recalculates every MKT formula in the workbook.</p>
      {task.running && <TaskProgress label="Refreshing" progress={task.progress} />}
      {task.error !== null && <ErrorBar title="Refresh failed" message={task.error} onDismiss={task.dismiss} />}
      {task.result !== null && <SuccessBar title="Data refreshed" message={`Recalculated ${task.result.formulas} formulas.`} />}
      <div className={styles.actions}>
        <Button appearance="primary" onClick={refresh} disabled={busy.active}>
          Refresh data
        </Button>
      </div>
    </section>
  );
}
