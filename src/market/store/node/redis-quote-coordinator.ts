import { randomUUID } from "node:crypto";
import type Redis from "ioredis";
import { isRecord, messageOf } from "../../core";
import type { LiveQuote, Ticker } from "../../core";
import { liveQuoteFromJson, quoteTickerErrorFromJson } from "../../quotes";
import type { ForwardedReply, ForwardedSubscription, QuoteCoordinator, QuotePollResult, QuoteTickerError } from "../../quotes";

/** Every key and channel of the live quotes starts with this, so they can share a Redis with other data. */
export const REDIS_QUOTES_PREFIX = "rotation-desk:quotes:";
/** An instance's announcement of a watched ticker lasts this long unless renewed (an instance that dies stops counting then). */
export const DEFAULT_WATCH_TTL_MS = 30_000;
const DEFAULT_RENEW_MS = 10_000;
/** How long a forwarded subscription waits for the instance holding the stream. */
export const DEFAULT_FORWARD_TIMEOUT_MS = 2_000;
/** The last quote of each ticker, for subscribers on any instance; renewed with every write. */
const LAST_QUOTES_TTL_SECONDS = 3 * 24 * 3600;
/** Tickers answered unknown, for subscribers on any instance. */
const FINAL_ERRORS_TTL_SECONDS = 24 * 3600;

export interface RedisQuoteCoordinatorOptions {
  /**
   * The series cache's connection (RedisSeriesCache.connection): commands go over it, and its owner
   * reports outages and closes it. Results arrive on a second connection made from it (a subscribed
   * connection takes no other commands), which this coordinator closes.
   */
  readonly client: Redis;
  /** Default a random id. */
  readonly instanceId?: string;
  readonly watchTtlMs?: number;
  readonly renewMs?: number;
  readonly forwardTimeoutMs?: number;
  readonly log?: (message: string) => void;
}

interface ControlRequest {
  readonly type: "request";
  readonly id: string;
  readonly origin: string;
  readonly request: ForwardedSubscription;
}

interface ControlReply {
  readonly type: "reply";
  readonly id: string;
  readonly target: string;
  readonly reply: ForwardedReply;
}

const key = {
  watch: (scope: string) => `${REDIS_QUOTES_PREFIX}watch:${scope}`,
  claim: (scope: string, poll: string) => `${REDIS_QUOTES_PREFIX}claim:${scope}:${poll}`,
  last: (scope: string) => `${REDIS_QUOTES_PREFIX}last:${scope}`,
  final: (scope: string) => `${REDIS_QUOTES_PREFIX}final:${scope}`,
  results: (scope: string) => `${REDIS_QUOTES_PREFIX}results:${scope}`,
  control: () => `${REDIS_QUOTES_PREFIX}control`,
};

function isTextArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/** A result published by another instance, checked before use (a damaged one is dropped). */
function resultFromJson(value: unknown): QuotePollResult | null {
  if (!isRecord(value)) return null;
  const { origin, at, kind, requests, tickers, quotes, errors, failure } = value;
  if (typeof origin !== "string" || typeof at !== "number" || typeof requests !== "number") return null;
  if (kind !== "regular" && kind !== "after-close" && kind !== "first") return null;
  if (!isTextArray(tickers) || !Array.isArray(quotes) || !Array.isArray(errors)) return null;
  try {
    return {
      origin,
      at,
      kind,
      requests,
      tickers,
      quotes: quotes.map(liveQuoteFromJson),
      errors: errors.map(quoteTickerErrorFromJson),
      failure: isRecord(failure) && typeof failure.error === "string" && typeof failure.message === "string" ? (failure as never) : null,
    };
  } catch {
    return null;
  }
}

/**
 * Live quotes shared by every server instance that points at the same Redis (see QuoteCoordinator):
 *  - `rotation-desk:quotes:watch:{scope}`, a sorted set of `{instance} {ticker}` scored by when the
 *    announcement lapses: each instance renews its own every 10 s and removes them when its clients stop
 *    watching; the poller reads the members not lapsed, so a ticker nobody watches is not polled and an
 *    instance that dies stops counting within 30 s;
 *  - `rotation-desk:quotes:claim:{scope}:{poll}`, SET NX PX: one instance per regular-hours slot (the
 *    slot's start, the same on every instance), per day's after-close poll and per first quote;
 *  - the channel `rotation-desk:quotes:results:{scope}`: every result, which each instance passes to
 *    its own clients; `rotation-desk:quotes:last:{scope}` and `…:final:{scope}` (hashes by ticker) keep
 *    the last quotes and unknown tickers for clients that subscribe later on any instance;
 *  - the channel `rotation-desk:quotes:control`: subscription changes a load balancer sent to an
 *    instance that does not hold the stream, and the owner's answers.
 *
 * While Redis is down each instance polls what its own clients watch (the connection's owner logs the
 * outage once), and they share again when it is back.
 */
export class RedisQuoteCoordinator implements QuoteCoordinator {
  readonly instanceId: string;
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly watchTtlMs: number;
  private readonly forwardTimeoutMs: number;
  private readonly log: (message: string) => void;
  private readonly own = new Map<string, Set<string>>();
  private readonly handlers = new Map<string, (result: QuotePollResult) => void>();
  private readonly pending = new Map<string, (reply: ForwardedReply) => void>();
  private forwardHandler: ((request: ForwardedSubscription) => ForwardedReply | null) | null = null;
  private readonly renewTimer: ReturnType<typeof setInterval>;
  private closed = false;

  constructor(options: RedisQuoteCoordinatorOptions) {
    this.redis = options.client;
    this.instanceId = options.instanceId ?? randomUUID();
    this.watchTtlMs = options.watchTtlMs ?? DEFAULT_WATCH_TTL_MS;
    this.forwardTimeoutMs = options.forwardTimeoutMs ?? DEFAULT_FORWARD_TIMEOUT_MS;
    this.log = options.log ?? ((message) => console.warn(message));
    // Subscriptions wait for the connection (and ioredis renews them after a reconnect).
    this.subscriber = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined });
    this.subscriber.on("error", () => undefined); // the shared connection's owner reports outages
    this.subscriber.on("message", (channel: string, message: string) => this.onMessage(channel, message));
    this.subscriber.subscribe(key.control()).catch((error: unknown) => this.log(`live quotes: subscribing failed: ${messageOf(error)}`));
    this.renewTimer = setInterval(() => void this.renewAll(), options.renewMs ?? DEFAULT_RENEW_MS);
    this.renewTimer.unref();
    // After an outage, what this instance watches is announced again at once.
    this.redis.on("ready", () => void this.renewAll());
  }

  get shared(): boolean {
    return !this.closed && this.redis.status === "ready" && this.subscriber.status === "ready";
  }

  join(scope: string, onResult: (result: QuotePollResult) => void): void {
    this.handlers.set(scope, onResult);
    this.subscriber
      .subscribe(key.results(scope))
      .catch((error: unknown) => this.log(`live quotes: subscribing failed: ${messageOf(error)}`));
  }

  leave(scope: string): void {
    if (!this.handlers.delete(scope) || this.closed) return;
    this.subscriber.unsubscribe(key.results(scope)).catch(() => undefined);
  }

  async announce(scope: string, tickers: readonly Ticker[]): Promise<void> {
    let mine = this.own.get(scope);
    if (mine === undefined) {
      mine = new Set();
      this.own.set(scope, mine);
    }
    for (const ticker of tickers) mine.add(ticker);
    await this.zadd(scope, tickers);
  }

  async retract(scope: string, tickers: readonly Ticker[]): Promise<void> {
    const mine = this.own.get(scope);
    for (const ticker of tickers) mine?.delete(ticker);
    if (mine !== undefined && mine.size === 0) this.own.delete(scope);
    if (!this.ready() || tickers.length === 0) return;
    await this.redis.zrem(key.watch(scope), ...tickers.map((ticker) => this.member(ticker))).catch(() => undefined);
  }

  async watched(scope: string, own: readonly Ticker[]): Promise<Ticker[]> {
    const all = new Set<string>(own);
    if (!this.ready()) return [...all] as Ticker[];
    const now = Date.now();
    try {
      const [, members] = (await this.redis
        .multi()
        .zremrangebyscore(key.watch(scope), "-inf", `(${now}`)
        .zrangebyscore(key.watch(scope), now, "+inf")
        .exec()) as [[Error | null, number], [Error | null, string[]]];
      for (const member of members[1] ?? []) {
        const space = member.indexOf(" ");
        if (space > 0) all.add(member.slice(space + 1));
      }
    } catch {
      // polled as this instance alone
    }
    return [...all] as Ticker[];
  }

  async claim(scope: string, poll: string, ttlMs: number): Promise<boolean> {
    // An instance that cannot hear the others' results polls for its own clients.
    if (!this.shared) return true;
    try {
      return (await this.redis.set(key.claim(scope, poll), this.instanceId, "PX", Math.max(1, Math.round(ttlMs)), "NX")) === "OK";
    } catch {
      return true; // polled as this instance alone
    }
  }

  async publish(scope: string, result: QuotePollResult): Promise<void> {
    if (!this.ready()) return;
    const pipeline = this.redis.pipeline().publish(key.results(scope), JSON.stringify(result));
    if (result.quotes.length > 0) {
      pipeline.hset(key.last(scope), ...result.quotes.flatMap((quote) => [quote.symbol, JSON.stringify(quote)]));
      pipeline.expire(key.last(scope), LAST_QUOTES_TTL_SECONDS);
    }
    const finals = result.errors.filter((error) => error.final && error.error !== "invalid-key");
    if (finals.length > 0) {
      pipeline.hset(key.final(scope), ...finals.flatMap((error) => [error.symbol, JSON.stringify(error)]));
      pipeline.expire(key.final(scope), FINAL_ERRORS_TTL_SECONDS);
    }
    await pipeline.exec();
  }

  async recall(
    scope: string,
    tickers: readonly Ticker[],
  ): Promise<{ quotes: Map<Ticker, LiveQuote>; errors: Map<Ticker, QuoteTickerError> }> {
    const quotes = new Map<Ticker, LiveQuote>();
    const errors = new Map<Ticker, QuoteTickerError>();
    if (!this.ready() || tickers.length === 0) return { quotes, errors };
    try {
      const [lastReply, finalReply] = (await this.redis
        .pipeline()
        .hmget(key.last(scope), ...tickers)
        .hmget(key.final(scope), ...tickers)
        .exec()) as [[Error | null, (string | null)[]], [Error | null, (string | null)[]]];
      tickers.forEach((ticker, i) => {
        const quote = lastReply[1]?.[i];
        const error = finalReply[1]?.[i];
        try {
          if (typeof error === "string") errors.set(ticker, quoteTickerErrorFromJson(JSON.parse(error)));
          else if (typeof quote === "string") quotes.set(ticker, liveQuoteFromJson(JSON.parse(quote)));
        } catch {
          // a damaged entry: as if none
        }
      });
    } catch {
      // nothing recalled
    }
    return { quotes, errors };
  }

  onForwarded(handler: (request: ForwardedSubscription) => ForwardedReply | null): void {
    this.forwardHandler = handler;
  }

  async forward(request: ForwardedSubscription): Promise<ForwardedReply | null> {
    if (!this.ready()) return null;
    const id = randomUUID();
    let settle: (reply: ForwardedReply | null) => void = () => undefined;
    const answered = new Promise<ForwardedReply | null>((resolve) => {
      const timer = setTimeout(() => settle(null), this.forwardTimeoutMs);
      settle = (reply) => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(reply);
      };
      this.pending.set(id, settle);
    });
    const message: ControlRequest = { type: "request", id, origin: this.instanceId, request };
    try {
      await this.redis.publish(key.control(), JSON.stringify(message));
    } catch {
      settle(null);
    }
    return answered;
  }

  /** Stops renewing and hearing; withdraws what this instance watched (its clients are gone). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.renewTimer);
    if (this.redis.status === "ready") {
      const pipeline = this.redis.pipeline();
      for (const [scope, tickers] of this.own) {
        if (tickers.size > 0) pipeline.zrem(key.watch(scope), ...[...tickers].map((ticker) => this.member(ticker)));
      }
      await pipeline.exec().catch(() => undefined);
    }
    this.own.clear();
    this.handlers.clear();
    this.subscriber.disconnect();
  }

  private ready(): boolean {
    return !this.closed && this.redis.status === "ready";
  }

  private member(ticker: string): string {
    return `${this.instanceId} ${ticker}`;
  }

  private async zadd(scope: string, tickers: Iterable<string>): Promise<void> {
    const list = [...tickers];
    if (!this.ready() || list.length === 0) return;
    const lapse = Date.now() + this.watchTtlMs;
    await this.redis.zadd(key.watch(scope), ...list.flatMap((ticker) => [lapse, this.member(ticker)])).catch(() => undefined);
  }

  private async renewAll(): Promise<void> {
    for (const [scope, tickers] of this.own) await this.zadd(scope, tickers);
  }

  private onMessage(channel: string, text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (channel === key.control()) return this.onControl(message);
    if (!channel.startsWith(`${REDIS_QUOTES_PREFIX}results:`)) return;
    const handler = this.handlers.get(channel.slice(`${REDIS_QUOTES_PREFIX}results:`.length));
    const result = resultFromJson(message);
    if (handler === undefined || result === null || result.origin === this.instanceId) return;
    handler(result);
  }

  private onControl(message: unknown): void {
    if (!isRecord(message) || typeof message.id !== "string") return;
    if (message.type === "reply" && message.target === this.instanceId && isRecord(message.reply) && isTextArray(message.reply.watched)) {
      const problem = message.reply.problem;
      this.pending.get(message.id)?.(
        typeof problem === "string" ? { watched: message.reply.watched, problem } : { watched: message.reply.watched },
      );
      return;
    }
    if (message.type !== "request" || message.origin === this.instanceId || this.forwardHandler === null) return;
    const request = message.request;
    if (!isRecord(request) || typeof request.connectionId !== "string" || typeof request.scope !== "string") return;
    if (!isTextArray(request.add) || !isTextArray(request.remove)) return;
    const reply = this.forwardHandler({
      connectionId: request.connectionId,
      scope: request.scope,
      add: request.add,
      remove: request.remove,
    });
    if (reply === null || !this.ready()) return;
    const answer: ControlReply = { type: "reply", id: message.id, target: String(message.origin), reply };
    this.redis.publish(key.control(), JSON.stringify(answer)).catch(() => undefined);
  }
}
