import type { FastifyInstance } from "fastify";
import type { AddressInfo } from "node:net";
import { MAX_BATCH_SYMBOLS, parseTicker, RelaySnapshotProvider, SnapshotBatchResponse, SnapshotStore } from "../../src/market";
import { buildServer } from "../../server/app";
import { ReplayServer } from "../support/replay-server";
import { replayWrapper } from "../market/providers/valuation/recordings";
import { crumbFlowRoutes } from "../market/providers/valuation/yahoo-flow";
import { makeStaticDir, removeTempDirs } from "./helpers";
import { startYahoo, yahooEnv } from "./yahoo-upstream";

/**
 * The relay's valuation routes on a real server over a loopback Yahoo (recorded cookie-and-crumb flow
 * and v7 quote): batched snapshots, each ticker fetched once a day for every client, and JSON 4xx
 * answers to bad requests.
 */

const QUOTE_PATH = "/v7/finance/quote";
let yahoo: ReplayServer;
let app: FastifyInstance;
let serverUrl: string;

beforeAll(async () => {
  yahoo = await startYahoo([...crumbFlowRoutes(), { path: QUOTE_PATH, respond: replayWrapper("quotes/yahoo/quote-AAPL-BABA.json") }]);
  app = buildServer({ staticDir: makeStaticDir(), env: yahooEnv(yahoo), rateLimitPerMinute: 0 });
  await app.listen({ host: "127.0.0.1", port: 0 });
  serverUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await app.close();
  await yahoo.close();
  removeTempDirs();
});

const post = (provider: string, payload: string, contentType = "application/json") =>
  app.inject({ method: "POST", url: `/api/snapshots/${provider}`, headers: { "content-type": contentType }, payload });

function expectJsonError(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  error: string,
): string {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers["content-type"])).toMatch(/^application\/json/);
  const body = JSON.parse(res.body) as { error: string; message: string };
  expect(body.error).toBe(error);
  expect(typeof body.message).toBe("string");
  return body.message;
}

describe("valuation through the relay", () => {
  it("batches an add-in's snapshot calls into one POST and one upstream quote request; every client shares the day's copy", async () => {
    const client = () => new SnapshotStore(new RelaySnapshotProvider({ serverUrl, provider: "yahoo" }));
    const first = client();
    const asked = ["AAPL", "BABA", "AAPL", "NOPE"].map(parseTicker);
    const answers = await Promise.allSettled(asked.map((t) => first.snapshot(t)));
    expect(answers.map((a) => (a.status === "fulfilled" ? a.value.price : (a.reason as { kind: string }).kind))).toEqual([
      244.6,
      124.73,
      244.6,
      "unknown-symbol",
    ]);
    expect(yahoo.requestsTo(QUOTE_PATH)).toHaveLength(1);
    expect(yahoo.requestsTo(QUOTE_PATH)[0].query.get("symbols")).toBe("AAPL,BABA,NOPE");
    expect(first.stats()).toMatchObject({ requests: 1, coalesced: 1 });

    const second = client();
    const again = await second.snapshot(parseTicker("BABA"));
    expect(again).toMatchObject({ symbol: "BABA", provider: "yahoo", price: 124.73, demo: false });
    expect(yahoo.requestsTo(QUOTE_PATH)).toHaveLength(1);
    expect(yahoo.requestsTo("/v1/test/getcrumb")).toHaveLength(1);
  });

  it("answers POST /api/snapshots one result per symbol as sent, a malformed ticker without asking upstream", async () => {
    const before = yahoo.requests.length;
    const res = await post("yahoo", JSON.stringify({ symbols: ["aapl", "../etc", "AAPL"] }));
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    const { results } = res.json() as SnapshotBatchResponse;
    expect(results.map((r) => r.symbol)).toEqual(["aapl", "../etc", "AAPL"]);
    expect(results[0]).toMatchObject({ snapshot: { symbol: "AAPL", price: 244.6 } });
    expect(results[1]).toMatchObject({ error: { error: "invalid-symbol" } });
    expect(yahoo.requests.length).toBe(before); // AAPL is today's copy already
  });
});

describe("bad requests get JSON 4xx", () => {
  it("unknown provider: 404", async () => {
    expect(expectJsonError(await post("nosuch", '{"symbols":["AAPL"]}'), 404, "not-found")).toMatch(/nosuch/);
  });

  it.each([
    ["not an object", "[1,2]"],
    ["no symbols", "{}"],
    ["symbols not strings", '{"symbols":[1]}'],
    ["too many symbols", JSON.stringify({ symbols: Array.from({ length: MAX_BATCH_SYMBOLS + 1 }, (_, i) => `T${i}`) })],
  ])("%s: 400", async (_what, payload) => {
    expectJsonError(await post("yahoo", payload), 400, "bad-request");
  });

  it("a body that is not JSON: 4xx JSON", async () => {
    const res = await post("yahoo", "AAPL", "text/plain");
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(String(res.headers["content-type"])).toMatch(/^application\/json/);
  });

  it("earnings: an invalid symbol is 400; Yahoo, which has none, says so", async () => {
    expectJsonError(await app.inject({ method: "GET", url: "/api/earnings/yahoo/A$B" }), 400, "invalid-symbol");
    const res = await app.inject({ method: "GET", url: "/api/earnings/yahoo/AAPL" });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect((res.json() as { message: string }).message).toMatch(/Yahoo Finance has no quarterly EPS history with report dates/);
    expectJsonError(await app.inject({ method: "GET", url: "/api/earnings/nosuch/AAPL" }), 404, "not-found");
  });
});
