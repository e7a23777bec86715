import http from "node:http";
import { quoteStreamPath, quoteSubscriptionsPath, SseParser } from "../../../src/market";
import type { LiveQuote, QuoteHello, QuoteSubscriptionResponse, QuoteTickerError, SseEvent } from "../../../src/market";

export interface ReceivedEvent extends SseEvent {
  readonly json: unknown;
}

/** Resolves when `condition` holds (checked every 10 ms of real time), or rejects naming `what`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Lets real I/O (loopback requests, Redis) settle for `ms`. */
export function settle(ms = 100): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * One add-in's live-quote stream over a real HTTP connection, read with the protocol's SseParser:
 * every event kept in order, quotes by ticker, and the subscription POST.
 */
export class QuoteStreamClient {
  readonly events: ReceivedEvent[] = [];
  hello: QuoteHello | null = null;
  closed = false;
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  private request: http.ClientRequest | null = null;
  private response: http.IncomingMessage | null = null;

  private constructor(
    readonly baseUrl: string,
    readonly provider: string,
  ) {}

  /** Opens a stream; resolves after its `hello` (or with the refusal's status when it is not 200). */
  static async open(
    baseUrl: string,
    provider = "yahoo",
    options: { resume?: string; resumeBy?: "header" | "query"; headers?: Record<string, string> } = {},
  ): Promise<QuoteStreamClient> {
    const client = new QuoteStreamClient(baseUrl, provider);
    await client.connect(options);
    return client;
  }

  get connectionId(): string {
    if (this.hello === null) throw new Error("no hello yet");
    return this.hello.connectionId;
  }

  named(event: string): ReceivedEvent[] {
    return this.events.filter((e) => e.event === event);
  }

  /** Every quote received, in order. */
  quotes(): LiveQuote[] {
    return this.named("quotes").flatMap((e) => (e.json as { quotes: LiveQuote[] }).quotes);
  }

  quotesOf(symbol: string): LiveQuote[] {
    return this.quotes().filter((q) => q.symbol === symbol);
  }

  errors(): QuoteTickerError[] {
    return this.named("quote-errors").flatMap((e) => (e.json as { errors: QuoteTickerError[] }).errors);
  }

  async subscribe(
    add: readonly unknown[],
    remove: readonly unknown[] = [],
    headers: Record<string, string> = {},
  ): Promise<QuoteSubscriptionResponse> {
    const res = await this.post({ add, remove }, headers);
    if (res.status !== 200) throw new Error(`subscribe answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as QuoteSubscriptionResponse;
  }

  post(body: unknown, headers: Record<string, string> = {}, connectionId = this.connectionId): Promise<{ status: number; body: unknown }> {
    return postJson(`${this.baseUrl}${quoteSubscriptionsPath(this.provider, connectionId)}`, body, headers);
  }

  /** Drops the connection as a network failure would (no bye from the client). */
  drop(): void {
    this.request?.destroy();
    this.response?.destroy();
  }

  close(): void {
    this.drop();
  }

  private connect(options: { resume?: string; resumeBy?: "header" | "query"; headers?: Record<string, string> }): Promise<void> {
    const query = options.resume !== undefined && options.resumeBy === "query" ? `?resume=${encodeURIComponent(options.resume)}` : "";
    const headers: Record<string, string> = { accept: "text/event-stream", ...options.headers };
    if (options.resume !== undefined && options.resumeBy !== "query") headers["last-event-id"] = options.resume;
    const parser = new SseParser();
    return new Promise((resolve, reject) => {
      const request = http.get(`${this.baseUrl}${quoteStreamPath(this.provider)}${query}`, { headers, agent: false }, (response) => {
        this.response = response;
        this.status = response.statusCode ?? 0;
        this.headers = response.headers;
        response.setEncoding("utf8");
        if (this.status !== 200) {
          let text = "";
          response.on("data", (chunk: string) => (text += chunk));
          response.on("end", () => {
            this.events.push({ event: "refusal", data: text, lastEventId: "", json: JSON.parse(text) as unknown });
            this.closed = true;
            resolve();
          });
          return;
        }
        response.on("data", (chunk: string) => {
          for (const event of parser.push(chunk)) {
            const received = { ...event, json: JSON.parse(event.data) as unknown };
            this.events.push(received);
            if (event.event === "hello") {
              this.hello = received.json as QuoteHello;
              resolve();
            }
          }
        });
        response.on("close", () => {
          this.closed = true;
          resolve();
        });
        response.on("error", () => undefined);
      });
      request.on("error", (error) => {
        this.closed = true;
        if (this.hello === null) reject(error);
      });
      this.request = request;
    });
  }
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const payload = typeof body === "string" ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: "POST", headers: { "content-type": "application/json", ...headers }, agent: false },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: kept as text for the assertion to show
          }
          resolve({ status: response.statusCode ?? 0, body: parsed });
        });
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}
