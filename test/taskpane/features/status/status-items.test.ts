import { lastRefreshText, statusItems } from "../../../../src/taskpane/features/status/status-items";

describe("status", () => {
  const status = (stats: object, lastRefresh: number | null = null) => ({
    settings: { provider: "yahoo" as const, apiKey: null, plan: "free", serverUrl: null },
    stats: { requests: 5, cacheHits: 7, coalesced: 1, errors: 0, ...stats } as never,
    failures: [],
    lastRefresh,
  });

  it("lists requests, cache hits, errors, stale answers and the last refresh, flagging problems", () => {
    const items = statusItems(status({ errors: 2, staleAnswers: 1, retries: 3 }), 0);
    expect(items.map((i) => [i.label, i.value, i.attention])).toEqual([
      ["Provider", "Yahoo Finance", false],
      ["Requests", "5", false],
      ["Cache hits", "7", false],
      ["Errors", "2", true],
      ["Retries", "3", false],
      ["Stale answers", "1", true],
      ["Last refresh", "not yet", false],
    ]);
  });

  it("shows zero stale answers and no retries line for a store that does not count them", () => {
    const labels = statusItems(status({}), 0).map((i) => `${i.label}=${i.value}`);
    expect(labels).toContain("Stale answers=0");
    expect(labels.some((l) => l.startsWith("Retries"))).toBe(false);
  });

  it("says how long ago the data was refreshed", () => {
    const at = Date.UTC(2026, 0, 2, 10, 0, 0);
    expect(lastRefreshText(at, at + 10_000)).toMatch(/just now/);
    expect(lastRefreshText(at, at + 5 * 60_000)).toMatch(/5 min ago/);
  });
});
