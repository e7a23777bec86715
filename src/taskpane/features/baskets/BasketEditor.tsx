import { Button, Field, Input } from "@fluentui/react-components";
import { FormEvent, useMemo, useState } from "react";
import type { Basket } from "../../../baskets";
import { suggestName } from "../../../baskets";
import { providerLabel } from "../../../market";
import { errorText } from "../../common/error-text";
import { useServices } from "../../common/services";
import { ErrorBar } from "../../common/ui/ErrorBar";
import { usePaneStyles } from "../../common/ui/styles";
import { BasketDraft, checkBasketDraft } from "./basket-draft";
import { checkTickers, DEMO_CHECK, summarizeChecks, TickerCheckSummary } from "./ticker-check";
import { TickerField } from "./TickerField";

export interface BasketEditorProps {
  readonly heading: string;
  readonly initial: BasketDraft;
  /** The basket's name before this edit; absent when creating. */
  readonly previousName?: string;
  /** Names this basket may not take: every other basket, presets included. */
  readonly takenNames: readonly string[];
  readonly onSave: (basket: Basket, previousName?: string) => Promise<void>;
  readonly onCancel: () => void;
}

interface CheckedList {
  readonly tickers: string;
  readonly summary: TickerCheckSummary;
}

/** Create or edit a basket: name, description and tickers, checked as the analyst types. */
export function BasketEditor(props: BasketEditorProps) {
  const styles = usePaneStyles();
  const services = useServices();
  const [draft, setDraft] = useState(props.initial);
  const [nameEdited, setNameEdited] = useState(props.previousName !== undefined || props.initial.name !== "");
  const [showAll, setShowAll] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState<CheckedList | null>(null);

  const check = useMemo(() => checkBasketDraft(draft, props.takenNames), [draft, props.takenNames]);
  const tickerKey = check.tickers.join(",");
  const checkSummary = checked !== null && checked.tickers === tickerKey ? checked.summary : null;
  const nameMessage = (showAll || draft.name !== "") && check.nameMessage !== null ? check.nameMessage : null;
  const tickerProblems = showAll || draft.tickersText.trim() !== "" ? check.tickerMessages : [];

  const setLabel = (label: string): void =>
    setDraft((current) => ({
      ...current,
      label,
      name: nameEdited ? current.name : label.trim() === "" ? "" : suggestName(label, props.takenNames),
    }));

  const runCheck = async (): Promise<void> => {
    const provider = services.dataStatus().settings.provider;
    if (provider === "demo") {
      setChecked({ tickers: tickerKey, summary: DEMO_CHECK });
      return;
    }
    setChecking(true);
    try {
      const results = await checkTickers(check.tickers, services.loadHistory);
      setChecked({ tickers: tickerKey, summary: summarizeChecks(results, providerLabel(provider)) });
    } finally {
      setChecking(false);
    }
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setShowAll(true);
    if (check.basket === null || saving) return;
    setSaving(true);
    setSaveError(null);
    try {
      await props.onSave(check.basket, props.previousName);
    } catch (error) {
      // The draft stays as typed, so nothing is lost; the storage kept the old basket.
      setSaveError(errorText(error));
      setSaving(false);
    }
  };

  return (
    <form className={styles.section} onSubmit={(event) => void submit(event)} aria-label={props.heading} noValidate>
      <h3 className={styles.subheading}>{props.heading}</h3>
      <Field label="Description" hint="For people, e.g. Magnificent Seven.">
        <Input value={draft.label} onChange={(_event, data) => setLabel(data.value)} disabled={saving} autoFocus />
      </Field>
      <Field
        label="Name in formulas"
        required
        hint={`Letters, digits and underscores: =MKT.TOTAL_RETURN(${draft.name.trim() || "Small_Caps"}, "YTD")`}
        validationMessage={nameMessage ?? undefined}
        validationState={nameMessage === null ? "none" : "error"}
      >
        <Input
          value={draft.name}
          onChange={(_event, data) => {
            setNameEdited(true);
            setDraft((current) => ({ ...current, name: data.value }));
          }}
          disabled={saving}
        />
      </Field>
      <TickerField
        value={draft.tickersText}
        onChange={(tickersText) => setDraft((current) => ({ ...current, tickersText }))}
        problems={tickerProblems}
        tickerCount={check.tickers.length}
        check={checkSummary}
        checking={checking}
        onCheck={() => void runCheck()}
        disabled={saving}
      />
      {saveError !== null && <ErrorBar title="The basket was not saved" message={saveError} onDismiss={() => setSaveError(null)} />}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={saving}>
          {saving ? "Saving…" : "Save basket"}
        </Button>
        <Button onClick={props.onCancel} disabled={saving}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
