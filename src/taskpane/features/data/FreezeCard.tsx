import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Radio,
  RadioGroup,
} from "@fluentui/react-components";
import { useState } from "react";
import { providerLabel } from "../../../market";
import { useBusy } from "../../common/hooks/busy";
import { useTask } from "../../common/hooks/useTask";
import { useServices } from "../../common/services";
import { ErrorBar } from "../../common/ui/ErrorBar";
import { usePaneStyles } from "../../common/ui/styles";
import { reportFreeze } from "../../common/outcome";
import { OutcomeBar } from "../../common/ui/OutcomeBar";
import { TaskProgress } from "../../common/ui/TaskProgress";
import type { FreezeResult, FreezeScope } from "../../common/workbook";

/** Replaces MKT formulas by their values, with where they came from, so recipients see the same numbers. */
export function FreezeCard({ preview }: { preview: boolean }) {
  const styles = usePaneStyles();
  const services = useServices();
  const busy = useBusy();
  const task = useTask<FreezeResult>();
  const [scope, setScope] = useState<FreezeScope>("sheet");
  const [confirming, setConfirming] = useState(false);

  const freeze = (): void => {
    setConfirming(false);
    void task.run((progress) => {
      const provenance = { provider: providerLabel(services.dataStatus().settings.provider), asOf: new Date(services.now()) };
      return services.workbook.freeze(scope, provenance, progress);
    });
  };

  const selectionLabel = preview ? "The selected table (click one in the preview)" : "The selected cells";
  const sheetLabel = preview ? "Every table on the active preview sheet" : "The whole active sheet";
  return (
    <section className={styles.section} aria-labelledby="freeze-heading">
      <h2 id="freeze-heading" className={styles.heading}>
        Freeze for sharing
      </h2>
      <p className={styles.muted}>
        Replaces live MKT formulas by their current values and notes the provider and time, so colleagues without the add-in see the same
        numbers.
      </p>
      <Field label="What to freeze">
        <RadioGroup value={scope} onChange={(_event, data) => setScope(data.value as FreezeScope)} disabled={task.running}>
          <Radio value="selection" label={selectionLabel} />
          <Radio value="sheet" label={sheetLabel} />
        </RadioGroup>
      </Field>
      {task.running && <TaskProgress label="Freezing" progress={task.progress} />}
      {task.error !== null && <ErrorBar title="Nothing was frozen" message={task.error} onDismiss={task.dismiss} />}
      {task.result !== null && (
        <OutcomeBar report={reportFreeze(task.result.address, task.result.frozenCells, task.result.errorCells)} onDismiss={task.dismiss} />
      )}
      <div className={styles.actions}>
        <Button onClick={() => setConfirming(true)} disabled={busy.active}>
          Freeze for sharing…
        </Button>
      </div>
      {confirming && (
        <Dialog open modalType="modal" onOpenChange={(_event, data) => !data.open && setConfirming(false)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>Freeze {scope === "sheet" ? "the sheet" : "the selection"}?</DialogTitle>
              <DialogContent>
                The formulas are replaced by today's values and will no longer update. Keep a live copy of the workbook if you need one.
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" onClick={freeze}>
                  Freeze
                </Button>
                <Button onClick={() => setConfirming(false)}>Cancel</Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </section>
  );
}
