import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import {
  DEFAULT_QUOTE_INTERVAL_SECONDS,
  LocalQuoteCoordinator,
  marketPhase,
  MAX_QUOTE_TICKERS_PER_CONNECTION,
  QUOTE_EVENTS,
  QUOTE_GRACE_MS,
  QUOTE_HEARTBEAT_MS,
  QUOTE_RETRY_MS,
  QuotePoller,
} from "../../src/market";
import type {
  Clock,
  Env,
  ForwardedReply,
  ForwardedSubscription,
  MarketPhase,
  ProviderName,
  QuoteBye,
  QuoteCoordinator,
  QuoteHello,
  QuotePing,
  QuoteStreamStatus,
  Ticker,
} from "../../src/market";
import { QuoteConnection } from "./connection";
import { QuoteHub } from "./hub";
import type { QuoteHubStats } from "./hub";
import { notOfferedMessage, quoteKeyId, quotePlanLimits } from "./quote-providers";
import type { QuoteProviderFactory } from "./quote-providers";

/** Live-quote streams one server instance holds at once; beyond, a new stream is answered 503. */
export const MAX_QUOTE_CONNECTIONS = 20_000;

export interface QuoteServiceOptions {
  readonly env: Env;
  readonly createProvider: QuoteProviderFactory;
  /** Regular-hours interval (MKT_QUOTE_INTERVAL_SECONDS, default 15). */
  readonly intervalSeconds?: number;
  /** Shares polling between instances (Redis); default this instance alone. */
  readonly coordinator?: QuoteCoordinator;
  /** The market's time: the schedule, polls and the per-minute figures (tests inject one). Streams use real time. */
  readonly clock?: Clock;
  readonly afterCloseDelayMs?: number;
  readonly graceMs?: number;
  readonly heartbeatMs?: number;
  readonly retryMs?: number;
  readonly maxConnections?: number;
  /** Aborts the pollers' upstream calls (the server shutting down). */
  readonly signal?: AbortSignal;
  readonly log?: (message: string) => void;
}

/** What GET /api/health reports under `quotes`. */
export interface QuotesHealth {
  /** Streams connected to this instance now. */
  readonly connections: number;
  /** Dropped streams still within their grace period (their subscriptions kept for a resume). */
  readonly resumable: number;
  readonly phase: MarketPhase;
  readonly configuredIntervalSeconds: number;
  /** Whether server instances share the polling through Redis now. */
  readonly shared: boolean;
  /** Per provider with streams on this instance. */
  readonly providers: Partial<Record<ProviderName, QuoteProviderHealth>>;
}

/** A provider's hubs on this instance (one per key), their figures summed (merged). */
export interface QuoteProviderHealth extends QuoteHubStats {
  readonly offered: boolean;
}

/** A subscription change as applied: the stream's tickers after it, or why it was refused. */
export type SubscriptionOutcome = { readonly watched: readonly string[] } | { readonly problem: string };

/**
 * The live quotes of one server instance: a hub per provider and key, the streams by id, resumes
 * within the grace period, heartbeats, subscription changes (also those forwarded from other
 * instances), the figures for /api/health, and the clean stop.
 */
export class QuoteService {
  readonly coordinator: QuoteCoordinator;
  readonly retryMs: number;
  readonly graceMs: number;
  readonly heartbeatMs: number;
  readonly maxConnections: number;
  private readonly options: QuoteServiceOptions;
  /** The market clock's time (the poller's schedule), for phases and per-minute figures. */
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly hubs = new Map<string, QuoteHub>();
  private readonly connections = new Map<string, QuoteConnection>();
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private closed = false;

  constructor(options: QuoteServiceOptions) {
    this.options = options;
    this.coordinator = options.coordinator ?? new LocalQuoteCoordinator();
    const clock = options.clock;
    this.now = clock === undefined ? () => Date.now() : () => clock.now();
    this.intervalMs = (options.intervalSeconds ?? DEFAULT_QUOTE_INTERVAL_SECONDS) * 1000;
    this.retryMs = options.retryMs ?? QUOTE_RETRY_MS;
    this.graceMs = options.graceMs ?? QUOTE_GRACE_MS;
    this.heartbeatMs = options.heartbeatMs ?? QUOTE_HEARTBEAT_MS;
    this.maxConnections = options.maxConnections ?? MAX_QUOTE_CONNECTIONS;
    this.heartbeat = setInterval(() => this.ping(), this.heartbeatMs);
    this.heartbeat.unref();
    this.coordinator.onForwarded((request) => this.applyForwarded(request));
  }

  /** Streams connected now. */
  get openConnections(): number {
    let open = 0;
    for (const connection of this.connections.values()) if (connection.attached) open++;
    return open;
  }

  /**
   * Whether a stream may open now: a resume of a stream kept here always may (it takes no new place),
   * a new one while fewer than maxConnections streams (connected or kept for a resume) exist.
   */
  canOpen(resumeId: string | null): boolean {
    if (this.closed) return false;
    if (resumeId !== null && this.connections.has(resumeId)) return true;
    return this.connections.size < this.maxConnections;
  }

  scopeOf(provider: ProviderName, apiKey: string | null): string {
    return `${provider}:${quoteKeyId(provider, apiKey, this.options.env)}`;
  }

  /**
   * A stream for `response`: the dropped stream `resumeId` of the same provider and key when it is
   * still kept (its subscriptions and last quotes follow at once), else a new one.
   */
  open(provider: ProviderName, apiKey: string | null, tier: string | undefined, resumeId: string | null, response: ServerResponse): void {
    const scope = this.scopeOf(provider, apiKey);
    const known = resumeId === null ? undefined : this.connections.get(resumeId);
    const resumed = known !== undefined && known.scope === scope;
    const connection = resumed ? known : new QuoteConnection(randomBytes(16).toString("base64url"), provider, scope);
    const hub = resumed ? this.hubs.get(scope)! : this.hubFor(provider, apiKey, tier, scope);
    if (!resumed) {
      this.connections.set(connection.id, connection);
      hub.connections.add(connection);
    }
    connection.attach(response, this.retryMs, {
      message: "This stream was resumed by another connection",
      retryMs: this.retryMs,
    });
    response.once("close", () => connection.detach(response, this.graceMs, () => this.release(connection)));
    const hello: QuoteHello = {
      connectionId: connection.id,
      provider,
      resumed,
      watched: [...connection.subscriptions].sort(),
      offered: hub.offered,
      message: hub.offered ? null : notOfferedMessage(provider),
      status: hub.status(),
      retryMs: this.retryMs,
      heartbeatMs: this.heartbeatMs,
      graceMs: this.graceMs,
      maxTickers: MAX_QUOTE_TICKERS_PER_CONNECTION,
    };
    connection.send(QUOTE_EVENTS.hello, JSON.stringify(hello), connection.id);
    if (resumed) hub.sendKnown(connection, [...connection.subscriptions]);
  }

  /**
   * Changes the subscriptions of stream `connectionId` when this instance holds it: null when it does
   * not (another instance may), or when it belongs to another provider or key.
   */
  subscribe(connectionId: string, scope: string, add: readonly Ticker[], remove: readonly Ticker[]): SubscriptionOutcome | null {
    const connection = this.connections.get(connectionId);
    if (connection === undefined || connection.scope !== scope) return null;
    const hub = this.hubs.get(scope);
    if (hub === undefined) return null;
    const removing = new Set(remove);
    const after = new Set([...connection.subscriptions].filter((ticker) => !removing.has(ticker)));
    for (const ticker of add) after.add(ticker);
    if (after.size > MAX_QUOTE_TICKERS_PER_CONNECTION) {
      return {
        problem: `A stream may watch at most ${MAX_QUOTE_TICKERS_PER_CONNECTION} tickers; this change would make it ${after.size}`,
      };
    }
    hub.remove(connection, remove);
    hub.add(
      connection,
      add.filter((ticker) => !removing.has(ticker)),
    );
    return { watched: [...connection.subscriptions].sort() };
  }

  /** A change another instance received for a stream of this one. */
  private applyForwarded(request: ForwardedSubscription): ForwardedReply | null {
    // Forwarded tickers were parsed by the instance that received them.
    const outcome = this.subscribe(request.connectionId, request.scope, request.add as Ticker[], request.remove as Ticker[]);
    if (outcome === null) return null;
    return "problem" in outcome ? { watched: [], problem: outcome.problem } : outcome;
  }

  /** Forwards a change to the instance holding the stream (through Redis): its outcome, or null when none does. */
  async forward(request: ForwardedSubscription): Promise<SubscriptionOutcome | null> {
    const reply = await this.coordinator.forward(request);
    if (reply === null) return null;
    return reply.problem !== undefined ? { problem: reply.problem } : { watched: reply.watched };
  }

  status(): QuotesHealth {
    const providers: Partial<Record<ProviderName, QuoteProviderHealth>> = {};
    for (const hub of this.hubs.values()) {
      const stats = hub.stats();
      const before = providers[hub.provider];
      providers[hub.provider] = before === undefined ? { offered: hub.offered, ...stats } : merged(before, stats);
    }
    let resumable = 0;
    for (const connection of this.connections.values()) if (!connection.attached) resumable++;
    return {
      connections: this.connections.size - resumable,
      resumable,
      phase: marketPhase(this.now(), null),
      configuredIntervalSeconds: this.intervalMs / 1000,
      shared: this.coordinator.shared,
      providers,
    };
  }

  /** Ends every stream with a `bye` event, stops polling and withdraws this instance from the shared set. */
  async close(bye: Omit<QuoteBye, "reason">): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const connection of this.connections.values()) connection.end({ reason: "shutdown", ...bye });
    for (const hub of this.hubs.values()) hub.stop();
    this.connections.clear();
    this.hubs.clear();
    await this.coordinator.close();
  }

  /** A hub's streams, for tests. */
  connectionsOf(scope: string): readonly QuoteConnection[] {
    return [...(this.hubs.get(scope)?.connections ?? [])];
  }

  hubStats(scope: string): QuoteHubStats | null {
    return this.hubs.get(scope)?.stats() ?? null;
  }

  private hubFor(provider: ProviderName, apiKey: string | null, tier: string | undefined, scope: string): QuoteHub {
    const known = this.hubs.get(scope);
    if (known !== undefined) return known;
    const keyId = scope.slice(provider.length + 1);
    const quoteProvider = this.options.createProvider(provider, keyId === "team" ? null : apiKey, tier);
    const poller =
      quoteProvider === null
        ? null
        : new QuotePoller({
            scope,
            provider: quoteProvider,
            intervalMs: this.intervalMs,
            limits: quotePlanLimits(provider, keyId, tier, this.options.env),
            coordinator: this.coordinator,
            clock: this.options.clock,
            afterCloseDelayMs: this.options.afterCloseDelayMs,
            signal: this.options.signal,
            log: this.options.log,
          });
    const notOffered =
      quoteProvider === null ? { symbol: "", error: "unavailable" as const, message: notOfferedMessage(provider), final: true } : null;
    const hub = new QuoteHub(scope, provider, poller, notOffered, this.now, () => this.idleStatus());
    this.hubs.set(scope, hub);
    return hub;
  }

  private idleStatus(): QuoteStreamStatus {
    return {
      phase: marketPhase(this.now(), null),
      intervalSeconds: this.intervalMs / 1000,
      configuredIntervalSeconds: this.intervalMs / 1000,
      nextPollAt: null,
      lastPollAt: null,
      upstream: { ok: true },
      shared: this.coordinator.shared,
    };
  }

  /** A stream dropped longer than the grace period: its subscriptions go, and a hub without streams stops. */
  private release(connection: QuoteConnection): void {
    if (this.connections.get(connection.id) !== connection || connection.attached) return;
    this.connections.delete(connection.id);
    const hub = this.hubs.get(connection.scope);
    if (hub === undefined) return;
    hub.release(connection);
    if (hub.connections.size === 0) {
      hub.stop();
      this.hubs.delete(connection.scope);
    }
  }

  /** The heartbeat, with the figures the pane's status shows (per hub: its provider and key). */
  private ping(): void {
    const time = Date.now();
    for (const hub of this.hubs.values()) {
      const stats = hub.stats();
      const ping: QuotePing = {
        time,
        tickersWatched: this.coordinator.shared ? (stats.sharedTickersWatched ?? stats.tickersWatched) : stats.tickersWatched,
        quotesPerMinute: stats.quotesPerMinute,
        upstreamPollsPerMinute: stats.upstreamPollsPerMinute,
      };
      const data = JSON.stringify(ping);
      for (const connection of hub.connections) connection.send(QUOTE_EVENTS.ping, data);
    }
  }
}

function merged(a: QuoteProviderHealth, b: QuoteHubStats): QuoteProviderHealth {
  const sum = (x: number | null, y: number | null): number | null => (x === null && y === null ? null : (x ?? 0) + (y ?? 0));
  const latest = (x: number | null, y: number | null): number | null => (x === null ? y : y === null ? x : Math.max(x, y));
  const soonest = (x: number | null, y: number | null): number | null => (x === null ? y : y === null ? x : Math.min(x, y));
  return {
    offered: a.offered,
    connections: a.connections + b.connections,
    tickersWatched: a.tickersWatched + b.tickersWatched,
    sharedTickersWatched: sum(a.sharedTickersWatched, b.sharedTickersWatched),
    quotesPerMinute: a.quotesPerMinute + b.quotesPerMinute,
    pushedPerMinute: a.pushedPerMinute + b.pushedPerMinute,
    upstreamPollsPerMinute: a.upstreamPollsPerMinute + b.upstreamPollsPerMinute,
    ownPollsPerMinute: a.ownPollsPerMinute + b.ownPollsPerMinute,
    upstreamPolls: a.upstreamPolls + b.upstreamPolls,
    lastPollAt: latest(a.lastPollAt, b.lastPollAt),
    nextPollAt: soonest(a.nextPollAt, b.nextPollAt),
    intervalSeconds: Math.max(a.intervalSeconds, b.intervalSeconds),
    upstream: a.upstream.ok ? b.upstream : a.upstream,
  };
}
