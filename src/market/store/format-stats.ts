import { HistoryStoreStats } from "./history-store";

/**
 * The store's counters as a few lines for people (`mkt --stats`, the task pane's status). A data
 * source's counters (MarketStores.stats) add a line for the valuation part, already counted above.
 */
export function formatStats(stats: HistoryStoreStats & { readonly valuation?: HistoryStoreStats }): string {
  const lines = [
    `Upstream requests: ${stats.requests} (${count(stats.retries, "retry", "retries")}, ${count(stats.errors, "failure", "failures")})`,
    `Answered from memory: ${stats.cacheHits}, from the persistent cache: ${stats.persistentHits}, by joining a request in flight: ${stats.coalesced}`,
    `Stale answers (refresh failed, older copy served): ${stats.staleAnswers}`,
  ];
  const valuation = stats.valuation;
  if (valuation !== undefined) {
    const answered = valuation.cacheHits + valuation.persistentHits + valuation.coalesced;
    lines.push(
      `Of which valuation data (snapshots, earnings): ${count(valuation.requests, "upstream request", "upstream requests")}, ` +
        `${answered} answered without one, ${count(valuation.errors, "failure", "failures")}, ${valuation.staleAnswers} stale`,
    );
  }
  return lines.join("\n");
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
