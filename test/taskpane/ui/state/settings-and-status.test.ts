import { checkSettingsDraft } from "../../../../src/taskpane/state/settings-draft";
import { lastRefreshText, statusItems } from "../../../../src/taskpane/state/status-items";

describe("settings form", () => {
  it("turns blank fields into 'use the default'", () => {
    expect(checkSettingsDraft({ provider: "yahoo", apiKey: "  ", serverUrl: "" }, "https://localhost:3000").settings).toEqual({
      provider: "yahoo",
      apiKey: null,
      serverUrl: null,
    });
  });

  it("flags a server address that is not http(s) and a key with spaces", () => {
    const check = checkSettingsDraft({ provider: "yahoo", apiKey: "ab cd", serverUrl: "localhost:3000" }, "https://localhost:3000");
    expect(check.serverMessage).toMatch(/must start with https:\/\//);
    expect(check.apiKeyMessage).toMatch(/no spaces/);
    expect(check.settings).toBeNull();
    expect(checkSettingsDraft({ provider: "yahoo", apiKey: "", serverUrl: "not a url" }, "https://x").serverMessage).toMatch(/not a web address/);
  });

  it("refuses an unknown provider", () => {
    expect(checkSettingsDraft({ provider: "bloomberg", apiKey: "", serverUrl: "" }, "https://x").providerMessage).toBe("Choose a data provider.");
  });
});

describe("status", () => {
  const status = (stats: object, lastRefresh: number | null = null) => ({
    settings: { provider: "yahoo" as const, apiKey: null, serverUrl: null },
    stats: { requests: 5, cacheHits: 7, coalesced: 1, errors: 0, ...stats } as never,
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
