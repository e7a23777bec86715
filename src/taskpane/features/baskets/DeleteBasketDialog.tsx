import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import { useState } from "react";
import type { Basket } from "../../../baskets";
import { errorText } from "../../common/error-text";
import { ErrorBar } from "../../common/ui/ErrorBar";

export interface DeleteBasketDialogProps {
  readonly basket: Basket;
  readonly onDelete: (name: string) => Promise<void>;
  readonly onClose: () => void;
}

/** Deleting asks first, and says what happens to formulas that use the basket. */
export function DeleteBasketDialog({ basket, onDelete, onClose }: DeleteBasketDialogProps) {
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async (): Promise<void> => {
    setDeleting(true);
    try {
      await onDelete(basket.name);
      onClose();
    } catch (caught) {
      setError(errorText(caught));
      setDeleting(false);
    }
  };

  return (
    <Dialog open modalType="alert" onOpenChange={(_event, data) => !data.open && !deleting && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Delete {basket.name}?</DialogTitle>
          <DialogContent>
            <p>
              The basket “{basket.label}” and its {basket.tickers.length} tickers are removed. Formulas that use {basket.name} will show
              #NAME? until you create it again.
            </p>
            {error !== null && <ErrorBar title="Not deleted" message={error} />}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => void confirm()} disabled={deleting}>
              {deleting ? "Deleting…" : "Delete"}
            </Button>
            <Button onClick={onClose} disabled={deleting} autoFocus>
              Keep it
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
