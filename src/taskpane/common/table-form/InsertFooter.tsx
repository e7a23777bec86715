import { Button } from "@fluentui/react-components";
import { useBusy } from "../hooks/busy";
import type { Task } from "../hooks/useTask";
import { reportOutcome } from "../outcome";
import type { Reported } from "../reported";
import { ErrorBar } from "../ui/ErrorBar";
import { OutcomeBar } from "../ui/OutcomeBar";
import { usePaneStyles } from "../ui/styles";
import { TaskProgress } from "../ui/TaskProgress";
import type { InsertResult } from "../workbook";

interface InsertFooterProps {
  readonly task: Task<Reported<InsertResult>>;
  readonly progressLabel: string;
  readonly errorTitle: string;
  /** The title when every cell computed ("Table inserted"); the start of the title otherwise. */
  readonly successTitle: string;
  readonly buttonLabel: string;
  readonly workbook: "excel" | "preview";
}

/** Progress, the outcome (with its cells counted), and the submit button of a form that inserts something into the workbook. */
export function InsertFooter({ task, progressLabel, errorTitle, successTitle, buttonLabel, workbook }: InsertFooterProps) {
  const styles = usePaneStyles();
  const busy = useBusy();
  const reported = task.result;
  return (
    <>
      {task.running && <TaskProgress label={progressLabel} progress={task.progress} />}
      {task.error !== null && <ErrorBar title={errorTitle} message={task.error} onDismiss={task.dismiss} />}
      {reported !== null && (
        <OutcomeBar
          report={reportOutcome({
            done: successTitle,
            where: `${reported.result.tableName} at ${reported.result.address}`,
            outcome: reported.result.outcome,
            failures: reported.failures,
            provider: reported.provider,
            workbook,
          })}
          onDismiss={task.dismiss}
        />
      )}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy.active}>
          {buttonLabel}
        </Button>
      </div>
    </>
  );
}
