import {
  DEMO_QUOTE_STEP_MS,
  DemoQuoteProvider,
  demoSeries,
  LiveQuote,
  MarketDataError,
  parseTicker,
  QuoteOutcome,
  Ticker,
} from "../../../../src/market";

const IWM = parseTicker("IWM");
/** Friday 14 February 2025: the session runs 14:30–21:00 UTC. Monday the 17th is Presidents Day. */
const FRI = Date.parse("2025-02-14T00:00:00Z") / 86_400_000;
const OPEN = Date.parse("2025-02-14T14:30:00Z");
const CLOSE = Date.parse("2025-02-14T21:00:00Z");

function bar(ticker: Ticker, day: number): { open: number; high: number; low: number; close: number; volume: number } {
  const series = demoSeries(ticker, Date.parse("2025-12-31T00:00:00Z"));
  const i = series.days.indexOf(day);
  if (i < 0) throw new Error(`no demo bar on day ${day}`);
  return { open: series.open[i], high: series.high[i], low: series.low[i], close: series.close[i], volume: series.volume[i] };
}

async function quoteAt(now: number, ticker: Ticker = IWM, provider = new DemoQuoteProvider({ now: () => now })): Promise<LiveQuote> {
  const outcome: QuoteOutcome | undefined = (await provider.fetchQuotes([ticker])).get(ticker);
  if (outcome === undefined || outcome instanceof MarketDataError) throw new Error(`no demo quote: ${String(outcome)}`);
  return outcome;
}

function expectWellFormed(quote: LiveQuote, now: number): void {
  expect(quote).toMatchObject({ symbol: IWM, provider: "demo", currency: "USD", demo: true, fetchedAt: now, delayMinutes: 0 });
  for (const value of [
    quote.price,
    quote.change,
    quote.changePct,
    quote.prevClose,
    quote.open,
    quote.dayHigh,
    quote.dayLow,
    quote.volume,
    quote.time,
  ]) {
    expect(Number.isFinite(value)).toBe(true);
  }
  expect(quote.dayLow!).toBeLessThanOrEqual(quote.price!);
  expect(quote.dayHigh!).toBeGreaterThanOrEqual(quote.price!);
  expect(quote.time!).toBeLessThanOrEqual(now);
  expect(quote.change!).toBeCloseTo(quote.price! - quote.prevClose!, 6);
  expect(quote.changePct!).toBeCloseTo(quote.change! / quote.prevClose!, 12);
}

describe("DemoQuoteProvider", () => {
  it("is deterministic: the same instant gives the same quote, from any instance", async () => {
    const now = Date.parse("2025-02-14T18:00:02Z");
    expect(await quoteAt(now)).toEqual(await quoteAt(now));
  });

  it("moves every 5 seconds of a session, within the demo day's range, starting at its open", async () => {
    const day = bar(IWM, FRI);
    expect((await quoteAt(OPEN)).price).toBe(day.open);
    const prices: number[] = [];
    for (let i = 0; i < 60; i++) {
      const now = OPEN + 3 * 3_600_000 + i * DEMO_QUOTE_STEP_MS;
      const quote = await quoteAt(now);
      expectWellFormed(quote, now);
      expect(quote.time).toBe(now);
      expect(quote.price!).toBeGreaterThanOrEqual(day.low);
      expect(quote.price!).toBeLessThanOrEqual(day.high);
      expect(quote.volume!).toBeLessThan(day.volume);
      prices.push(quote.price!);
      // Within one step nothing changes but the fetch time.
      const later = await quoteAt(now + DEMO_QUOTE_STEP_MS - 1);
      expect({ ...later, fetchedAt: now }).toEqual(quote);
    }
    expect(new Set(prices).size).toBeGreaterThan(20);
  });

  it("the day's high and low only widen as the session goes on", async () => {
    const provider = new DemoQuoteProvider();
    let high = 0;
    let low = Number.POSITIVE_INFINITY;
    for (let now = OPEN; now < CLOSE; now += 600_000) {
      const quote = provider.quote(IWM, now);
      expect(quote.dayHigh!).toBeGreaterThanOrEqual(high);
      expect(quote.dayLow!).toBeLessThanOrEqual(low);
      high = quote.dayHigh!;
      low = quote.dayLow!;
    }
  });

  it("at and after the close it is the demo history's close of the day, against the previous session's close", async () => {
    const day = bar(IWM, FRI);
    for (const now of [CLOSE, CLOSE + 2 * 3_600_000]) {
      const quote = await quoteAt(now);
      expectWellFormed(quote, now);
      expect(quote).toMatchObject({
        price: day.close,
        open: day.open,
        dayHigh: day.high,
        dayLow: day.low,
        volume: day.volume,
        time: CLOSE,
      });
      expect(quote.prevClose).toBe(bar(IWM, FRI - 1).close);
    }
  });

  it("over the weekend and a holiday, and before the next open, it stays the last session's close", async () => {
    const friday = await quoteAt(CLOSE + 60_000);
    for (const iso of ["2025-02-15T15:00:00Z", "2025-02-17T16:00:00Z", "2025-02-18T14:29:59Z"]) {
      const now = Date.parse(iso);
      expect({ ...(await quoteAt(now)), fetchedAt: 0 }).toEqual({ ...friday, fetchedAt: 0 });
    }
    const tuesday = await quoteAt(Date.parse("2025-02-18T14:30:00Z"));
    expect(tuesday.prevClose).toBe(friday.price);
  });

  it("keeps the calendar's early close (the day after Thanksgiving closes at 13:00)", async () => {
    const day = Date.parse("2025-11-28T00:00:00Z") / 86_400_000;
    const quote = await quoteAt(Date.parse("2025-11-28T18:30:00Z"));
    expect(quote).toMatchObject({ price: bar(IWM, day).close, time: Date.parse("2025-11-28T18:00:00Z") });
  });

  it("answers every ticker asked, each once; a cancelled request rejects", async () => {
    const provider = new DemoQuoteProvider({ now: () => OPEN + 1000 });
    const tickers = ["IWM", "QQQ", "EURUSD=X", "BTC-USD", "^GSPC"].map(parseTicker);
    const outcomes = await provider.fetchQuotes([...tickers, tickers[0]]);
    expect([...outcomes.keys()]).toEqual(tickers);
    const controller = new AbortController();
    controller.abort();
    await expect(provider.fetchQuotes(tickers, { signal: controller.signal })).rejects.toMatchObject({ kind: "unavailable" });
  });

  it("serves 500 tickers a poll quickly once their sessions are made", async () => {
    let now = OPEN + 3_600_000;
    const provider = new DemoQuoteProvider({ now: () => now });
    const tickers = Array.from({ length: 500 }, (_, i) =>
      parseTicker(`D${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}${String.fromCharCode(65 + (i % 26))}`),
    );
    await provider.fetchQuotes(tickers);
    now += 60_000;
    const started = performance.now();
    const outcomes = await provider.fetchQuotes(tickers);
    expect(performance.now() - started).toBeLessThan(500);
    expect(outcomes.size).toBe(500);
  });
});
