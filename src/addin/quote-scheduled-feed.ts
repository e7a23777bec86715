import { isFinalQuoteError, marketPhase, MarketDataError, nextQuotePoll, quoteChanged, RateCounter } from "../market";
import type { LiveQuote, QuoteOutcome, QuoteProvider, QuoteTickerError, Ticker, TradingDay } from "../market";
import type { QuoteFeed, QuoteFeedSink } from "./quote-feed";

/** After the close, before the poll of closing prices (as the server's poller waits). */
const AFTER_CLOSE_DELAY_MS = 60_000;
/** The timer looks at the clock at least this often (a laptop waking from sleep). */
const MAX_SLEEP_MS = 5 * 60_000;

function tickerError(symbol: Ticker, failure: unknown): QuoteTickerError {
  const error =
    failure instanceof MarketDataError ? failure : new MarketDataError("unavailable", `No quote of ${symbol}: ${String(failure)}`);
  return { symbol, error: error.kind, message: error.message, final: isFinalQuoteError(error) };
}

/**
 * A provider polled in the add-in itself on the US market's schedule (src/market/quotes: every
 * interval during regular hours, once after the close, nothing while the market is closed), every
 * watched ticker in the provider's batches; a newly watched ticker is asked at once. Made for the
 * demo's synthetic quotes without a server (DemoQuoteProvider costs nothing to ask); the add-in does
 * not use it while the functions bundle has no room for it (see addinQuoteFeed), the CLI uses the
 * server's poller (LocalQuoteFeed).
 */
export function createScheduledQuoteFeed(provider: QuoteProvider, intervalMs: number, now: () => number = Date.now): QuoteFeed {
  const polls = new RateCounter();
  const last = new Map<Ticker, LiveQuote>();
  const finals = new Map<Ticker, QuoteTickerError>();
  let wanted = new Set<Ticker>();
  let sink: QuoteFeedSink | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let afterCloseOwed: TradingDay | null = null;

  const fetch = async (tickers: readonly Ticker[]): Promise<void> => {
    const size = Math.max(1, Math.floor(provider.quotesPerRequest));
    for (let i = 0; i < tickers.length; i += size) {
      const batch = tickers.slice(i, i + size);
      polls.add(now());
      let outcomes: ReadonlyMap<Ticker, QuoteOutcome> | null = null;
      let failure: unknown = null;
      try {
        outcomes = await provider.fetchQuotes(batch);
      } catch (error) {
        failure = error;
      }
      const quotes: LiveQuote[] = [];
      const errors: QuoteTickerError[] = [];
      for (const ticker of batch) {
        if (!wanted.has(ticker)) continue;
        const outcome = outcomes?.get(ticker);
        if (outcomes === null) {
          // The whole request failed: cells keep their values; a cell without one says why.
          errors.push({ ...tickerError(ticker, failure), final: false });
        } else if (outcome === undefined || outcome instanceof Error) {
          const error = tickerError(ticker, outcome ?? "the provider sent none");
          if (error.final) finals.set(ticker, error);
          errors.push(error);
        } else if (quoteChanged(last.get(ticker), outcome)) {
          last.set(ticker, outcome);
          quotes.push(outcome);
        }
      }
      if (quotes.length > 0) sink?.quotes(quotes);
      if (errors.length > 0) sink?.errors(errors);
    }
  };

  const schedule = (): void => {
    if (sink === null) return;
    const from = now();
    const poll = nextQuotePoll(from, { intervalMs, afterCloseDelayMs: AFTER_CLOSE_DELAY_MS, afterCloseOwed });
    timer = setTimeout(
      () => {
        if (now() < poll.at) return schedule();
        afterCloseOwed = poll.kind === "regular" ? poll.day : null;
        void fetch([...wanted].filter((ticker) => !finals.has(ticker))).finally(schedule);
      },
      Math.min(MAX_SLEEP_MS, Math.max(0, poll.at - from)),
    );
  };

  return {
    start(next) {
      sink = next;
      schedule();
    },
    watch(tickers) {
      const added = [...tickers].filter((ticker) => !wanted.has(ticker));
      wanted = new Set(tickers);
      for (const ticker of last.keys()) if (!wanted.has(ticker)) last.delete(ticker);
      const errors = added.flatMap((ticker) => finals.get(ticker) ?? []);
      if (errors.length > 0) sink?.errors(errors);
      void fetch(added.filter((ticker) => !finals.has(ticker)));
    },
    status: () => ({
      connection: "local",
      phase: marketPhase(now(), afterCloseOwed),
      upstreamPollsPerMinute: polls.perMinute(now()),
      message: null,
    }),
    close() {
      clearTimeout(timer);
      sink = null;
    },
  };
}
