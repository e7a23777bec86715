import { DailySeries, HistoryProvider, MarketDataError, MarketErrorKind, parseTicker, seriesToJson } from "../../../src/market/core";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../../server/app";
import { API_KEY_HEADER, BatchingRelayProvider, BatchResult, MAX_BATCH_SYMBOLS, RelayErrorBody } from "../../../src/market/relay";
import { HistoryStore } from "../../../src/market/store";
import { PLAN_HEADER } from "../../../src/market/providers";
import { replayOf, yahooRecording } from "../../support/recordings";
import { ReplayServer, Route, ScriptedResponse, startReplayServer } from "../../support/replay-server";
import { makeSeries } from "../../support/series-builder";
import { makeStaticDir, removeTempDirs } from "../../server/helpers";
import { rejection } from "../../support/market-errors";

const TSLA = yahooRecording("historical-via-chart-dividends-TSLA-no-dividends.json");
const MDLY = yahooRecording("historicalv8-MDLY-2020-01-01-to-2021-01-04.json");
const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

describe("BatchingRelayProvider against the real server and a replayed Yahoo", () => {
  let yahoo: ReplayServer;
  let app: FastifyInstance;
  let serverUrl: string;
  const batchRequests: { symbols: string[]; key: string | undefined; plan?: string | undefined }[] = [];

  beforeAll(async () => {
    yahoo = await startReplayServer([
      { path: "/v8/finance/chart/MDLY", respond: replayOf(MDLY) },
      { path: /^\/v8\/finance\/chart\/[^/]+$/, respond: replayOf(TSLA, { delayMs: 20 }) },
    ]);
    app = buildServer({ staticDir: makeStaticDir(), env: { MKT_YAHOO_URL: yahoo.url }, rateLimitPerMinute: 0 });
    app.addHook("preHandler", async (request) => {
      if (request.method === "POST") {
        batchRequests.push({
          symbols: (request.body as { symbols: string[] }).symbols,
          key: request.headers[API_KEY_HEADER] as string | undefined,
          ...(request.headers[PLAN_HEADER] === undefined ? {} : { plan: request.headers[PLAN_HEADER] as string }),
        });
      }
    });
    await app.listen({ host: "127.0.0.1", port: 0 });
    serverUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await app.close();
    await yahoo.close();
    removeTempDirs();
  });
  beforeEach(() => {
    batchRequests.length = 0;
    yahoo.requests.length = 0;
  });

  it("turns 200 calls for 50 symbols into 1 batch request and 50 upstream requests", async () => {
    const provider = new BatchingRelayProvider({ serverUrl, provider: "yahoo" });
    const symbols = Array.from({ length: 50 }, (_, i) => `T${String(i).padStart(2, "0")}`);
    const calls = [...symbols, ...symbols.map((s) => s.toLowerCase()), ...symbols, ...symbols.map((s) => ` ${s} `)];
    const answers = await Promise.all(calls.map((symbol) => provider.fetchHistory(parseTicker(symbol))));

    expect(answers.map((series) => series.symbol)).toEqual(calls.map((symbol) => symbol.trim().toUpperCase()));
    expect(answers[0].days.length).toBeGreaterThan(3000);
    expect(answers[0].days).toBeInstanceOf(Int32Array);
    expect(batchRequests).toHaveLength(1);
    expect(batchRequests[0].symbols).toEqual(symbols);
    expect(yahoo.requests).toHaveLength(50);
  });

  it("sends the analyst's key in the x-mkt-api-key header, and none without one", async () => {
    await new BatchingRelayProvider({ serverUrl, provider: "demo", apiKey: " my-own-key " }).fetchHistory(parseTicker("IWM"));
    await new BatchingRelayProvider({ serverUrl, provider: "demo" }).fetchHistory(parseTicker("IWM"));
    expect(batchRequests.map((request) => request.key)).toEqual(["my-own-key", undefined]);
  });

  it("sends the key's plan beside the key in x-mkt-plan, and no plan without a key", async () => {
    await new BatchingRelayProvider({ serverUrl, provider: "demo", apiKey: "my-own-key", plan: "power" }).fetchHistory(parseTicker("IWM"));
    await new BatchingRelayProvider({ serverUrl, provider: "demo", apiKey: null, plan: "power" }).fetchHistory(parseTicker("IWM"));
    expect(batchRequests).toEqual([
      { symbols: ["IWM"], key: "my-own-key", plan: "power" },
      { symbols: ["IWM"], key: undefined },
    ]);
  });

  it("settles each call with its own result: series or the per-symbol error", async () => {
    const provider = new BatchingRelayProvider({ serverUrl, provider: "yahoo" });
    const [good, missing] = await Promise.allSettled([
      provider.fetchHistory(parseTicker("GOOD")),
      provider.fetchHistory(parseTicker("MDLY")),
    ]);
    expect(good.status === "fulfilled" && good.value.symbol).toBe("GOOD");
    expect(missing.status === "rejected" && (missing.reason as MarketDataError).kind).toBe("unknown-symbol");
    expect(batchRequests).toHaveLength(1);
  });

  it("reports an unknown provider as unavailable, with the server's words", async () => {
    const error = await rejection(new BatchingRelayProvider({ serverUrl, provider: "bloomberg" }).fetchHistory(parseTicker("IWM")));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toMatch(/bloomberg/);
  });
});

describe("BatchingRelayProvider with many symbols", () => {
  it(`splits more than ${MAX_BATCH_SYMBOLS} symbols into requests of at most ${MAX_BATCH_SYMBOLS}, each symbol once`, async () => {
    // Three-bar histories, so 250 symbols stay cheap.
    const tiny: HistoryProvider = {
      name: "demo",
      fetchHistory: async (symbol) => ({ ...makeSeries(symbol, [1, 2, 3]), provider: "demo" }),
    };
    const app = buildServer({ staticDir: makeStaticDir(), createStore: () => new HistoryStore(tiny), rateLimitPerMinute: 0 });
    const sizes: number[] = [];
    app.addHook("preHandler", async (request) => {
      if (request.method === "POST") sizes.push((request.body as { symbols: string[] }).symbols.length);
    });
    await app.listen({ host: "127.0.0.1", port: 0 });
    try {
      const provider = new BatchingRelayProvider({
        serverUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
        provider: "demo",
      });
      const symbols = Array.from({ length: 250 }, (_, i) => `D${i}`);
      const answers = await Promise.all([...symbols, ...symbols].map((symbol) => provider.fetchHistory(parseTicker(symbol))));
      expect(answers.every((series, i) => series.symbol === symbols[i % 250])).toBe(true);
      expect(sizes).toEqual([100, 100, 50]);
    } finally {
      await app.close();
      removeTempDirs();
    }
  });
});

describe("BatchingRelayProvider against a scripted relay", () => {
  let relay: ReplayServer;
  afterEach(() => relay?.close());

  async function provider(
    respond: Route["respond"],
    options: { timeoutMs?: number; windowMs?: number } = {},
  ): Promise<BatchingRelayProvider> {
    relay = await startReplayServer([{ method: "POST", path: "/api/batch/yahoo", respond }]);
    return new BatchingRelayProvider({ serverUrl: relay.url, provider: "yahoo", ...options });
  }

  function batchReply(results: BatchResult[]): ScriptedResponse {
    return { headers: JSON_HEADERS, body: JSON.stringify({ results }) };
  }

  const series = (symbol: string): DailySeries => ({ ...makeSeries(symbol, [1, 2, 3]), provider: "yahoo" });
  const errorBody = (error: RelayErrorBody["error"], message: string): RelayErrorBody => ({ error, message });

  it.each([
    ["rate-limited", "rate-limited"],
    ["invalid-key", "invalid-key"],
    ["plan-limit", "plan-limit"],
    ["no-data", "no-data"],
    ["not-found", "unavailable"],
    ["bad-request", "bad-response"],
  ] as [RelayErrorBody["error"], MarketErrorKind][])(
    "maps a per-symbol %s error to %s, keeping the server's message",
    async (kind, expected) => {
      const p = await provider(batchReply([{ symbol: "IWM", error: errorBody(kind, `server says ${kind}`) }]));
      const error = await rejection(p.fetchHistory(parseTicker("IWM")));
      expect(error.kind).toBe(expected);
      expect(error.message).toContain(`server says ${kind}`);
      expect(error.symbol).toBe("IWM");
    },
  );

  it.each(["rate-limited", "plan-limit"] as const)(
    "keeps a per-symbol %s error's retryAfterSeconds: a batch result has no Retry-After header of its own",
    async (kind) => {
      const p = await provider(
        batchReply([
          {
            symbol: "IWM",
            error: {
              ...errorBody(kind, "Tiingo allows 50 requests an hour on the free plan; try again in 61 min"),
              retryAfterSeconds: 3660,
            },
          },
          { symbol: "QQQ", error: errorBody(kind, "no time given") },
        ]),
      );
      const [iwm, qqq] = await Promise.all(["IWM", "QQQ"].map((s) => rejection(p.fetchHistory(parseTicker(s)))));
      expect([iwm.kind, iwm.retryAfterSeconds]).toEqual([kind, 3660]);
      expect([qqq.kind, qqq.retryAfterSeconds]).toEqual([kind, null]);
    },
  );

  it("ignores retryAfterSeconds on errors that are not refusals, and junk values", async () => {
    const p = await provider(
      batchReply([
        { symbol: "IWM", error: { ...errorBody("unavailable", "down"), retryAfterSeconds: 30 } },
        { symbol: "QQQ", error: { ...errorBody("rate-limited", "slow"), retryAfterSeconds: -5 } },
      ]),
    );
    const [iwm, qqq] = await Promise.all(["IWM", "QQQ"].map((s) => rejection(p.fetchHistory(parseTicker(s)))));
    expect(iwm.retryAfterSeconds).toBeNull();
    expect(qqq.retryAfterSeconds).toBeNull();
  });

  it("maps a whole-request 429 to rate-limited for every symbol, with Retry-After", async () => {
    const p = await provider({
      status: 429,
      headers: { ...JSON_HEADERS, "retry-after": "17" },
      body: JSON.stringify(errorBody("rate-limited", "slow down")),
    });
    const errors = await Promise.all(["IWM", "QQQ"].map((s) => rejection(p.fetchHistory(parseTicker(s)))));
    expect(errors.map((e) => [e.kind, e.symbol, e.retryAfterSeconds])).toEqual([
      ["rate-limited", "IWM", 17],
      ["rate-limited", "QQQ", 17],
    ]);
    expect(relay.requests).toHaveLength(1);
  });

  it("maps a proxy's HTML 502 to unavailable, naming each symbol", async () => {
    const p = await provider({ status: 502, headers: { "content-type": "text/html" }, body: "<h1>Bad Gateway</h1>" });
    const error = await rejection(p.fetchHistory(parseTicker("IWM")));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toBe("The data server is unavailable (HTTP 502, an HTML page) for IWM");
  });

  it.each([
    ["not JSON", { status: 200, body: "<html></html>" }],
    ["no results", { status: 200, headers: JSON_HEADERS, body: "{}" }],
    ["too few results", { status: 200, headers: JSON_HEADERS, body: JSON.stringify({ results: [] }) }],
    [
      "a result for another symbol",
      { status: 200, headers: JSON_HEADERS, body: JSON.stringify({ results: [{ symbol: "QQQ", series: seriesToJson(series("QQQ")) }] }) },
    ],
    [
      "a broken series",
      {
        status: 200,
        headers: JSON_HEADERS,
        body: JSON.stringify({ results: [{ symbol: "IWM", series: { ...seriesToJson(series("IWM")), close: [1] } }] }),
      },
    ],
    [
      "a truncated body",
      {
        status: 200,
        headers: JSON_HEADERS,
        body: JSON.stringify({ results: [{ symbol: "IWM", series: seriesToJson(series("IWM")) }] }),
        truncateAfterBytes: 50,
      },
    ],
  ] as [string, ScriptedResponse][])("maps a 200 with %s to bad-response", async (_label, reply) => {
    const error = await rejection((await provider(reply)).fetchHistory(parseTicker("IWM")));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("IWM");
  });

  it("maps a dropped connection to unavailable", async () => {
    const error = await rejection((await provider({ drop: "before-headers" })).fetchHistory(parseTicker("IWM")));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toMatch(/^Could not reach the data server for IWM: /);
  });

  it("gives up after the timeout", async () => {
    const p = await provider({ hang: "before-headers" }, { timeoutMs: 300 });
    const started = Date.now();
    const error = await rejection(p.fetchHistory(parseTicker("IWM")));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toBe("The data server did not answer within 0.3 s for IWM: the request timed out");
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("joins a call to the request already on the way for its symbol", async () => {
    const p = await provider(() => ({ ...batchReply([{ symbol: "IWM", series: seriesToJson(series("IWM")) }]), delayMs: 100 }));
    const first = p.fetchHistory(parseTicker("IWM"));
    await new Promise((resolve) => setTimeout(resolve, 40)); // sent, not answered
    const second = p.fetchHistory(parseTicker("iwm"));
    expect((await first).symbol).toBe("IWM");
    expect((await second).symbol).toBe("IWM");
    expect(relay.requests).toHaveLength(1);
  });

  describe("abort", () => {
    it("rejects a call whose signal is already aborted, without a request", async () => {
      const p = await provider(batchReply([]));
      const error = await rejection(p.fetchHistory(parseTicker("IWM"), { signal: AbortSignal.abort() }));
      expect(error.message).toMatch(/cancelled/);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(relay.requests).toHaveLength(0);
    });

    it("leaves out a symbol whose only caller gave up during the window", async () => {
      const p = await provider(batchReply([{ symbol: "QQQ", series: seriesToJson(series("QQQ")) }]), { windowMs: 30 });
      const controller = new AbortController();
      const dropped = p.fetchHistory(parseTicker("IWM"), { signal: controller.signal });
      const kept = p.fetchHistory(parseTicker("QQQ"));
      controller.abort();
      expect((await rejection(dropped)).message).toBe("The request to the data server for IWM was cancelled");
      expect((await kept).symbol).toBe("QQQ");
      expect(relay.requests).toHaveLength(1);
    });

    it("rejects only the caller that gave up; the others still get the series", async () => {
      const p = await provider(() => ({ ...batchReply([{ symbol: "IWM", series: seriesToJson(series("IWM")) }]), delayMs: 80 }));
      const controller = new AbortController();
      const leaving = p.fetchHistory(parseTicker("IWM"), { signal: controller.signal });
      const staying = p.fetchHistory(parseTicker("IWM"));
      setTimeout(() => controller.abort(), 30);
      expect((await rejection(leaving)).message).toMatch(/cancelled/);
      expect((await staying).symbol).toBe("IWM");
    });

    it("aborts a request every caller gave up on, and a new call starts a fresh one", async () => {
      let answered = 0;
      const p = await provider(async (_request, index) => {
        if (index === 0) return { hang: "before-headers" };
        answered++;
        return batchReply([{ symbol: "IWM", series: seriesToJson(series("IWM")) }]);
      });
      const controller = new AbortController();
      const gone = p.fetchHistory(parseTicker("IWM"), { signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 40)); // on the way
      const started = Date.now();
      controller.abort();
      expect((await rejection(gone)).message).toMatch(/cancelled/);
      expect(Date.now() - started).toBeLessThan(200);
      expect((await p.fetchHistory(parseTicker("IWM"))).symbol).toBe("IWM");
      expect(answered).toBe(1);
      expect(relay.requests).toHaveLength(2);
    });
  });
});
