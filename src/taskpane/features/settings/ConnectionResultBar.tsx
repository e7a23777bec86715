import { MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { UseDemoDataButton } from "../../common/ui/UseDemoDataButton";
import type { ConnectionResult, SettingsField } from "./connection-test";

/** The labels of the settings fields, as the form shows them. */
export const FIELD_LABELS: Readonly<Record<SettingsField, string>> = {
  apiKey: "API key",
  plan: "Plan of your key",
};

/** The outcome of "Test connection": which step failed and why (with demo data as a way on), or that data flows. */
export function ConnectionResultBar({ result, offerDemo, onDemo }: { result: ConnectionResult; offerDemo: boolean; onDemo: () => void }) {
  return (
    <MessageBar intent={result.ok ? "success" : "error"} layout="multiline" role={result.ok ? "status" : "alert"}>
      <MessageBarBody>
        <MessageBarTitle>{result.ok ? "Connection works" : `${result.step}: failed`}</MessageBarTitle>
        {/* A failure about one field is told next to that field. */}
        {result.ok || result.field === undefined ? result.message : `The reason is shown under “${FIELD_LABELS[result.field]}”.`}
        {offerDemo && " To work without it meanwhile, use demo data (synthetic prices, labelled as such)."}
      </MessageBarBody>
      {offerDemo && (
        <MessageBarActions>
          <UseDemoDataButton onSwitched={onDemo} />
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
