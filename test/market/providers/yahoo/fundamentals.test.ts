import {
  createDirectProvider,
  createUnlimitedSnapshotProvider,
  MarketDataError,
  parseTicker,
  Ticker,
  TickerSnapshot,
} from "../../../../src/market";
import { YahooSnapshotProvider } from "../../../../src/market/providers/yahoo";
import { replayOf, yahooRecording } from "../../../support/recordings";
import { ReceivedRequest, ReplayServer, Route, ScriptedResponse, startReplayServer } from "../../../support/replay-server";
import { combinedSummary, replayWrapper } from "../valuation/recordings";
import {
  crumbFlowRoutes,
  FLOW_REQUESTS,
  invalidCrumb,
  INVALID_CRUMB_FILES,
  RECORDED_CRUMB,
  recordedConsentForm,
} from "../valuation/yahoo-flow";

const NOW = Date.parse("2025-02-17T12:00:00Z");
const QUOTE_PATH = "/v7/finance/quote";
const AAPL_BABA = replayWrapper("quotes/yahoo/quote-AAPL-BABA.json");

let server: ReplayServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(routes: Route[]): Promise<YahooSnapshotProvider> {
  server = await startReplayServer([...crumbFlowRoutes(), ...routes]);
  return new YahooSnapshotProvider({ baseUrl: server.url, now: () => NOW, timeoutMs: 2000 });
}

const tickers = (...symbols: string[]): Ticker[] => symbols.map(parseTicker);
const line = (request: ReceivedRequest): string => `${request.method} ${request.path}`;

function snapshot(outcomes: ReadonlyMap<Ticker, unknown>, symbol: string): TickerSnapshot {
  const outcome = outcomes.get(parseTicker(symbol));
  if (outcome === undefined || outcome instanceof MarketDataError) throw new Error(`no snapshot for ${symbol}: ${String(outcome)}`);
  return outcome as TickerSnapshot;
}

describe("Yahoo's cookie-and-crumb flow, replayed from the recordings (EU consent included)", () => {
  it("takes the cookie page, the consent form, the crumb, then asks v7 quote for both symbols in one request", async () => {
    const provider = await serve([{ path: QUOTE_PATH, respond: AAPL_BABA }]);
    const outcomes = await provider.fetchSnapshots(tickers("AAPL", "BABA"));
    expect(server!.requests.map(line)).toEqual([...FLOW_REQUESTS, `GET ${QUOTE_PATH}`]);

    const [consentPost] = server!.requests.filter((request) => request.method === "POST");
    expect(consentPost.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const crumbRequest = server!.requestsTo("/v1/test/getcrumb")[0];
    const quoteRequest = server!.requestsTo(QUOTE_PATH)[0];
    // The cookies copyConsent set (A1, A3, GUC…) go with the crumb and the quote, and the crumb with the quote.
    for (const request of [crumbRequest, quoteRequest]) {
      expect(request.headers.cookie).toMatch(/(^|; )A3=d=AQABBKvcsWcC/);
      expect(request.headers.cookie).toMatch(/(^|; )A1=d=/);
      expect(request.headers.cookie).toMatch(/(^|; )GUC=/);
    }
    expect(quoteRequest.query.get("crumb")).toBe(RECORDED_CRUMB);
    expect(quoteRequest.query.get("symbols")).toBe("AAPL,BABA");

    expect(snapshot(outcomes, "AAPL")).toMatchObject({
      currency: "USD",
      price: 244.6,
      epsTrailing: 6.31,
      epsForward: 8.31,
      kind: "equity",
    });
    expect(snapshot(outcomes, "BABA")).toMatchObject({ currency: "USD", price: 124.73, epsTrailing: 4.81, peTrailingPublished: 25.931395 });
  });

  it("posts the consent form exactly as the recorded browser did (hidden fields, agree twice)", async () => {
    const provider = await serve([{ path: QUOTE_PATH, respond: AAPL_BABA }]);
    let posted = "";
    server!.requests.length = 0;
    const original = globalThis.fetch;
    const spy = jest.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
      if (init?.method === "POST") posted = String(init.body);
      return original(input, init);
    });
    try {
      await provider.fetchSnapshots(tickers("AAPL"));
    } finally {
      spy.mockRestore();
    }
    expect(posted).toBe(recordedConsentForm());
  });

  it("keeps the cookie and crumb: a second call is one quote request; concurrent calls share one flow", async () => {
    const provider = await serve([{ path: QUOTE_PATH, respond: AAPL_BABA }]);
    await Promise.all([provider.fetchSnapshots(tickers("AAPL")), provider.fetchSnapshots(tickers("BABA"))]);
    await provider.fetchSnapshots(tickers("AAPL", "BABA"));
    expect(server!.requestsTo("/v1/test/getcrumb")).toHaveLength(1);
    expect(server!.requestsTo("/quote/AAPL")).toHaveLength(1);
    expect(server!.requestsTo(QUOTE_PATH)).toHaveLength(3);
    expect(provider.session.requestsMade).toBe(FLOW_REQUESTS.length);
  });

  it.each(INVALID_CRUMB_FILES)("a 401 Invalid Crumb (%s) renews the cookie and crumb once and asks again", async (file) => {
    const quote = (_: ReceivedRequest, call: number): ScriptedResponse => (call === 0 ? invalidCrumb(file) : AAPL_BABA);
    const provider = await serve([{ path: QUOTE_PATH, respond: quote }]);
    const outcomes = await provider.fetchSnapshots(tickers("AAPL", "BABA"));
    expect(snapshot(outcomes, "AAPL").price).toBe(244.6);
    expect(server!.requests.map(line)).toEqual([...FLOW_REQUESTS, `GET ${QUOTE_PATH}`, ...FLOW_REQUESTS, `GET ${QUOTE_PATH}`]);
  });

  it("a crumb refused twice ends there: each ticker is unavailable, said plainly, and nothing is asked a third time", async () => {
    const provider = await serve([{ path: QUOTE_PATH, respond: invalidCrumb() }]);
    const outcomes = await provider.fetchSnapshots(tickers("AAPL", "BABA"));
    for (const symbol of ["AAPL", "BABA"]) {
      const error = outcomes.get(parseTicker(symbol));
      expect(error).toBeInstanceOf(MarketDataError);
      expect(error).toMatchObject({ kind: "unavailable", symbol });
      expect((error as MarketDataError).message).toMatch(
        new RegExp(
          `^Yahoo refused its cookie and crumb for ${symbol} even after renewing them \\(HTTP 401 "Unauthorized: Invalid Crumb"\\)`,
        ),
      );
    }
    expect(server!.requestsTo(QUOTE_PATH)).toHaveLength(2);
    expect(server!.requestsTo("/v1/test/getcrumb")).toHaveLength(2);
  });

  it("the 2023 cookie page (pre-consent, headers as lists) leads through the same flow", async () => {
    server = await startReplayServer([
      ...crumbFlowRoutes("quotes/yahoo/crumb/getCrumb-quote-AAPL-pre-consent-VPN-UK.json"),
      { path: QUOTE_PATH, respond: AAPL_BABA },
    ]);
    const provider = new YahooSnapshotProvider({ baseUrl: server.url, now: () => NOW, timeoutMs: 2000 });
    const outcomes = await provider.fetchSnapshots(tickers("BABA"));
    expect(snapshot(outcomes, "BABA").price).toBe(124.73);
    expect(server.requestsTo("/v1/test/getcrumb")[0].headers.cookie).toContain("GUCS=AUvbqLQH");
  });

  it("a crumb answer that is not a crumb (an HTML page) is unavailable, and the next call runs the flow again", async () => {
    let crumbCalls = 0;
    server = await startReplayServer([
      ...crumbFlowRoutes().filter((route) => route.path !== "/v1/test/getcrumb"),
      {
        path: "/v1/test/getcrumb",
        respond: () =>
          crumbCalls++ === 0
            ? { status: 200, headers: { "content-type": "text/html" }, body: "<html>blocked</html>" }
            : replayWrapper("quotes/yahoo/crumb/getCrumb-getcrumb.json"),
      },
      { path: QUOTE_PATH, respond: AAPL_BABA },
    ]);
    const provider = new YahooSnapshotProvider({ baseUrl: server.url, now: () => NOW, timeoutMs: 2000 });
    const first = await provider.fetchSnapshots(tickers("AAPL"));
    expect(first.get(parseTicker("AAPL"))).toMatchObject({ kind: "unavailable" });
    expect((first.get(parseTicker("AAPL")) as MarketDataError).message).toContain("Yahoo gave no crumb");
    const second = await provider.fetchSnapshots(tickers("AAPL"));
    expect(snapshot(second, "AAPL").price).toBe(244.6);
  });

  it("a plain-text 429 on the quote is rate-limited with Yahoo's Retry-After, for every ticker of the batch", async () => {
    const provider = await serve([
      {
        path: QUOTE_PATH,
        respond: { status: 429, headers: { "content-type": "text/plain", "retry-after": "30" }, body: "Edge: Too Many Requests" },
      },
    ]);
    const outcomes = await provider.fetchSnapshots(tickers("AAPL", "BABA"));
    for (const symbol of ["AAPL", "BABA"]) {
      expect(outcomes.get(parseTicker(symbol))).toMatchObject({ kind: "rate-limited", retryAfterSeconds: 30, symbol });
    }
  });
});

describe("Yahoo snapshots: batching, fallback to quoteSummary, MKT_YAHOO_URL", () => {
  it("asks 50 symbols a request: 120 tickers are three quote requests plus one cookie-and-crumb flow", async () => {
    const provider = await serve([{ path: QUOTE_PATH, respond: AAPL_BABA }]);
    const many = Array.from({ length: 120 }, (_, i) => parseTicker(`T${i}`));
    const outcomes = await provider.fetchSnapshots(many);
    const quoteRequests = server!.requestsTo(QUOTE_PATH);
    expect(quoteRequests.map((request) => (request.query.get("symbols") ?? "").split(",").length).sort()).toEqual([20, 50, 50]);
    expect(server!.requests).toHaveLength(Math.ceil(120 / provider.snapshotsPerRequest) + FLOW_REQUESTS.length);
    expect([...outcomes.keys()]).toEqual(many);
    expect(outcomes.get(many[0])).toMatchObject({ kind: "unknown-symbol", symbol: "T0" });
  });

  it("fills an equity's missing forward EPS from quoteSummary (OCDO.L: earningsTrend, in pounds; price in pence converted)", async () => {
    const modules = ["price", "summaryDetail", "defaultKeyStatistics", "financialData", "earningsTrend"].map(
      (module) => `fundamentals/yahoo/quoteSummary-${module}-OCDO.L.json`,
    );
    const provider = await serve([
      { path: QUOTE_PATH, respond: replayWrapper("quotes/yahoo/quote-OCDO.L.json") },
      { path: "/v10/finance/quoteSummary/OCDO.L", respond: combinedSummary(modules) },
    ]);
    const ocado = snapshot(await provider.fetchSnapshots(tickers("OCDO.L")), "OCDO.L");
    const summaryRequest = server!.requestsTo("/v10/finance/quoteSummary/OCDO.L")[0];
    expect(summaryRequest.query.get("formatted")).toBe("false");
    expect(summaryRequest.query.get("crumb")).toBe(RECORDED_CRUMB);
    expect(ocado).toMatchObject({ currency: "GBP", price: 3.088, epsTrailing: -0.26, epsForward: -0.35922, marketCap: 2554603520 });
    expect(ocado.peForwardPublished).toBeNull(); // Yahoo's -860 mixes pence and pounds, and a loss has no P/E
    expect(ocado.notes.join("\n")).toMatch(/in pence \(GBp\): the price is converted to GBP/);
    expect(ocado.notes.join("\n")).toMatch(/fiscal year ending 2025-11-30/);
  });

  it("createDirectProvider('yahoo') with MKT_YAHOO_URL sends every request, cookie page included, to that base", async () => {
    server = await startReplayServer([...crumbFlowRoutes(), { path: QUOTE_PATH, respond: AAPL_BABA }]);
    const provider = createDirectProvider("yahoo", { MKT_YAHOO_URL: `${server.url}/` });
    expect(provider.snapshotsPerRequest).toBe(50);
    const outcomes = await provider.fetchSnapshots(tickers("AAPL"));
    expect(snapshot(outcomes, "AAPL").price).toBe(244.6);
    expect(server.requests.map(line)).toEqual([...FLOW_REQUESTS, `GET ${QUOTE_PATH}`]);
    expect(createUnlimitedSnapshotProvider("yahoo", {}).earningsUnavailable).toMatch(/report dates/);
    expect(provider.fetchEarnings).toBeUndefined();
  });
});

describe("MKT_YAHOO_URL: one loopback server stands in for all of Yahoo", () => {
  it("sends the chart, the cookie page, the crumb, quote and quoteSummary of one provider to that base, with the real paths", async () => {
    const modules = ["price", "summaryDetail", "defaultKeyStatistics", "financialData", "earningsTrend"].map(
      (module) => `fundamentals/yahoo/quoteSummary-${module}-OCDO.L.json`,
    );
    server = await startReplayServer([
      ...crumbFlowRoutes(),
      { path: QUOTE_PATH, respond: replayWrapper("quotes/yahoo/quote-OCDO.L.json") },
      { path: "/v10/finance/quoteSummary/OCDO.L", respond: combinedSummary(modules) },
      { path: "/v8/finance/chart/TSLA", respond: replayOf(yahooRecording("historical-via-chart-dividends-TSLA-no-dividends.json")) },
    ]);
    const provider = createDirectProvider("yahoo", { MKT_YAHOO_URL: server.url });
    const [series, snapshots] = await Promise.all([provider.fetchHistory(parseTicker("TSLA")), provider.fetchSnapshots(tickers("OCDO.L"))]);
    expect(series.symbol).toBe("TSLA");
    expect(snapshot(snapshots, "OCDO.L").epsForward).toBe(-0.35922);
    expect([...new Set(server.requests.map((request) => request.path))].sort()).toEqual(
      [...FLOW_REQUESTS.map((line) => line.split(" ")[1]), QUOTE_PATH, "/v10/finance/quoteSummary/OCDO.L", "/v8/finance/chart/TSLA"]
        .filter((path, i, all) => all.indexOf(path) === i)
        .sort(),
    );
  });
});
