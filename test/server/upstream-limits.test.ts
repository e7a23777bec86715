import type { FastifyInstance } from "fastify";
import { buildServer } from "../../server/app";
import type { BatchResponse } from "../../src/market";
import { fixtureText, replayOf } from "../support/recordings";
import { ReceivedRequest, ReplayServer, ScriptedResponse, startReplayServer } from "../support/replay-server";
import { makeStaticDir, removeTempDirs } from "./helpers";
import { CHART, TSLA } from "./yahoo-upstream";

/**
 * The server's upstream limits under many analysts' keys (findings of the server review): keys must
 * not multiply the limits, a provider's Retry-After and 429s hold every key, and a refused key is
 * not tried again.
 */

const JSON_TYPE = { "content-type": "application/json" };
const TIINGO_PRICES = /^\/tiingo\/daily\/[^/]+\/prices$/;
const AAPL: ScriptedResponse = { status: 200, headers: JSON_TYPE, body: fixtureText("tiingo/riingo_tiingo_daily_AAPL_prices-4eb987.json") };
const INVALID_TOKEN: ScriptedResponse = { status: 401, headers: JSON_TYPE, body: JSON.stringify({ detail: "Invalid token." }) };
/** Tiingo keys are 40 hexadecimal digits. */
const tiingoKey = (i: number): string => i.toString(16).padStart(40, "a");
const TEAM_KEY = tiingoKey(0xfeed);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const symbol = (i: number): string => `S${String(i).padStart(3, "0")}`;

/** TSLA's recorded chart cut to its last `bars` sessions: the same answer, small enough to relay 500 quickly. */
function shortChart(bars: number): ScriptedResponse {
  const body = JSON.parse(TSLA.body) as {
    chart: { result: { timestamp: number[]; indicators: { quote: Record<string, unknown[]>[]; adjclose: { adjclose: unknown[] }[] } }[] };
  };
  const result = body.chart.result[0];
  const keep = <T>(values: T[]): T[] => values.slice(-bars);
  result.timestamp = keep(result.timestamp);
  for (const [field, values] of Object.entries(result.indicators.quote[0])) result.indicators.quote[0][field] = keep(values);
  result.indicators.adjclose[0].adjclose = keep(result.indicators.adjclose[0].adjclose);
  return replayOf(TSLA, { body: JSON.stringify(body) });
}
const SHORT_CHART = shortChart(30);

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});
afterAll(removeTempDirs);

/** An upstream whose answers take `delayMs`, counting the requests in flight at once. */
function slowAnswers(answer: (request: ReceivedRequest, index: number) => ScriptedResponse, delayMs: number) {
  let inFlight = 0;
  let peak = 0;
  return {
    peak: () => peak,
    respond: async (request: ReceivedRequest, index: number): Promise<ScriptedResponse> => {
      peak = Math.max(peak, ++inFlight);
      await sleep(delayMs);
      inFlight--;
      return answer(request, index);
    },
  };
}

async function upstream(routes: Parameters<typeof startReplayServer>[0]): Promise<ReplayServer> {
  const server = await startReplayServer(routes);
  closers.push(() => server.close());
  return server;
}

async function server(env: Record<string, string>): Promise<FastifyInstance> {
  const app = buildServer({ staticDir: makeStaticDir(), env, rateLimitPerMinute: 0 });
  closers.unshift(() => app.close());
  await app.ready();
  return app;
}

const get = (app: FastifyInstance, url: string, key?: string) =>
  app.inject({ url, headers: key === undefined ? {} : { "x-mkt-api-key": key } });

describe("analysts' keys do not multiply the upstream limits", () => {
  it("Yahoo ignores x-mkt-api-key: 500 requests with 500 keys keep 8 calls in flight, as without keys", async () => {
    const counter = slowAnswers(() => SHORT_CHART, 20);
    const yahoo = await upstream([{ path: /^\/v8\/finance\/chart\/[^/]+$/, respond: counter.respond }]);
    const app = await server({ MKT_YAHOO_URL: yahoo.url });
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, i) => get(app, `/api/history/yahoo/${symbol(i)}`, `analyst-key-${String(i).padStart(8, "0")}`)),
    );
    expect(answers.every((res) => res.statusCode === 200)).toBe(true);
    expect(yahoo.requestsTo(/^\/v8\/finance\/chart\//)).toHaveLength(500);
    expect(counter.peak()).toBeLessThanOrEqual(8);
  }, 30_000);

  it("a keyed provider's analysts' keys share one ceiling: 100 requests with 100 Tiingo keys keep at most 4 calls in flight", async () => {
    const counter = slowAnswers(() => AAPL, 20);
    const tiingo = await upstream([{ path: TIINGO_PRICES, respond: counter.respond }]);
    const app = await server({ MKT_TIINGO_URL: tiingo.url, MKT_TIINGO_KEY: TEAM_KEY });
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => get(app, `/api/history/tiingo/${symbol(i)}`, tiingoKey(i))));
    expect(answers.every((res) => res.statusCode === 200)).toBe(true);
    expect(counter.peak()).toBeLessThanOrEqual(4);
  });

  it("a key whose first request came back invalid-key is refused from then on without an upstream call", async () => {
    const bad = tiingoKey(0xbad);
    const tiingo = await upstream([
      { path: TIINGO_PRICES, respond: (request) => (request.headers.authorization === `Token ${bad}` ? INVALID_TOKEN : AAPL) },
    ]);
    const app = await server({ MKT_TIINGO_URL: tiingo.url, MKT_TIINGO_KEY: TEAM_KEY });
    const first = await get(app, "/api/history/tiingo/AAPL", bad);
    expect(first.statusCode).toBe(401);
    expect(first.json().error).toBe("invalid-key");
    const calls = tiingo.requests.length;
    for (const ticker of ["MSFT", "NVDA", "IWM"]) {
      const again = await get(app, `/api/history/tiingo/${ticker}`, bad);
      expect(again.statusCode).toBe(401);
      expect(again.json().error).toBe("invalid-key");
    }
    const batch = await app.inject({
      method: "POST",
      url: "/api/batch/tiingo",
      headers: { "x-mkt-api-key": bad },
      payload: { symbols: ["QQQ", "SPY"] },
    });
    expect((batch.json() as BatchResponse).results.map((r) => ("error" in r ? r.error.error : "series"))).toEqual([
      "invalid-key",
      "invalid-key",
    ]);
    expect(tiingo.requests).toHaveLength(calls);
    // Other keys are not affected.
    expect((await get(app, "/api/history/tiingo/MSFT", tiingoKey(1))).statusCode).toBe(200);
  });

  it("a provider's Retry-After holds every key: 50 requests with 50 different keys make no upstream call during a 30 s Retry-After", async () => {
    const tiingo = await upstream([
      {
        path: TIINGO_PRICES,
        respond: (_request, index) =>
          index === 0
            ? { status: 429, headers: { ...JSON_TYPE, "retry-after": "30" }, body: JSON.stringify({ detail: "Slow down" }) }
            : AAPL,
      },
    ]);
    const app = await server({ MKT_TIINGO_URL: tiingo.url, MKT_TIINGO_KEY: TEAM_KEY });
    const first = await get(app, "/api/history/tiingo/AAPL");
    expect(first.statusCode).toBe(429);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => get(app, `/api/history/tiingo/${symbol(i)}`, tiingoKey(i + 1))));
    for (const res of answers) {
      expect(res.statusCode).toBe(429);
      expect(res.json().error).toBe("rate-limited");
      expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
      expect(Number(res.headers["retry-after"])).toBeLessThanOrEqual(30);
    }
    expect(tiingo.requests).toHaveLength(1);
  });
});

describe("429s without Retry-After", () => {
  it("back off the whole provider, not each request: 20 symbols in a batch cost about 20 calls, not 60", async () => {
    const start = Date.now();
    const plain429: ScriptedResponse = { status: 429, headers: { "content-type": "text/plain" }, body: "Too Many Requests" };
    // Yahoo refuses everything for the first 1.5 s, then answers.
    const yahoo = await upstream([
      { path: /^\/v8\/finance\/chart\/[^/]+$/, respond: () => (Date.now() - start < 1_500 ? plain429 : SHORT_CHART) },
    ]);
    const app = await server({ MKT_YAHOO_URL: yahoo.url });
    const symbols = Array.from({ length: 20 }, (_, i) => symbol(i));
    const res = await app.inject({ method: "POST", url: "/api/batch/yahoo", payload: { symbols } });
    const results = (res.json() as BatchResponse).results;
    expect(results.filter((r) => "series" in r)).toHaveLength(20);
    const calls = yahoo.requestsTo(/^\/v8\/finance\/chart\//).length;
    // One wave of 8, a few probes while Yahoo refuses, then each symbol once.
    expect(calls).toBeLessThanOrEqual(20 + 8 + 4);
    expect(yahoo.requestsTo(`${CHART}${symbols[19]}`).length).toBeLessThanOrEqual(2);
  });
});
