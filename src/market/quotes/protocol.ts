import { isRecord, MarketDataError } from "../core";
import type { LiveQuote, MarketErrorKind } from "../core";
import { isMarketErrorKind } from "../relay";
import type { RelayErrorBody } from "../relay";

/**
 * Live quotes between the add-in and its data server (issue 12): one Server-Sent Events stream per
 * add-in and provider, and a small POST to change what that stream carries.
 *
 * Why SSE and not WebSocket: the traffic is the server pushing quotes; the add-in only says now and
 * then which tickers it wants, which an ordinary POST does. A stream is a plain HTTP response, so every
 * rule of the /api/ routes applies to it unchanged (allowed hosts, CORS, the per-client rate limit,
 * the analyst's key and plan headers, the shutdown), it passes HTTPS proxies and load balancers that
 * understand HTTP, and the server needs no new dependency (fastify has no WebSocket of its own; `ws`
 * would be one, plus an Origin check, key handling and a shutdown path of its own). A browser's
 * WebSocket cannot send the x-mkt-api-key header either.
 *
 *   GET  {server}/api/quotes/{provider}/stream
 *        headers: Accept: text/event-stream; x-mkt-api-key / x-mkt-plan as for every /api/ route;
 *        Last-Event-ID: {connectionId} (or ?resume={connectionId}) to resume a dropped stream
 *        -> 200 text/event-stream, or a RelayErrorBody (404 unknown provider, 401 key, 429, 503 full or
 *           shutting down) like every other route
 *
 *   POST {server}/api/quotes/{provider}/subscriptions/{connectionId}
 *        body QuoteSubscriptionRequest {"add": ["NVDA", …], "remove": ["IWM", …]} (both optional)
 *        -> 200 QuoteSubscriptionResponse {connectionId, watched, errors}: `errors` names tickers of `add`
 *           whose text is malformed (invalid-symbol, final; never subscribed), as /api/batch does
 *        -> 404 not-found when no stream of this provider and key has that id (reconnect, then subscribe)
 *        -> 400 bad-request for a body that is not a JSON object, a field other than add and remove, a
 *           list that is not of text, more than MAX_QUOTE_TICKERS_PER_CONNECTION tickers in the request
 *           or on the stream after it
 *   Both answer 403 to pages of origins not allowed, like every /api/ route.
 *
 * The stream's events (`event:` name, `data:` one JSON line):
 *   retry: {QUOTE_RETRY_MS}                     first line: the reconnect delay EventSource uses
 *   hello        QuoteHello                      first event, with `id: {connectionId}` (so EventSource's
 *                                                automatic reconnect sends it back as Last-Event-ID)
 *   quotes       QuotesEvent                     changed quotes of tickers this stream watches; on subscribe
 *                                                (and on resume) the last known quote of each at once
 *   quote-errors QuoteErrorsEvent                per-ticker errors: `final` ones (unknown ticker, no quote
 *                                                for it, a refused key) are sent once per subscription and
 *                                                the ticker is not polled again; others (a refusal by the
 *                                                plan's limits) once per change, and polling goes on
 *   status       QuoteStreamStatus               market phase, interval, last and next poll, and whether
 *                                                the last upstream poll failed (cells keep their values)
 *   ping         QuotePing                       every QUOTE_HEARTBEAT_MS, with the figures of the pane's status
 *                                                (tickers watched, quotes and upstream polls per minute):
 *                                                nothing for 3 heartbeats = dead
 *   bye          QuoteBye                        the server is closing this stream (shutdown, or replaced by
 *                                                a resume); reconnect after retryMs (with jitter). A stream
 *                                                read more than 4 MB behind is cut without one (a drop:
 *                                                resume it)
 *
 * Subscriptions belong to the stream (its connectionId) and are a set: adding a ticker twice is one
 * subscription; the server counts, per ticker, the streams that watch it and polls it while any does.
 * A dropped stream keeps its subscriptions for QUOTE_GRACE_MS: resuming within that (Last-Event-ID or
 * ?resume=) brings them back at once (hello.resumed true, hello.watched the set) with the last quotes.
 * Otherwise hello.resumed is false and hello.watched empty, and the add-in posts its whole set again.
 * The POST may reach any instance behind a load balancer: the instances forward it through Redis to the
 * one holding the stream.
 *
 * The add-in reads the stream with fetch() and a ReadableStream (EventSource cannot send the key
 * header), parsing it with SseParser below; on a dropped stream, an error event or `bye` it waits
 * retryMs plus up to as much again at random (a thousand add-ins must not come back in the same
 * millisecond after a restart), doubling up to QUOTE_MAX_RETRY_MS while attempts fail.
 */
export const QUOTES_PATH = "/api/quotes";

/** The reconnect delay the stream announces (`retry:`). */
export const QUOTE_RETRY_MS = 3_000;
/** The longest reconnect delay a client should back off to. */
export const QUOTE_MAX_RETRY_MS = 30_000;
/** A ping at least this often while nothing else is sent. */
export const QUOTE_HEARTBEAT_MS = 15_000;
/** How long a dropped stream keeps its subscriptions for a resume. */
export const QUOTE_GRACE_MS = 30_000;
/** Tickers one stream may watch (and one POST may name, add and remove together). */
export const MAX_QUOTE_TICKERS_PER_CONNECTION = 2_000;
/** The default polling interval during US regular hours (MKT_QUOTE_INTERVAL_SECONDS). */
export const DEFAULT_QUOTE_INTERVAL_SECONDS = 15;

export const QUOTE_EVENTS = {
  hello: "hello",
  quotes: "quotes",
  errors: "quote-errors",
  status: "status",
  ping: "ping",
  bye: "bye",
} as const;
export type QuoteEventName = (typeof QUOTE_EVENTS)[keyof typeof QUOTE_EVENTS];

export function quoteStreamPath(provider: string): string {
  return `${QUOTES_PATH}/${encodeURIComponent(provider)}/stream`;
}

export function quoteSubscriptionsPath(provider: string, connectionId: string): string {
  return `${QUOTES_PATH}/${encodeURIComponent(provider)}/subscriptions/${encodeURIComponent(connectionId)}`;
}

/**
 * Where the US market is for quote polling: `pre-open` and `closed` poll nothing (a newly watched
 * ticker gets one quote), `regular` polls every interval, `after-close` is the wait for the one poll
 * after the close (16:00, or 13:00 on an early close).
 */
export type MarketPhase = "pre-open" | "regular" | "after-close" | "closed";

export type UpstreamState = { readonly ok: true } | ({ readonly ok: false; readonly at: number } & RelayErrorBody);

export interface QuoteStreamStatus {
  readonly phase: MarketPhase;
  /** Seconds between polls during regular hours: the setting, or longer where the plan's limits need it. */
  readonly intervalSeconds: number;
  /** The server's setting (MKT_QUOTE_INTERVAL_SECONDS). */
  readonly configuredIntervalSeconds: number;
  /** When the next poll is due (ms since 1970), null when nothing is watched. */
  readonly nextPollAt: number | null;
  /** When the provider was last polled for this stream's key (by any server instance), null before. */
  readonly lastPollAt: number | null;
  /** How the last upstream poll went. */
  readonly upstream: UpstreamState;
  /** Whether several server instances share the polling (Redis). */
  readonly shared: boolean;
}

export interface QuoteHello {
  readonly connectionId: string;
  readonly provider: string;
  /** True when this stream took over a dropped one's subscriptions (Last-Event-ID or ?resume=). */
  readonly resumed: boolean;
  /** The tickers this stream watches now: the resumed set, or [] for a new stream. */
  readonly watched: readonly string[];
  /** False when this server has no live quotes from the provider (every subscription then gets a final error saying so). */
  readonly offered: boolean;
  readonly message: string | null;
  readonly status: QuoteStreamStatus;
  readonly retryMs: number;
  readonly heartbeatMs: number;
  readonly graceMs: number;
  readonly maxTickers: number;
}

export interface QuotesEvent {
  readonly quotes: readonly LiveQuote[];
}

/** A ticker's error: the relay's error body, the ticker, and whether polling stopped for it. */
export interface QuoteTickerError extends RelayErrorBody {
  readonly symbol: string;
  /** True: the cell should show #N/A with the message and the ticker is not polled again (until subscribed again). */
  readonly final: boolean;
}

export interface QuoteErrorsEvent {
  readonly errors: readonly QuoteTickerError[];
}

export interface QuotePing {
  /** The server's time (ms since 1970). */
  readonly time: number;
  /** Of the stream's provider and key, on every instance sharing the polling: distinct tickers watched (at the last poll). */
  readonly tickersWatched: number;
  /** Quotes that changed in the last minute. */
  readonly quotesPerMinute: number;
  /** Upstream requests in the last minute, by any instance. */
  readonly upstreamPollsPerMinute: number;
}

export interface QuoteBye {
  readonly reason: "shutdown" | "replaced";
  readonly message: string;
  readonly retryMs: number;
}

export interface QuoteSubscriptionRequest {
  readonly add?: readonly string[];
  readonly remove?: readonly string[];
}

export interface QuoteSubscriptionResponse {
  readonly connectionId: string;
  /** Every ticker the stream watches after the change, sorted. */
  readonly watched: readonly string[];
  /** Tickers of `add` refused as malformed (invalid-symbol, final): never subscribed. */
  readonly errors: readonly QuoteTickerError[];
}

/**
 * Per-ticker errors after which a ticker is not polled again: it does not exist, the provider has
 * nothing for it, or the key is refused. A refusal by the plan's limits with a time to retry is not.
 */
export function isFinalQuoteError(error: Pick<MarketDataError, "kind" | "retryAfterSeconds">): boolean {
  const kind: MarketErrorKind = error.kind;
  if (kind === "unknown-symbol" || kind === "invalid-symbol" || kind === "no-data" || kind === "invalid-key") return true;
  return kind === "plan-limit" && error.retryAfterSeconds === null;
}

const NUMBER_FIELDS = ["price", "change", "changePct", "prevClose", "open", "dayHigh", "dayLow", "volume", "time", "delayMinutes"] as const;

/** A LiveQuote read from JSON (a stream's `quotes` event, a Redis message), checked field by field. */
export function liveQuoteFromJson(value: unknown): LiveQuote {
  if (!isRecord(value)) throw new MarketDataError("bad-response", "A live quote is not a JSON object");
  const { symbol, provider, currency, fetchedAt, demo } = value;
  if (typeof symbol !== "string" || symbol === "") throw new MarketDataError("bad-response", "A live quote has no symbol");
  if (typeof provider !== "string") throw new MarketDataError("bad-response", `The live quote of ${symbol} names no provider`, symbol);
  if (currency !== null && typeof currency !== "string") {
    throw new MarketDataError("bad-response", `The live quote of ${symbol} has a currency that is not text`, symbol);
  }
  if (typeof fetchedAt !== "number" || !Number.isFinite(fetchedAt)) {
    throw new MarketDataError("bad-response", `The live quote of ${symbol} has no fetch time`, symbol);
  }
  const numbers: Partial<Record<(typeof NUMBER_FIELDS)[number], number | null>> = {};
  for (const field of NUMBER_FIELDS) {
    const v = value[field];
    if (v === undefined || v === null) numbers[field] = null;
    else if (typeof v === "number" && Number.isFinite(v)) numbers[field] = v;
    else throw new MarketDataError("bad-response", `The live quote of ${symbol} has a ${field} that is not a number`, symbol);
  }
  return {
    symbol,
    provider,
    currency: currency ?? null,
    price: numbers.price ?? null,
    change: numbers.change ?? null,
    changePct: numbers.changePct ?? null,
    prevClose: numbers.prevClose ?? null,
    open: numbers.open ?? null,
    dayHigh: numbers.dayHigh ?? null,
    dayLow: numbers.dayLow ?? null,
    volume: numbers.volume ?? null,
    time: numbers.time ?? null,
    delayMinutes: numbers.delayMinutes ?? null,
    fetchedAt,
    demo: demo === true,
  };
}

/** A QuoteTickerError read from JSON (a `quote-errors` event, a Redis message). */
export function quoteTickerErrorFromJson(value: unknown): QuoteTickerError {
  if (!isRecord(value) || typeof value.symbol !== "string" || !isMarketErrorKind(value.error) || typeof value.message !== "string") {
    throw new MarketDataError("bad-response", "A quote error is not {symbol, error, message, final}");
  }
  const error: QuoteTickerError = { symbol: value.symbol, error: value.error, message: value.message, final: value.final === true };
  const wait = value.retryAfterSeconds;
  return typeof wait === "number" && Number.isFinite(wait) && wait >= 0 ? { ...error, retryAfterSeconds: wait } : error;
}

/** Whether two quotes of a ticker differ in anything but when they were fetched (so the newer is pushed). */
export function quoteChanged(before: LiveQuote | undefined, after: LiveQuote): boolean {
  if (before === undefined) return true;
  if (before.currency !== after.currency || before.demo !== after.demo || before.provider !== after.provider) return true;
  return NUMBER_FIELDS.some((field) => before[field] !== after[field]);
}
