import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

/** Says plainly that nothing here touches a workbook. */
export function PreviewBanner() {
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="preview-banner">
      <MessageBarBody>
        <MessageBarTitle>Preview: not connected to Excel</MessageBarTitle>
        Tables are drawn beside this pane and baskets are kept in this browser. Open the add-in in Excel to work on a workbook.
      </MessageBarBody>
    </MessageBar>
  );
}
