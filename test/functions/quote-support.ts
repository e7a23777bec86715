import type { Socket } from "node:net";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../server/app";
import { MarketDataError } from "../../src/market";
import type { Clock, LiveQuote, QuoteOutcome, QuoteProvider, Ticker } from "../../src/market";
import { DIST_DIR } from "../support/custom-functions-shim";

/** Wednesday 4 March 2026, 10:00 in New York: a regular session. */
export const SESSION_START = Date.parse("2026-03-04T15:00:00Z");
/** Saturday 7 March 2026, noon in New York: the market is closed all day. */
export const WEEKEND = Date.parse("2026-03-07T17:00:00Z");

/** The market's time starting at `start` and running with real time (sleeps are real). */
export function runningClock(start: number): Clock {
  const origin = Date.now();
  return {
    now: () => start + (Date.now() - origin),
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
      }),
  };
}

/**
 * An upstream whose prices move with every request: each call is recorded (when, by the market's
 * clock, and which tickers), tickers in `unknown` are answered unknown-symbol.
 */
export class MovingQuoteProvider implements QuoteProvider {
  readonly calls: { at: number; tickers: readonly Ticker[] }[] = [];
  readonly unknown = new Set<string>(["NOPE"]);

  constructor(
    readonly name: string,
    readonly quotesPerRequest: number,
    private readonly clock: Clock,
  ) {}

  async fetchQuotes(tickers: readonly Ticker[]): Promise<ReadonlyMap<Ticker, QuoteOutcome>> {
    const at = this.clock.now();
    this.calls.push({ at, tickers: [...tickers] });
    const step = this.calls.length;
    const outcomes = new Map<Ticker, QuoteOutcome>();
    for (const ticker of tickers) {
      if (this.unknown.has(ticker)) {
        outcomes.set(ticker, new MarketDataError("unknown-symbol", `The upstream has no ticker ${ticker}`, ticker));
        continue;
      }
      const prevClose = 100 + ticker.charCodeAt(0);
      const price = prevClose + step / 100;
      const quote: LiveQuote = {
        symbol: ticker,
        provider: this.name,
        currency: "USD",
        price,
        change: price - prevClose,
        changePct: (price - prevClose) / prevClose,
        prevClose,
        open: prevClose,
        dayHigh: price,
        dayLow: prevClose,
        volume: 1_000 * step,
        time: at,
        delayMinutes: null,
        fetchedAt: at,
        demo: false,
      };
      outcomes.set(ticker, quote);
    }
    return outcomes;
  }

  /** Upstream requests so far. */
  get polls(): number {
    return this.calls.length;
  }

  /** How many times `ticker` was asked. */
  asked(ticker: string): number {
    return this.calls.filter((call) => call.tickers.includes(ticker as Ticker)).length;
  }
}

export interface QuoteServer {
  readonly origin: string;
  readonly server: FastifyInstance;
  readonly provider: MovingQuoteProvider;
  /** Ends every connection the server holds (the stream among them), as a network drop would. */
  dropConnections(): void;
  close(): Promise<void>;
}

/** A real data server on loopback whose live quotes (every provider's) come from one MovingQuoteProvider. */
export async function startQuoteServer(options: {
  clock: Clock;
  quotesPerRequest?: number;
  graceMs?: number;
  heartbeatMs?: number;
}): Promise<QuoteServer> {
  const provider = new MovingQuoteProvider("demo", options.quotesPerRequest ?? 10, options.clock);
  const server = buildServer({
    staticDir: DIST_DIR,
    env: {},
    quotes: {
      createProvider: () => provider,
      clock: options.clock,
      intervalSeconds: 1,
      retryMs: 50,
      graceMs: options.graceMs,
      heartbeatMs: options.heartbeatMs ?? 1_000,
    },
  });
  const origin = await server.listen({ host: "127.0.0.1", port: 0 });
  const sockets = new Set<Socket>();
  server.server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return {
    origin,
    server,
    provider,
    dropConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: () => server.close(),
  };
}

/** Resolves once `check` holds, polling every 20 ms; rejects with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
