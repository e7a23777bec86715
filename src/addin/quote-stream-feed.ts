import {
  API_KEY_HEADER,
  isRecord,
  PLAN_HEADER,
  QUOTE_EVENTS,
  QUOTE_HEARTBEAT_MS,
  QUOTE_MAX_RETRY_MS,
  QUOTE_RETRY_MS,
  quoteStreamPath,
  quoteSubscriptionsPath,
  quoteTickerErrorFromJson,
  SseParser,
} from "../market";
import type { LiveQuote, MarketErrorKind, MarketPhase, ProviderName, QuoteHello, Ticker } from "../market";
import type { QuoteConnectionState, QuoteFeed, QuoteFeedSink } from "./quote-feed";

export interface QuoteStreamFeedOptions {
  /** The data server (its origin). */
  readonly serverUrl: string;
  readonly provider: ProviderName;
  /** The analyst's own key, sent in the x-mkt-api-key header (never in the URL); null: the server's team key. */
  readonly apiKey: string | null;
  /** Its plan tier, sent beside it. */
  readonly plan: string | null;
  /** Tests count requests through their own. */
  readonly fetch?: typeof fetch;
  /** Jitter source (tests make it 0). */
  readonly random?: () => number;
}

export interface QuoteStreamFeed extends QuoteFeed {
  /** Streams opened and subscription POSTs sent (tests, diagnostics). */
  readonly counts: { streams: number; posts: number };
}

/** Missed pings (of the server's heartbeat) after which a silent stream counts as dropped. */
const MISSED_PINGS = 3;
/** Refusals that no reconnecting will change: the settings must. */
const REFUSING_KINDS = ["invalid-key", "not-found", "bad-request", "unsupported"];
const PHASES: readonly string[] = ["pre-open", "regular", "after-close", "closed"];

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * A quote of the stream as a LiveQuote: what our own server wrote from a checked LiveQuote, so only its
 * identity is checked here (liveQuoteFromJson would cost the functions bundle 1 KB); every number a
 * cell shows is checked to be finite where the QUOTE function reads it.
 */
function streamedQuote(item: unknown): LiveQuote {
  if (isRecord(item) && typeof item.symbol === "string" && typeof item.fetchedAt === "number") return item as unknown as LiveQuote;
  throw new TypeError("not a live quote");
}

/** Items of a JSON array read one by one; malformed ones are left out. */
function each<T>(items: unknown, read: (item: unknown) => T): T[] {
  const out: T[] = [];
  if (Array.isArray(items)) {
    for (const item of items) {
      try {
        out.push(read(item));
      } catch {
        // left out
      }
    }
  }
  return out;
}

/**
 * The add-in's one live-quote stream to its data server (src/market/quotes/protocol.ts): opened with
 * fetch() (EventSource cannot send the key header) while any ticker is watched; the watched set kept
 * in step by POSTing the difference; after a drop, a `bye` or a silent heartbeat it reconnects after
 * the server's retry delay plus up to as much again at random, doubling while attempts fail, resuming
 * its subscriptions (Last-Event-ID) and posting only what the server lacks. Nothing reaches the cells
 * meanwhile, so they keep their last values. (Closures rather than a class: the functions bundle's
 * minifier shortens local names, not properties.)
 */
export function createQuoteStreamFeed(options: QuoteStreamFeedOptions): QuoteStreamFeed {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const random = options.random ?? Math.random;
  const counts = { streams: 0, posts: 0 };
  let sink: QuoteFeedSink | null = null;
  let desired = new Set<Ticker>();
  /** What the server's stream watches, as last told; null while there is no stream. */
  let serverSet: Set<string> | null = null;
  let connectionId: string | null = null;
  /** The current stream's; events of a stream whose controller is no longer current are ignored. */
  let current: AbortController | null = null;
  let state: QuoteConnectionState = "idle";
  let everConnected = false;
  let attempt = 0;
  let retryMs = QUOTE_RETRY_MS;
  let heartbeatMs = QUOTE_HEARTBEAT_MS;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let posting = false;
  let postAgain = false;
  let phase: MarketPhase | null = null;
  let pollsPerMinute: number | null = null;
  let message: string | null = null;
  let refusal: { error: MarketErrorKind; message: string } | null = null;
  let closed = false;

  const setState = (next: QuoteConnectionState): void => {
    if (next === state) return;
    state = next;
    sink?.statusChanged();
  };

  const stop = (next: QuoteConnectionState): void => {
    clearTimeout(reconnectTimer);
    clearTimeout(watchdog);
    reconnectTimer = undefined;
    current?.abort();
    current = null;
    serverSet = null;
    setState(next);
  };

  const url = (path: string): string => new URL(path, options.serverUrl).toString();

  const headers = (accept: string): Record<string, string> => {
    const h: Record<string, string> = { accept };
    if (options.apiKey !== null) {
      h[API_KEY_HEADER] = options.apiKey;
      if (options.plan !== null) h[PLAN_HEADER] = options.plan;
    }
    return h;
  };

  const refuse = (tickers: Iterable<Ticker>): void => {
    if (refusal === null) return;
    const { error, message: why } = refusal;
    const errors = [...tickers].map((symbol) => ({ symbol, error, message: why, final: true }));
    if (errors.length > 0) sink?.errors(errors);
  };

  /** The stream is gone: reconnect after the delay (with jitter, doubling while attempts fail). */
  const dropped = (reason: string, atLeastMs = 0): void => {
    stop(closed || desired.size === 0 ? "idle" : everConnected ? "reconnecting" : "connecting");
    message = reason;
    if (state === "idle") return;
    const base = Math.min(QUOTE_MAX_RETRY_MS, retryMs * 2 ** attempt++);
    reconnectTimer = setTimeout(() => void connect(), Math.max(atLeastMs, base + random() * base));
  };

  const armWatchdog = (controller: AbortController): void => {
    clearTimeout(watchdog);
    watchdog = setTimeout(
      () => {
        if (controller === current) dropped(`no word from the data server for ${(MISSED_PINGS * heartbeatMs) / 1000} s`);
      },
      MISSED_PINGS * heartbeatMs + 1_000,
    );
  };

  const readFigures = (data: unknown): void => {
    if (!isRecord(data)) return;
    if (typeof data.phase === "string" && PHASES.includes(data.phase)) phase = data.phase as MarketPhase;
    const polls = data.upstreamPollsPerMinute;
    if (typeof polls === "number" && polls >= 0) pollsPerMinute = polls;
  };

  /** Posts the difference between the wanted set and the stream's, one request at a time. */
  const sync = (): void => {
    const server = serverSet;
    if (state !== "connected" || connectionId === null || server === null) return;
    if (posting) {
      postAgain = true;
      return;
    }
    const add = [...desired].filter((ticker) => !server.has(ticker));
    const remove = [...server].filter((ticker) => !desired.has(ticker as Ticker));
    if (add.length === 0 && remove.length === 0) return;
    posting = true;
    void post(connectionId, current, add, remove).finally(() => {
      posting = false;
      if (postAgain) {
        postAgain = false;
        sync();
      }
    });
  };

  const post = async (id: string, controller: AbortController | null, add: string[], remove: string[]): Promise<void> => {
    counts.posts++;
    // An unreachable server drops the stream too, and the next hello posts the difference again.
    const response = await doFetch(url(quoteSubscriptionsPath(options.provider, id)), {
      method: "POST",
      headers: { ...headers("application/json"), "content-type": "application/json" },
      body: JSON.stringify({ add, remove }),
    }).catch(() => null);
    // A newer stream posts its own difference after its hello.
    if (response === null || controller !== current) return;
    if (response.status === 404) {
      // The server no longer knows this stream: a new one, subscribing everything.
      connectionId = null;
      dropped("the data server lost this stream", 0);
      return;
    }
    const body: unknown = await response.json().catch(() => null);
    if (controller !== current || !isRecord(body)) return;
    if (!response.ok || !Array.isArray(body.watched)) {
      if (typeof body.message === "string") message = body.message;
      return;
    }
    // Tickers the server refused as malformed count as answered, so they are not posted again.
    serverSet = new Set([...body.watched.filter((item): item is string => typeof item === "string"), ...add]);
    const errors = each(body.errors, quoteTickerErrorFromJson);
    if (errors.length > 0) sink?.errors(errors);
  };

  const onEvent = (name: string, data: unknown, controller: AbortController): void => {
    if (!isRecord(data)) return;
    if (name === QUOTE_EVENTS.hello) {
      const hello = data as unknown as QuoteHello;
      if (typeof hello.connectionId !== "string") return;
      connectionId = hello.connectionId;
      if (hello.retryMs > 0) retryMs = hello.retryMs;
      if (hello.heartbeatMs > 0) heartbeatMs = hello.heartbeatMs;
      serverSet = new Set(hello.resumed && Array.isArray(hello.watched) ? hello.watched : []);
      readFigures(hello.status);
      message = hello.offered === false ? hello.message : null;
      attempt = 0;
      everConnected = true;
      setState("connected");
      sync();
    } else if (name === QUOTE_EVENTS.quotes) {
      const quotes = each(data.quotes, streamedQuote);
      if (quotes.length > 0) sink?.quotes(quotes);
    } else if (name === QUOTE_EVENTS.errors) {
      const errors = each(data.errors, quoteTickerErrorFromJson);
      if (errors.length > 0) sink?.errors(errors);
    } else if (name === QUOTE_EVENTS.status) {
      readFigures(data);
      const upstream = data.upstream;
      message = isRecord(upstream) && upstream.ok === false && typeof upstream.message === "string" ? upstream.message : null;
      sink?.statusChanged();
    } else if (name === QUOTE_EVENTS.ping) {
      readFigures(data);
    } else if (name === QUOTE_EVENTS.bye && controller === current) {
      dropped(String(data.message ?? "the data server closed the stream"), typeof data.retryMs === "number" ? data.retryMs : retryMs);
    }
  };

  const connect = async (): Promise<void> => {
    reconnectTimer = undefined;
    const controller = new AbortController();
    current = controller;
    serverSet = null;
    setState(everConnected ? "reconnecting" : "connecting");
    const h = headers("text/event-stream");
    if (connectionId !== null) h["last-event-id"] = connectionId;
    counts.streams++;
    try {
      const response = await doFetch(url(quoteStreamPath(options.provider)), { headers: h, signal: controller.signal, cache: "no-store" });
      if (controller !== current) return;
      if (!response.ok || response.body === null) {
        const body: unknown = await response.json().catch(() => null);
        const error = isRecord(body) && typeof body.error === "string" ? body.error : "unavailable";
        const why = isRecord(body) && typeof body.message === "string" ? body.message : `The data server answered ${response.status}`;
        if (controller !== current) return;
        if (REFUSING_KINDS.includes(error)) {
          // Every cell says why, until the settings change.
          stop("refused");
          refusal = { error: error as MarketErrorKind, message: why };
          message = why;
          refuse(desired);
        } else {
          const wait = isRecord(body) && typeof body.retryAfterSeconds === "number" ? body.retryAfterSeconds * 1000 : 0;
          dropped(why, wait);
        }
        return;
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const parser = new SseParser();
      armWatchdog(controller);
      for (;;) {
        const { done, value } = await reader.read();
        if (done || controller !== current) break;
        armWatchdog(controller);
        for (const event of parser.push(decoder.decode(value, { stream: true }))) {
          if (controller === current) onEvent(event.event, json(event.data), controller);
        }
      }
      if (parser.retryMs !== null) retryMs = parser.retryMs;
      void reader.cancel().catch(() => undefined);
      if (controller === current) dropped("the data server closed the live-quote stream");
    } catch (error) {
      if (controller === current) dropped(`lost the data server: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return {
    counts,
    start(next) {
      sink = next;
    },
    watch(tickers) {
      if (closed) return;
      const added = [...tickers].filter((ticker) => !desired.has(ticker));
      desired = new Set(tickers);
      if (refusal !== null) refuse(added);
      // With nothing watched the stream stays open (a ping now and then) after posting the removals, so
      // the server stops polling at once rather than after a dropped stream's grace period.
      else if (state === "connected") sync();
      else if (desired.size === 0) stop("idle");
      else if (current === null && reconnectTimer === undefined) void connect();
    },
    status: () => ({ connection: state, phase, upstreamPollsPerMinute: pollsPerMinute, message }),
    close() {
      closed = true;
      stop("idle");
      sink = null;
    },
  };
}
