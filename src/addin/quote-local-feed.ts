import { QuotePoller } from "../market";
import type { Clock, PlanLimits, QuoteProvider, Ticker } from "../market";
import type { QuoteFeed, QuoteFeedSink, QuoteFeedStatus } from "./quote-feed";

export interface LocalQuoteFeedOptions {
  readonly provider: QuoteProvider;
  /** Regular-hours interval (ms). */
  readonly intervalMs: number;
  /** The plan whose windows bound the interval (null: none known). */
  readonly limits?: PlanLimits | null;
  /** The market's time (tests inject one). */
  readonly clock?: Clock;
  readonly log?: (message: string) => void;
}

/**
 * Quotes polled in this process, on the same US-market schedule and with the same poller as the data
 * server (one request per batch of tickers per interval, nothing while the market is closed): `mkt watch`
 * and the command line's one-shot QUOTE.
 */
export class LocalQuoteFeed implements QuoteFeed {
  private readonly poller: QuotePoller;
  private wanted = new Set<Ticker>();
  private stopUpdates: (() => void) | null = null;
  private sink: QuoteFeedSink | null = null;

  constructor(options: LocalQuoteFeedOptions) {
    this.poller = new QuotePoller({
      scope: `${options.provider.name}:local`,
      provider: options.provider,
      intervalMs: options.intervalMs,
      limits: options.limits,
      clock: options.clock,
      log: options.log,
    });
  }

  start(sink: QuoteFeedSink): void {
    this.sink = sink;
    this.stopUpdates = this.poller.onUpdate((update) => {
      if (update.quotes.length > 0) sink.quotes(update.quotes);
      if (update.errors.length > 0) sink.errors(update.errors);
      if (update.statusChanged) sink.statusChanged();
    });
    this.poller.start();
  }

  watch(tickers: ReadonlySet<Ticker>): void {
    const removed = [...this.wanted].filter((ticker) => !tickers.has(ticker));
    const added = [...tickers].filter((ticker) => !this.wanted.has(ticker));
    this.wanted = new Set(tickers);
    if (removed.length > 0) this.poller.unwant(removed);
    if (added.length > 0) this.poller.want(added);
    // A ticker watched again: what the poller still knows of it (the board forgot it), as the server sends it.
    const quotes = added.flatMap((ticker) => this.poller.lastQuote(ticker) ?? []);
    const errors = added.flatMap((ticker) => this.poller.finalError(ticker) ?? []);
    if (quotes.length > 0) this.sink?.quotes(quotes);
    if (errors.length > 0) this.sink?.errors(errors);
  }

  status(): QuoteFeedStatus {
    const stats = this.poller.stats();
    return {
      connection: "local",
      phase: this.poller.status().phase,
      upstreamPollsPerMinute: stats.upstreamPollsPerMinute,
      message: null,
    };
  }

  /** Upstream requests since the feed started (tests, `mkt watch --stats`). */
  get upstreamPolls(): number {
    return this.poller.stats().upstreamPolls;
  }

  close(): void {
    this.stopUpdates?.();
    this.stopUpdates = null;
    this.sink = null;
    this.poller.stop();
  }
}
