import { useEffect, useState } from "react";
import type { DataSourceStatus } from "../../../addin";
import { useServices } from "../../common/services";

export const STATUS_POLL_MS = 2_000;

/**
 * The data source's counters, re-read every 2 s while the pane is visible, and at once whenever
 * `changeHint` changes (e.g. when a task ends), so a finished action shows its requests.
 */
export function useDataStatus(changeHint?: unknown): DataSourceStatus {
  const services = useServices();
  const [status, setStatus] = useState(() => services.dataStatus());

  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | null = null;
    const read = (): void => setStatus(services.dataStatus());
    const start = (): void => {
      if (timer !== null) return;
      read();
      timer = setInterval(read, STATUS_POLL_MS);
    };
    const stop = (): void => {
      if (timer !== null) clearInterval(timer);
      timer = null;
    };
    const onVisibility = (): void => (document.visibilityState === "visible" ? start() : stop());
    onVisibility();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stop();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [services]);

  useEffect(() => {
    setStatus(services.dataStatus());
  }, [services, changeHint]);
  return status;
}
