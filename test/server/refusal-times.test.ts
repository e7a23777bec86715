import type { FastifyInstance } from "fastify";
import { buildServer } from "../../server/app";
import { nextUtcMidnight } from "../../src/market/resilience";
import type { BatchResponse, RelayErrorBody } from "../../src/market";
import { fixtureText } from "../support/recordings";
import { ReplayServer, ScriptedResponse, startReplayServer } from "../support/replay-server";
import { makeStaticDir, removeTempDirs } from "./helpers";

/**
 * A refusal by the plan's limits says when it could be served, in every answer the add-in reads: a
 * single history's 429 (Retry-After and the body) and 403 for a used-up day (the body), and each
 * refused symbol of a batch (its error body: a batch result has no header of its own).
 */

const TIINGO_PRICES = /^\/tiingo\/daily\/[^/]+\/prices$/;
const AAPL: ScriptedResponse = {
  status: 200,
  headers: { "content-type": "application/json" },
  body: fixtureText("tiingo/riingo_tiingo_daily_AAPL_prices-4eb987.json"),
};
const TEAM_KEY = "feed".padStart(40, "0");

describe("refusal times on the relay", () => {
  let tiingo: ReplayServer;
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    tiingo = await startReplayServer([{ path: TIINGO_PRICES, respond: AAPL }]);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await tiingo.close();
    removeTempDirs();
  });

  async function server(env: Record<string, string>): Promise<FastifyInstance> {
    const app = buildServer({
      staticDir: makeStaticDir(),
      env: { MKT_TIINGO_URL: tiingo.url, MKT_TIINGO_KEY: TEAM_KEY, ...env },
      rateLimitPerMinute: 0,
    });
    apps.push(app);
    await app.ready();
    return app;
  }

  it("a batch's refused symbols carry retryAfterSeconds with the server's words", async () => {
    const app = await server({ MKT_TIINGO_PER_HOUR: "2" });
    const res = await app.inject({ method: "POST", url: "/api/batch/tiingo", payload: { symbols: ["B1", "B2", "B3", "^GSPC"] } });
    expect(res.statusCode).toBe(200);
    const { results } = res.json() as BatchResponse;
    expect(results.slice(0, 2).every((result) => "series" in result)).toBe(true);
    const refused = (results[2] as { error: RelayErrorBody }).error;
    expect(refused.error).toBe("rate-limited");
    expect(refused.message).toMatch(/^Tiingo allows 2 requests an hour on the configured plan; try again in 6[01] min$/);
    expect(refused.retryAfterSeconds).toBeGreaterThan(3_500);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(3_601);
    // A ticker Tiingo cannot serve is refused as such, without a time, and took no request of the hour.
    expect((results[3] as { error: RelayErrorBody }).error).toEqual({
      error: "unknown-symbol",
      message: expect.stringContaining("Tiingo"),
    });
    expect(tiingo.requests.filter((request) => request.path.includes("GSPC"))).toEqual([]);
  });

  it("a single history's 429 says it in Retry-After and in the body, alike", async () => {
    const app = await server({ MKT_TIINGO_PER_HOUR: "1" });
    expect((await app.inject({ url: "/api/history/tiingo/S1" })).statusCode).toBe(200);
    const refused = await app.inject({ url: "/api/history/tiingo/S2" });
    expect(refused.statusCode).toBe(429);
    const body = refused.json() as RelayErrorBody;
    expect(body.error).toBe("rate-limited");
    expect(body.retryAfterSeconds).toBe(Number(refused.headers["retry-after"]));
  });

  it("a used-up day is plan-limit (403) with the seconds until midnight UTC, in batches too", async () => {
    const app = await server({ MKT_TIINGO_PER_DAY: "1" });
    expect((await app.inject({ url: "/api/history/tiingo/D1" })).statusCode).toBe(200);
    const refused = await app.inject({ url: "/api/history/tiingo/D2" });
    expect(refused.statusCode).toBe(403);
    const body = refused.json() as RelayErrorBody;
    const untilMidnight = Math.ceil((nextUtcMidnight(Date.now()) - Date.now()) / 1000);
    expect(body).toMatchObject({
      error: "plan-limit",
      message: expect.stringMatching(/a day on the configured plan and they are used up/),
    });
    expect(Math.abs(body.retryAfterSeconds! - untilMidnight)).toBeLessThanOrEqual(2);
    const batch = await app.inject({ method: "POST", url: "/api/batch/tiingo", payload: { symbols: ["D3"] } });
    const error = (batch.json() as BatchResponse).results[0] as { error: RelayErrorBody };
    expect(error.error.error).toBe("plan-limit");
    expect(Math.abs(error.error.retryAfterSeconds! - untilMidnight)).toBeLessThanOrEqual(2);
  });
});
