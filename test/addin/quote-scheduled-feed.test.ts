import { createQuoteBoard, createScheduledQuoteFeed } from "../../src/addin";
import type { QuoteEvent } from "../../src/addin";
import { DemoQuoteProvider } from "../../src/market";
import type { Ticker } from "../../src/market";
import { MovingQuoteProvider, pause, runningClock, SESSION_START, waitFor, WEEKEND } from "../functions/quote-support";

describe("quotes polled in the add-in on the market's schedule", () => {
  it("during a session polls every interval in the provider's batches, and the demo's quotes move", async () => {
    const clock = runningClock(SESSION_START);
    const provider = new MovingQuoteProvider("demo", 2, clock);
    const board = createQuoteBoard(() => clock.now());
    board.useFeed(createScheduledQuoteFeed(provider, 1_000, () => clock.now()));
    const events: QuoteEvent[] = [];
    const stops = ["IWM", "QQQ", "XLK"].map((ticker) => board.watch(ticker as Ticker, (event) => events.push(event)));
    await waitFor("three polls after the first quotes", () => provider.polls >= 2 + 3 * 2, 8_000);
    expect(provider.calls.every((call) => call.tickers.length <= 2)).toBe(true);
    expect(board.stats()).toMatchObject({ connection: "local", phase: "regular", tickersWatched: 3 });
    expect(board.stats().upstreamPollsPerMinute).toBeGreaterThanOrEqual(6);
    for (const stop of stops) stop();
    await pause(1_200);
    const polls = provider.polls;
    await pause(1_500);
    expect(provider.polls).toBe(polls);
    board.close();

    const demo = new DemoQuoteProvider({ now: () => clock.now() });
    const first = await demo.fetchQuotes(["IWM" as Ticker]);
    await pause(5_100);
    const later = await demo.fetchQuotes(["IWM" as Ticker]);
    expect(later.get("IWM" as Ticker)).not.toEqual(first.get("IWM" as Ticker));
  }, 20_000);

  it("outside market hours asks each ticker once and then nothing; an unknown ticker is an error once", async () => {
    const clock = runningClock(WEEKEND);
    const provider = new MovingQuoteProvider("demo", 10, clock);
    const board = createQuoteBoard(() => clock.now());
    board.useFeed(createScheduledQuoteFeed(provider, 1_000, () => clock.now()));
    const events: QuoteEvent[] = [];
    board.watch("IWM" as Ticker, (event) => events.push(event));
    board.watch("NOPE" as Ticker, (event) => events.push(event));
    await waitFor("the first answers", () => events.length === 2);
    await pause(2_500);
    expect(provider.polls).toBe(1);
    expect(board.stats().phase).toBe("closed");
    expect(events).toEqual([
      { quote: expect.objectContaining({ symbol: "IWM" }) },
      { error: expect.objectContaining({ symbol: "NOPE", error: "unknown-symbol", final: true }) },
    ]);
    board.close();
  });
});
