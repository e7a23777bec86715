import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../server/app";
import type { HistoryStoreLike } from "../../server/history-route";
import { KeyRoutingProvider, ProviderFactory } from "../../server/key-routing-provider";
import { directProviderFactory } from "../../server/provider-stores";
import { demoSeries, fetchText, MarketDataError, parseTicker, ResilientProvider } from "../../src/market";
import * as market from "../../src/market";
import type { BatchResponse } from "../../src/market";
import { ReplayServer, startReplayServer } from "../support/replay-server";
import { makeStaticDir, removeTempDirs } from "./helpers";

const TEAM_KEY = "TEAM-key/123+abc";
/** Tiingo keys are 40 hexadecimal digits; the relay uses no other kind of analyst key for Tiingo. */
const ANALYST_KEY = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
const OTHER_ANALYST_KEY = "ffffffffffffffffffffffffffffffff00000000";
const QUERY_SECRET = "q-secret-789";

/** Every form a key could take in text: raw, URL-encoded, form-encoded. */
function forms(key: string): string[] {
  return [key, encodeURIComponent(key), new URLSearchParams({ k: key }).toString().slice(2)];
}

function expectNoKeys(text: string): void {
  for (const key of [TEAM_KEY, ANALYST_KEY, QUERY_SECRET]) for (const form of forms(key)) expect(text).not.toContain(form);
}

/**
 * A careless keyed provider: sends the key in the query string, and when the upstream refuses,
 * quotes the URL (key included) and the upstream's body (which echoes the key) in its message.
 */
function carelessFactory(upstream: ReplayServer, made: string[]): ProviderFactory {
  return (name, apiKey) => {
    const key = apiKey ?? TEAM_KEY;
    made.push(key);
    return {
      name,
      async fetchHistory(symbol) {
        const url = `${upstream.url}/keyed/${symbol}?apikey=${encodeURIComponent(key)}`;
        const res = await fetchText(url, { service: "Keyed", symbol, timeoutMs: 2_000 });
        if (res.status !== 200) throw new MarketDataError("invalid-key", `Keyed refused ${url}: ${res.body}`, symbol);
        return { ...demoSeries(symbol, Date.now()), provider: name, demo: false };
      },
    };
  };
}

function startKeyedUpstream(): Promise<ReplayServer> {
  return startReplayServer([
    {
      path: /^\/keyed\/[A-Z]+$/,
      respond: (request) =>
        request.path.endsWith("/FAIL")
          ? { status: 401, headers: { "content-type": "text/plain" }, body: `key ${request.query.get("apikey")} is not valid` }
          : { status: 200, body: "ok" },
    },
  ]);
}

describe("API keys", () => {
  let upstream: ReplayServer;
  let app: FastifyInstance;
  const made: string[] = [];
  let log = "";

  beforeAll(async () => {
    upstream = await startKeyedUpstream();
    const stream = new Writable({
      write(chunk, _encoding, done) {
        log += chunk.toString();
        done();
      },
    });
    app = buildServer({
      staticDir: makeStaticDir(),
      env: { MKT_TIINGO_KEY: TEAM_KEY },
      createProvider: carelessFactory(upstream, made),
      logger: { level: "info", stream },
      rateLimitPerMinute: 0,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await upstream.close();
    removeTempDirs();
  });

  const keyedGet = (url: string, key?: string) => app.inject({ url, headers: key === undefined ? {} : { "x-mkt-api-key": key } });
  const keysSentUpstream = (): (string | null)[] => upstream.requests.map((r) => r.query.get("apikey"));

  it("uses the team key (MKT_<NAME>_KEY) without a header, the analyst's key with one", async () => {
    upstream.requests.length = 0;
    expect((await keyedGet("/api/history/tiingo/AAA")).statusCode).toBe(200);
    expect((await keyedGet("/api/history/tiingo/BBB", ANALYST_KEY)).statusCode).toBe(200);
    expect((await keyedGet("/api/history/tiingo/CCC", ` ${ANALYST_KEY} `)).statusCode).toBe(200);
    expect(keysSentUpstream()).toEqual([TEAM_KEY, ANALYST_KEY, ANALYST_KEY]);
    // One provider instance per key, reused.
    expect(made.filter((key) => key === ANALYST_KEY)).toHaveLength(1);
  });

  it("uses the analyst's key for the upstream calls of a batch", async () => {
    upstream.requests.length = 0;
    const res = await app.inject({
      method: "POST",
      url: "/api/batch/tiingo",
      headers: { "x-mkt-api-key": ANALYST_KEY },
      payload: { symbols: ["DDD", "EEE"] },
    });
    expect(res.statusCode).toBe(200);
    expect(keysSentUpstream()).toEqual([ANALYST_KEY, ANALYST_KEY]);
  });

  it("shares what one analyst's key fetched with everyone: the store is one per provider", async () => {
    upstream.requests.length = 0;
    expect((await keyedGet("/api/history/tiingo/BBB")).statusCode).toBe(200);
    expect((await keyedGet("/api/history/tiingo/BBB", OTHER_ANALYST_KEY)).statusCode).toBe(200);
    expect(upstream.requests).toHaveLength(0);
  });

  it("returns a failing upstream's error without any key in it, for the header key and the team key", async () => {
    const mine = await keyedGet("/api/history/tiingo/FAIL", ANALYST_KEY);
    expect(mine.statusCode).toBe(401);
    expect(mine.json().error).toBe("invalid-key");
    expect(mine.json().message).toContain("[redacted]");
    expectNoKeys(mine.body);

    const team = await keyedGet("/api/history/tiingo/FAIL");
    expect(team.statusCode).toBe(401);
    expectNoKeys(team.body);

    const batch = await app.inject({
      method: "POST",
      url: "/api/batch/tiingo",
      headers: { "x-mkt-api-key": ANALYST_KEY },
      payload: { symbols: ["FAIL", "AAA"] },
    });
    const [failed] = (batch.json() as BatchResponse).results;
    expect("error" in failed && failed.error.error).toBe("invalid-key");
    expect("error" in failed && failed.error.message).toContain("[redacted]");
    expectNoKeys(batch.body.slice(0, 2_000));
  });

  it("refuses a key that cannot be one with 401 invalid-key, without quoting it or calling upstream", async () => {
    upstream.requests.length = 0;
    for (const bad of ["two words", "x".repeat(300), "tab\there"]) {
      const res = await keyedGet("/api/history/tiingo/ZZZ", bad);
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toBe("invalid-key");
      expect(res.body).not.toContain(bad);
    }
    expect(upstream.requests).toHaveLength(0);
  });

  it("leaves no trace of any key in the log at level info", async () => {
    await keyedGet(`/api/history/tiingo/AAA?apikey=${QUERY_SECRET}&token=${QUERY_SECRET}`, ANALYST_KEY);
    await app.inject({
      url: `/api/history/tiingo/FAIL?api_key=${encodeURIComponent(QUERY_SECRET)}`,
      headers: { "x-mkt-api-key": ANALYST_KEY },
    });
    const lines = log
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { msg?: string; req?: { url?: string } });
    // The log did capture these requests (a silent logger would pass the checks below trivially).
    expect(lines.filter((line) => line.msg === "incoming request").length).toBeGreaterThanOrEqual(10);
    expect(lines.some((line) => line.req?.url === "/api/history/tiingo/AAA?apikey=[redacted]&token=[redacted]")).toBe(true);
    expectNoKeys(log);
  });
});

describe("API keys in logged failures", () => {
  it("are scrubbed from an unexpected error's message and stack in the log, and never answered", async () => {
    let log = "";
    const stream = new Writable({
      write(chunk, _encoding, done) {
        log += chunk.toString();
        done();
      },
    });
    const broken: HistoryStoreLike = {
      get: async () => {
        throw new TypeError(`cannot read ${ANALYST_KEY} or ${TEAM_KEY} at https://api.example/?apikey=${encodeURIComponent(ANALYST_KEY)}`);
      },
      stats: () => ({ requests: 0, cacheHits: 0, coalesced: 0, errors: 0, retries: 0, staleAnswers: 0, persistentHits: 0 }),
    };
    const app = buildServer({
      staticDir: makeStaticDir(),
      env: { MKT_TIINGO_KEY: TEAM_KEY },
      createStore: () => broken,
      logger: { level: "info", stream },
    });
    try {
      const res = await app.inject({ url: "/api/history/tiingo/AAA", headers: { "x-mkt-api-key": ANALYST_KEY } });
      expect(res.statusCode).toBe(500);
      expectNoKeys(res.body);
      expect(log).toMatch(/request failed/);
      expect(log).toContain("[redacted]");
      expectNoKeys(log);
    } finally {
      await app.close();
      removeTempDirs();
    }
  });
});

describe("KeyRoutingProvider", () => {
  it("routes each call by the key its request carries, keeping the 64 most recent keys' providers", async () => {
    const made: (string | null)[] = [];
    const factory: ProviderFactory = (name, apiKey) => {
      made.push(apiKey);
      return { name, fetchHistory: async (ticker) => ({ ...demoSeries(ticker, 0), currency: apiKey }) };
    };
    const provider = new KeyRoutingProvider("demo", factory);
    const fetchWith = (apiKey: string | null, symbol = "IWM") => provider.fetchHistory(parseTicker(symbol), { apiKey });
    expect((await provider.fetchHistory(parseTicker("IWM"))).currency).toBeNull();
    expect((await fetchWith("k1")).currency).toBe("k1");
    const [a, b] = await Promise.all([fetchWith("k2", "A"), fetchWith("k3", "B")]);
    expect([a.currency, b.currency]).toEqual(["k2", "k3"]);
    for (let i = 0; i < 64; i++) await fetchWith(`other${i}`);
    made.length = 0;
    await fetchWith("other63");
    expect(made).toEqual([]); // still kept
    await fetchWith("k1");
    expect(made).toEqual(["k1"]); // dropped as least recently used, made again
  });

  it("gives the direct providers the analyst's key as an argument, over the team's, without changing the server's environment", () => {
    const create = jest.spyOn(market, "createDirectProvider");
    try {
      const env = { MKT_TIINGO_URL: "http://127.0.0.1:9", MKT_TIINGO_KEY: TEAM_KEY };
      const factory = directProviderFactory(env);
      expect(factory("tiingo", ANALYST_KEY)).toBeInstanceOf(ResilientProvider);
      factory("tiingo", null);
      // Both within the server's shared ceilings for Tiingo.
      const shared = expect.objectContaining({ sharedGates: expect.any(Array), signalGate: expect.anything() });
      expect(create.mock.calls).toEqual([
        ["tiingo", env, ANALYST_KEY, {}, shared],
        ["tiingo", env, null, {}, shared],
      ]);
      expect(env.MKT_TIINGO_KEY).toBe(TEAM_KEY);
    } finally {
      create.mockRestore();
    }
  });
});
