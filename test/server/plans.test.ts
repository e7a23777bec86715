import type { FastifyInstance } from "fastify";
import { buildServer } from "../../server/app";
import { ConfigError, readConfig } from "../../server/config";
import { PLAN_HEADER, PLAN_TIERS } from "../../src/market";
import { fixtureText } from "../support/recordings";
import { ReplayServer, ScriptedResponse, startReplayServer } from "../support/replay-server";
import { makeStaticDir, removeTempDirs } from "./helpers";

/** Paid plans on the server: the team's from its environment, an analyst's from x-mkt-plan for their own key. */

const TIINGO_PRICES = /^\/tiingo\/daily\/[^/]+\/prices$/;
const AAPL: ScriptedResponse = {
  status: 200,
  headers: { "content-type": "application/json" },
  body: fixtureText("tiingo/riingo_tiingo_daily_AAPL_prices-4eb987.json"),
};
const TEAM_KEY = "feed".padStart(40, "0");
const ANALYST_KEY = "abc".padStart(40, "1");

describe("plan settings in the server's environment", () => {
  const read = (env: Record<string, string>) => () => readConfig(env, "/srv/rotation-desk", "/home/analyst");

  it.each([
    [{ MKT_TIINGO_PLAN: "gold" }, 'MKT_TIINGO_PLAN must be one of free or power for Tiingo, not "gold"'],
    [{ MKT_ALPHAVANTAGE_PER_MINUTE: "fast" }, "MKT_ALPHAVANTAGE_PER_MINUTE must be a whole number of requests from 1 to"],
    [{ MKT_ALPHAVANTAGE_PER_MINUTE: "0" }, "MKT_ALPHAVANTAGE_PER_MINUTE must be a whole number"],
    [{ MKT_ALPHAVANTAGE_PER_HOUR: "100" }, "MKT_ALPHAVANTAGE_PER_HOUR does not apply: Alpha Vantage does not count requests per hour"],
    [{ MKT_TWELVEDATA_CONCURRENCY: "-2" }, "MKT_TWELVEDATA_CONCURRENCY must be a whole number of requests at a time from 1 to 1,000"],
  ])("stops the server naming the variable: %j", (env, message) => {
    expect(read(env)).toThrow(ConfigError);
    expect(read(env)).toThrow(message);
  });

  it("accepts documented tiers, explicit numbers and none", () => {
    expect(
      read({ MKT_TIINGO_PLAN: "Power", MKT_ALPHAVANTAGE_PER_MINUTE: "75", MKT_ALPHAVANTAGE_PER_DAY: "none", MKT_FMP_CONCURRENCY: "4" }),
    ).not.toThrow();
  });
});

describe("plans on the relay", () => {
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

  async function server(env: Record<string, string> = {}): Promise<FastifyInstance> {
    const app = buildServer({
      staticDir: makeStaticDir(),
      env: { MKT_TIINGO_URL: tiingo.url, MKT_TIINGO_KEY: TEAM_KEY, ...env },
      rateLimitPerMinute: 0,
    });
    apps.push(app);
    await app.ready();
    return app;
  }

  /** `count` requests for distinct tickers with these headers; the status of each. */
  async function statuses(app: FastifyInstance, count: number, headers: Record<string, string>, prefix: string): Promise<number[]> {
    const answers = [];
    for (let i = 0; i < count; i++) answers.push(await app.inject({ url: `/api/history/tiingo/${prefix}${i}`, headers }));
    return answers.map((res) => res.statusCode);
  }

  it("lists each provider's tiers for the add-in's settings, free first", () => {
    expect(PLAN_HEADER).toBe("x-mkt-plan");
    expect(PLAN_TIERS.tiingo).toEqual(["free", "power"]);
    expect(PLAN_TIERS.alphavantage).toEqual(["free", "premium-75", "premium-150", "premium-300", "premium-600", "premium-1200"]);
    expect(PLAN_TIERS.yahoo).toEqual(["free"]);
  });

  it("answers 400 bad-request for a tier the provider does not have, naming the ones it has", async () => {
    const app = await server();
    const res = await app.inject({ url: "/api/history/tiingo/AAPL", headers: { "x-mkt-api-key": ANALYST_KEY, [PLAN_HEADER]: "platinum" } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: "bad-request",
      message: 'The x-mkt-plan header must name a Tiingo plan (free, power), not "platinum"',
    });
    // Providers without keys ignore it, as they ignore keys.
    expect((await app.inject({ url: "/api/history/demo/AAPL", headers: { [PLAN_HEADER]: "platinum" } })).statusCode).toBe(200);
  });

  it("keeps an analyst's key on the free plan unless they name another: the 51st request of the hour is refused", async () => {
    const app = await server();
    const free = await statuses(app, 51, { "x-mkt-api-key": ANALYST_KEY }, "F");
    expect(free.slice(0, 50).every((status) => status === 200)).toBe(true);
    const refused = await app.inject({ url: "/api/history/tiingo/F50", headers: { "x-mkt-api-key": ANALYST_KEY } });
    expect(refused.statusCode).toBe(429);
    // An hour (and a second's margin) after the first request, less the time the 50 took.
    expect(refused.json().message).toMatch(/^Tiingo allows 50 requests an hour on the free plan; try again in 6[01] min$/);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(3_500);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(3_601);
  });

  it("applies a named tier to that key's limits: on power, 60 requests in a row are answered", async () => {
    const app = await server();
    const power = await statuses(app, 60, { "x-mkt-api-key": ANALYST_KEY, [PLAN_HEADER]: "power" }, "P");
    expect(power.every((status) => status === 200)).toBe(true);
  });

  it("never raises the team key's limits: with no key of its own, or with the team key itself, the team's plan holds", async () => {
    const app = await server();
    const team = await statuses(app, 50, { [PLAN_HEADER]: "power" }, "T");
    expect(team.every((status) => status === 200)).toBe(true);
    expect((await app.inject({ url: "/api/history/tiingo/T50", headers: { [PLAN_HEADER]: "power" } })).statusCode).toBe(429);
    const asTeam = await app.inject({ url: "/api/history/tiingo/T51", headers: { "x-mkt-api-key": TEAM_KEY, [PLAN_HEADER]: "power" } });
    expect(asTeam.statusCode).toBe(429);
    expect(asTeam.json().message).toMatch(/^Tiingo allows 50 requests an hour on the free plan; try again in/);
  });

  it("gives the team key the plan of MKT_TIINGO_PLAN", async () => {
    const app = await server({ MKT_TIINGO_PLAN: "power" });
    expect((await statuses(app, 60, {}, "W")).every((status) => status === 200)).toBe(true);
  });

  it("speaks of explicit numbers as the configured plan", async () => {
    const app = await server({ MKT_TIINGO_PER_HOUR: "2" });
    expect(await statuses(app, 2, {}, "N")).toEqual([200, 200]);
    const refused = await app.inject({ url: "/api/history/tiingo/N2" });
    expect(refused.json().message).toMatch(/^Tiingo allows 2 requests an hour on the configured plan; try again in 6[01] min$/);
  });
});
