import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
} from "@fluentui/react-components";
import { FormEvent, useState } from "react";
import type { Basket } from "../../../baskets";
import { validateBasketName } from "../../../baskets";
import { errorText } from "../../common/error-text";
import { ErrorBar } from "../../common/ui/ErrorBar";

export interface RenameBasketDialogProps {
  readonly basket: Basket;
  readonly takenNames: readonly string[];
  readonly onRename: (basket: Basket, previousName: string) => Promise<void>;
  readonly onClose: () => void;
}

/** A new name for a basket; the old one stays until the new one is saved. */
export function RenameBasketDialog({ basket, takenNames, onRename, onClose }: RenameBasketDialogProps) {
  const [name, setName] = useState(basket.name);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const trimmed = name.trim();
  const unchanged = trimmed === basket.name;
  const problem = unchanged ? null : validateBasketName(trimmed, takenNames);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (problem !== null || saving) return;
    if (unchanged) return onClose();
    setSaving(true);
    try {
      await onRename({ ...basket, name: trimmed }, basket.name);
      onClose();
    } catch (caught) {
      setError(errorText(caught));
      setSaving(false);
    }
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_event, data) => !data.open && !saving && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <DialogBody>
            <DialogTitle>Rename {basket.name}</DialogTitle>
            <DialogContent>
              <Field
                label="New name"
                hint="Formulas that use the old name must be updated to the new one."
                validationMessage={problem?.message}
                validationState={problem === null ? "none" : "error"}
              >
                <Input value={name} onChange={(_event, data) => setName(data.value)} disabled={saving} autoFocus />
              </Field>
              {error !== null && <ErrorBar title="Not renamed" message={error} />}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={saving || problem !== null}>
                Rename
              </Button>
              <Button onClick={onClose} disabled={saving}>
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
