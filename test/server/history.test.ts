import { createUnlimitedProvider, seriesFromJson } from "../../src/market";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../server/app";
import { replayOf } from "../support/recordings";
import { ReplayServer, startReplayServer } from "../support/replay-server";
import { makeStaticDir, removeTempDirs } from "./helpers";
import { CHART, MDLY, TSLA, yahooFailureRoutes } from "./yahoo-upstream";

/** Recorded Yahoo answers on loopback: TSLA's full history, MDLY "not found", a 429 and a dropped connection. */
function startYahoo(): Promise<ReplayServer> {
  return startReplayServer([
    { path: `${CHART}TSLA`, respond: replayOf(TSLA, { delayMs: 30 }) },
    ...yahooFailureRoutes(),
    { path: /.*/, respond: replayOf(MDLY) },
  ]);
}

/** Runs `body` with MKT_YAHOO_URL pointing at `url`, restoring it after. */
function withYahooUrl(url: string): () => void {
  const saved = process.env.MKT_YAHOO_URL;
  process.env.MKT_YAHOO_URL = url;
  return () => {
    if (saved === undefined) delete process.env.MKT_YAHOO_URL;
    else process.env.MKT_YAHOO_URL = saved;
  };
}

const INVALID_SYMBOLS: [string, string][] = [
  ["path traversal", "..%2F..%2Fetc"],
  ["a NUL byte", "A%00B"],
  ["200 characters", "A".repeat(200)],
  ["a URL", "http:%2F%2Fevil"],
  ["a query", "IWM%3Fx%3D1"],
  ["spaces only", "%20%20"],
];

describe("GET /api/history/:provider/:symbol", () => {
  let yahoo: ReplayServer;
  let app: FastifyInstance;
  let restoreEnv: () => void;

  beforeAll(async () => {
    yahoo = await startYahoo();
    restoreEnv = withYahooUrl(yahoo.url);
    // Bare providers: these tests are about the route's answers, not the plan limits and retries.
    app = buildServer({ staticDir: makeStaticDir(), createProvider: (name) => createUnlimitedProvider(name) });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await yahoo.close();
    restoreEnv();
    removeTempDirs();
  });

  it("answers a demo series as SeriesJson, cacheable by the client for a few minutes", async () => {
    const res = await app.inject({ url: "/api/history/demo/IWM" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    const maxAge = Number(/max-age=(\d+)/.exec(String(res.headers["cache-control"]))?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(60);
    expect(maxAge).toBeLessThanOrEqual(900);
    const series = seriesFromJson(res.json());
    expect(series.symbol).toBe("IWM");
    expect(series.provider).toBe("demo");
    expect(series.demo).toBe(true);
    expect(series.days.length).toBeGreaterThan(200);
  });

  it("normalises the symbol's case", async () => {
    const res = await app.inject({ url: "/api/history/demo/iwm" });
    expect(res.statusCode).toBe(200);
    expect(res.json().symbol).toBe("IWM");
  });

  it("relays yahoo from the recorded upstream and serves the second request from the shared cache", async () => {
    const first = await app.inject({ url: "/api/history/yahoo/TSLA" });
    expect(first.statusCode).toBe(200);
    const series = seriesFromJson(first.json());
    expect(series.provider).toBe("yahoo");
    expect(series.symbol).toBe("TSLA");
    expect(series.days.length).toBeGreaterThan(3000);

    const second = await app.inject({ url: "/api/history/yahoo/TSLA", remoteAddress: "10.0.0.2" });
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(yahoo.requestsTo(`${CHART}TSLA`)).toHaveLength(1);

    const health = (await app.inject({ url: "/api/health" })).json();
    expect(health.stats.yahoo).toMatchObject({ requests: 1, cacheHits: 1 });
  });

  it("maps the upstream's 404 to a 404 JSON error with a message", async () => {
    const res = await app.inject({ url: "/api/history/yahoo/MDLY" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.headers["cache-control"]).toBe("no-store");
    const body = res.json();
    expect(body.error).toBe("unknown-symbol");
    expect(body.message).toMatch(/MDLY/);
  });

  it("maps the upstream's 429 to 429 with its Retry-After", async () => {
    const res = await app.inject({ url: "/api/history/yahoo/RATE" });
    expect(res.statusCode).toBe(429);
    expect(res.json().error).toBe("rate-limited");
    expect(res.headers["retry-after"]).toBe("30");
  });

  it("maps a dropped upstream connection to 503", async () => {
    const res = await app.inject({ url: "/api/history/yahoo/DOWN" });
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toBe("unavailable");
  });

  it("remembers a failure briefly: the next request answers it again without asking upstream", async () => {
    const before = yahoo.requestsTo(`${CHART}MDLY`).length;
    const res = await app.inject({ url: "/api/history/yahoo/MDLY" });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe("unknown-symbol");
    expect(yahoo.requestsTo(`${CHART}MDLY`).length).toBe(before);
  });

  it("answers 404 JSON for an unknown provider", async () => {
    const res = await app.inject({ url: "/api/history/bloomberg/IWM" });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: "not-found", message: expect.stringContaining("bloomberg") });
  });

  it.each(INVALID_SYMBOLS)("rejects a symbol with %s as 400 JSON without calling upstream", async (_label, raw) => {
    const before = yahoo.requests.length;
    for (const provider of ["yahoo", "demo"]) {
      const res = await app.inject({ url: `/api/history/${provider}/${raw}` });
      expect(res.statusCode).toBe(400);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      const body = res.json();
      expect(body.error).toBe("invalid-symbol");
      expect(body.message).toMatch(/Invalid ticker "/);
      expect(body.message).not.toMatch(/\n\s+at /);
    }
    expect(yahoo.requests.length).toBe(before);
  });
});

describe("the relay's shared store", () => {
  it("coalesces concurrent requests from different clients into one upstream fetch", async () => {
    const yahoo = await startYahoo();
    const restoreEnv = withYahooUrl(yahoo.url);
    const app = buildServer({ staticDir: makeStaticDir() });
    try {
      const answers = await Promise.all(
        ["TSLA", "tsla", " TSLA", "TSLA"].map((s, i) =>
          app.inject({ url: `/api/history/yahoo/${encodeURIComponent(s)}`, remoteAddress: `127.0.0.${i + 1}` }),
        ),
      );
      expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
      expect(yahoo.requestsTo(`${CHART}TSLA`)).toHaveLength(1);
      expect((await app.inject({ url: "/api/health" })).json().stats.yahoo).toMatchObject({ requests: 1, coalesced: 3 });
    } finally {
      await app.close();
      await yahoo.close();
      restoreEnv();
      removeTempDirs();
    }
  });
});
