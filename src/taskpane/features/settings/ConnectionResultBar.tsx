import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { ConnectionResult } from "./connection-test";

/** The outcome of "Test connection": which step failed and why, or that data flows. */
export function ConnectionResultBar({ result }: { result: ConnectionResult }) {
  return (
    <MessageBar intent={result.ok ? "success" : "error"} layout="multiline" role={result.ok ? "status" : "alert"}>
      <MessageBarBody>
        <MessageBarTitle>{result.ok ? "Connection works" : `${result.step}: failed`}</MessageBarTitle>
        {result.message}
      </MessageBarBody>
    </MessageBar>
  );
}
