import { LocalQuoteCoordinator, MarketDataError, parseTicker, QuotePoller } from "../../../src/market";
import type { LiveQuote, QuoteOutcome, QuoteProvider, QuoteRequest, QuoteUpdate, Ticker } from "../../../src/market";
import { drainMicrotasks, ManualClock } from "../../support/manual-clock";

const WEDNESDAY_10AM = Date.parse("2026-12-02T15:00:00Z");
const INTERVAL = 15_000;
const tickers = (n: number): Ticker[] => Array.from({ length: n }, (_, i) => parseTicker(`T${i}`));

function quote(symbol: string, price: number): LiveQuote {
  return {
    symbol,
    provider: "memory",
    currency: "USD",
    price,
    change: null,
    changePct: null,
    prevClose: null,
    open: null,
    dayHigh: null,
    dayLow: null,
    volume: null,
    time: null,
    delayMinutes: null,
    fetchedAt: 0,
    demo: false,
  };
}

/** Answers from a price table in memory, counting calls; `hold` keeps calls waiting until released. */
class MemoryProvider implements QuoteProvider {
  readonly name = "memory";
  readonly calls: Ticker[][] = [];
  readonly signals: AbortSignal[] = [];
  price = 10;
  failWith: Error | null = null;
  hold: Promise<void> | null = null;
  /** Tickers left out of the answer (neither quote nor error). */
  silent = new Set<string>();

  constructor(readonly quotesPerRequest: number) {}

  async fetchQuotes(batch: readonly Ticker[], request?: QuoteRequest): Promise<ReadonlyMap<Ticker, QuoteOutcome>> {
    this.calls.push([...batch]);
    if (request?.signal) this.signals.push(request.signal);
    if (this.hold) await this.hold;
    if (this.failWith) throw this.failWith;
    const out = new Map<Ticker, QuoteOutcome>();
    for (const ticker of batch) {
      if (this.silent.has(ticker)) continue;
      out.set(ticker, ticker.startsWith("ZZ") ? new MarketDataError("unknown-symbol", "no such", ticker) : quote(ticker, this.price));
    }
    return out;
  }
}

function setup(perRequest = 20, start = WEDNESDAY_10AM + 1) {
  const clock = new ManualClock(start);
  const provider = new MemoryProvider(perRequest);
  const poller = new QuotePoller({ scope: "memory:team", provider, intervalMs: INTERVAL, clock, coordinator: new LocalQuoteCoordinator() });
  const updates: QuoteUpdate[] = [];
  poller.onUpdate((update) => updates.push(update));
  poller.start();
  return { clock, provider, poller, updates };
}

/** Advances a whole interval and lets the poll's promises run. */
async function tick(clock: ManualClock): Promise<void> {
  await clock.advance(INTERVAL);
  for (let i = 0; i < 5; i++) await drainMicrotasks();
}

describe("QuotePoller", () => {
  it("asks each watched ticker once an interval, in batches of quotesPerRequest, and passes on only changes", async () => {
    const { clock, provider, poller, updates } = setup(20);
    poller.want(tickers(50));
    await tick(clock);
    expect(provider.calls.map((call) => call.length)).toEqual([20, 20, 10]);
    expect(new Set(provider.calls.flat()).size).toBe(50);
    expect(updates.flatMap((u) => u.quotes)).toHaveLength(50);

    await tick(clock);
    expect(provider.calls).toHaveLength(6);
    expect(updates.flatMap((u) => u.quotes)).toHaveLength(50); // nothing changed

    provider.price = 11;
    await tick(clock);
    expect(updates.flatMap((u) => u.quotes)).toHaveLength(100);
    poller.stop();
  });

  it("stops asking for tickers nobody watches, and polls nothing when nothing is watched", async () => {
    const { clock, provider, poller } = setup();
    poller.want(tickers(3));
    await tick(clock);
    poller.unwant([parseTicker("T0")]);
    await tick(clock);
    expect(provider.calls.at(-1)).toEqual(["T1", "T2"]);
    poller.unwant(tickers(3));
    await tick(clock);
    await tick(clock);
    expect(provider.calls).toHaveLength(2);
    expect(poller.stats()).toMatchObject({ tickersWatched: 0, nextPollAt: null });
    poller.stop();
  });

  it("passes an unknown ticker on once as final and never asks for it again", async () => {
    const { clock, provider, poller, updates } = setup();
    poller.want([parseTicker("ZZX"), parseTicker("IWM")]);
    await tick(clock);
    await tick(clock);
    await tick(clock);
    expect(provider.calls.filter((call) => call.includes(parseTicker("ZZX")))).toHaveLength(1);
    expect(updates.flatMap((u) => u.errors)).toEqual([expect.objectContaining({ symbol: "ZZX", error: "unknown-symbol", final: true })]);
    poller.unwant([parseTicker("ZZX")]);
    poller.want([parseTicker("ZZX")]);
    await tick(clock);
    expect(provider.calls.filter((call) => call.includes(parseTicker("ZZX")))).toHaveLength(1);
    expect(poller.finalError(parseTicker("ZZX"))).toMatchObject({ final: true });
    poller.stop();
  });

  it("asks again for a ticker the provider left out of its answer (not final)", async () => {
    const { clock, provider, poller, updates } = setup();
    provider.silent.add("IWM");
    poller.want([parseTicker("IWM")]);
    await tick(clock);
    await tick(clock);
    expect(provider.calls).toHaveLength(2);
    // The same transient error is passed on once, not every interval.
    expect(updates.flatMap((u) => u.errors)).toEqual([expect.objectContaining({ symbol: "IWM", error: "no-data", final: false })]);
    poller.stop();
  });

  it("stops polling with a refused key: every ticker gets a final error", async () => {
    const { clock, provider, poller, updates } = setup();
    provider.failWith = new MarketDataError("invalid-key", "The key was refused");
    poller.want(tickers(2));
    await tick(clock);
    await tick(clock);
    expect(provider.calls).toHaveLength(1);
    expect(updates.flatMap((u) => u.errors).map((e) => [e.symbol, e.error, e.final])).toEqual([
      ["T0", "invalid-key", true],
      ["T1", "invalid-key", true],
    ]);
    poller.want([parseTicker("T9")]);
    expect(updates.flatMap((u) => u.errors).at(-1)).toMatchObject({ symbol: "T9", error: "invalid-key", final: true });
    poller.stop();
  });

  it("stops polling tickers whose plan lacks the endpoint (plan-limit without a retry time), but not a rate limit", async () => {
    const { clock, provider, poller, updates } = setup();
    provider.failWith = new MarketDataError("plan-limit", "Your plan does not include snapshots");
    poller.want(tickers(2));
    await tick(clock);
    await tick(clock);
    expect(provider.calls).toHaveLength(1);
    expect(updates.flatMap((u) => u.errors).map((e) => [e.symbol, e.error, e.final])).toEqual([
      ["T0", "plan-limit", true],
      ["T1", "plan-limit", true],
    ]);
    poller.stop();

    const limited = setup();
    limited.provider.failWith = new MarketDataError("plan-limit", "5 a minute", null, 30);
    limited.poller.want(tickers(1));
    await tick(limited.clock);
    await tick(limited.clock);
    expect(limited.provider.calls.length).toBeGreaterThan(1);
    limited.poller.stop();
  });

  it("keeps the last quotes when a whole request fails, and says so in the status", async () => {
    const { clock, provider, poller } = setup();
    poller.want(tickers(1));
    await tick(clock);
    provider.failWith = new Error("socket hang up");
    await tick(clock);
    expect(poller.lastQuote(parseTicker("T0"))?.price).toBe(10);
    expect(poller.status().upstream).toMatchObject({ ok: false, error: "unavailable" });
    provider.failWith = null;
    await tick(clock);
    expect(poller.status().upstream).toEqual({ ok: true });
    poller.stop();
  });

  it("skips a slot while the previous poll is still running, and aborts it on stop", async () => {
    const { clock, provider, poller } = setup();
    let release: () => void = () => undefined;
    provider.hold = new Promise((resolve) => (release = resolve));
    poller.want(tickers(1));
    await tick(clock);
    await tick(clock);
    await tick(clock);
    expect(provider.calls).toHaveLength(1);
    expect(poller.stats().skippedPolls).toBe(2);
    poller.stop();
    expect(provider.signals[0].aborted).toBe(true);
    release();
  });
});

describe("QuotePoller interval under a plan", () => {
  const limits = { concurrency: 1, perMinute: 8 };
  const pollerOf = (provider: QuoteProvider): QuotePoller =>
    new QuotePoller({
      scope: "memory:team",
      provider,
      intervalMs: INTERVAL,
      limits,
      clock: new ManualClock(WEDNESDAY_10AM),
      coordinator: new LocalQuoteCoordinator(),
    });

  it("counts a batch as one request, or every ticker where the provider charges per ticker", () => {
    const perBatch = pollerOf(new MemoryProvider(8));
    const perTicker = pollerOf(Object.assign(new MemoryProvider(8), { costPerTicker: true }));
    perBatch.want(tickers(8));
    perTicker.want(tickers(8));
    // Half of 8 a minute: one batch fits every 15 s; eight credits need 2 minutes.
    expect(perBatch.intervalMs()).toBe(15_000);
    expect(perTicker.intervalMs()).toBe(120_000);
  });
});
