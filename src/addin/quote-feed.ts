import type { LiveQuote, MarketPhase, QuoteTickerError, Ticker } from "../market";

/** What a feed tells the board: quotes that changed, per-ticker errors, and that its status changed. */
export interface QuoteFeedSink {
  quotes(quotes: readonly LiveQuote[]): void;
  errors(errors: readonly QuoteTickerError[]): void;
  statusChanged(): void;
}

/**
 * How the feed reaches quotes: `local` polls a provider in this process (the command line),
 * the others are the states of the stream from the data server.
 */
export type QuoteConnectionState = "local" | "idle" | "connecting" | "connected" | "reconnecting" | "refused";

export interface QuoteFeedStatus {
  readonly connection: QuoteConnectionState;
  /** The US market's phase as the poller sees it (null before the server said). */
  readonly phase: MarketPhase | null;
  /** Upstream requests in the last minute for these quotes (null when the server has not said). */
  readonly upstreamPollsPerMinute: number | null;
  /** Why the stream is down or refused, or the server's note (no live quotes from this provider). */
  readonly message: string | null;
}

/**
 * Where live quotes come from: a set of watched tickers kept in step with the board's (`watch` gives
 * the whole set each time), pushing what changes to the sink.
 */
export interface QuoteFeed {
  start(sink: QuoteFeedSink): void;
  /** The tickers wanted now (the whole set). */
  watch(tickers: ReadonlySet<Ticker>): void;
  status(): QuoteFeedStatus;
  close(): void;
}
