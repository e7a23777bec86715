import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

/** A failure reported by the workbook or storage, where the action was started. */
export function ErrorBar({ title, message, onDismiss }: { title: string; message: string; onDismiss?: () => void }) {
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message}
      </MessageBarBody>
      {onDismiss !== undefined && (
        <MessageBarActions>
          <Button appearance="transparent" size="small" onClick={onDismiss}>
            Dismiss
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
