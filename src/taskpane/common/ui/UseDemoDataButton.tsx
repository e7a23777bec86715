import { Button } from "@fluentui/react-components";
import { useState } from "react";
import { AddinSettings, DEFAULT_PLAN } from "../../../addin";
import { errorText } from "../error-text";
import { useServices } from "../services";

/**
 * One click to the demo provider, as an explicit choice saved in the settings (never a silent
 * fallback): the status then names the demo provider and tables say "demo data" in the sheet.
 * The key kept for the previous provider stays, so switching back needs no retyping.
 */
export function UseDemoDataButton({ onSwitched }: { onSwitched?: () => void }) {
  const services = useServices();
  const [error, setError] = useState<string | null>(null);
  const switchToDemo = (): void => {
    try {
      const next: AddinSettings = { provider: "demo", apiKey: null, plan: DEFAULT_PLAN, serverUrl: services.readSettings().serverUrl };
      services.writeSettings(next);
      services.applySettings(next);
      setError(null);
      onSwitched?.();
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <>
      <Button size="small" onClick={switchToDemo}>
        Use demo data
      </Button>
      {error !== null && <span role="alert">{error}</span>}
    </>
  );
}
