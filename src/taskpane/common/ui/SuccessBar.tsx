import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

/** What a finished action did, e.g. where a table went. */
export function SuccessBar({ title, message }: { title: string; message: string }) {
  return (
    <MessageBar intent="success" layout="multiline" role="status">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message}
      </MessageBarBody>
    </MessageBar>
  );
}
