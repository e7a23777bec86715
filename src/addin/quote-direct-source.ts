import { MarketDataError } from "../market";
import type { Clock, LiveQuote, PlanLimits, QuoteOutcome, QuoteProvider, Ticker } from "../market";
import { createQuoteBoard } from "./quote-board";
import type { QuoteBoard } from "./quote-board";
import { LocalQuoteFeed } from "./quote-local-feed";
import { boardQuoteSource } from "./quote-source";
import type { QuoteSource } from "./quote-source";

export interface DirectQuoteSourceOptions {
  /** Regular-hours interval of watched quotes (ms). */
  readonly intervalMs: number;
  /** The plan whose windows bound that interval (null: none known). */
  readonly limits?: PlanLimits | null;
  readonly clock?: Clock;
}

/** A QuoteSource the caller can stop (its poller), with its board (the CLI's figures). */
export interface DirectQuoteSource extends QuoteSource {
  close(): void;
}

function isQuote(outcome: QuoteOutcome): outcome is LiveQuote {
  return !(outcome instanceof Error);
}

/**
 * Quotes straight from a provider, outside the add-in (the CLI): one-shot quotes gathered over one
 * turn of the event loop into the provider's batches and asked once per ticker for the source's life
 * (formulas evaluated together share requests), watched ones polled on the market's schedule by a
 * LocalQuoteFeed made on first use.
 */
export function directQuoteSource(provider: QuoteProvider, options: DirectQuoteSourceOptions): DirectQuoteSource {
  const asked = new Map<Ticker, Promise<LiveQuote>>();
  let waiting = new Map<Ticker, { resolve: (quote: LiveQuote) => void; reject: (error: unknown) => void }>();
  let board: QuoteBoard | null = null;

  const flush = (): void => {
    const batch = waiting;
    waiting = new Map();
    const tickers = [...batch.keys()];
    const size = Math.max(1, Math.floor(provider.quotesPerRequest));
    for (let i = 0; i < tickers.length; i += size) {
      const chunk = tickers.slice(i, i + size);
      provider.fetchQuotes(chunk).then(
        (outcomes) => {
          for (const ticker of chunk) {
            const outcome = outcomes.get(ticker);
            const settle = batch.get(ticker)!;
            if (outcome === undefined)
              settle.reject(new MarketDataError("no-data", `${provider.name} sent no quote for ${ticker}`, ticker));
            else if (isQuote(outcome)) settle.resolve(outcome);
            else settle.reject(outcome);
          }
        },
        (error: unknown) => {
          for (const ticker of chunk) batch.get(ticker)!.reject(error);
        },
      );
    }
  };

  const boardOf = (): QuoteBoard => {
    if (board === null) {
      board = createQuoteBoard(options.clock === undefined ? Date.now : () => options.clock!.now());
      board.useFeed(new LocalQuoteFeed({ provider, intervalMs: options.intervalMs, limits: options.limits, clock: options.clock }));
    }
    return board;
  };

  return {
    watch: (ticker, listener) => boardQuoteSource(boardOf()).watch(ticker, listener),
    current: (ticker) => {
      let quote = asked.get(ticker);
      if (quote === undefined) {
        quote = new Promise<LiveQuote>((resolve, reject) => {
          if (waiting.size === 0) setTimeout(flush, 0);
          waiting.set(ticker, { resolve, reject });
        });
        asked.set(ticker, quote);
      }
      return quote;
    },
    stats: () => boardOf().stats(),
    close: () => board?.close(),
  };
}
