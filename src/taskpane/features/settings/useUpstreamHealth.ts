import { useEffect, useState } from "react";
import type { AddinSettings } from "../../../addin";
import { useServices } from "../../common/services";
import { readUpstreamHealth, UpstreamHealth } from "./upstream-health";

/** How often the pane asks the data server about its upstream while visible. */
export const HEALTH_POLL_MS = 60_000;

/** The data server's word on its upstream, re-read when the settings change and every minute while the pane is visible. */
export function useUpstreamHealth(settings: AddinSettings): UpstreamHealth | null {
  const services = useServices();
  const [health, setHealth] = useState<UpstreamHealth | null>(null);

  useEffect(() => {
    let live = true;
    const read = (): void => {
      if (document.visibilityState === "hidden") return;
      void readUpstreamHealth(settings, { fetch: services.fetch, pageOrigin: services.pageOrigin }).then((next) => {
        if (live) setHealth(next);
      });
    };
    read();
    const timer = setInterval(read, HEALTH_POLL_MS);
    document.addEventListener("visibilitychange", read);
    return () => {
      live = false;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", read);
    };
  }, [services, settings]);
  return health;
}
