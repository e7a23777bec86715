import { DailySeries, HistoryProvider, HistoryRequest, MarketDataError, parseTicker } from "../../../src/market/core";
import type { ProviderSpec } from "../../../src/market/providers";
import {
  DEFAULT_RETRY_POLICY,
  ResilientProvider,
  ResilientProviderOptions,
  retryDelayMs,
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
const GENEROUS = { concurrency: 4, requestsPerMinute: 6000, requestsPerDay: null };

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
  const ALPHA = { concurrency: 1, requestsPerMinute: 5, requestsPerDay: 25 };

  it("spaces requests by the per-minute rate and refuses at once a wait beyond the budget", async () => {
    const { clock, upstream, provider } = setup([IWM], { limits: ALPHA, label: "Alpha Vantage", plan: "free" });
    const a = provider.fetchHistory(parseTicker("A"));
    const b = provider.fetchHistory(parseTicker("B"));
    const c = provider.fetchHistory(parseTicker("C"));
    const third = await settleAfter(clock, c, 0);
    expect(third.at).toBe(1_000_000);
    expect(third.error).toMatchObject({ kind: "rate-limited", symbol: "C", retryAfterSeconds: 24 });
    expect(third.error?.message).toBe("Alpha Vantage allows 5 requests a minute on the free plan; try again in 24 s");

    await settleAfter(clock, Promise.all([a, b]), 12_000);
    expect(upstream.calls.map((call) => [call.symbol, call.at - 1_000_000])).toEqual([
      ["A", 0],
      ["B", 12_000],
    ]);
    expect(provider.stats()).toEqual({ requests: 2, retries: 0, rateLimitWaits: 1 });
  });

  it("lets `burst` requests go out back to back", async () => {
    const { clock, upstream, provider } = setup([IWM], { limits: ALPHA, burst: 5 });
    await settleAfter(clock, Promise.all(["A", "B", "C", "D", "E"].map((s) => provider.fetchHistory(parseTicker(s)))), 0);
    expect(upstream.calls).toHaveLength(5);
  });

  it("refuses once the daily quota is used up, as a plan limit", async () => {
    const { clock, upstream, provider } = setup([IWM], {
      limits: { concurrency: 2, requestsPerMinute: 600, requestsPerDay: 2 },
      label: "FMP",
      plan: "free",
    });
    await settleAfter(clock, provider.fetchHistory(parseTicker("A")), 1000);
    await settleAfter(clock, provider.fetchHistory(parseTicker("B")), 1000);
    const third = await settleAfter(clock, provider.fetchHistory(parseTicker("C")), 0);
    expect(third.error).toMatchObject({ kind: "plan-limit", symbol: "C" });
    expect(third.error?.message).toMatch(/^FMP allows 2 requests a day on the free plan and they are used up; try again in \d+ h$/);
    expect(upstream.calls).toHaveLength(2);
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    const { clock, upstream, provider } = setup(["hang-ignoring-signal"], {
      limits: { concurrency: 2, requestsPerMinute: 6000, requestsPerDay: null },
    });
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
      limits: { concurrency: 1, requestsPerMinute: 6000, requestsPerDay: null },
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

  it("withPlanLimits takes the spec's free-plan limits and label", async () => {
    const clock = new ManualClock();
    const spec = { label: "Alpha Vantage", freePlanLimits: ALPHA } as unknown as ProviderSpec;
    const provider = withPlanLimits(spec, new ScriptedProvider(clock, [IWM]), { clock });
    await settleAfter(clock, provider.fetchHistory(parseTicker("A")), 0);
    const refused = await settleAfter(
      clock,
      Promise.all([provider.fetchHistory(parseTicker("B")), provider.fetchHistory(parseTicker("C"))]),
      0,
    );
    expect(refused.error?.message).toBe("Alpha Vantage allows 5 requests a minute on the free plan; try again in 24 s");
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
