import { QUOTE_EVENTS, RateCounter } from "../../src/market";
import type {
  LiveQuote,
  ProviderName,
  QuotePoller,
  QuotePollerStats,
  QuoteStreamStatus,
  QuoteTickerError,
  QuoteUpdate,
  Ticker,
} from "../../src/market";
import type { QuoteConnection } from "./connection";

/** One hub's figures: its poller's (zero or null before it polls), its streams and what they were sent. */
export interface QuoteHubStats extends Pick<
  QuotePollerStats,
  | "tickersWatched"
  | "sharedTickersWatched"
  | "quotesPerMinute"
  | "upstreamPollsPerMinute"
  | "ownPollsPerMinute"
  | "upstreamPolls"
  | "lastPollAt"
  | "nextPollAt"
  | "intervalSeconds"
> {
  readonly connections: number;
  /** Quotes written to streams in the last minute. */
  readonly pushedPerMinute: number;
  readonly upstream: QuoteStreamStatus["upstream"];
}

function quotesData(parts: readonly string[]): string {
  return `{"quotes":[${parts.join(",")}]}`;
}

function errorsData(errors: readonly QuoteTickerError[]): string {
  return JSON.stringify({ errors });
}

/**
 * The live quotes of one provider and key on this server instance: its streams, how many of them
 * watch each ticker (the poller watches a ticker while one does), and the fan-out of every change to
 * the streams that watch it, each quote serialised once however many streams receive it.
 */
export class QuoteHub {
  readonly connections = new Set<QuoteConnection>();
  private readonly watchers = new Map<Ticker, Set<QuoteConnection>>();
  private readonly pushed = new RateCounter();
  private readonly stopListening: () => void;

  constructor(
    readonly scope: string,
    readonly provider: ProviderName,
    /** Null when the server has no live quotes from this provider: every subscription gets `notOffered`. */
    private readonly poller: QuotePoller | null,
    private readonly notOffered: QuoteTickerError | null,
    private readonly now: () => number,
    private readonly idleStatus: () => QuoteStreamStatus,
  ) {
    this.stopListening = poller?.onUpdate((update) => this.fanOut(update)) ?? (() => undefined);
    poller?.start();
  }

  get offered(): boolean {
    return this.poller !== null;
  }

  status(): QuoteStreamStatus {
    return this.poller?.status() ?? this.idleStatus();
  }

  /** Distinct tickers this instance's streams watch. */
  get tickersWatched(): number {
    return this.watchers.size;
  }

  /** Subscribes `connection` to `tickers` (a set: repeats change nothing) and sends what is known of the new ones. */
  add(connection: QuoteConnection, tickers: readonly Ticker[]): void {
    const added: Ticker[] = [];
    const first: Ticker[] = [];
    for (const ticker of tickers) {
      if (connection.subscriptions.has(ticker)) continue;
      connection.subscriptions.add(ticker);
      added.push(ticker);
      let streams = this.watchers.get(ticker);
      if (streams === undefined) {
        streams = new Set();
        this.watchers.set(ticker, streams);
        first.push(ticker);
      }
      streams.add(connection);
    }
    if (first.length > 0) this.poller?.want(first);
    this.sendKnown(connection, added);
  }

  /** Unsubscribes `connection` from `tickers`; a ticker no stream watches is no longer polled. */
  remove(connection: QuoteConnection, tickers: readonly Ticker[]): void {
    const last: Ticker[] = [];
    for (const ticker of tickers) {
      if (!connection.subscriptions.delete(ticker)) continue;
      const streams = this.watchers.get(ticker);
      streams?.delete(connection);
      if (streams !== undefined && streams.size === 0) {
        this.watchers.delete(ticker);
        last.push(ticker);
      }
    }
    if (last.length > 0) this.poller?.unwant(last);
  }

  /** The stream is gone for good: its subscriptions are released. */
  release(connection: QuoteConnection): void {
    this.remove(connection, [...connection.subscriptions]);
    this.connections.delete(connection);
  }

  /** Everything known of `tickers` for one stream: last quotes, then errors (on subscribe and on resume). */
  sendKnown(connection: QuoteConnection, tickers: readonly Ticker[]): void {
    if (tickers.length === 0) return;
    const quotes: string[] = [];
    const errors: QuoteTickerError[] = [];
    for (const ticker of tickers) {
      if (this.poller === null) {
        errors.push({ ...this.notOffered!, symbol: ticker });
        continue;
      }
      const quote = this.poller.lastQuote(ticker);
      if (quote !== undefined) quotes.push(JSON.stringify(quote));
      const error = this.poller.finalError(ticker) ?? this.poller.transientError(ticker);
      if (error !== undefined) errors.push(error);
    }
    if (quotes.length > 0 && connection.send(QUOTE_EVENTS.quotes, quotesData(quotes))) this.pushed.add(this.now(), quotes.length);
    if (errors.length > 0) connection.send(QUOTE_EVENTS.errors, errorsData(errors));
  }

  sendStatus(connection: QuoteConnection): void {
    connection.send(QUOTE_EVENTS.status, JSON.stringify(this.status()));
  }

  stop(): void {
    this.stopListening();
    this.poller?.stop();
  }

  stats(): QuoteHubStats {
    const now = this.now();
    const poller = this.poller?.stats();
    return {
      connections: this.connections.size,
      tickersWatched: this.watchers.size,
      sharedTickersWatched: poller?.sharedTickersWatched ?? null,
      quotesPerMinute: poller?.quotesPerMinute ?? 0,
      pushedPerMinute: this.pushed.perMinute(now),
      upstreamPollsPerMinute: poller?.upstreamPollsPerMinute ?? 0,
      ownPollsPerMinute: poller?.ownPollsPerMinute ?? 0,
      upstreamPolls: poller?.upstreamPolls ?? 0,
      lastPollAt: poller?.lastPollAt ?? null,
      nextPollAt: poller?.nextPollAt ?? null,
      intervalSeconds: this.status().intervalSeconds,
      upstream: this.status().upstream,
    };
  }

  /** A change from the poller, to the streams that watch each ticker: one event per stream and kind. */
  private fanOut(update: QuoteUpdate): void {
    if (update.quotes.length > 0) {
      const parts = new Map<QuoteConnection, string[]>();
      for (const quote of update.quotes) this.collect(parts, quote.symbol as Ticker, quoteJson(quote));
      let delivered = 0;
      for (const [connection, quotes] of parts) if (connection.send(QUOTE_EVENTS.quotes, quotesData(quotes))) delivered += quotes.length;
      if (delivered > 0) this.pushed.add(this.now(), delivered);
    }
    if (update.errors.length > 0) {
      const parts = new Map<QuoteConnection, QuoteTickerError[]>();
      for (const error of update.errors) {
        for (const connection of this.watchers.get(error.symbol as Ticker) ?? []) {
          const list = parts.get(connection);
          if (list === undefined) parts.set(connection, [error]);
          else list.push(error);
        }
      }
      for (const [connection, errors] of parts) connection.send(QUOTE_EVENTS.errors, errorsData(errors));
    }
    if (update.statusChanged) {
      const status = JSON.stringify(this.status());
      for (const connection of this.connections) connection.send(QUOTE_EVENTS.status, status);
    }
  }

  private collect(parts: Map<QuoteConnection, string[]>, ticker: Ticker, json: string): void {
    for (const connection of this.watchers.get(ticker) ?? []) {
      const list = parts.get(connection);
      if (list === undefined) parts.set(connection, [json]);
      else list.push(json);
    }
  }
}

function quoteJson(quote: LiveQuote): string {
  return JSON.stringify(quote);
}
