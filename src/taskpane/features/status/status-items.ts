import type { DataSourceStatus } from "../../../addin";
import { providerLabel } from "../../../market";

export interface StatusItem {
  readonly label: string;
  readonly value: string;
  /** Highlighted when something needs the analyst's attention. */
  readonly attention: boolean;
  /** Takes a whole line (its value is long text). */
  readonly wide?: boolean;
}

/** Counters the store may or may not have yet (retries and stale answers arrive with the retrying store). */
function count(stats: object, key: string): number | null {
  const value = (stats as Record<string, unknown>)[key];
  return typeof value === "number" ? value : null;
}

export function lastRefreshText(lastRefresh: number | null, now: number): string {
  if (lastRefresh === null) return "not yet";
  const time = new Date(lastRefresh).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const minutes = Math.floor((now - lastRefresh) / 60_000);
  if (minutes < 1) return `${time} (just now)`;
  return `${time} (${minutes} min ago)`;
}

/** What the pane's status area shows, in order. */
export function statusItems(status: DataSourceStatus, now: number): StatusItem[] {
  const { stats } = status;
  const items: StatusItem[] = [
    { label: "Provider", value: providerLabel(status.settings.provider), attention: false, wide: true },
    { label: "Requests", value: String(stats.requests), attention: false },
    { label: "Cache hits", value: String(stats.cacheHits), attention: false },
    { label: "Errors", value: String(stats.errors), attention: stats.errors > 0 },
  ];
  const retries = count(stats, "retries");
  if (retries !== null) items.push({ label: "Retries", value: String(retries), attention: false });
  const stale = count(stats, "staleAnswers") ?? 0;
  items.push({ label: "Stale answers", value: String(stale), attention: stale > 0 });
  items.push({ label: "Last refresh", value: lastRefreshText(status.lastRefresh, now), attention: false, wide: true });
  return items;
}
