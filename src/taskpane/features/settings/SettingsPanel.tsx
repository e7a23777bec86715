import { Button, Field, Input, makeStyles, Select, Spinner } from "@fluentui/react-components";
import { FormEvent, useEffect, useState } from "react";
import { PROVIDER_NAMES, providerLabel } from "../../../market";
import { errorText } from "../../common/error-text";
import { useServices } from "../../common/services";
import { ErrorBar } from "../../common/ui/ErrorBar";
import { usePaneStyles } from "../../common/ui/styles";
import { SuccessBar } from "../../common/ui/SuccessBar";
import { ConnectionResult, SettingsField, testConnection } from "./connection-test";
import { ConnectionResultBar, FIELD_LABELS } from "./ConnectionResultBar";
import { checkSettingsDraft, draftOfSettings, planChoices, planRefusalOf, SettingsDraft } from "./settings-draft";

/** A plan's limits in words must not widen the pane: the select shrinks to its field and cuts the text. */
const useStyles = makeStyles({
  root: { minWidth: 0, maxWidth: "100%" },
  select: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
});

/**
 * Provider, API key (with its plan, for providers with keys) and data server: kept in this
 * browser's add-in storage, never in the workbook.
 */
export function SettingsPanel() {
  const styles = usePaneStyles();
  const planStyles = useStyles();
  const services = useServices();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOfSettings(services.readSettings()));
  const [saved, setSaved] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<ConnectionResult | null>(null);
  const [switchedToDemo, setSwitchedToDemo] = useState(false);
  const check = checkSettingsDraft(draft, services.pageOrigin);
  const plans = planChoices(draft.provider);
  // The data server refused the saved plan for the cells' requests (a 400 naming x-mkt-plan).
  const current = services.readSettings();
  const planRefused =
    current.provider === draft.provider && current.plan === draft.plan ? planRefusalOf(services.dataStatus().failures) : null;
  /** Test connection's failure, when it is about `name` (shown next to that field). */
  const failureAt = (name: SettingsField): string | null =>
    result !== null && !result.ok && result.field === name ? result.message : null;

  // Settings applied elsewhere (the "Use demo data" buttons) show in the form at once.
  useEffect(
    () =>
      services.onSettingsChange((settings) => {
        setDraft(draftOfSettings(settings));
        setResult(null);
      }),
    [services],
  );

  const update = (change: Partial<SettingsDraft>): void => {
    setDraft((current) => ({ ...current, ...change }));
    setSaved(false);
    setResult(null);
    setSwitchedToDemo(false);
  };

  const save = (event: FormEvent): void => {
    event.preventDefault();
    if (check.settings === null) return;
    try {
      services.writeSettings(check.settings);
      services.applySettings(check.settings);
      setSaveError(null);
      setSwitchedToDemo(false);
      setSaved(true);
    } catch (error) {
      setSaveError(errorText(error));
    }
  };

  const test = async (): Promise<void> => {
    if (check.settings === null) return;
    setTesting(true);
    setResult(null);
    try {
      setResult(await testConnection(check.settings, { fetch: services.fetch, pageOrigin: services.pageOrigin }));
    } finally {
      setTesting(false);
    }
  };

  const message = (text: string | null) => ({
    validationMessage: text ?? undefined,
    validationState: text === null ? ("none" as const) : ("error" as const),
  });
  return (
    <form className={styles.section} onSubmit={save} aria-labelledby="settings-heading" noValidate>
      <h2 id="settings-heading" className={styles.heading}>
        Data settings
      </h2>
      <p className={styles.muted}>Kept in this browser for this add-in only: never in the workbook, so shared files carry no key.</p>
      <Field label="Data provider" {...message(check.providerMessage)}>
        <Select
          value={draft.provider}
          // Keys are kept per provider: a key typed for one provider must not be saved under another.
          onChange={(_event, data) => {
            const stored = services.readSettings();
            const same = data.value === stored.provider;
            update({ provider: data.value, apiKey: same ? (stored.apiKey ?? "") : "", plan: same ? stored.plan : "free" });
          }}
        >
          {PROVIDER_NAMES.map((name) => (
            <option key={name} value={name}>
              {providerLabel(name)}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label={FIELD_LABELS.apiKey}
        hint="Your own key for this provider; leave empty to use the server's team key, if any."
        {...message(check.apiKeyMessage ?? failureAt("apiKey"))}
      >
        <Input type="password" autoComplete="off" value={draft.apiKey} onChange={(_event, data) => update({ apiKey: data.value })} />
      </Field>
      {plans.length > 0 && (
        <Field
          label={FIELD_LABELS.plan}
          hint="Sent with your key, so the data server keeps your requests to that plan's limits. Without a key of your own, the server's team plan applies."
          {...message(check.planMessage ?? failureAt("plan") ?? planRefused)}
        >
          <Select
            className={planStyles.root}
            select={{ className: planStyles.select }}
            value={draft.plan}
            onChange={(_event, data) => update({ plan: data.value })}
          >
            {plans.map((plan) => (
              <option key={plan.value} value={plan.value}>
                {plan.label}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field
        label="Data server address"
        hint={`Leave empty to use the add-in's own server (${services.pageOrigin}).`}
        {...message(check.serverMessage)}
      >
        <Input
          type="url"
          value={draft.serverUrl}
          placeholder={services.pageOrigin}
          onChange={(_event, data) => update({ serverUrl: data.value })}
        />
      </Field>
      {saveError !== null && <ErrorBar title="Settings not saved" message={saveError} onDismiss={() => setSaveError(null)} />}
      {saved && <SuccessBar title="Settings saved" message="Cells and the pane now use these settings; refresh data to refetch." />}
      {switchedToDemo && (
        <SuccessBar
          title="Switched to demo data"
          message="Cells and the pane now use synthetic prices, and tables say so in the sheet; refresh data to recompute."
        />
      )}
      {result !== null && (
        <ConnectionResultBar
          result={result}
          offerDemo={!result.ok && check.settings?.provider !== "demo"}
          onDemo={() => {
            setSaved(false);
            setSwitchedToDemo(true);
          }}
        />
      )}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={check.settings === null}>
          Save settings
        </Button>
        <Button onClick={() => void test()} disabled={testing || check.settings === null}>
          Test connection
        </Button>
        {testing && <Spinner size="tiny" label="Testing…" />}
      </div>
    </form>
  );
}
