import { BatchResponse, createUnlimitedProvider, MAX_BATCH_SYMBOLS, seriesFromJson } from "../../src/market";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../server/app";
import { BATCH_BODY_LIMIT_BYTES, BATCH_CONCURRENCY } from "../../server/batch-route";
import { replayOf } from "../support/recordings";
import { ReplayServer } from "../support/replay-server";
import { makeStaticDir, removeTempDirs } from "./helpers";
import { CHART, startYahoo, TSLA, yahooEnv } from "./yahoo-upstream";

function post(app: FastifyInstance, provider: string, payload: unknown, headers: Record<string, string> = {}) {
  return app.inject({
    method: "POST",
    url: `/api/batch/${provider}`,
    headers: { "content-type": "application/json", ...headers },
    payload: typeof payload === "string" ? payload : JSON.stringify(payload),
  });
}

function expectJsonError(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  error: string,
): string {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers["content-type"])).toMatch(/^application\/json/);
  const body = JSON.parse(res.body) as { error: string; message: string };
  expect(Object.keys(body).sort()).toEqual(["error", "message"]);
  expect(body.error).toBe(error);
  return body.message;
}

describe("POST /api/batch/:provider", () => {
  let yahoo: ReplayServer;
  let app: FastifyInstance;

  beforeAll(async () => {
    yahoo = await startYahoo();
    // Bare providers: these tests are about the route's answers, not the plan limits and retries.
    const env = yahooEnv(yahoo);
    app = buildServer({
      staticDir: makeStaticDir(),
      env,
      rateLimitPerMinute: 0,
      createProvider: (name) => createUnlimitedProvider(name, env),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await yahoo.close();
    removeTempDirs();
  });

  it("answers one result per symbol as sent, in request order: series or error body", async () => {
    const sent = ["TSLA", "MDLY", "../etc", "RATE", "nvda"];
    const res = await post(app, "yahoo", { symbols: sent });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.headers["cache-control"]).toBe("no-store");
    const { results } = res.json() as BatchResponse;
    expect(results.map((r) => r.symbol)).toEqual(sent);

    const tsla = results[0];
    if (!("series" in tsla)) throw new Error("TSLA should have a series");
    const series = seriesFromJson(tsla.series);
    expect(series.symbol).toBe("TSLA");
    expect(series.provider).toBe("yahoo");
    expect(series.days.length).toBeGreaterThan(3000);

    expect(results[1]).toEqual({ symbol: "MDLY", error: { error: "unknown-symbol", message: expect.stringContaining("MDLY") } });
    expect(results[2]).toEqual({
      symbol: "../etc",
      error: { error: "invalid-symbol", message: expect.stringMatching(/^Invalid ticker "\.\.\/etc"/) },
    });
    // A refusal keeps its Retry-After: a batch result has no header of its own.
    expect(results[3]).toEqual({
      symbol: "RATE",
      error: { error: "rate-limited", message: expect.stringContaining("RATE"), retryAfterSeconds: 30 },
    });
    if (!("series" in results[4])) throw new Error("nvda should have a series");
    expect(results[4].series.symbol).toBe("NVDA");
  });

  it("asks the store once per distinct ticker, however it is written or repeated", async () => {
    const before = yahoo.requestsTo(`${CHART}AMD`).length;
    const res = await post(app, "yahoo", { symbols: ["AMD", "amd", " AMD ", "AMD"] });
    const { results } = res.json() as BatchResponse;
    expect(results.map((r) => r.symbol)).toEqual(["AMD", "amd", " AMD ", "AMD"]);
    expect(results.every((r) => "series" in r && r.series.symbol === "AMD")).toBe(true);
    expect(yahoo.requestsTo(`${CHART}AMD`).length - before).toBe(1);
  });

  it("serves from the cache the single-symbol route filled, and the other way round", async () => {
    expect((await app.inject({ url: "/api/history/yahoo/QCOM" })).statusCode).toBe(200);
    await post(app, "yahoo", { symbols: ["QCOM", "INTC"] });
    expect((await app.inject({ url: "/api/history/yahoo/INTC" })).statusCode).toBe(200);
    expect(yahoo.requestsTo(`${CHART}QCOM`)).toHaveLength(1);
    expect(yahoo.requestsTo(`${CHART}INTC`)).toHaveLength(1);
  });

  it("answers an empty list with no results", async () => {
    const res = await post(app, "demo", { symbols: [] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ results: [] });
  });

  it(`takes ${MAX_BATCH_SYMBOLS} symbols in one request`, async () => {
    const symbols = Array.from({ length: MAX_BATCH_SYMBOLS }, (_, i) => `D${i}`);
    const res = await post(app, "demo", { symbols });
    expect(res.statusCode).toBe(200);
    const { results } = res.json() as BatchResponse;
    expect(results).toHaveLength(MAX_BATCH_SYMBOLS);
    expect(results.every((r, i) => "series" in r && r.series.symbol === `D${i}`)).toBe(true);
  });

  describe("refuses the whole request, without any upstream request, when", () => {
    let before: number;
    beforeEach(() => {
      before = yahoo.requests.length;
    });
    afterEach(() => {
      expect(yahoo.requests.length).toBe(before);
    });

    it("the provider is unknown (404)", async () => {
      expect(expectJsonError(await post(app, "bloomberg", { symbols: ["IWM"] }), 404, "not-found")).toMatch(/bloomberg/);
    });

    it.each([
      ["malformed JSON", '{"symbols": ["IWM"'],
      ["an empty body", ""],
      ["a JSON array", '["IWM"]'],
      ["a JSON string", '"IWM"'],
      ["symbols missing", "{}"],
      ["symbols not an array", '{"symbols": "IWM,QQQ"}'],
      ["a symbol that is not text", '{"symbols": ["IWM", 42]}'],
      ["a null symbol", '{"symbols": [null]}'],
    ])("the body is %s (400)", async (_label, payload) => {
      expectJsonError(await post(app, "yahoo", payload), 400, "bad-request");
    });

    it(`it holds more than ${MAX_BATCH_SYMBOLS} symbols (400)`, async () => {
      const symbols = Array.from({ length: MAX_BATCH_SYMBOLS + 1 }, (_, i) => `S${i}`);
      expect(expectJsonError(await post(app, "yahoo", { symbols }), 400, "bad-request")).toMatch(
        new RegExp(`At most ${MAX_BATCH_SYMBOLS}`),
      );
    });

    it(`the body is over ${BATCH_BODY_LIMIT_BYTES} bytes (413)`, async () => {
      const payload = JSON.stringify({ symbols: ["IWM"], padding: "x".repeat(BATCH_BODY_LIMIT_BYTES) });
      expectJsonError(await post(app, "yahoo", payload), 413, "bad-request");
    });

    it("the body is not JSON (415)", async () => {
      expectJsonError(await post(app, "yahoo", "symbols=IWM", { "content-type": "application/x-www-form-urlencoded" }), 415, "bad-request");
    });

    it("the method is GET (404)", async () => {
      expectJsonError(await app.inject({ url: "/api/batch/yahoo" }), 404, "not-found");
    });
  });
});

describe("a batch's upstream requests", () => {
  it(`are at most ${BATCH_CONCURRENCY} at a time, and all made`, async () => {
    let inFlight = 0;
    let peak = 0;
    const yahoo = await startYahoo([
      {
        path: /^\/v8\/finance\/chart\/SLOW\d+$/,
        respond: async () => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 40));
          inFlight--;
          return replayOf(TSLA);
        },
      },
    ]);
    const app = buildServer({ staticDir: makeStaticDir(), env: yahooEnv(yahoo) });
    try {
      const symbols = Array.from({ length: 40 }, (_, i) => `SLOW${i}`);
      const res = await post(app, "yahoo", { symbols });
      expect((res.json() as BatchResponse).results.every((r) => "series" in r)).toBe(true);
      expect(yahoo.requests).toHaveLength(40);
      expect(peak).toBeGreaterThan(1);
      expect(peak).toBeLessThanOrEqual(BATCH_CONCURRENCY);
    } finally {
      await app.close();
      await yahoo.close();
      removeTempDirs();
    }
  });
});
