import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useState } from "react";
import { isProviderName, providerLabel } from "../../../market";
import { useSettings } from "../../common/hooks/useSettings";
import { UseDemoDataButton } from "../../common/ui/UseDemoDataButton";
import { upstreamDown } from "./upstream-health";
import { useUpstreamHealth } from "./useUpstreamHealth";

/**
 * Says at once, above everything, when the data server reports that the provider the settings
 * use cannot be reached, and offers demo data in one click (an explicit choice, shown as such).
 */
export function UpstreamNotice() {
  const settings = useSettings();
  const health = useUpstreamHealth(settings);
  const [switched, setSwitched] = useState(false);

  if (switched && settings.provider === "demo") {
    return (
      <MessageBar intent="info" layout="multiline" data-testid="demo-choice">
        <MessageBarBody>
          <MessageBarTitle>Using demo data</MessageBarTitle>
          You chose synthetic prices: tables and charts say "demo data" in the sheet. Switch back in Settings when the provider is
          reachable.
        </MessageBarBody>
        <MessageBarActions>
          <Button appearance="transparent" size="small" onClick={() => setSwitched(false)}>
            Dismiss
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  if (!upstreamDown(health, settings)) return null;
  const label = isProviderName(health.provider) ? providerLabel(health.provider) : health.provider;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="upstream-notice">
      <MessageBarBody>
        <MessageBarTitle>{label} cannot be reached</MessageBarTitle>
        The data server cannot reach {label}
        {health.message === null ? "." : `: ${health.message.replace(/[.!?]?\s*$/, ".")}`} Cells show #N/A until it is back. Meanwhile you
        can work with demo data (synthetic prices, labelled as such).
      </MessageBarBody>
      <MessageBarActions>
        <UseDemoDataButton onSwitched={() => setSwitched(true)} />
      </MessageBarActions>
    </MessageBar>
  );
}
