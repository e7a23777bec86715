import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { MarketDataError } from "../../../src/market";
import type { LiveQuote, QuoteOutcome, QuoteProvider, QuoteRequest, Ticker } from "../../../src/market";

/**
 * A loopback quote upstream whose prices change when the test says so, counting every request and
 * the symbols it asked: GET /quote?symbols=A,B → {"A": {"price": …, "prevClose": …}, …}. Tickers
 * starting with "ZZ" do not exist (left out of the answer).
 */
export class QuoteUpstream {
  /** Every request, as the list of symbols it asked for. */
  readonly requests: string[][] = [];
  private readonly prices = new Map<string, number>();
  /** When each price last changed (its quote's `time`). */
  private readonly changedAt = new Map<string, number>();
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();
  url = "";

  async start(): Promise<this> {
    const server = http.createServer((request, response) => this.answer(request, response));
    server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.once("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  priceOf(symbol: string): number {
    let price = this.prices.get(symbol);
    if (price === undefined) {
      price = 100 + [...symbol].reduce((sum, char) => sum + char.charCodeAt(0), 0) / 10;
      this.prices.set(symbol, price);
      this.changedAt.set(symbol, Date.now());
    }
    return price;
  }

  /** Moves the prices of `symbols` (default every one known) by `by`. */
  move(symbols?: readonly string[], by = 0.25): void {
    for (const symbol of symbols ?? [...this.prices.keys()]) {
      this.prices.set(symbol, Math.round((this.priceOf(symbol) + by) * 100) / 100);
      this.changedAt.set(symbol, Date.now());
    }
  }

  /** Requests whose symbols included `symbol`. */
  requestsFor(symbol: string): number {
    return this.requests.filter((symbols) => symbols.includes(symbol)).length;
  }

  private answer(request: http.IncomingMessage, response: http.ServerResponse): void {
    const url = new URL(request.url ?? "/", "http://upstream");
    const symbols = (url.searchParams.get("symbols") ?? "").split(",").filter((s) => s !== "");
    this.requests.push(symbols);
    const body: Record<string, { price: number; prevClose: number; time: number }> = {};
    for (const symbol of symbols) {
      if (symbol.startsWith("ZZ")) continue;
      body[symbol] = { price: this.priceOf(symbol), prevClose: 100, time: this.changedAt.get(symbol) ?? 0 };
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  }
}

/** A QuoteProvider over QuoteUpstream: `quotesPerRequest` symbols a request; absent symbols are unknown-symbol. */
export class LoopbackQuoteProvider implements QuoteProvider {
  readonly name = "loopback";

  constructor(
    private readonly upstreamUrl: string,
    readonly quotesPerRequest: number,
    private readonly now: () => number = Date.now,
  ) {}

  async fetchQuotes(tickers: readonly Ticker[], request?: QuoteRequest): Promise<ReadonlyMap<Ticker, QuoteOutcome>> {
    if (tickers.length > this.quotesPerRequest) throw new Error(`asked ${tickers.length} tickers, more than ${this.quotesPerRequest}`);
    const response = await fetch(`${this.upstreamUrl}/quote?symbols=${tickers.join(",")}`, { signal: request?.signal });
    const body = (await response.json()) as Record<string, { price: number; prevClose: number; time: number }>;
    const out = new Map<Ticker, QuoteOutcome>();
    for (const ticker of tickers) {
      const raw = body[ticker];
      if (raw === undefined) {
        out.set(ticker, new MarketDataError("unknown-symbol", `No such ticker: ${ticker}`, ticker));
        continue;
      }
      const quote: LiveQuote = {
        symbol: ticker,
        provider: "loopback",
        currency: "USD",
        price: raw.price,
        change: raw.price - raw.prevClose,
        changePct: (raw.price - raw.prevClose) / raw.prevClose,
        prevClose: raw.prevClose,
        open: null,
        dayHigh: null,
        dayLow: null,
        volume: null,
        time: raw.time,
        delayMinutes: null,
        fetchedAt: this.now(),
        demo: false,
      };
      out.set(ticker, quote);
    }
    return out;
  }
}
