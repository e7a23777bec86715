import type { FastifyInstance } from "fastify";
import { buildServer } from "../../server/app";
import type { ProviderFactory } from "../../server/key-routing-provider";
import { createUnlimitedProvider, ResilientProvider } from "../../src/market";
import { ReplayServer, startReplayServer } from "../support/replay-server";
import { makeStaticDir, removeTempDirs } from "./helpers";

/**
 * Finding 5 of the probe, through the server: with the upstream answering 500, 20 requests for one
 * symbol made 60 upstream calls (3 attempts each). The store remembers the failure briefly.
 */

afterAll(removeTempDirs);

describe("a failing upstream", () => {
  let upstream: ReplayServer;
  let app: FastifyInstance;

  beforeAll(async () => {
    upstream = await startReplayServer([{ path: /^\/v8\/finance\/chart\//, respond: { status: 500, body: "Internal Server Error" } }]);
    const env = { MKT_YAHOO_URL: upstream.url };
    // Yahoo as the server builds it, with 3 attempts, but no backoff wait so the test takes milliseconds.
    const factory: ProviderFactory = (name, apiKey) =>
      new ResilientProvider(createUnlimitedProvider(name, env, apiKey), { limits: { concurrency: 8 }, random: () => 0 });
    app = buildServer({ staticDir: makeStaticDir(), env, createProvider: factory, rateLimitPerMinute: 0 });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await upstream.close();
  });

  it("costs 3 upstream calls for 20 requests of one symbol, not 60", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await app.inject({ url: "/api/history/yahoo/IWM" })).statusCode);
    console.log(`20 requests for IWM, upstream answering 500: ${upstream.requests.length} upstream calls`);
    expect(new Set(statuses)).toEqual(new Set([503]));
    expect(upstream.requests).toHaveLength(3);
  });

  it("answers a batch naming the failed symbol from the remembered failure too", async () => {
    const before = upstream.requests.length;
    const res = await app.inject({ method: "POST", url: "/api/batch/yahoo", payload: { symbols: ["IWM", "iwm"] } });
    expect(res.statusCode).toBe(200);
    expect(res.json().results.map((r: { error?: { error: string } }) => r.error?.error)).toEqual(["unavailable", "unavailable"]);
    expect(upstream.requests.length).toBe(before);
  });
});
