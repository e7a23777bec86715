import { RateCounter } from "../market";
import type { LiveQuote, QuoteTickerError, Ticker } from "../market";
import type { QuoteFeed, QuoteFeedStatus } from "./quote-feed";

/** What a watching cell is told: a quote of its ticker, or an error about it. */
export type QuoteEvent = { readonly quote: LiveQuote } | { readonly error: QuoteTickerError };
export type QuoteListener = (event: QuoteEvent) => void;

/** The live quotes' figures for the pane's status. */
export interface LiveQuoteStats extends QuoteFeedStatus {
  /** Distinct tickers cells watch. */
  readonly tickersWatched: number;
  /** Cells (or other watchers) subscribed. */
  readonly watchers: number;
  /** Quotes received in the last minute. */
  readonly quotesPerMinute: number;
  /** When the newest quote arrived here (ms), null before one. */
  readonly newestQuoteAt: number | null;
}

export interface QuoteBoard {
  /** Uses `feed` from now on (the settings changed): the old one is closed, the new one told the whole set. */
  useFeed(feed: QuoteFeed | null): void;
  /** `listener` hears `ticker`'s quotes and errors until the returned function is called. */
  watch(ticker: Ticker, listener: QuoteListener): () => void;
  /** Tickers watched now. */
  watched(): Ticker[];
  stats(): LiveQuoteStats;
  /** Closes the feed; watchers stay (a later feed serves them). */
  close(): void;
}

interface Entry {
  readonly listeners: Set<QuoteListener>;
  quote?: LiveQuote;
  error?: QuoteTickerError;
}

const NO_FEED: QuoteFeedStatus = { connection: "idle", phase: null, upstreamPollsPerMinute: null, message: null };

/**
 * One subscription per ticker, shared by every cell that shows it: the first cell of a ticker
 * subscribes it at the feed, the last one cancelled unsubscribes it. Changes within one turn of the
 * event loop (a recalculation starting 200 cells) reach the feed as one change. A new cell of a ticker
 * already watched gets its last quote at once; cells keep what they were given while the feed is down
 * (nothing is sent to them then).
 */
export function createQuoteBoard(now: () => number = Date.now): QuoteBoard {
  const entries = new Map<Ticker, Entry>();
  const received = new RateCounter();
  let newestAt: number | null = null;
  let feed: QuoteFeed | null = null;
  let flushQueued = false;

  const tell = (symbol: string, event: QuoteEvent): void => {
    for (const listener of [...(entries.get(symbol as Ticker)?.listeners ?? [])]) listener(event);
  };

  const queueFlush = (): void => {
    if (flushQueued) return;
    flushQueued = true;
    // A macrotask, not a microtask: Excel starts a recalculation's cells over several microtask turns.
    setTimeout(() => {
      flushQueued = false;
      feed?.watch(new Set(entries.keys()));
    }, 0);
  };

  const board: QuoteBoard = {
    useFeed(next) {
      feed?.close();
      feed = next;
      for (const entry of entries.values()) entry.error = undefined;
      next?.start({
        quotes(quotes) {
          if (quotes.length === 0) return;
          newestAt = now();
          received.add(newestAt, quotes.length);
          for (const quote of quotes) {
            const entry = entries.get(quote.symbol as Ticker);
            if (entry === undefined) continue;
            entry.quote = quote;
            entry.error = undefined;
            tell(quote.symbol, { quote });
          }
        },
        errors(errors) {
          for (const error of errors) {
            const entry = entries.get(error.symbol as Ticker);
            if (entry === undefined) continue;
            entry.error = error;
            tell(error.symbol, { error });
          }
        },
        statusChanged: () => undefined,
      });
      next?.watch(new Set(entries.keys()));
    },
    watch(ticker, listener) {
      let entry = entries.get(ticker);
      if (entry === undefined) {
        entry = { listeners: new Set() };
        entries.set(ticker, entry);
        queueFlush();
      }
      const watched = entry;
      watched.listeners.add(listener);
      if (watched.quote !== undefined) listener({ quote: watched.quote });
      if (watched.error !== undefined) listener({ error: watched.error });
      return () => {
        if (!watched.listeners.delete(listener) || watched.listeners.size > 0 || entries.get(ticker) !== watched) return;
        entries.delete(ticker);
        queueFlush();
      };
    },
    watched: () => [...entries.keys()],
    stats() {
      let watchers = 0;
      for (const entry of entries.values()) watchers += entry.listeners.size;
      return {
        ...(feed?.status() ?? NO_FEED),
        tickersWatched: entries.size,
        watchers,
        quotesPerMinute: received.perMinute(now()),
        newestQuoteAt: newestAt,
      };
    },
    close: () => board.useFeed(null),
  };
  return board;
}
