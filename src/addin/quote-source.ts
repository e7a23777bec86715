import { MarketDataError } from "../market";
import type { LiveQuote, QuoteTickerError, Ticker } from "../market";
import { onSettingsApplied } from "./data-source";
import { createQuoteBoard } from "./quote-board";
import type { LiveQuoteStats, QuoteBoard, QuoteListener } from "./quote-board";
import type { QuoteFeed } from "./quote-feed";
import { createQuoteStreamFeed } from "./quote-stream-feed";
import { readSettings } from "./settings";
import type { AddinSettings } from "./settings";

/**
 * Where the QUOTE function gets live quotes: in Excel the add-in's board over the stream from its
 * data server; in the CLI a provider asked directly.
 * `current` answers once (a one-shot evaluation: `mkt 'QUOTE("IWM")'`, a preview).
 */
export interface QuoteSource {
  watch(ticker: Ticker, listener: QuoteListener): () => void;
  current(ticker: Ticker): Promise<LiveQuote>;
  stats(): LiveQuoteStats;
}

/** How long a one-shot QUOTE waits for the first quote of a ticker. */
export const FIRST_QUOTE_TIMEOUT_MS = 30_000;

let source: QuoteSource | null = null;

export function useQuoteSource(next: QuoteSource | null): void {
  source = next;
}

/** A ticker's error event as the market error the functions map to #N/A or #VALUE!. */
export function quoteErrorOf(error: QuoteTickerError): MarketDataError {
  const kind = error.error === "not-found" || error.error === "bad-request" ? "unavailable" : error.error;
  return new MarketDataError(kind, error.message, error.symbol, error.retryAfterSeconds ?? null);
}

/** The first quote `board` gets for `ticker` (watching it meanwhile), or why there is none: a final error, or nothing in time. */
export function firstQuote(board: Pick<QuoteSource, "watch">, ticker: Ticker, timeoutMs = FIRST_QUOTE_TIMEOUT_MS): Promise<LiveQuote> {
  return new Promise((resolve, reject) => {
    let problem: QuoteTickerError | null = null;
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      settle();
      // The board may answer inside watch(), before `stop` is assigned.
      setTimeout(() => stop(), 0);
    };
    const timer = setTimeout(() => {
      const waited = new MarketDataError("unavailable", `No live quote of ${ticker} arrived within ${timeoutMs / 1000} s`, ticker);
      finish(() => reject(problem === null ? waited : quoteErrorOf(problem)));
    }, timeoutMs);
    const stop = board.watch(ticker, (event) => {
      if ("quote" in event) finish(() => resolve(event.quote));
      else if (event.error.final) finish(() => reject(quoteErrorOf(event.error)));
      else problem = event.error;
    });
  });
}

/** A QuoteSource over a board: cells watch it, one-shot evaluations wait for its first quote. */
export function boardQuoteSource(board: QuoteBoard): QuoteSource {
  return { watch: board.watch, current: (ticker) => firstQuote(board, ticker), stats: board.stats };
}

/**
 * The feed the add-in's settings call for: the data server's stream, for the demo provider too (the
 * server makes the demo's quotes, polled once per ticker for every add-in). Polling DemoQuoteProvider
 * in the add-in instead would cost the functions bundle about 5 KB, past its budget.
 */
export function addinQuoteFeed(settings: AddinSettings, pageOrigin: string): QuoteFeed {
  return createQuoteStreamFeed({
    serverUrl: settings.serverUrl ?? pageOrigin,
    provider: settings.provider,
    apiKey: settings.apiKey,
    plan: settings.plan,
  });
}

/** The add-in's source, made on first use from the saved settings and following every change of them. */
function currentSource(ticker: Ticker): QuoteSource {
  if (source !== null) return source;
  const origin = (globalThis as { location?: { origin?: unknown } }).location?.origin;
  if (typeof origin !== "string") {
    throw new MarketDataError("unavailable", `No live quote of ${ticker}: live quotes are not set up here (no add-in page)`, ticker);
  }
  const board = createQuoteBoard();
  board.useFeed(addinQuoteFeed(readSettings(), origin));
  onSettingsApplied((settings) => board.useFeed(addinQuoteFeed(settings, origin)));
  return (source = boardQuoteSource(board));
}

/** `listener` hears `ticker`'s quotes and errors until the returned function is called. */
export function watchQuote(ticker: Ticker, listener: QuoteListener): () => void {
  return currentSource(ticker).watch(ticker, listener);
}

/** The current quote of `ticker`, once; rejects with MarketDataError. */
export async function loadQuote(ticker: Ticker): Promise<LiveQuote> {
  return currentSource(ticker).current(ticker);
}

/** The live quotes' figures for the pane's status (idle before any QUOTE cell). */
export function liveQuoteStatus(): LiveQuoteStats {
  return (
    source?.stats() ?? {
      connection: "idle",
      phase: null,
      upstreamPollsPerMinute: null,
      message: null,
      tickersWatched: 0,
      watchers: 0,
      quotesPerMinute: 0,
      newestQuoteAt: null,
    }
  );
}
