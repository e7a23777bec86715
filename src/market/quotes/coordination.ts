import type { LiveQuote, Ticker } from "../core";
import type { RelayErrorBody } from "../relay";
import type { QuoteTickerError } from "./protocol";

/** What one upstream request of a poll brought, as every server instance receives it. */
export interface QuotePollResult {
  /** The instance that polled (QuoteCoordinator.instanceId). */
  readonly origin: string;
  /** When (market clock, ms since 1970). */
  readonly at: number;
  /** Why: a regular-hours slot, the after-close poll, or the first quote of a newly watched ticker while no poll is near. */
  readonly kind: "regular" | "after-close" | "first";
  /** Upstream requests it took (1 per batch). */
  readonly requests: number;
  /** The tickers asked. */
  readonly tickers: readonly string[];
  /** Their quotes that changed (compared with the polling instance's last ones) or were new to it. */
  readonly quotes: readonly LiveQuote[];
  readonly errors: readonly QuoteTickerError[];
  /** The whole request failed (the tickers keep their last quotes), or null. */
  readonly failure: RelayErrorBody | null;
}

/**
 * How the pollers of several server instances share one scope (a provider and a key): which
 * tickers any instance's clients watch, who polls a slot, and every result delivered to all. In one
 * process (LocalQuoteCoordinator) the instance polls what its own clients watch; with Redis
 * (store/node RedisQuoteCoordinator) one instance polls per slot for all of them.
 *
 * A scope is `{provider}:{key id}`, the key id "team" or a hash of an analyst's own key.
 */
export interface QuoteCoordinator {
  readonly instanceId: string;
  /** Whether other instances share the polling now (Redis configured and reachable). */
  readonly shared: boolean;
  /** Starts hearing other instances' results for `scope` (the own ones are delivered by the poller itself). */
  join(scope: string, onResult: (result: QuotePollResult) => void): void;
  leave(scope: string): void;
  /** This instance's clients watch `tickers` now (kept announced until retracted or this instance stops). */
  announce(scope: string, tickers: readonly Ticker[]): Promise<void>;
  retract(scope: string, tickers: readonly Ticker[]): Promise<void>;
  /** Every ticker any instance's clients watch, given this instance's own. */
  watched(scope: string, own: readonly Ticker[]): Promise<Ticker[]>;
  /** Takes the poll named `poll` (a slot, a day's after-close poll, a first quote): true when this instance does it. */
  claim(scope: string, poll: string, ttlMs: number): Promise<boolean>;
  /** Sends a result to the other instances (and keeps its quotes and final errors for later subscribers). */
  publish(scope: string, result: QuotePollResult): Promise<void>;
  /** The last quotes and final errors any instance published for `tickers`. */
  recall(scope: string, tickers: readonly Ticker[]): Promise<{ quotes: Map<Ticker, LiveQuote>; errors: Map<Ticker, QuoteTickerError> }>;
  /**
   * Forwarding a subscription change to the instance holding the stream (a POST that a load
   * balancer sent elsewhere): the handler answers the forwarded requests this instance owns.
   */
  onForwarded(handler: (request: ForwardedSubscription) => ForwardedReply | null): void;
  /** The owner's answer, or null when no instance has the stream (or none answered in time). */
  forward(request: ForwardedSubscription): Promise<ForwardedReply | null>;
  close(): Promise<void>;
}

export interface ForwardedSubscription {
  readonly connectionId: string;
  readonly scope: string;
  readonly add: readonly string[];
  readonly remove: readonly string[];
}

export interface ForwardedReply {
  /** The stream's tickers after the change. */
  readonly watched: readonly string[];
  /** Why the change was refused (too many tickers), if it was. */
  readonly problem?: string;
}

/** One server instance alone: it polls whatever its own clients watch. */
export class LocalQuoteCoordinator implements QuoteCoordinator {
  readonly shared = false;

  constructor(readonly instanceId: string = "local") {}

  join(): void {}
  leave(): void {}
  async announce(): Promise<void> {}
  async retract(): Promise<void> {}
  async watched(_scope: string, own: readonly Ticker[]): Promise<Ticker[]> {
    return [...own];
  }
  async claim(): Promise<boolean> {
    return true;
  }
  async publish(): Promise<void> {}
  async recall(): Promise<{ quotes: Map<Ticker, LiveQuote>; errors: Map<Ticker, QuoteTickerError> }> {
    return { quotes: new Map(), errors: new Map() };
  }
  onForwarded(): void {}
  async forward(): Promise<ForwardedReply | null> {
    return null;
  }
  async close(): Promise<void> {}
}
