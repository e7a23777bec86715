import { createDirectProvider, MarketDataError, parseTicker, TickerSnapshot } from "../../../../src/market";
import { fixtureText } from "../../../support/recordings";
import { ReceivedRequest, ReplayServer, ScriptedResponse, startReplayServer } from "../../../support/replay-server";
import { jsonFile } from "./recordings";

/**
 * One plan per provider and key: createDirectProvider's snapshots and earnings wait in the same queue
 * and count against the same windows and daily quota as its histories (Alpha Vantage, whose free plan
 * counts 25 requests a day, replayed from recordings).
 */

const KEY = "PLAN-SHARING-key-1";
const JSON_TYPE = { "content-type": "application/json" };
const ANSWERS: Record<string, ScriptedResponse> = {
  TIME_SERIES_DAILY: { status: 200, headers: JSON_TYPE, body: fixtureText("alphavantage/kirlut_daily-not-adjusted.json") },
  OVERVIEW: jsonFile("fundamentals/alphavantage/zackurben_company_overview.json"),
  GLOBAL_QUOTE: jsonFile("quotes/alphavantage/crazzyghost_globalquote.json"),
  EARNINGS: jsonFile("fundamentals/alphavantage/crazzyghost_earnings.json"),
};

let server: ReplayServer;
let inFlight = 0;
let peak = 0;

beforeEach(async () => {
  inFlight = 0;
  peak = 0;
  server = await startReplayServer([
    {
      path: "/query",
      respond: async (request: ReceivedRequest) => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight--;
        return ANSWERS[request.query.get("function") ?? ""] ?? { status: 404, body: "" };
      },
    },
  ]);
});
afterEach(() => server.close());

const provider = (limits: { concurrency: number; perDay?: number }) =>
  createDirectProvider(
    "alphavantage",
    { MKT_ALPHAVANTAGE_URL: server.url, MKT_ALPHAVANTAGE_KEY: KEY },
    null,
    {},
    { plan: { tier: null, limits } },
  );

describe("plan limits shared by histories and valuation data", () => {
  it("one request in flight at a time across a history, a snapshot (two requests) and an earnings history", async () => {
    const both = provider({ concurrency: 1 });
    const [series, snapshots, earnings] = await Promise.all([
      both.fetchHistory(parseTicker("MSFT")),
      both.fetchSnapshots([parseTicker("IBM")]),
      both.fetchEarnings!(parseTicker("IBM")),
    ]);
    expect(series.symbol).toBe("MSFT");
    expect((snapshots.get(parseTicker("IBM")) as TickerSnapshot).price).toBe(121.74);
    expect(earnings.quarters.length).toBe(3);
    expect(server.requests).toHaveLength(4);
    expect(peak).toBe(1);
  });

  it("one daily quota: a history and a snapshot use 3 of 3, so the next snapshot is refused before any request", async () => {
    const both = provider({ concurrency: 2, perDay: 3 });
    await both.fetchHistory(parseTicker("MSFT"));
    await both.fetchSnapshots([parseTicker("IBM")]);
    expect(server.requests).toHaveLength(3);
    const refused = (await both.fetchSnapshots([parseTicker("AAPL")])).get(parseTicker("AAPL"));
    expect(refused).toBeInstanceOf(MarketDataError);
    expect(refused).toMatchObject({ kind: "plan-limit", symbol: "AAPL" });
    expect(server.requests).toHaveLength(3);
  });
});
