import { DailySeries, MarketDataError, MarketErrorKind, parseTicker } from "../../src/market/core";
import { HistoryStore, SeriesCache } from "../../src/market/store";
import { ResilientProvider } from "../../src/market/resilience";
import { YahooProvider } from "../../src/market/providers/yahoo";
import { fixtureText, replayOf, yahooRecording } from "../support/recordings";
import { ReplayServer, Responder, startReplayServer } from "../support/replay-server";
import { makeSeries } from "../support/series-builder";

/**
 * Faults of a real upstream, replayed on loopback, through the stack the server and CLI use:
 * YahooProvider (short timeout) → ResilientProvider (real clock, short backoff) → HistoryStore.
 */

const TSLA = yahooRecording("historical-via-chart-dividends-TSLA-no-dividends.json");
const PROVIDER_TIMEOUT_MS = 300;
const BUDGET_MS = 3000;
/** Every call must settle within this, whatever the upstream does. */
const SETTLE_BOUND_MS = 2500;
const EDGE_429 = fixtureText("yahoo/transcribed/http429_body_Edge_Too_Many_Requests.txt");

let server: ReplayServer | undefined;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

beforeAll(() => process.on("unhandledRejection", onUnhandled));
afterAll(() => process.off("unhandledRejection", onUnhandled));
afterEach(async () => {
  await server?.close();
  server = undefined;
  expect(unhandled).toEqual([]);
});

interface Stack {
  readonly server: ReplayServer;
  readonly resilient: ResilientProvider;
  readonly store: HistoryStore;
}

async function stack(
  respond: Responder,
  options: { cache?: SeriesCache; budgetMs?: number; providerTimeoutMs?: number } = {},
): Promise<Stack> {
  server = await startReplayServer([{ path: /^\/v8\/finance\/chart\//, respond }]);
  const yahoo = new YahooProvider({ baseUrl: server.url, timeoutMs: options.providerTimeoutMs ?? PROVIDER_TIMEOUT_MS });
  const resilient = new ResilientProvider(yahoo, {
    limits: { concurrency: 4, perMinute: 600 },
    label: "Yahoo Finance",
    retry: { budgetMs: options.budgetMs ?? BUDGET_MS, baseDelayMs: 40, maxDelayMs: 100 },
    random: () => 0.5,
  });
  return { server, resilient, store: new HistoryStore(resilient, { cache: options.cache }) };
}

interface Outcome {
  readonly series?: DailySeries;
  readonly error?: MarketDataError;
  readonly elapsedMs: number;
}

async function outcome(promise: Promise<DailySeries>): Promise<Outcome> {
  const started = Date.now();
  try {
    const series = await promise;
    return { series, elapsedMs: Date.now() - started };
  } catch (error) {
    expect(error).toBeInstanceOf(MarketDataError);
    return { error: error as MarketDataError, elapsedMs: Date.now() - started };
  }
}

function expectFailure(result: Outcome, kind: MarketErrorKind, message: string | RegExp): void {
  expect(result.series).toBeUndefined();
  expect(result.error?.kind).toBe(kind);
  if (typeof message === "string") expect(result.error?.message).toBe(message);
  else expect(result.error?.message).toMatch(message);
  expect(result.elapsedMs).toBeLessThan(SETTLE_BOUND_MS);
}

const chartError = (code: string, description: string): string => JSON.stringify({ chart: { result: null, error: { code, description } } });

describe("faults that a retry may fix: retried, bounded, then reported", () => {
  it("429 with Retry-After within the budget: waits that long, then answers", async () => {
    const { server, store } = await stack((_request, call) =>
      call === 0 ? { status: 429, headers: { "retry-after": "1", "content-type": "text/plain" }, body: EDGE_429 } : replayOf(TSLA),
    );
    const result = await outcome(store.get(parseTicker("TSLA")));
    expect(result.series?.days.length).toBe(3303);
    expect(server.requests).toHaveLength(2);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(950);
    expect(result.elapsedMs).toBeLessThan(SETTLE_BOUND_MS);
    expect(store.stats()).toMatchObject({ requests: 1, retries: 1, errors: 0 });
  });

  it("429 with a Retry-After beyond the budget: refused at once, saying when to try again", async () => {
    const { server, store } = await stack({ status: 429, headers: { "retry-after": "40" }, body: EDGE_429 });
    const result = await outcome(store.get(parseTicker("IWM")));
    expectFailure(
      result,
      "rate-limited",
      "Yahoo Finance is rate-limiting requests (it asked to wait before the next one); try again in 40 s",
    );
    expect(result.error?.retryAfterSeconds).toBe(40);
    expect(result.elapsedMs).toBeLessThan(500);
    expect(server.requests).toHaveLength(1);
    // Other symbols are held too, without asking upstream.
    expectFailure(await outcome(store.get(parseTicker("QQQ"))), "rate-limited", /try again in (39|40) s$/);
    expect(server.requests).toHaveLength(1);
  });

  it("429 without Retry-After: 3 attempts with backoff, then rate-limited", async () => {
    const { server, store } = await stack({ status: 429, headers: { "content-type": "text/plain" }, body: EDGE_429 });
    const result = await outcome(store.get(parseTicker("IWM")));
    expectFailure(result, "rate-limited", "Yahoo is rate-limiting requests (HTTP 429) for IWM: try again in a minute");
    expect(server.requests).toHaveLength(3);
    expect(store.stats()).toMatchObject({ requests: 1, retries: 2, errors: 1 });
  });

  it.each([500, 502, 503])("HTTP %i: 3 attempts, then unavailable", async (status) => {
    const { server, store } = await stack({
      status,
      headers: { "content-type": "text/html" },
      body: "<html><body>Service Unavailable</body></html>",
    });
    expectFailure(
      await outcome(store.get(parseTicker("IWM"))),
      "unavailable",
      `Yahoo is unavailable (HTTP ${status}) for IWM: try again later`,
    );
    expect(server.requests).toHaveLength(3);
  });

  it("a 503 that clears on the second attempt is not an error", async () => {
    const { server, store } = await stack((_request, call) => (call === 0 ? { status: 503, body: "" } : replayOf(TSLA)));
    const result = await outcome(store.get(parseTicker("TSLA")));
    expect(result.series?.symbol).toBe("TSLA");
    expect(server.requests).toHaveLength(2);
    expect(store.stats()).toMatchObject({ retries: 1, errors: 0, staleAnswers: 0 });
  });

  it.each(["before-headers", "mid-body"] as const)("connection reset %s: 3 attempts, then unavailable", async (drop) => {
    const { server, store } = await stack(replayOf(TSLA, { drop }));
    expectFailure(
      await outcome(store.get(parseTicker("TSLA"))),
      "unavailable",
      /^Could not reach Yahoo for TSLA: the connection was dropped/,
    );
    expect(server.requests).toHaveLength(3);
  });

  it("a response that never ends: each attempt times out, 3 attempts, well within the bound", async () => {
    const { server, store } = await stack(replayOf(TSLA, { hang: "after-headers" }));
    const result = await outcome(store.get(parseTicker("TSLA")));
    expectFailure(result, "unavailable", "Yahoo did not answer within 0.3 s for TSLA: the request timed out");
    expect(server.requests).toHaveLength(3);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(3 * PROVIDER_TIMEOUT_MS - 50);
  });

  it("an upstream slower than the whole budget is cut off at the budget", async () => {
    const { server, store } = await stack(replayOf(TSLA, { hang: "before-headers" }), { budgetMs: 800, providerTimeoutMs: 10_000 });
    const result = await outcome(store.get(parseTicker("TSLA")));
    expectFailure(result, "unavailable", "Yahoo Finance did not answer for TSLA within the 1 s time limit");
    expect(result.elapsedMs).toBeGreaterThanOrEqual(750);
    expect(result.elapsedMs).toBeLessThan(1500);
    expect(server.requests).toHaveLength(1);
  });
});

describe("faults a retry cannot fix: reported after one request", () => {
  it.each([
    [
      "truncated JSON",
      replayOf(TSLA, { truncateAfterBytes: 5000 }),
      "bad-response",
      /^Yahoo sent an unreadable response for IWM \(HTTP 200, incomplete or invalid JSON instead of chart JSON\)$/,
    ],
    [
      "HTML instead of JSON",
      { status: 200, headers: { "content-type": "text/html" }, body: "<!doctype html><title>Consent</title>" },
      "bad-response",
      /an HTML page instead of chart JSON/,
    ],
    ["an empty body", { status: 200, body: "" }, "bad-response", /an empty body instead of chart JSON/],
    [
      "an empty result list",
      { status: 200, body: JSON.stringify({ chart: { result: [], error: null } }) },
      "no-data",
      "Yahoo has no daily prices for IWM",
    ],
    [
      "a result without bars",
      {
        status: 200,
        body: JSON.stringify({
          chart: { result: [{ meta: { exchangeTimezoneName: "America/New_York" }, indicators: { quote: [{}] } }], error: null },
        }),
      },
      "no-data",
      "Yahoo has no daily prices for IWM",
    ],
    [
      "HTTP 200 with error 'Not Found'",
      { status: 200, body: chartError("Not Found", "No data found, symbol may be delisted") },
      "unknown-symbol",
      "Yahoo has no data for IWM: the ticker is unknown or delisted",
    ],
    [
      "HTTP 200 with error 'Data doesn't exist'",
      { status: 200, body: chartError("Bad Request", "Data doesn't exist for startDate = 1, endDate = 2") },
      "no-data",
      "Yahoo has no daily prices for IWM",
    ],
    [
      "HTTP 200 with some other error",
      { status: 200, body: chartError("Internal Server Error", "Unexpected") },
      "bad-response",
      /Yahoo says Internal Server Error: Unexpected/,
    ],
  ] as const)("%s", async (_label, response, kind, message) => {
    const { server, store } = await stack(response);
    expectFailure(await outcome(store.get(parseTicker("IWM"))), kind, message);
    expect(server.requests).toHaveLength(1);
    expect(store.stats()).toMatchObject({ requests: 1, retries: 0, errors: 1 });
  });
});

describe("faults with a cached copy: the copy answers, marked stale", () => {
  class OneEntryCache implements SeriesCache {
    constructor(private series: DailySeries | null) {}
    async get(): Promise<DailySeries | null> {
      return this.series;
    }
    async set(_key: string, series: DailySeries): Promise<void> {
      this.series = series;
    }
    async delete(): Promise<void> {}
    async clear(): Promise<void> {}
  }
  const lastWeek = (): DailySeries => ({
    ...makeSeries("TSLA", [200, 201, 202]),
    provider: "yahoo",
    fetchedAt: Date.now() - 7 * 86_400_000,
  });

  it.each([
    ["HTTP 503", { status: 503, body: "" }, 3, /^Yahoo is unavailable \(HTTP 503\)/],
    ["a connection reset", replayOf(TSLA, { drop: "before-headers" as const }), 3, /^Could not reach Yahoo for TSLA/],
    ["a response that never ends", replayOf(TSLA, { hang: "after-headers" as const }), 3, /did not answer within 0.3 s/],
    ["HTML instead of JSON", { status: 200, body: "<html></html>" }, 1, /an HTML page/],
    ["429 with a long Retry-After", { status: 429, headers: { "retry-after": "120" }, body: EDGE_429 }, 1, /try again in 2 min$/],
  ])("%s", async (_label, response, requests, reason) => {
    const cached = lastWeek();
    const { server, store } = await stack(response, { cache: new OneEntryCache(cached) });
    const gets = Array.from({ length: 10 }, () => outcome(store.get(parseTicker("TSLA"))));
    const results = await Promise.all(gets);
    for (const result of results) {
      expect(result.error).toBeUndefined();
      expect(result.series?.staleBecause).toMatch(reason);
      expect(result.series?.adjClose).toBe(cached.adjClose);
      expect(result.elapsedMs).toBeLessThan(SETTLE_BOUND_MS);
    }
    expect(server.requests).toHaveLength(requests);
    expect(store.stats()).toMatchObject({ requests: 1, coalesced: 9, errors: 1, staleAnswers: 10 });
  });

  it("a good answer after a fault replaces the stale copy", async () => {
    const cache = new OneEntryCache(lastWeek());
    const { store } = await stack((_request, call) => (call < 3 ? { status: 503, body: "" } : replayOf(TSLA)), { cache });
    expect((await store.get(parseTicker("TSLA"))).staleBecause).toBeDefined();
    store.refresh();
    const fresh = await store.get(parseTicker("TSLA"));
    expect(fresh.staleBecause).toBeUndefined();
    expect(fresh.days.length).toBe(3303);
    await store.flush();
    expect((await cache.get())?.days.length).toBe(3303);
  });
});
