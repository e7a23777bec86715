import { Button } from "@fluentui/react-components";
import { useBusy } from "../hooks/busy";
import type { Task } from "../hooks/useTask";
import { ErrorBar } from "../ui/ErrorBar";
import { usePaneStyles } from "../ui/styles";
import { SuccessBar } from "../ui/SuccessBar";
import { TaskProgress } from "../ui/TaskProgress";
import type { InsertResult } from "../workbook";

interface InsertFooterProps {
  readonly task: Task<InsertResult>;
  readonly progressLabel: string;
  readonly errorTitle: string;
  readonly successTitle: string;
  readonly buttonLabel: string;
}

/** Progress, the outcome, and the submit button of a form that inserts something into the workbook. */
export function InsertFooter({ task, progressLabel, errorTitle, successTitle, buttonLabel }: InsertFooterProps) {
  const styles = usePaneStyles();
  const busy = useBusy();
  return (
    <>
      {task.running && <TaskProgress label={progressLabel} progress={task.progress} />}
      {task.error !== null && <ErrorBar title={errorTitle} message={task.error} onDismiss={task.dismiss} />}
      {task.result !== null && <SuccessBar title={successTitle} message={`${task.result.tableName} at ${task.result.address}`} />}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy.active}>
          {buttonLabel}
        </Button>
      </div>
    </>
  );
}
