import { HistoryStoreStats } from "./history-store";

/** The store's counters as a few lines for people (`mkt --stats`, the task pane's status). */
export function formatStats(stats: HistoryStoreStats): string {
  return [
    `Upstream requests: ${stats.requests} (${count(stats.retries, "retry", "retries")}, ${count(stats.errors, "failure", "failures")})`,
    `Answered from memory: ${stats.cacheHits}, from the persistent cache: ${stats.persistentHits}, by joining a request in flight: ${stats.coalesced}`,
    `Stale answers (refresh failed, older copy served): ${stats.staleAnswers}`,
  ].join("\n");
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
