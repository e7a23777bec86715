import { Button, makeStyles, Spinner } from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Basket } from "../../../baskets";
import { duplicateName } from "../../../baskets";
import { ErrorBar } from "../../common/ui/ErrorBar";
import { usePaneStyles } from "../../common/ui/styles";
import { SuccessBar } from "../../common/ui/SuccessBar";
import { BasketDraft, draftOf, emptyDraft } from "./basket-draft";
import { BasketEditor } from "./BasketEditor";
import { BasketRow } from "./BasketRow";
import { DeleteBasketDialog } from "./DeleteBasketDialog";
import { RenameBasketDialog } from "./RenameBasketDialog";
import type { BasketsState } from "./useBaskets";

const useStyles = makeStyles({ list: { listStyleType: "none", margin: 0, padding: 0 } });

type Editing = { readonly heading: string; readonly initial: BasketDraft; readonly previousName?: string } | null;
type Dialog = { readonly kind: "rename" | "delete"; readonly basket: Basket } | null;

/** Every basket's name except `own` (which the basket being edited may keep). */
function namesExcept(baskets: readonly Basket[], own?: string): string[] {
  return baskets.map((basket) => basket.name).filter((name) => own === undefined || name.toLowerCase() !== own.toLowerCase());
}

/** The analyst's baskets and the presets: create, edit, rename, duplicate, delete. */
export function BasketsPanel({ baskets, where }: { baskets: BasketsState; where: string }) {
  const styles = usePaneStyles();
  const local = useStyles();
  const [editing, setEditing] = useState<Editing>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [done, setDone] = useState<string | null>(null);
  const allNames = useMemo(() => namesExcept(baskets.all), [baskets.all]);
  const newButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  // When the editor closes (saved or cancelled), keyboard focus returns to a sensible place.
  useEffect(() => {
    if (wasEditing.current && editing === null) newButton.current?.focus();
    wasEditing.current = editing !== null;
  }, [editing]);

  const duplicate = (basket: Basket): void => {
    const name = duplicateName(basket.name, allNames);
    setDone(null);
    setEditing({ heading: `Copy of ${basket.name}`, initial: { ...draftOf(basket), name, label: `${basket.label} (copy)` } });
  };

  const save = async (basket: Basket, previousName?: string): Promise<void> => {
    await baskets.save(basket, previousName);
    setEditing(null);
    setDone(previousName === undefined ? `Saved ${basket.name} ${where}.` : `Updated ${basket.name}.`);
  };

  return (
    <div className={styles.stack}>
      <div className={styles.row}>
        <Button
          ref={newButton}
          appearance="primary"
          onClick={() => {
            setDone(null);
            setEditing({ heading: "New basket", initial: emptyDraft() });
          }}
          disabled={editing !== null}
        >
          New basket
        </Button>
      </div>
      {editing !== null && (
        <BasketEditor
          key={editing.heading}
          heading={editing.heading}
          initial={editing.initial}
          previousName={editing.previousName}
          takenNames={namesExcept(baskets.all, editing.previousName)}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      )}
      {done !== null && <SuccessBar title="Done" message={done} />}
      {baskets.loadError !== null && (
        <ErrorBar title="Your baskets could not be read" message={baskets.loadError} onDismiss={() => void baskets.reload()} />
      )}

      <section className={styles.tightStack} aria-labelledby="own-baskets-heading">
        <h2 id="own-baskets-heading" className={styles.heading}>
          Your baskets
        </h2>
        {baskets.loading ? (
          <Spinner size="tiny" label="Reading your baskets…" />
        ) : baskets.own.length === 0 ? (
          <p className={styles.muted}>None yet: create one, or duplicate a preset to change it.</p>
        ) : (
          <ul className={local.list} aria-label="Your baskets">
            {baskets.own.map((basket) => (
              <BasketRow
                key={basket.name}
                basket={basket}
                disabled={editing !== null}
                onEdit={() => {
                  setDone(null);
                  setEditing({ heading: `Edit ${basket.name}`, initial: draftOf(basket), previousName: basket.name });
                }}
                onRename={() => setDialog({ kind: "rename", basket })}
                onDuplicate={() => duplicate(basket)}
                onDelete={() => setDialog({ kind: "delete", basket })}
              />
            ))}
          </ul>
        )}
      </section>

      <section className={styles.tightStack} aria-labelledby="preset-baskets-heading">
        <h2 id="preset-baskets-heading" className={styles.heading}>
          Presets
        </h2>
        <ul className={local.list} aria-label="Preset baskets">
          {baskets.presets.map((basket) => (
            <BasketRow key={basket.name} basket={basket} disabled={editing !== null} onDuplicate={() => duplicate(basket)} />
          ))}
        </ul>
      </section>

      {dialog?.kind === "rename" && (
        <RenameBasketDialog
          basket={dialog.basket}
          takenNames={namesExcept(baskets.all, dialog.basket.name)}
          onRename={async (basket, previousName) => {
            await baskets.save(basket, previousName);
            setDone(`Renamed ${previousName} to ${basket.name}.`);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === "delete" && (
        <DeleteBasketDialog
          basket={dialog.basket}
          onDelete={async (name) => {
            await baskets.remove(name);
            setDone(`Deleted ${name}.`);
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}
