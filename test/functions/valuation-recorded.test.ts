import { useHistorySource } from "../../src/addin";
import { evaluateFormula, FormulaName } from "../../src/functions";
import { MarketDataError, SnapshotStore } from "../../src/market";
import { YahooSnapshotProvider } from "../../src/market/providers/yahoo";
import { ReceivedRequest, ReplayServer, startReplayServer } from "../support/replay-server";
import { combinedSummary, loadWrapper } from "../market/providers/valuation/recordings";
import { crumbFlowRoutes } from "../market/providers/valuation/yahoo-flow";

/**
 * VALUATION on Yahoo's recorded answers end to end (recorded quote → snapshot → formula), where the
 * currencies bite: OCDO.L quoted in pence with EPS and market cap in pounds, BABA reporting in CNY
 * with a USD quote, QQQ a fund with a published P/E only, BFLY a loss-maker.
 */

const NOW = Date.parse("2025-02-17T12:00:00Z");
const SYMBOLS = ["AAPL", "BABA", "OCDO.L", "QQQ", "BFLY"];
const RESULTS = new Map(
  SYMBOLS.map((symbol) => {
    const body = JSON.parse(loadWrapper(`quotes/yahoo/quote-${symbol}.json`).body) as { quoteResponse: { result: unknown[] } };
    return [symbol, body.quoteResponse.result[0]];
  }),
);
/** v7 quote for whatever symbols are asked, each from its own recording. */
function quote(request: ReceivedRequest) {
  const asked = (request.query.get("symbols") ?? "").split(",");
  const result = asked.flatMap((symbol) => RESULTS.get(symbol) ?? []);
  return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ quoteResponse: { result, error: null } }) };
}

let yahoo: ReplayServer;
beforeAll(async () => {
  const modules = ["price", "summaryDetail", "defaultKeyStatistics", "financialData", "earningsTrend"];
  yahoo = await startReplayServer([
    ...crumbFlowRoutes(),
    { path: "/v7/finance/quote", respond: quote },
    {
      path: "/v10/finance/quoteSummary/OCDO.L",
      respond: combinedSummary(modules.map((m) => `fundamentals/yahoo/quoteSummary-${m}-OCDO.L.json`)),
    },
  ]);
  const store = new SnapshotStore(new YahooSnapshotProvider({ baseUrl: yahoo.url, now: () => NOW, timeoutMs: 2000 }), { now: () => NOW });
  useHistorySource({
    get: (ticker) => Promise.reject(new MarketDataError("unavailable", `no histories in this test (${ticker})`, ticker)),
    snapshot: (ticker) => store.snapshot(ticker),
  });
});
afterAll(() => yahoo.close());

async function run(name: FormulaName, args: unknown[]): Promise<number | string> {
  const outcome = await evaluateFormula(name, args);
  return outcome.ok ? (outcome.value as number) : `${outcome.error.code} ${outcome.error.message}`;
}
const valuation = (...args: unknown[]) => run("VALUATION", args);

describe("VALUATION over recorded Yahoo quotes", () => {
  it("AAPL: price ÷ EPS of the same quote", async () => {
    expect(await valuation("AAPL")).toBeCloseTo(244.6 / 8.31, 12);
    expect(await valuation("AAPL", "trailing_pe")).toBeCloseTo(244.6 / 6.31, 12);
    expect(await valuation("AAPL", "earnings_growth")).toBeCloseTo(8.31 / 6.31 - 1, 12);
  });

  it("BABA: the USD price over EPS per ADS in USD, not the CNY consensus (62.96) nor Yahoo's USD ÷ CNY forward P/E (1.96)", async () => {
    const forward = (await valuation("BABA", "forward_pe")) as number;
    expect(forward).toBeCloseTo(124.73 / 9.87, 12);
    expect(forward).toBeGreaterThan(5);
  });

  it("OCDO.L: pence converted to pounds before dividing; its loss is #N/A 'negative earnings'", async () => {
    expect(await valuation("OCDO.L", "earnings_yield")).toBeCloseTo(-0.26 / 3.088, 12);
    expect(await valuation("OCDO.L", "market_cap")).toBe(2554603520);
    expect(await valuation("OCDO.L", "trailing_pe")).toMatch(/^#N\/A OCDO\.L has negative earnings \(trailing EPS -0\.26\)/);
  });

  it("QQQ: the published fund P/E and its inverse; no EPS of its own", async () => {
    expect(await valuation("QQQ", "trailing_pe")).toBe(35.07033);
    expect(await valuation("QQQ", "earnings_yield")).toBeCloseTo(1 / 35.07033, 12);
    expect(await valuation("QQQ", "eps_ttm")).toMatch(/^#N\/A QQQ is a fund/);
  });

  it("BFLY: a loss-maker's P/E is #N/A, its earnings yield negative", async () => {
    expect(await valuation("BFLY", "forward_pe")).toMatch(/^#N\/A BFLY has negative earnings/);
    expect(await valuation("BFLY", "earnings_yield")).toBeCloseTo(-0.47 / 4.77, 12);
  });

  it("a basket mixing GBP and USD is not summed: aggregate and market_cap are #N/A naming the currencies", async () => {
    expect(await valuation("AAPL,OCDO.L", "market_cap")).toMatch(/^#N\/A .*one currency; tickers has members in (USD, GBP|GBP, USD)/);
    expect(typeof (await valuation("AAPL,BABA", "market_cap"))).toBe("number");
  });

  it("VALUATION_GAP(AAPL, BABA) = VALUATION(AAPL) ÷ VALUATION(BABA) − 1", async () => {
    expect(await run("VALUATION_GAP", ["AAPL", "BABA"])).toBeCloseTo(244.6 / 8.31 / (124.73 / 9.87) - 1, 12);
  });
});
