import { useEffect, useState } from "react";
import type { AddinSettings } from "../../../addin";
import { useServices } from "../services";

/** The settings the data source uses now, re-rendering whenever any part of the pane applies new ones. */
export function useSettings(): AddinSettings {
  const services = useServices();
  const [settings, setSettings] = useState(() => services.dataStatus().settings);
  useEffect(() => services.onSettingsChange(setSettings), [services]);
  return settings;
}
