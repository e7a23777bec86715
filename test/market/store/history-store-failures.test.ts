import { HistoryProvider, MarketDataError, parseTicker } from "../../../src/market/core";
import { YahooProvider } from "../../../src/market/providers/yahoo";
import { ResilientProvider } from "../../../src/market/resilience";
import { HistoryStore } from "../../../src/market/store";
import { replayOf, yahooRecording } from "../../support/recordings";
import { makeSeries } from "../../support/series-builder";
import { ReplayServer, startReplayServer } from "../../support/replay-server";

/**
 * Finding 5 of the probe: failures were not remembered. With the upstream answering 500, 20
 * requests for one symbol made 60 upstream calls (3 attempts each). A failure with no copy to fall
 * back on now answers every get of that symbol for a short while (30 s, below the 60 s recheck
 * of a stale copy), and concurrent gets share one attempt.
 */

const TSLA = yahooRecording("historical-via-chart-dividends-TSLA-no-dividends.json");

let upstream: ReplayServer;
afterEach(() => upstream?.close());

/** Yahoo with its plan's retries (3 attempts), no backoff wait so the test runs in milliseconds. */
function retryingYahoo(): HistoryProvider {
  return new ResilientProvider(new YahooProvider({ baseUrl: upstream.url, timeoutMs: 2_000 }), {
    limits: { concurrency: 8 },
    random: () => 0,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<MarketDataError> {
  const [result] = await Promise.allSettled([promise]);
  expect(result.status).toBe("rejected");
  return (result as PromiseRejectedResult).reason as MarketDataError;
}

describe("HistoryStore failures", () => {
  it("20 requests for one symbol while the upstream answers 500 make one attempt's 3 calls, not 60", async () => {
    upstream = await startReplayServer([{ path: /^\/v8\/finance\/chart\//, respond: { status: 500, body: "Internal Server Error" } }]);
    const store = new HistoryStore(retryingYahoo());
    const first = await failureOf(store.get(parseTicker("IWM")));
    for (let i = 1; i < 20; i++) {
      const again = await failureOf(store.get(parseTicker("IWM")));
      expect(again.kind).toBe(first.kind);
      expect(again.message).toBe(first.message);
    }
    console.log(`20 sequential requests, upstream 500: ${upstream.requests.length} upstream calls`);
    expect(first.kind).toBe("unavailable");
    expect(upstream.requests).toHaveLength(3);
  });

  it("20 concurrent requests for one failing symbol share one attempt", async () => {
    upstream = await startReplayServer([{ path: /^\/v8\/finance\/chart\//, respond: { status: 500, body: "down", delayMs: 20 } }]);
    const store = new HistoryStore(retryingYahoo());
    const failures = await Promise.allSettled(Array.from({ length: 20 }, () => store.get(parseTicker("IWM"))));
    expect(failures.every((f) => f.status === "rejected")).toBe(true);
    expect(upstream.requests).toHaveLength(3);
  });

  it("remembers a failure for 30 s by default, then asks again; a success is not held back", async () => {
    let now = 1_780_000_000_000;
    let failing = true;
    upstream = await startReplayServer([
      { path: /^\/v8\/finance\/chart\//, respond: () => (failing ? { status: 500, body: "down" } : replayOf(TSLA)) },
    ]);
    const store = new HistoryStore(new YahooProvider({ baseUrl: upstream.url, timeoutMs: 2_000, now: () => now }), { now: () => now });
    await failureOf(store.get(parseTicker("TSLA")));
    failing = false;
    now += 29_000;
    await failureOf(store.get(parseTicker("TSLA")));
    expect(upstream.requests).toHaveLength(1);
    now += 1_000;
    expect((await store.get(parseTicker("TSLA"))).days.length).toBe(3303);
    expect(upstream.requests).toHaveLength(2);
  });

  it("keeps failures apart by key, so one analyst's bad key does not fail another's request", async () => {
    upstream = await startReplayServer([
      {
        path: /^\/v8\/finance\/chart\//,
        respond: (request) => (request.headers["x-test-key"] === "bad" ? { status: 500, body: "down" } : replayOf(TSLA)),
      },
    ]);
    const keyed: HistoryProvider = {
      name: "keyed",
      fetchHistory: (ticker, request) =>
        new YahooProvider({ baseUrl: upstream.url, timeoutMs: 2_000 }).fetchHistory(ticker, request).catch(() => {
          throw new MarketDataError(request?.apiKey === "bad" ? "invalid-key" : "unavailable", "refused", ticker);
        }),
    };
    // The replay server cannot see HistoryRequest.apiKey, so route by it here.
    const byKey: HistoryProvider = {
      name: "keyed",
      fetchHistory: async (ticker, request) => {
        if (request?.apiKey === "bad") throw new MarketDataError("invalid-key", "The key was refused", ticker);
        return keyed.fetchHistory(ticker, request);
      },
    };
    const store = new HistoryStore(byKey);
    expect((await failureOf(store.get(parseTicker("TSLA"), { apiKey: "bad" }))).kind).toBe("invalid-key");
    expect((await store.get(parseTicker("TSLA"), { apiKey: "good" })).days.length).toBe(3303);
  });

  it("forgets remembered failures on refresh()", async () => {
    upstream = await startReplayServer([{ path: /^\/v8\/finance\/chart\//, respond: { status: 500, body: "down" } }]);
    const store = new HistoryStore(new YahooProvider({ baseUrl: upstream.url, timeoutMs: 2_000 }));
    await failureOf(store.get(parseTicker("IWM")));
    store.refresh();
    await failureOf(store.get(parseTicker("IWM")));
    expect(upstream.requests).toHaveLength(2);
  });
});

describe("HistoryStore: refusals by the plan's limits", () => {
  /** Refuses every call with `error` until `serve` is set, then answers a series; counts the calls. */
  function scripted(error: () => MarketDataError) {
    const state = { calls: 0, serve: false };
    const provider: HistoryProvider = {
      name: "scripted",
      fetchHistory: async (ticker) => {
        state.calls++;
        if (!state.serve) throw error();
        return { ...makeSeries(ticker, [1, 2, 3]), provider: "scripted" };
      },
    };
    return { provider, state };
  }
  const refusal = (seconds: number | null, kind: "rate-limited" | "plan-limit" = "rate-limited") =>
    new MarketDataError(kind, `Tiingo allows 50 requests an hour on the free plan; try again in ${seconds ?? 1} s`, "IWM", seconds);

  it("remembers a refusal exactly until its retry time, not the 30 s of other failures", async () => {
    let now = 1_000_000;
    const short = scripted(() => refusal(5));
    const store = new HistoryStore(short.provider, { now: () => now });
    await failureOf(store.get(parseTicker("IWM")));
    now += 4_999;
    const remembered = await failureOf(store.get(parseTicker("IWM")));
    expect(short.state.calls).toBe(1);
    expect(remembered.retryAfterSeconds).toBe(1);
    expect(remembered.message).toBe("Tiingo allows 50 requests an hour on the free plan; try again in 1 s");
    now += 1;
    short.state.serve = true;
    await expect(store.get(parseTicker("IWM"))).resolves.toMatchObject({ symbol: "IWM" });
    expect(short.state.calls).toBe(2);
  });

  it("keeps a long refusal past 30 s, counting its wait down in the message", async () => {
    let now = 1_000_000;
    const long = scripted(
      () => new MarketDataError("rate-limited", "Tiingo allows 50 requests an hour on the free plan; try again in 61 min", "IWM", 3_660),
    );
    const store = new HistoryStore(long.provider, { now: () => now });
    await failureOf(store.get(parseTicker("IWM")));
    now += 31 * 60_000;
    const remembered = await failureOf(store.get(parseTicker("IWM")));
    expect(long.state.calls).toBe(1);
    expect(remembered.retryAfterSeconds).toBe(3_660 - 31 * 60);
    expect(remembered.message).toBe("Tiingo allows 50 requests an hour on the free plan; try again in 30 min");
    now += (3_660 - 31 * 60) * 1000;
    await failureOf(store.get(parseTicker("IWM")));
    expect(long.state.calls).toBe(2);
  });

  it("a used-up day (plan-limit with a time) is remembered until then too; one without a time for 30 s", async () => {
    let now = 1_000_000;
    const day = scripted(() => refusal(7_200, "plan-limit"));
    const store = new HistoryStore(day.provider, { now: () => now });
    await failureOf(store.get(parseTicker("IWM")));
    now += 3_600_000;
    await failureOf(store.get(parseTicker("IWM")));
    expect(day.state.calls).toBe(1);

    const premium = scripted(() => new MarketDataError("plan-limit", "premium endpoint", "IWM"));
    const other = new HistoryStore(premium.provider, { now: () => now });
    await failureOf(other.get(parseTicker("IWM")));
    now += 30_000;
    await failureOf(other.get(parseTicker("IWM")));
    expect(premium.state.calls).toBe(2);
  });

  it("forgetRefusals (Retry now) asks again at once; other failures stay remembered", async () => {
    let now = 1_000_000;
    let failing: MarketDataError | null = refusal(3_600);
    const calls: string[] = [];
    const provider: HistoryProvider = {
      name: "scripted",
      fetchHistory: async (ticker) => {
        calls.push(ticker);
        if (ticker === "XYZ") throw new MarketDataError("unavailable", "down", ticker);
        if (failing !== null) throw failing;
        return { ...makeSeries(ticker, [1, 2, 3]), provider: "scripted" };
      },
    };
    const store = new HistoryStore(provider, { now: () => now });
    await failureOf(store.get(parseTicker("IWM")));
    await failureOf(store.get(parseTicker("XYZ")));
    now += 1_000;
    failing = null;
    expect(store.forgetRefusals()).toBe(1);
    await expect(store.get(parseTicker("IWM"))).resolves.toMatchObject({ symbol: "IWM" });
    await failureOf(store.get(parseTicker("XYZ")));
    expect(calls).toEqual(["IWM", "XYZ", "IWM"]);
  });
});
