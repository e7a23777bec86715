import { QUOTE_EVENTS } from "../../../src/market";
import type { QuoteBye, QuotePing, QuoteStreamStatus } from "../../../src/market";
import { ManualClock } from "../../support/manual-clock";
import { removeTempDirs } from "../helpers";
import { QuoteUpstream } from "./quote-upstream";
import { startQuoteServer, WEDNESDAY_10AM } from "./quote-server";
import type { QuoteTestServer } from "./quote-server";
import { QuoteStreamClient, settle, until } from "./sse-client";

afterAll(removeTempDirs);

const INTERVAL_MS = 15_000;

let upstream: QuoteUpstream;
let server: QuoteTestServer | null = null;
const clients: QuoteStreamClient[] = [];

async function open(options?: Parameters<typeof QuoteStreamClient.open>[2]): Promise<QuoteStreamClient> {
  const client = await QuoteStreamClient.open(server!.url, "yahoo", options);
  clients.push(client);
  return client;
}

/** Moves the market clock by one interval and waits for the poll's upstream requests to be answered and pushed. */
async function nextInterval(expectedRequests?: number): Promise<void> {
  const before = upstream.requests.length;
  await server!.clock.advance(INTERVAL_MS);
  if (expectedRequests !== undefined && expectedRequests > 0) {
    await until(() => upstream.requests.length >= before + expectedRequests, `${expectedRequests} upstream requests`);
  }
  await settle(60);
}

beforeEach(async () => {
  upstream = await new QuoteUpstream().start();
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server?.close();
  server = null;
  await upstream.close();
});

describe("live quotes over one server", () => {
  it("pushes each change to the streams watching the ticker, and nothing when no price changed", async () => {
    server = await startQuoteServer({ upstream });
    const a = await open();
    const b = await open();
    expect(a.hello).toMatchObject({ resumed: false, watched: [], offered: true, provider: "yahoo" });
    expect(a.hello!.status.phase).toBe("regular");
    expect(await a.subscribe(["IWM", "spy"])).toEqual({ connectionId: a.connectionId, watched: ["IWM", "SPY"], errors: [] });
    await b.subscribe(["SPY"]);

    await nextInterval(1);
    await until(() => a.quotes().length === 2 && b.quotes().length === 1, "the first quotes");
    expect(upstream.requests).toEqual([["IWM", "SPY"]]);
    expect(a.quotesOf("IWM")[0]).toMatchObject({ symbol: "IWM", price: upstream.priceOf("IWM"), currency: "USD" });
    expect(b.quotes().map((q) => q.symbol)).toEqual(["SPY"]);

    await nextInterval(1);
    expect(upstream.requests).toHaveLength(2);
    expect(a.quotes()).toHaveLength(2); // same prices: nothing pushed

    upstream.move(["SPY"], 1.5);
    await nextInterval(1);
    await until(() => a.quotesOf("SPY").length === 2 && b.quotesOf("SPY").length === 2, "the changed SPY");
    expect(a.quotesOf("SPY")[1].price).toBe(upstream.priceOf("SPY"));
    expect(b.quotesOf("SPY")[1].price).toBe(upstream.priceOf("SPY"));
    expect(a.quotesOf("IWM")).toHaveLength(1);
    expect(b.quotesOf("IWM")).toHaveLength(0);
    expect(upstream.requests).toHaveLength(3);
  });

  it("polls 200 subscriptions over 50 tickers with ⌈50 ÷ quotesPerRequest⌉ upstream requests an interval", async () => {
    const perRequest = 20;
    server = await startQuoteServer({ upstream, quotesPerRequest: perRequest });
    const tickers = Array.from({ length: 50 }, (_, i) => `T${String(i).padStart(2, "0")}`);
    const streams = await Promise.all([open(), open(), open(), open()]);
    for (const stream of streams) await stream.subscribe(tickers);

    for (let interval = 1; interval <= 3; interval++) {
      upstream.move();
      await nextInterval(3);
      await settle(100);
      expect(upstream.requests).toHaveLength(3 * interval);
      const asked = upstream.requests.slice(-3);
      expect(asked.every((symbols) => symbols.length <= perRequest)).toBe(true);
      expect(asked.flat().sort()).toEqual(tickers);
    }
    await until(() => streams.every((s) => s.quotes().length === 150), "three quotes of each ticker on every stream");
    const health = (await server.app.inject({ url: "/api/health" })).json();
    expect(health.quotes.providers.yahoo).toMatchObject({ connections: 4, tickersWatched: 50, upstreamPolls: 9 });
  });

  it("stops polling a ticker no stream watches, and everything once the streams have gone for the grace period", async () => {
    server = await startQuoteServer({ upstream, quotes: { graceMs: 300 } });
    const a = await open();
    const b = await open();
    await a.subscribe(["IWM", "SPY"]);
    await b.subscribe(["SPY"]);
    await nextInterval(1);
    expect(upstream.requests).toEqual([["IWM", "SPY"]]);

    await a.subscribe([], ["IWM", "SPY"]);
    await nextInterval(1);
    expect(upstream.requests.at(-1)).toEqual(["SPY"]); // b still watches it

    b.close();
    await nextInterval(); // within the grace period the stream's subscriptions are kept
    expect(upstream.requests).toHaveLength(3);
    await settle(500);
    const polled = upstream.requests.length;
    for (let i = 0; i < 4; i++) await nextInterval();
    expect(upstream.requests).toHaveLength(polled);
    const health = (await server.app.inject({ url: "/api/health" })).json();
    expect(health.quotes).toMatchObject({ connections: 1, resumable: 0 });
    expect(health.quotes.providers.yahoo.tickersWatched).toBe(0);
  });

  it("resumes a dropped stream with its subscriptions, without duplicates (Last-Event-ID or ?resume=)", async () => {
    server = await startQuoteServer({ upstream, quotes: { graceMs: 5_000 } });
    const first = await open();
    await first.subscribe(["IWM", "SPY"]);
    await nextInterval(1);
    await until(() => first.quotes().length === 2, "the first quotes");
    first.drop();
    await until(async () => (await server!.app.inject({ url: "/api/health" })).json().quotes.resumable === 1, "the drop to be seen");

    const second = await open({ resume: first.connectionId });
    expect(second.hello).toMatchObject({ connectionId: first.connectionId, resumed: true, watched: ["IWM", "SPY"] });
    await until(() => second.quotes().length === 2, "the last quotes on resume");
    // The add-in posts its whole set again: a set, so nothing doubles.
    expect((await second.subscribe(["IWM", "SPY"])).watched).toEqual(["IWM", "SPY"]);

    upstream.move();
    await nextInterval(1);
    await until(() => second.quotes().length === 4, "the changed quotes");
    await settle(100);
    expect(second.quotes().map((q) => q.symbol)).toEqual(["IWM", "SPY", "IWM", "SPY"]);
    expect(upstream.requests).toEqual([
      ["IWM", "SPY"],
      ["IWM", "SPY"],
    ]);

    second.drop();
    await settle(50);
    const third = await open({ resume: first.connectionId, resumeBy: "query" });
    expect(third.hello).toMatchObject({ resumed: true, watched: ["IWM", "SPY"] });
    const health = (await server.app.inject({ url: "/api/health" })).json();
    expect(health.quotes).toMatchObject({ connections: 1, resumable: 0 });
    expect(health.quotes.providers.yahoo.tickersWatched).toBe(2);
  });

  it("replaces a stream still attached when its id resumes elsewhere, with a bye on the old one", async () => {
    server = await startQuoteServer({ upstream });
    const first = await open();
    await first.subscribe(["IWM"]);
    const second = await open({ resume: first.connectionId });
    expect(second.hello?.resumed).toBe(true);
    await until(() => first.closed, "the old stream to end");
    expect((first.named("bye").at(-1)?.json as QuoteBye).reason).toBe("replaced");
  });

  it("starts a new stream with an empty set when the dropped one was kept no longer than the grace period", async () => {
    server = await startQuoteServer({ upstream, quotes: { graceMs: 100 } });
    const first = await open();
    await first.subscribe(["IWM"]);
    first.drop();
    await settle(400);
    const second = await open({ resume: first.connectionId });
    expect(second.hello).toMatchObject({ resumed: false, watched: [] });
    expect(second.connectionId).not.toBe(first.connectionId);
    expect((await second.post({ add: ["SPY"] }, {}, first.connectionId)).status).toBe(404);
  });

  it("answers an unknown ticker with one final error and never polls it again", async () => {
    server = await startQuoteServer({ upstream });
    const a = await open();
    await a.subscribe(["ZZNOPE", "IWM"]);
    await nextInterval(1);
    await until(() => a.errors().length === 1, "the error");
    expect(a.errors()[0]).toMatchObject({ symbol: "ZZNOPE", error: "unknown-symbol", final: true });
    for (let i = 0; i < 3; i++) await nextInterval(1);
    expect(upstream.requestsFor("ZZNOPE")).toBe(1);
    expect(upstream.requests.at(-1)).toEqual(["IWM"]);
    expect(a.errors()).toHaveLength(1);

    const b = await open();
    await b.subscribe(["ZZNOPE"]);
    await until(() => b.errors().length === 1, "the known error");
    expect(b.errors()[0]).toMatchObject({ symbol: "ZZNOPE", final: true });
    await nextInterval(1);
    expect(upstream.requestsFor("ZZNOPE")).toBe(1);
  });

  it("sends a ping every heartbeat, with the figures of the pane's status, and keeps the stream past the server's timeouts", async () => {
    server = await startQuoteServer({
      upstream,
      quotes: { heartbeatMs: 100 },
      server: { timeouts: { headersMs: 300, requestMs: 400, idleSocketMs: 500, checkIntervalMs: 100 } },
    });
    const a = await open();
    await a.subscribe(["IWM", "SPY"]);
    await nextInterval(1);
    await settle(1_500);
    expect(a.closed).toBe(false);
    const pings = a.named(QUOTE_EVENTS.ping).map((e) => e.json as QuotePing);
    expect(pings.length).toBeGreaterThanOrEqual(8);
    expect(pings.at(-1)).toMatchObject({ tickersWatched: 2, upstreamPollsPerMinute: 1 });
  });

  it("sends a status when the upstream fails, and again when it recovers; the quotes stay", async () => {
    let failing = false;
    const flaky = {
      name: "flaky",
      quotesPerRequest: 50,
      fetchQuotes: async (tickers: Parameters<LoopbackProvider["fetchQuotes"]>[0]) => {
        if (failing) throw new Error("upstream down");
        return new (await import("./quote-upstream")).LoopbackQuoteProvider(upstream.url, 50).fetchQuotes(tickers);
      },
    };
    server = await startQuoteServer({ upstream, provider: flaky });
    const a = await open();
    await a.subscribe(["IWM"]);
    await nextInterval(1);
    await until(() => a.quotes().length === 1, "a quote");
    failing = true;
    await server.clock.advance(INTERVAL_MS);
    await until(() => a.named("status").some((e) => !(e.json as QuoteStreamStatus).upstream.ok), "a failure status");
    const failed = a.named("status").at(-1)!.json as QuoteStreamStatus;
    expect(failed.upstream).toMatchObject({ ok: false, error: "unavailable" });
    failing = false;
    await nextInterval(1);
    await until(() => (a.named("status").at(-1)!.json as QuoteStreamStatus).upstream.ok, "a recovered status");
    expect(a.quotes()).toHaveLength(1);
  });

  it("ends every stream with a bye when the server closes", async () => {
    server = await startQuoteServer({ upstream });
    const a = await open();
    await a.subscribe(["IWM"]);
    const started = Date.now();
    await server.close();
    server = null;
    expect(Date.now() - started).toBeLessThan(3_000);
    await until(() => a.closed, "the stream to end");
    expect(a.named("bye").at(-1)?.json).toMatchObject({ reason: "shutdown" });
  });

  it("says which provider offers no live quotes, with a final error per subscription", async () => {
    server = await startQuoteServer({ upstream, provider: null });
    const a = await open();
    expect(a.hello).toMatchObject({ offered: false });
    expect(a.hello!.message).toMatch(/no live quotes/);
    await a.subscribe(["IWM"]);
    await until(() => a.errors().length === 1, "the error");
    expect(a.errors()[0]).toMatchObject({ symbol: "IWM", final: true, error: "unavailable" });
    await nextInterval();
    expect(upstream.requests).toHaveLength(0);
  });
});

describe("the plan's limits", () => {
  it("stretch the interval where the key's plan cannot afford the setting", async () => {
    server = await startQuoteServer({ upstream, quotesPerRequest: 1, env: { MKT_ALPHAVANTAGE_KEY: "team-key-123" } });
    const a = await QuoteStreamClient.open(server.url, "alphavantage");
    clients.push(a);
    await a.subscribe(["IWM", "SPY"]);
    const health = (await server.app.inject({ url: "/api/health" })).json();
    // Free plan: 25 requests a day, half of them for quotes, 2 requests a poll over a 6.5-hour session.
    expect(health.quotes.providers.alphavantage.intervalSeconds).toBe(Math.ceil((2 * 6.5 * 3600) / 12.5));
    expect(health.quotes.configuredIntervalSeconds).toBe(15);
  });
});

describe("connections", () => {
  it("refuses a stream over the limit with 503 JSON, but always lets a kept stream resume", async () => {
    server = await startQuoteServer({ upstream, quotes: { maxConnections: 2, graceMs: 5_000 } });
    const a = await open();
    await open();
    const refused = await open();
    expect(refused.status).toBe(503);
    expect(refused.events[0].json).toMatchObject({ error: "unavailable" });
    a.drop();
    await settle(100);
    const resumed = await open({ resume: a.connectionId });
    expect(resumed.status).toBe(200);
    expect(resumed.hello?.resumed).toBe(true);
  });
});

type LoopbackProvider = import("./quote-upstream").LoopbackQuoteProvider;

describe("bad requests", () => {
  beforeEach(async () => {
    server = await startQuoteServer({
      upstream,
      clock: new ManualClock(WEDNESDAY_10AM),
      server: { allowedOrigins: ["https://desk.example"] },
    });
  });

  it.each([
    ["not JSON", "{add:", 400, "bad-request"],
    ["an array", ["IWM"], 400, "bad-request"],
    ["add not a list", { add: "IWM" }, 400, "bad-request"],
    ["a ticker that is not text", { add: ["IWM", 7] }, 400, "bad-request"],
    ["an unknown field", { add: ["IWM"], fields: ["price"] }, 400, "bad-request"],
    ["too many tickers", { add: Array.from({ length: 2_001 }, (_, i) => `X${i}`) }, 400, "bad-request"],
  ])("refuses a body that is %s (HTTP %s, JSON)", async (_what, body, status, error) => {
    const a = await open();
    const res = await a.post(body);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ error, message: expect.any(String) });
  });

  it("answers malformed tickers one by one (invalid-symbol, final) and subscribes the others", async () => {
    const a = await open();
    const res = await a.subscribe(["IWM", "BAD TICKER!", ""]);
    expect(res.watched).toEqual(["IWM"]);
    expect(res.errors.map((e) => [e.symbol, e.error, e.final])).toEqual([
      ["BAD TICKER!", "invalid-symbol", true],
      ["", "invalid-symbol", true],
    ]);
  });

  it("refuses more than a stream may watch across several requests", async () => {
    const a = await open();
    await a.subscribe(Array.from({ length: 1_500 }, (_, i) => `A${i}`));
    const res = await a.post({ add: Array.from({ length: 600 }, (_, i) => `B${i}`) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "bad-request", message: expect.stringMatching(/at most 2000/) });
  });

  it("answers 404 JSON for an unknown provider, an unknown stream, or a stream of another key", async () => {
    const unknown = await QuoteStreamClient.open(server!.url, "nasdaq");
    expect(unknown.status).toBe(404);
    expect(unknown.events[0].json).toMatchObject({ error: "not-found" });
    const a = await open();
    expect((await a.post({ add: ["IWM"] }, {}, "no-such-stream")).status).toBe(404);
    expect((await a.post({ add: ["IWM"] }, {}, "x".repeat(100))).status).toBe(404);
    expect(((await a.post({ add: ["IWM"] }, {}, "no-such-stream")).body as { error: string }).error).toBe("not-found");

    const keyed = await QuoteStreamClient.open(server!.url, "alphavantage", { headers: { "x-mkt-api-key": "ANALYSTKEY000001" } });
    clients.push(keyed);
    expect(keyed.status).toBe(200);
    expect((await keyed.post({ add: ["IWM"] }, { "x-mkt-api-key": "ANALYSTKEY000001" })).status).toBe(200);
    expect((await keyed.post({ add: ["IWM"] }, { "x-mkt-api-key": "ANALYSTKEY000002" })).status).toBe(404);
    expect((await keyed.post({ add: ["IWM"] })).status).toBe(404);
  });

  it("refuses pages of foreign origins with 403 JSON, and serves allowed ones", async () => {
    const foreign = await QuoteStreamClient.open(server!.url, "yahoo", { headers: { origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    expect(foreign.events[0].json).toMatchObject({ error: "bad-request" });
    const a = await open({ headers: { origin: "https://desk.example" } });
    expect(a.status).toBe(200);
    expect(a.headers).toMatchObject({
      "access-control-allow-origin": "https://desk.example",
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
    });
    const preflight = await server!.app.inject({
      method: "OPTIONS",
      url: "/api/quotes/yahoo/stream",
      headers: {
        origin: "https://desk.example",
        "access-control-request-method": "GET",
        "access-control-request-headers": "x-mkt-api-key,last-event-id",
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(String(preflight.headers["access-control-allow-headers"]).split(/, */)).toEqual(
      expect.arrayContaining(["x-mkt-api-key", "last-event-id"]),
    );
    const post = await a.post({ add: ["IWM"] }, { origin: "https://evil.example" });
    expect(post.status).toBe(403);
    expect((await a.post({ add: ["IWM"] }, { origin: "https://desk.example" })).status).toBe(200);
  });
});
