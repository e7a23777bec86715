import { directQuoteSource } from "../../src/addin";
import type { Ticker } from "../../src/market";
import { MovingQuoteProvider, runningClock, WEEKEND } from "../functions/quote-support";

describe("quotes asked of a provider directly (the CLI)", () => {
  it("gathers one-shot quotes into the provider's batches and asks each ticker once", async () => {
    const clock = runningClock(WEEKEND);
    const provider = new MovingQuoteProvider("yahoo", 10, clock);
    const source = directQuoteSource(provider, { intervalMs: 15_000, clock });
    const tickers = Array.from({ length: 25 }, (_, i) => `A${String.fromCharCode(65 + i)}` as Ticker);
    const quotes = await Promise.all([...tickers, ...tickers].map((ticker) => source.current(ticker)));
    expect(quotes.map((quote) => quote.symbol)).toEqual([...tickers, ...tickers]);
    expect(provider.calls.map((call) => call.tickers.length)).toEqual([10, 10, 5]);
    await source.current(tickers[0]);
    expect(provider.polls).toBe(3);
    await expect(source.current("NOPE" as Ticker)).rejects.toMatchObject({
      kind: "unknown-symbol",
      message: expect.stringMatching(/NOPE/),
    });
    source.close();
  });
});
