import { DailySeries, HistoryProvider, HistoryRequest, MarketDataError, parseTicker } from "../../../src/market/core";
import type { ProviderSpec } from "../../../src/market/providers";
import {
  DEFAULT_RETRY_POLICY,
  LimitGate,
  LimitWait,
  LocalQuotaCounter,
  ResilientProvider,
  ResilientProviderOptions,
  retryDelayMs,
  sharedWording,
  withPlanLimits,
} from "../../../src/market/resilience";
import { drainMicrotasks, ManualClock } from "../../support/manual-clock";
import { makeSeries } from "../../support/series-builder";

type Outcome = DailySeries | MarketDataError | "hang" | "hang-ignoring-signal";

interface Call {
  readonly symbol: string;
  readonly request: HistoryRequest;
  readonly at: number;
  finish?: (outcome: DailySeries | MarketDataError) => void;
}

/** Answers from a script, one outcome per call; the last outcome repeats. Records when each call came. */
class ScriptedProvider implements HistoryProvider {
  readonly name = "scripted";
  readonly calls: Call[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(
    private readonly clock: ManualClock,
    private readonly script: Outcome[],
  ) {}

  fetchHistory(symbol: string, request: HistoryRequest = {}): Promise<DailySeries> {
    const call: Call = { symbol, request, at: this.clock.now() };
    this.calls.push(call);
    const outcome = this.script[Math.min(this.calls.length - 1, this.script.length - 1)];
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const done = <T>(value: T): T => (this.inFlight--, value);
    if (outcome instanceof MarketDataError) return Promise.reject(done(outcome));
    if (outcome !== "hang" && outcome !== "hang-ignoring-signal") return Promise.resolve(done(outcome));
    return new Promise((resolve, reject) => {
      call.finish = (value) => (done(value), value instanceof MarketDataError ? reject(value) : resolve(value));
      if (outcome === "hang") {
        request.signal?.addEventListener("abort", () => call.finish?.(new MarketDataError("unavailable", "cancelled upstream", symbol)));
      }
    });
  }
}

const IWM = makeSeries("IWM", [1, 2, 3]);
const unavailable = (n = 1): MarketDataError => new MarketDataError("unavailable", `Upstream is unavailable (HTTP 503) #${n}`, "IWM");
const rateLimited = (retryAfterSeconds: number | null): MarketDataError =>
  new MarketDataError("rate-limited", "Upstream is rate-limiting requests (HTTP 429)", "IWM", retryAfterSeconds);
const GENEROUS = { concurrency: 4, perMinute: 6000 };
const symbols20 = (): string[] => Array.from({ length: 20 }, (_, i) => `S${i}`);

function setup(script: Outcome[], options: Partial<ResilientProviderOptions> = {}) {
  const clock = new ManualClock(1_000_000);
  const upstream = new ScriptedProvider(clock, script);
  const provider = new ResilientProvider(upstream, { limits: GENEROUS, clock, random: () => 0.5, ...options });
  return { clock, upstream, provider };
}

/** Settles `promise` (as a result object) while the clock runs forward `ms`. */
async function settleAfter<T>(
  clock: ManualClock,
  promise: Promise<T>,
  ms: number,
): Promise<{ value?: T; error?: MarketDataError; at: number }> {
  let settled: { value?: T; error?: MarketDataError; at: number } | null = null;
  promise.then(
    (value) => (settled = { value, at: clock.now() }),
    (error: MarketDataError) => (settled = { error, at: clock.now() }),
  );
  await clock.advance(ms);
  if (settled === null) throw new Error(`still pending after ${ms} ms`);
  return settled;
}

describe("ResilientProvider: retries", () => {
  it("passes a success through with the provider's name, the since day and a signal", async () => {
    const { clock, upstream, provider } = setup([IWM]);
    const result = await settleAfter(clock, provider.fetchHistory(parseTicker("IWM"), { since: 20_000 }), 0);
    expect(result.value).toBe(IWM);
    expect(provider.name).toBe("scripted");
    expect(upstream.calls[0].request.since).toBe(20_000);
    expect(upstream.calls[0].request.signal).toBeInstanceOf(AbortSignal);
    expect(provider.stats()).toEqual({ requests: 1, retries: 0, rateLimitWaits: 0 });
  });

  it("retries an outage with jittered exponential backoff, 3 attempts in all, then gives the last failure", async () => {
    const { clock, upstream, provider } = setup([unavailable(1), unavailable(2), unavailable(3)]);
    const result = await settleAfter(clock, provider.fetchHistory(parseTicker("IWM")), 10_000);
    expect(result.error?.message).toBe("Upstream is unavailable (HTTP 503) #3");
    // random 0.5 of ceilings 1 s, 2 s.
    expect(upstream.calls.map((c) => c.at - 1_000_000)).toEqual([0, 500, 1500]);
    expect(provider.stats()).toEqual({ requests: 3, retries: 2, rateLimitWaits: 0 });
    expect(provider.retryCount()).toBe(2);
  });

  it("answers the first success after a failure", async () => {
    const { clock, upstream, provider } = setup([unavailable(), IWM]);
    expect((await settleAfter(clock, provider.fetchHistory(parseTicker("IWM")), 5000)).value).toBe(IWM);
    expect(upstream.calls).toHaveLength(2);
  });

  it.each(["bad-response", "unknown-symbol", "no-data", "invalid-key", "plan-limit", "invalid-symbol"] as const)(
    "does not retry %s",
    async (kind) => {
      const failure = new MarketDataError(kind, `it is ${kind}`, "IWM");
      const { clock, upstream, provider } = setup([failure, IWM]);
      const result = await settleAfter(clock, provider.fetchHistory(parseTicker("IWM")), 5000);
      expect(result.error).toBe(failure);
      expect(upstream.calls).toHaveLength(1);
    },
  );

  it("waits as long as Retry-After says, and counts it as a rate-limit wait", async () => {
    const { clock, upstream, provider } = setup([rateLimited(5), IWM]);
    const result = await settleAfter(clock, provider.fetchHistory(parseTicker("IWM")), 10_000);
    expect(result.value).toBe(IWM);
    expect(upstream.calls[1].at - upstream.calls[0].at).toBe(5000);
    expect(provider.stats()).toEqual({ requests: 2, retries: 1, rateLimitWaits: 1 });
  });

  it("backs off after a 429 without Retry-After", async () => {
    const { clock, upstream, provider } = setup([rateLimited(null), rateLimited(null), IWM]);
    expect((await settleAfter(clock, provider.fetchHistory(parseTicker("IWM")), 10_000)).value).toBe(IWM);
    expect(upstream.calls.map((c) => c.at - 1_000_000)).toEqual([0, 500, 1500]);
  });

  it("refuses at once when Retry-After is beyond the time budget, and holds other requests too", async () => {
    const { clock, upstream, provider } = setup([rateLimited(40), IWM], { label: "Yahoo Finance" });
    const first = await settleAfter(clock, provider.fetchHistory(parseTicker("IWM")), 0);
    expect(first.at).toBe(1_000_000);
    expect(first.error).toMatchObject({ kind: "rate-limited", symbol: "IWM", retryAfterSeconds: 40 });
    expect(first.error?.message).toBe("Yahoo Finance is rate-limiting requests (it asked to wait before the next one); try again in 40 s");

    await clock.advance(15_000);
    const other = await settleAfter(clock, provider.fetchHistory(parseTicker("QQQ")), 0);
    expect(other.error).toMatchObject({ kind: "rate-limited", symbol: "QQQ", retryAfterSeconds: 25 });
    expect(other.error?.message).toContain("try again in 25 s");
    expect(upstream.calls).toHaveLength(1);

    await clock.advance(25_000);
    expect((await settleAfter(clock, provider.fetchHistory(parseTicker("QQQ")), 0)).value).toBe(IWM);
  });

  it("holds other requests after a final 429 that named a wait, even with no attempts left", async () => {
    const { clock, upstream, provider } = setup([rateLimited(5), IWM], { retry: { maxAttempts: 1 } });
    expect((await settleAfter(clock, provider.fetchHistory(parseTicker("IWM")), 0)).error?.kind).toBe("rate-limited");
    const next = provider.fetchHistory(parseTicker("QQQ"));
    await clock.advance(4999);
    expect(upstream.calls).toHaveLength(1);
    expect((await settleAfter(clock, next, 1)).value).toBe(IWM);
    expect(upstream.calls[1].at - upstream.calls[0].at).toBe(5000);
  });

  it("gives up with the failure when the next backoff would overrun the budget", async () => {
    const { clock, upstream, provider } = setup([unavailable()], { retry: { budgetMs: 1000, baseDelayMs: 4000 }, random: () => 0.9 });
    const result = await settleAfter(clock, provider.fetchHistory(parseTicker("IWM")), 0);
    expect(result.error?.message).toContain("HTTP 503");
    expect(upstream.calls).toHaveLength(1);
  });

  it("makes as many attempts as configured", async () => {
    const { clock, upstream, provider } = setup([unavailable()], { retry: { maxAttempts: 1 } });
    await settleAfter(clock, provider.fetchHistory(parseTicker("IWM")), 10_000);
    expect(upstream.calls).toHaveLength(1);
    expect(() => setup([IWM], { retry: { maxAttempts: 0 } })).toThrow(RangeError);
  });
});

describe("ResilientProvider: time budget", () => {
  it("stops an attempt that hangs at the deadline, aborting the upstream request", async () => {
    const { clock, upstream, provider } = setup(["hang"], { label: "Yahoo Finance" });
    const result = await settleAfter(clock, provider.fetchHistory(parseTicker("IWM")), 30_000);
    expect(result.at - 1_000_000).toBe(20_000);
    expect(result.error).toMatchObject({ kind: "unavailable" });
    expect(result.error?.message).toBe("Yahoo Finance did not answer for IWM within the 20 s time limit");
    expect(upstream.calls[0].request.signal?.aborted).toBe(true);
    expect(upstream.calls).toHaveLength(1);
  });

  it("settles by the deadline even when the upstream ignores the abort", async () => {
    const { clock, upstream, provider } = setup([unavailable(), "hang-ignoring-signal"], { retry: { budgetMs: 5000 } });
    const result = await settleAfter(clock, provider.fetchHistory(parseTicker("IWM")), 6000);
    expect(result.at - 1_000_000).toBe(5000);
    expect(result.error?.message).toBe(
      "scripted did not answer for IWM within the 5 s time limit (last error: Upstream is unavailable (HTTP 503) #1)",
    );
    upstream.calls[1].finish?.(IWM); // a late answer changes nothing
    await drainMicrotasks();
  });

  it("reports a caller's cancellation without retrying", async () => {
    const { clock, upstream, provider } = setup(["hang"]);
    const controller = new AbortController();
    const pending = provider.fetchHistory(parseTicker("IWM"), { signal: controller.signal });
    await clock.advance(100);
    controller.abort();
    const result = await settleAfter(clock, pending, 0);
    expect(result.error).toMatchObject({ kind: "unavailable", message: "The request to scripted for IWM was cancelled" });
    expect(upstream.calls).toHaveLength(1);
  });

  it("leaves no timer behind once a call settles", async () => {
    const { clock, provider } = setup([IWM]);
    await settleAfter(clock, provider.fetchHistory(parseTicker("IWM")), 0);
    expect(clock.pending).toBe(0);
  });
});

describe("ResilientProvider: plan limits", () => {
  const ALPHA = { concurrency: 1, perMinute: 5, perDay: 25 };
  const symbols = (n: number): string[] => Array.from({ length: n }, (_, i) => `T${i}`);

  it("serves three tickers at once on a five-a-minute plan (the window's five tokens are there at once)", async () => {
    const { clock, upstream, provider } = setup([IWM], { limits: ALPHA, label: "Alpha Vantage", plan: "free" });
    const results = await settleAfter(clock, Promise.all(["IJH", "XLK", "QQQ"].map((s) => provider.fetchHistory(parseTicker(s)))), 0);
    expect(results.value).toHaveLength(3);
    expect(upstream.calls.map((call) => call.at - 1_000_000)).toEqual([0, 0, 0]);
    expect(provider.stats()).toEqual({ requests: 3, retries: 0, rateLimitWaits: 0 });
  });

  it("refuses at once a wait beyond the budget, saying when the request could be served, in the plan's unit", async () => {
    const { clock, upstream, provider } = setup([IWM], { limits: ALPHA, label: "Alpha Vantage", plan: "free" });
    await settleAfter(clock, Promise.all(symbols(5).map((s) => provider.fetchHistory(parseTicker(s)))), 0);
    await clock.advance(36_000);
    const sixth = await settleAfter(clock, provider.fetchHistory(parseTicker("C")), 0);
    // A token comes back a minute (and a second's margin) after its request was sent.
    expect(sixth.error).toMatchObject({ kind: "rate-limited", symbol: "C", retryAfterSeconds: 25 });
    expect(sixth.error?.message).toBe("Alpha Vantage allows 5 requests a minute on the free plan; try again in 25 s");
    expect(upstream.calls).toHaveLength(5);
  });

  it("speaks of an hourly plan in its unit: fifty an hour are fifty at once, the 51st an hour later", async () => {
    const { clock, upstream, provider } = setup([IWM], {
      limits: { concurrency: 1, perHour: 50, perDay: 1000 },
      label: "Tiingo",
      plan: "free",
    });
    await settleAfter(clock, Promise.all(symbols(50).map((s) => provider.fetchHistory(parseTicker(s)))), 0);
    expect(upstream.calls).toHaveLength(50);
    const refused = await settleAfter(clock, provider.fetchHistory(parseTicker("X")), 0);
    expect(refused.error?.message).toBe("Tiingo allows 50 requests an hour on the free plan; try again in 61 min");
    expect(refused.error?.retryAfterSeconds).toBe(3601);
  });

  it("waits in a first-come, first-served queue while the wait fits the caller's budget", async () => {
    const waits: LimitWait[] = [];
    const { clock, upstream, provider } = setup([IWM], {
      limits: ALPHA,
      label: "Alpha Vantage",
      plan: "free",
      retry: { budgetMs: 320_000 },
      maxWaitMs: 300_000,
      onWait: (wait) => waits.push(wait),
    });
    const all = Promise.all(symbols(9).map((s) => provider.fetchHistory(parseTicker(s))));
    await clock.advance(30_000);
    expect(upstream.calls).toHaveLength(5);
    const { value } = await settleAfter(clock, all, 32_000);
    expect(value).toHaveLength(9);
    expect(upstream.calls.map((call) => [call.symbol, call.at - 1_000_000])).toEqual([
      ...symbols(5).map((s) => [s, 0]),
      ...["T5", "T6", "T7", "T8"].map((s) => [s, 61_000]),
    ]);
    expect(waits.map((wait) => [wait.symbol, wait.untilMs - 1_000_000, wait.reason])).toEqual(
      ["T5", "T6", "T7", "T8"].map((s) => [s, 61_000, "Alpha Vantage's 5-a-minute limit"]),
    );
    expect(provider.stats()).toEqual({ requests: 9, retries: 0, rateLimitWaits: 4 });
    expect(clock.pending).toBe(0);
  });

  it("keeps every window: one a second and five a minute", async () => {
    const { clock, upstream, provider } = setup([IWM], {
      limits: { concurrency: 1, perSecond: 1, perMinute: 5 },
      retry: { budgetMs: 120_000 },
    });
    await settleAfter(clock, Promise.all(symbols(6).map((s) => provider.fetchHistory(parseTicker(s)))), 70_000);
    // Each window with its margin: 50 ms for a second, one second for a minute.
    expect(upstream.calls.map((call) => call.at - 1_000_000)).toEqual([0, 1050, 2100, 3150, 4200, 61_000]);
  });

  it("a caller that gives up while queued leaves the queue and its place goes to the next", async () => {
    const { clock, upstream, provider } = setup([IWM], { limits: ALPHA, retry: { budgetMs: 200_000 } });
    await settleAfter(clock, Promise.all(symbols(5).map((s) => provider.fetchHistory(parseTicker(s)))), 0);
    const controller = new AbortController();
    const cancelled = provider.fetchHistory(parseTicker("GONE"), { signal: controller.signal });
    const next = provider.fetchHistory(parseTicker("NEXT"));
    await clock.advance(10_000);
    controller.abort();
    expect((await settleAfter(clock, cancelled, 0)).error?.message).toBe("The request to scripted for GONE was cancelled");
    await settleAfter(clock, next, 52_000);
    expect(upstream.calls.map((call) => [call.symbol, call.at - 1_000_000]).slice(5)).toEqual([["NEXT", 61_000]]);
  });

  it("refuses once the daily quota is used up, as a plan limit, until midnight UTC", async () => {
    const { clock, upstream, provider } = setup([IWM], {
      limits: { concurrency: 2, perMinute: 600, perDay: 2 },
      label: "FMP",
      plan: "free",
    });
    await settleAfter(clock, provider.fetchHistory(parseTicker("A")), 1000);
    await settleAfter(clock, provider.fetchHistory(parseTicker("B")), 1000);
    const third = await settleAfter(clock, provider.fetchHistory(parseTicker("C")), 0);
    expect(third.error).toMatchObject({ kind: "plan-limit", symbol: "C" });
    expect(third.error?.message).toMatch(/^FMP allows 2 requests a day on the free plan and they are used up; try again in \d+ h$/);
    // Day 0 of 1970 began at 0 ms: the quota is back at 86 400 000 ms.
    expect(third.error?.retryAfterSeconds).toBe(Math.ceil((86_400_000 - clock.now()) / 1000));
    const fourth = await settleAfter(clock, provider.fetchHistory(parseTicker("D")), 0);
    expect(fourth.error?.kind).toBe("plan-limit");
    expect(upstream.calls).toHaveLength(2);
    await clock.advance(86_400_000 - clock.now());
    expect((await settleAfter(clock, provider.fetchHistory(parseTicker("E")), 0)).value).toBe(IWM);
  });

  it("counts a daily quota once for every provider sharing a counter and a key", async () => {
    const clock = new ManualClock(1_000_000);
    const counter = new LocalQuotaCounter();
    const quota = { counter, scope: { provider: "fmp", apiKey: "k" } };
    const limits = { concurrency: 2, perMinute: 600, perDay: 3 };
    const [a, b] = [0, 1].map(
      () => new ResilientProvider(new ScriptedProvider(clock, [IWM]), { limits, clock, quota, label: "FMP", plan: "free" }),
    );
    for (const [provider, symbol] of [
      [a, "A"],
      [b, "B"],
      [a, "C"],
    ] as const) {
      expect((await settleAfter(clock, provider.fetchHistory(parseTicker(symbol)), 0)).value).toBe(IWM);
    }
    expect((await settleAfter(clock, b.fetchHistory(parseTicker("D")), 0)).error?.kind).toBe("plan-limit");
    const other = new ResilientProvider(new ScriptedProvider(clock, [IWM]), {
      limits,
      clock,
      quota: { counter, scope: { provider: "fmp", apiKey: "another key" } },
    });
    expect((await settleAfter(clock, other.fetchHistory(parseTicker("D")), 0)).value).toBe(IWM);
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    const { clock, upstream, provider } = setup(["hang-ignoring-signal"], { limits: { concurrency: 2, perMinute: 6000 } });
    const pending = ["A", "B", "C", "D"].map((s) => provider.fetchHistory(parseTicker(s)));
    await clock.advance(1000);
    expect(upstream.calls.map((c) => c.symbol)).toEqual(["A", "B"]);
    upstream.calls[0].finish?.(IWM);
    await clock.advance(10);
    expect(upstream.calls.map((c) => c.symbol)).toEqual(["A", "B", "C"]);
    for (const call of upstream.calls.slice(1)) call.finish?.(IWM);
    await clock.advance(10);
    upstream.calls[3].finish?.(IWM);
    await settleAfter(clock, Promise.all(pending), 10);
    expect(upstream.maxInFlight).toBe(2);
  });

  it("gives up on a request that waited for a slot until the deadline", async () => {
    const { clock, upstream, provider } = setup(["hang-ignoring-signal"], {
      limits: { concurrency: 1, perMinute: 6000 },
      label: "Twelve Data",
      plan: "free",
    });
    const both = Promise.allSettled([provider.fetchHistory(parseTicker("A")), provider.fetchHistory(parseTicker("B"))]);
    const { value, at } = await settleAfter(clock, both, 21_000);
    expect(at - 1_000_000).toBe(20_000);
    const [a, b] = (value ?? []).map((r) => (r.status === "rejected" ? (r.reason as MarketDataError) : null));
    expect(a?.kind).toBe("unavailable");
    expect(b).toMatchObject({ kind: "rate-limited", symbol: "B" });
    expect(b?.message).toBe(
      "Too many requests are waiting for Twelve Data (1 at a time on the free plan); gave up on B after 20 s, try again shortly",
    );
    expect(upstream.calls).toHaveLength(1);
  });

  it("names a plan set with explicit numbers as the configured plan", async () => {
    const { clock, provider } = setup([IWM], { limits: { concurrency: 1, perMinute: 2 }, label: "Polygon.io", plan: null });
    await settleAfter(clock, Promise.all(["A", "B"].map((s) => provider.fetchHistory(parseTicker(s)))), 0);
    const third = await settleAfter(clock, provider.fetchHistory(parseTicker("C")), 0);
    expect(third.error?.message).toBe("Polygon.io allows 2 requests a minute on the configured plan; try again in 61 s");
  });

  it("withPlanLimits takes the spec's free plan and label", async () => {
    const clock = new ManualClock();
    const spec = { label: "Alpha Vantage", plans: { tiers: { free: ALPHA }, countsPer: ["minute", "day"] } } as unknown as ProviderSpec;
    const provider = withPlanLimits(spec, new ScriptedProvider(clock, [IWM]), { clock });
    await settleAfter(clock, Promise.all(symbols(5).map((s) => provider.fetchHistory(parseTicker(s)))), 0);
    const refused = await settleAfter(clock, provider.fetchHistory(parseTicker("F")), 0);
    expect(refused.error?.message).toBe("Alpha Vantage allows 5 requests a minute on the free plan; try again in 61 s");
  });
});

describe("ResilientProvider: the upstream's 429s, for the whole provider", () => {
  it("one 429 without Retry-After backs off the whole provider: 20 symbols make at most 20 calls, not 60", async () => {
    const { clock, upstream, provider } = setup([rateLimited(null)], {
      limits: { concurrency: 8, perMinute: 12_000 },
      label: "Yahoo Finance",
    });
    const all = Promise.allSettled(symbols20().map((s) => provider.fetchHistory(parseTicker(s))));
    const { value } = await settleAfter(clock, all, 21_000);
    expect(value?.every((r) => r.status === "rejected" && (r.reason as MarketDataError).kind === "rate-limited")).toBe(true);
    expect(upstream.calls.length).toBeLessThanOrEqual(20);
    // After the first wave (8 in flight), one request at a time probes, further apart each time
    // (half of jittered ceilings 1, 2, 4, 8, 8 s), until the budgets run out.
    const probes = upstream.calls.slice(8).map((call) => call.at - 1_000_000);
    expect(probes).toEqual([500, 1500, 3500, 7500, 11_500, 15_500]);
    const last = (value?.[19] as PromiseRejectedResult).reason as MarketDataError;
    expect(last.message).toMatch(/^Yahoo Finance is rate-limiting requests \(HTTP 429\); try again in \d+ s$/);
  });

  it("a success ends the backoff: a brief burst of 429s costs a few calls, every symbol is answered", async () => {
    const { clock, upstream, provider } = setup([rateLimited(null), rateLimited(null), IWM], {
      limits: { concurrency: 1, perMinute: 12_000 },
    });
    const { value } = await settleAfter(clock, Promise.all(symbols20().map((s) => provider.fetchHistory(parseTicker(s)))), 10_000);
    expect(value).toHaveLength(20);
    expect(upstream.calls).toHaveLength(22);
    // Once the probe succeeded, the rest went back to back.
    expect(new Set(upstream.calls.slice(3).map((call) => call.at)).size).toBe(1);
  });

  it("a Retry-After holds the requests already waiting for a slot too", async () => {
    const { clock, upstream, provider } = setup([rateLimited(5), IWM], { limits: { concurrency: 1, perMinute: 12_000 } });
    const all = Promise.all(["A", "B", "C"].map((s) => provider.fetchHistory(parseTicker(s))));
    const { value } = await settleAfter(clock, all, 6_000);
    expect(value).toHaveLength(3);
    expect(upstream.calls.map((call) => call.at - 1_000_000)).toEqual([0, 5000, 5000, 5000]);
  });

  it("shared gates: every key's requests count against the ceiling, and one key's Retry-After holds all", async () => {
    const clock = new ManualClock(1_000_000);
    const ceiling = new LimitGate({ limits: { concurrency: 2, perMinute: 100 }, clock, wording: sharedWording("Tiingo") });
    const upstreams = [0, 1, 2].map(() => new ScriptedProvider(clock, ["hang-ignoring-signal"]));
    const keyed = upstreams.map(
      (upstream) =>
        new ResilientProvider(upstream, { limits: { concurrency: 1, perHour: 50 }, clock, sharedGates: [ceiling], signalGate: ceiling }),
    );
    const pending = keyed.map((provider, i) => provider.fetchHistory(parseTicker(`K${i}`)).catch((error: MarketDataError) => error));
    await clock.advance(100);
    expect(upstreams.map((u) => u.calls.length)).toEqual([1, 1, 0]); // two in flight for all keys together
    upstreams[0].calls[0].finish?.(rateLimited(30));
    await clock.advance(100);
    expect(upstreams[2].calls).toHaveLength(0); // held by key 0's Retry-After
    upstreams[1].calls[0].finish?.(IWM);
    const results = await settleAfter(clock, Promise.all(pending), 0);
    expect((results.value?.[2] as MarketDataError).message).toBe(
      "scripted is rate-limiting requests (it asked to wait before the next one); try again in 30 s",
    );
  });
});

describe("retryDelayMs", () => {
  const policy = DEFAULT_RETRY_POLICY;

  it("draws uniformly below a ceiling that doubles per retry up to the maximum (full jitter)", () => {
    expect(retryDelayMs(unavailable(), 1, policy, () => 0.999)).toBeCloseTo(999, 6);
    expect(retryDelayMs(unavailable(), 2, policy, () => 0.5)).toBe(1000);
    expect(retryDelayMs(unavailable(), 3, policy, () => 0.5)).toBe(2000);
    expect(retryDelayMs(unavailable(), 10, policy, () => 0.5)).toBe(4000);
    expect(retryDelayMs(unavailable(), 1, policy, () => 0)).toBe(0);
  });

  it("uses Retry-After when the upstream sent one", () => {
    expect(retryDelayMs(rateLimited(7), 1, policy, () => 0.5)).toBe(7000);
    expect(retryDelayMs(rateLimited(0), 3, policy, () => 0.5)).toBe(0);
  });

  it("defaults to 3 attempts, a 20 s budget and 1 s first backoff", () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxAttempts: 3, budgetMs: 20_000, baseDelayMs: 1000, maxDelayMs: 8000 });
  });
});
