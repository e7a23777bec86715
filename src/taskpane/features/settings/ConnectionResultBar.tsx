import { MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { UseDemoDataButton } from "../../common/ui/UseDemoDataButton";
import type { ConnectionResult } from "./connection-test";

/** The outcome of "Test connection": which step failed and why (with demo data as a way on), or that data flows. */
export function ConnectionResultBar({ result, offerDemo, onDemo }: { result: ConnectionResult; offerDemo: boolean; onDemo: () => void }) {
  return (
    <MessageBar intent={result.ok ? "success" : "error"} layout="multiline" role={result.ok ? "status" : "alert"}>
      <MessageBarBody>
        <MessageBarTitle>{result.ok ? "Connection works" : `${result.step}: failed`}</MessageBarTitle>
        {result.message}
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
