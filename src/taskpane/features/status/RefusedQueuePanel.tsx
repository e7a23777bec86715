import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { useBusy } from "../../common/hooks/busy";
import { useTask } from "../../common/hooks/useTask";
import { useServices } from "../../common/services";
import type { RecalculateResult } from "../../common/workbook";
import { refusedQueueText, retryOutcomeText } from "./refused-queue";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    marginTop: tokens.spacingVerticalS,
    fontSize: tokens.fontSizeBase200,
  },
  line: { margin: 0 },
  summary: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorPaletteRedForeground1 },
  message: { margin: 0, color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
});

/** How often the countdown moves while cells wait. */
export const COUNTDOWN_MS = 1_000;

/**
 * The queue of cells the plan's limits refused: how many, when the first (and the last) can be
 * recalculated, counting down, and "Retry now", which recalculates only those cells (in the preview,
 * the tables holding them). `changeHint` re-reads the queue when it changes (the data status' poll).
 */
export function RefusedQueuePanel({ changeHint }: { changeHint: unknown }) {
  const styles = useStyles();
  const services = useServices();
  const busy = useBusy();
  const task = useTask<RecalculateResult>();
  // Read at every render: the status' poll (changeHint), the task, and the countdown's tick below.
  const [, setTick] = useState(0);
  const now = services.now();
  const queue = services.workbook.refused();
  const waiting = queue.cells > 0;
  void changeHint;

  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), COUNTDOWN_MS);
    return () => clearInterval(timer);
  }, [waiting]);

  const retry = (): void =>
    void task.run(async (progress) => {
      services.retryRefusals();
      return services.workbook.retryRefused(progress);
    });

  const text = refusedQueueText(queue, now);
  if (text === null && !task.running && task.result === null && task.error === null) return null;
  return (
    <div className={styles.root} data-testid="refused-queue">
      {text !== null && (
        <p className={styles.line}>
          <span className={styles.summary} data-testid="refused-summary">
            {text.summary}
          </span>
          ; <span data-testid="refused-when">{text.when}</span>.
        </p>
      )}
      {text !== null && queue.message !== null && <p className={styles.message}>{queue.message}</p>}
      <div className={styles.actions}>
        {text !== null && (
          <Button size="small" appearance="primary" onClick={retry} disabled={busy.active}>
            Retry now
          </Button>
        )}
        {task.running && (
          <span role="status">
            {task.progress === null ? "Retrying…" : `${task.progress.label} (${task.progress.done} of ${task.progress.total})`}
          </span>
        )}
        {!task.running && task.result !== null && (
          <span role="status" data-testid="retry-outcome">
            {retryOutcomeText(task.result)}
          </span>
        )}
        {!task.running && task.error !== null && <span role="alert">Retry failed: {task.error}</span>}
      </div>
    </div>
  );
}
