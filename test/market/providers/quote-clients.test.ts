import {
  createDirectProvider,
  createDirectQuoteProvider,
  DemoQuoteProvider,
  LiveQuote,
  MarketDataError,
  parseTicker,
  PROVIDER_SPECS,
  ProviderName,
  QuoteOutcome,
  QuoteProvider,
  ResilientProvider,
  Ticker,
} from "../../../src/market";
import { ReceivedRequest, ReplayServer, Route, ScriptedResponse, startReplayServer } from "../../support/replay-server";
import { expectSecretAbsent } from "../../support/secret-check";
import { fixtureJson, fixtureText, loadWrapper } from "./valuation/recordings";
import { crumbFlowRoutes, FLOW_REQUESTS, invalidCrumb } from "./valuation/yahoo-flow";

/**
 * Every provider's live-quote client against a loopback server answering in the recorded formats
 * (each answer made of a recorded row, one per symbol asked): batching (N tickers make
 * ⌈N ÷ quotesPerRequest⌉ requests), where the key travels and that it never reaches an error,
 * per-ticker outcomes (unknown tickers final, not a rejection), whole-request failures, and the plan
 * limits createDirectQuoteProvider puts around them.
 */

const KEY = "QUOTE-secret-key-7f3a9c";
const NOW = Date.parse("2025-02-17T15:00:00Z");
const JSON_TYPE = { "content-type": "application/json" };
const json = (value: unknown, status = 200): ScriptedResponse => ({ status, headers: JSON_TYPE, body: JSON.stringify(value) });

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** `count` distinct tickers: QAA, QAB, … */
const tickers = (count: number): Ticker[] =>
  Array.from({ length: count }, (_, i) =>
    parseTicker(`Q${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`),
  );
const asked = (request: ReceivedRequest, name: string): string[] => (request.query.get(name) ?? "").split(",").filter((s) => s !== "");

/** Recorded rows, one per asked symbol, with that symbol; "UNKNOWN…" symbols left out, as providers leave them out. */
const known = (symbols: readonly string[]): string[] => symbols.filter((symbol) => !symbol.toUpperCase().startsWith("UNKNOWN"));
const yahooRow = (JSON.parse(loadWrapper("quotes/yahoo/quote-AAPL.json").body) as { quoteResponse: { result: Record<string, unknown>[] } })
  .quoteResponse.result[0];
const fmpRow = (fixtureJson("quotes/fmp/test_fmp_equity_quote_fetcher_urllib3_v2.body.json") as Record<string, unknown>[])[0];
const twelveRow = (fixtureJson("quotes/twelvedata/marekskopal_batch_quote.json") as Record<string, Record<string, unknown>>).AAPL;
const tiingoRow = (fixtureJson("quotes/tiingo/riingo_iex_AAPL.json") as Record<string, unknown>[])[0];
const polygonRow = (
  fixtureJson("quotes/polygon/client-python_v2_snapshot_locale_us_markets_stocks_tickers_AAPL.json") as { ticker: Record<string, unknown> }
).ticker;
const avQuote = fixtureJson("quotes/alphavantage/crazzyghost_globalquote.json") as { "Global Quote": Record<string, unknown> };

/** Each provider: its routes answering any symbols, where its requests go, how a request names its symbols, and where the key is. */
interface Wire {
  readonly routes: Route[];
  readonly quotePath: string | RegExp;
  readonly symbolsOf: (request: ReceivedRequest) => string[];
  readonly keyOf: (request: ReceivedRequest) => string | null;
}
const WIRES: Record<Exclude<ProviderName, "demo">, Wire> = {
  yahoo: {
    routes: [
      ...crumbFlowRoutes(),
      {
        path: "/v7/finance/quote",
        respond: (r) =>
          json({ quoteResponse: { result: known(asked(r, "symbols")).map((symbol) => ({ ...yahooRow, symbol })), error: null } }),
      },
    ],
    quotePath: "/v7/finance/quote",
    symbolsOf: (r) => asked(r, "symbols"),
    keyOf: () => null,
  },
  fmp: {
    routes: [
      { path: "/stable/batch-quote", respond: (r) => json(known(asked(r, "symbols")).map((symbol) => ({ ...fmpRow, symbol }))) },
      { path: "/stable/quote", respond: (r) => json(known(asked(r, "symbol")).map((symbol) => ({ ...fmpRow, symbol }))) },
    ],
    quotePath: /^\/stable\/(batch-)?quote$/,
    symbolsOf: (r) => asked(r, "symbols").concat(asked(r, "symbol")),
    keyOf: (r) => r.query.get("apikey"),
  },
  alphavantage: {
    routes: [
      {
        path: "/query",
        respond: (r) => {
          const symbol = r.query.get("symbol") ?? "";
          return json(
            known([symbol]).length === 0
              ? { "Global Quote": {} }
              : { "Global Quote": { ...avQuote["Global Quote"], "01. symbol": symbol } },
          );
        },
      },
    ],
    quotePath: "/query",
    symbolsOf: (r) => asked(r, "symbol"),
    keyOf: (r) => r.query.get("apikey"),
  },
  twelvedata: {
    routes: [
      {
        path: "/quote",
        respond: (r) => {
          const symbols = asked(r, "symbol");
          const entry = (symbol: string): Record<string, unknown> =>
            known([symbol]).length === 0
              ? { code: 400, message: `**symbol** not found: ${symbol}.`, status: "error" }
              : { ...twelveRow, symbol };
          return json(symbols.length === 1 ? entry(symbols[0]) : Object.fromEntries(symbols.map((symbol) => [symbol, entry(symbol)])));
        },
      },
    ],
    quotePath: "/quote",
    symbolsOf: (r) => asked(r, "symbol"),
    keyOf: (r) => /^apikey (.+)$/.exec(String(r.headers.authorization ?? ""))?.[1] ?? null,
  },
  tiingo: {
    routes: [
      { path: "/iex/", respond: (r) => json(known(asked(r, "tickers")).map((ticker) => ({ ...tiingoRow, ticker: ticker.toUpperCase() }))) },
    ],
    quotePath: "/iex/",
    symbolsOf: (r) => asked(r, "tickers"),
    keyOf: (r) => /^Token (.+)$/.exec(String(r.headers.authorization ?? ""))?.[1] ?? null,
  },
  polygon: {
    routes: [
      {
        path: "/v2/snapshot/locale/us/markets/stocks/tickers",
        respond: (r) => {
          const rows = known(asked(r, "tickers")).map((ticker) => ({ ...polygonRow, ticker }));
          return json({ count: rows.length, status: "OK", tickers: rows });
        },
      },
    ],
    quotePath: "/v2/snapshot/locale/us/markets/stocks/tickers",
    symbolsOf: (r) => asked(r, "tickers"),
    keyOf: (r) => /^Bearer (.+)$/.exec(String(r.headers.authorization ?? ""))?.[1] ?? null,
  },
};
const KEYED = ["fmp", "alphavantage", "twelvedata", "tiingo", "polygon"] as const;

async function serve(
  name: Exclude<ProviderName, "demo">,
  routes: Route[] = WIRES[name].routes,
  apiKey: string | null = KEY,
): Promise<QuoteProvider> {
  server = await startReplayServer(routes);
  return PROVIDER_SPECS[name].quotes.create({ baseUrl: server.url, apiKey, now: () => NOW, timeoutMs: 2000 });
}

const quoteRequests = (name: Exclude<ProviderName, "demo">): ReceivedRequest[] => server!.requestsTo(WIRES[name].quotePath);

function quoteOf(outcomes: ReadonlyMap<Ticker, QuoteOutcome>, ticker: string): LiveQuote {
  const outcome = outcomes.get(parseTicker(ticker));
  if (outcome === undefined || outcome instanceof MarketDataError) throw new Error(`no quote for ${ticker}: ${String(outcome)}`);
  return outcome;
}

async function rejectionOf(promise: Promise<unknown>): Promise<MarketDataError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MarketDataError);
    expectSecretAbsent(error, KEY);
    return error as MarketDataError;
  }
  throw new Error("expected a rejection");
}

describe.each(Object.keys(WIRES) as Exclude<ProviderName, "demo">[])("%s quote client, replayed", (name) => {
  const perRequest = PROVIDER_SPECS[name].quotes.quotesPerRequest;
  const count = Math.min(2 * perRequest + 1, 121);

  it(`the spec and the client agree: ${perRequest} a request`, async () => {
    const provider = await serve(name);
    expect(provider.name).toBe(name);
    expect(provider.quotesPerRequest).toBe(perRequest);
    expect(PROVIDER_SPECS[name].quotes.endpoint.length).toBeGreaterThan(10);
  });

  it(`${count} tickers make ⌈${count} ÷ ${perRequest}⌉ requests, each ticker asked once, every one answered`, async () => {
    const provider = await serve(name);
    const wanted = tickers(count);
    const outcomes = await provider.fetchQuotes([...wanted, wanted[0]]);
    const requests = quoteRequests(name);
    expect(requests).toHaveLength(Math.ceil(count / perRequest));
    expect(requests.every((r) => WIRES[name].symbolsOf(r).length <= perRequest)).toBe(true);
    expect(
      requests
        .flatMap(WIRES[name].symbolsOf)
        .map((s) => s.toUpperCase())
        .sort(),
    ).toEqual(wanted.map((t) => t.toUpperCase()).sort());
    expect([...outcomes.keys()]).toEqual(wanted);
    for (const ticker of wanted)
      expect(quoteOf(outcomes, ticker)).toMatchObject({ symbol: ticker, provider: name, fetchedAt: NOW, demo: false });
  });

  it("an unknown ticker is unknown-symbol in the map (final), beside the quotes of the others", async () => {
    const provider = await serve(name);
    const outcomes = await provider.fetchQuotes([parseTicker("AAPL"), parseTicker("UNKNOWNX")]);
    expect(quoteOf(outcomes, "AAPL").price).toBeGreaterThan(0);
    expect(outcomes.get(parseTicker("UNKNOWNX"))).toMatchObject({ name: "MarketDataError", kind: "unknown-symbol", symbol: "UNKNOWNX" });
  });

  it("one unknown ticker alone is still an answer, not a rejection", async () => {
    const provider = await serve(name);
    const outcomes = await provider.fetchQuotes([parseTicker("UNKNOWNX")]);
    expect(outcomes.get(parseTicker("UNKNOWNX"))).toMatchObject({ kind: "unknown-symbol" });
  });

  it("a rate limit on every request rejects the whole call as rate-limited, with the Retry-After", async () => {
    const limited: Route = { path: WIRES[name].quotePath, respond: { status: 429, headers: { "retry-after": "17" }, body: "" } };
    const provider = await serve(name, name === "yahoo" ? [...crumbFlowRoutes(), limited] : [limited]);
    const error = await rejectionOf(provider.fetchQuotes([parseTicker("AAPL"), parseTicker("MSFT")]));
    expect(error).toMatchObject({ kind: "rate-limited", retryAfterSeconds: 17 });
  });

  it("an empty list asks nothing", async () => {
    const provider = await serve(name);
    expect((await provider.fetchQuotes([])).size).toBe(0);
    expect(quoteRequests(name)).toHaveLength(0);
  });
});

describe.each(KEYED)("%s: the key", (name) => {
  it("travels where the provider takes it, and nowhere else", async () => {
    const provider = await serve(name);
    await provider.fetchQuotes([parseTicker("AAPL")]);
    const [request] = quoteRequests(name);
    expect(WIRES[name].keyOf(request)).toBe(KEY);
    const inUrl = name === "fmp" || name === "alphavantage";
    expect(request.url.includes(encodeURIComponent(KEY))).toBe(inUrl);
  });

  it("never reaches an error: a refusal echoing it, and a network failure quoting the URL", async () => {
    const echo: Route = {
      path: WIRES[name].quotePath,
      respond: (r) => ({
        status: 401,
        headers: { "content-type": "text/plain" },
        body: `bad key ${KEY} for ${r.url} ${String(r.headers.authorization)}`,
      }),
    };
    const provider = await serve(name, [echo]);
    const refused = await rejectionOf(provider.fetchQuotes([parseTicker("AAPL"), parseTicker("MSFT")]));
    expect(refused.kind).not.toBe("unknown-symbol");

    const unreachable = PROVIDER_SPECS[name].quotes.create({ baseUrl: "http://127.0.0.1:9", apiKey: KEY, timeoutMs: 1000 });
    const failed = await rejectionOf(unreachable.fetchQuotes([parseTicker("AAPL")]));
    expect(failed.kind).toBe("unavailable");
  });

  it("without a key: invalid-key, and no request", async () => {
    const provider = await serve(name, WIRES[name].routes, null);
    const error = await rejectionOf(provider.fetchQuotes([parseTicker("AAPL")]));
    expect(error.kind).toBe("invalid-key");
    expect(server!.requests).toHaveLength(0);
  });
});

describe("tickers a provider cannot spell are refused before asking, per ticker", () => {
  it("Tiingo: ^GSPC and VOD.L are refused without a request, AAPL is asked", async () => {
    const provider = await serve("tiingo");
    const outcomes = await provider.fetchQuotes(["^GSPC", "VOD.L", "AAPL"].map(parseTicker));
    expect(outcomes.get(parseTicker("^GSPC"))).toMatchObject({ kind: "unknown-symbol" });
    expect(outcomes.get(parseTicker("VOD.L"))).toMatchObject({ kind: "unknown-symbol" });
    expect(quoteRequests("tiingo").flatMap(WIRES.tiingo.symbolsOf)).toEqual(["aapl"]);
  });

  it("Polygon: an index is not in the stocks snapshot; refusals only, so nothing is asked and nothing rejects", async () => {
    const provider = await serve("polygon");
    const outcomes = await provider.fetchQuotes([parseTicker("^GSPC")]);
    expect(outcomes.get(parseTicker("^GSPC"))).toMatchObject({ kind: "unknown-symbol" });
    expect((outcomes.get(parseTicker("^GSPC")) as MarketDataError).message).toMatch(/snapshot has no indices/);
    expect(server!.requests).toHaveLength(0);
  });
});

describe("Polygon: the delay it states", () => {
  it.each([
    ["DELAYED", 15],
    ["OK", null],
  ])('"status": "%s" -> delayMinutes %p', async (status, delay) => {
    const body = { count: 1, status, tickers: [{ ...polygonRow, ticker: "AAPL" }] };
    const provider = await serve("polygon", [{ path: WIRES.polygon.quotePath, respond: json(body) }]);
    expect(quoteOf(await provider.fetchQuotes([parseTicker("AAPL")]), "AAPL").delayMinutes).toBe(delay);
  });

  it("before the day's first trade (day values 0, no last trade) the price is the running close or missing, never 0", async () => {
    const empty = { ...polygonRow, ticker: "AAPL", day: { o: 0, h: 0, l: 0, c: 0, v: 0, vw: 0 }, lastTrade: {}, min: {} };
    const provider = await serve("polygon", [{ path: WIRES.polygon.quotePath, respond: json({ status: "OK", tickers: [empty] }) }]);
    const outcome = (await provider.fetchQuotes([parseTicker("AAPL")])).get(parseTicker("AAPL"));
    expect(outcome).toMatchObject({ kind: "no-data" });
  });
});

describe("Yahoo: the cookie-and-crumb session of the valuation client", () => {
  it("runs the recorded flow once, then sends the cookie and crumb with every quote request", async () => {
    const provider = await serve("yahoo");
    await provider.fetchQuotes(tickers(60));
    await provider.fetchQuotes([parseTicker("AAPL")]);
    const lines = server!.requests.map((r) => `${r.method} ${r.path}`);
    expect(lines).toEqual([...FLOW_REQUESTS, "GET /v7/finance/quote", "GET /v7/finance/quote", "GET /v7/finance/quote"]);
    for (const request of quoteRequests("yahoo")) expect(request.query.get("crumb")).toBe("haT3oykhHqZ");
  });

  it("renews a refused crumb once and asks again", async () => {
    const quoteRoute = WIRES.yahoo.routes.find((route) => route.path === "/v7/finance/quote")!;
    const provider = await serve("yahoo", [
      ...crumbFlowRoutes(),
      {
        path: "/v7/finance/quote",
        respond: (r, i) => (i === 0 ? invalidCrumb() : (quoteRoute.respond as (r: ReceivedRequest, i: number) => ScriptedResponse)(r, i)),
      },
    ]);
    const outcomes = await provider.fetchQuotes([parseTicker("AAPL")]);
    expect(quoteOf(outcomes, "AAPL").price).toBe(244.6);
    expect(server!.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      ...FLOW_REQUESTS,
      "GET /v7/finance/quote",
      ...FLOW_REQUESTS,
      "GET /v7/finance/quote",
    ]);
  });

  it("reads pence as pounds and the stated delay", async () => {
    const ocdo = loadWrapper("quotes/yahoo/quote-OCDO.L.json");
    const provider = await serve("yahoo", [
      ...crumbFlowRoutes(),
      { path: "/v7/finance/quote", respond: { status: 200, headers: JSON_TYPE, body: ocdo.body } },
    ]);
    const quote = quoteOf(await provider.fetchQuotes([parseTicker("OCDO.L")]), "OCDO.L");
    expect(quote).toMatchObject({ currency: "GBP", price: 3.088, delayMinutes: 15 });
  });
});

describe("FMP: a plan without the batch endpoint", () => {
  const premium: ScriptedResponse = json(
    { "Error Message": "Exclusive Endpoint : This endpoint is not available under your current subscription" },
    402,
  );

  it("falls back to one /stable/quote per ticker, and says so with quotesPerRequest 1 from then on", async () => {
    const provider = await serve("fmp", [{ path: "/stable/batch-quote", respond: premium }, WIRES.fmp.routes[1]]);
    expect(provider.quotesPerRequest).toBe(50);
    const outcomes = await provider.fetchQuotes(tickers(3));
    expect([...outcomes.values()].every((outcome) => !(outcome instanceof MarketDataError))).toBe(true);
    expect(provider.quotesPerRequest).toBe(1);
    expect(server!.requestsTo("/stable/batch-quote")).toHaveLength(1);
    expect(server!.requestsTo("/stable/quote")).toHaveLength(3);
    await provider.fetchQuotes(tickers(2));
    expect(server!.requestsTo("/stable/batch-quote")).toHaveLength(1);
    expect(server!.requestsTo("/stable/quote")).toHaveLength(5);
  });

  it("a used-up daily quota is not a reason to fall back: it rejects as plan-limit", async () => {
    const provider = await serve("fmp", [
      { path: "/stable/batch-quote", respond: json({ "Error Message": "Limit Reach . Please upgrade your plan" }, 429) },
    ]);
    const error = await rejectionOf(provider.fetchQuotes(tickers(2)));
    expect(error.kind).toBe("plan-limit");
    expect(provider.quotesPerRequest).toBe(50);
  });
});

describe("Twelve Data: one exchange a request, one credit a symbol", () => {
  it("asks US symbols together and each exchange apart (mic_code applies to a whole request)", async () => {
    const provider = await serve("twelvedata");
    await provider.fetchQuotes(["AAPL", "MSFT", "SAP.DE", "WSU.DE", "VOD.L"].map(parseTicker));
    const requests = quoteRequests("twelvedata")
      .map((r) => `${r.query.get("symbol")}@${r.query.get("mic_code") ?? "US"}`)
      .sort();
    expect(requests).toEqual(["AAPL,MSFT@US", "SAP,WSU@XETR", "VOD@XLON"]);
  });

  it("a request counts as many of the plan's requests as it carries symbols", async () => {
    server = await startReplayServer(WIRES.twelvedata.routes);
    const env = { MKT_TWELVEDATA_URL: server.url };
    const plan = { tier: null, limits: { concurrency: 2, perMinute: 5 } };
    const histories = createDirectProvider("twelvedata", env, KEY, {}, { plan, maxWaitMs: 0 }) as ResilientProvider;
    const provider = createDirectQuoteProvider("twelvedata", env, KEY, {}, { plan, histories });
    expect(provider.quotesPerRequest).toBe(5);
    await provider.fetchQuotes(tickers(5));
    expect(histories.stats().requests).toBe(1);
    // One request, but the minute's 5 credits are spent: the next symbol would wait for the next minute, refused at once.
    const error = await rejectionOf(provider.fetchQuotes([parseTicker("AAPL")]));
    expect(error.kind).toBe("rate-limited");
    expect(quoteRequests("twelvedata")).toHaveLength(1);
  });
});

describe("createDirectQuoteProvider", () => {
  it("quote polls go through the same limits as the key's histories when they are passed", async () => {
    server = await startReplayServer(WIRES.polygon.routes);
    const env = { MKT_POLYGON_URL: server.url, MKT_POLYGON_PLAN: "starter", MKT_POLYGON_KEY: KEY };
    const histories = createDirectProvider("polygon", env, null) as ResilientProvider;
    const shared = createDirectQuoteProvider("polygon", env, null, {}, { histories });
    await shared.fetchQuotes(tickers(250));
    expect(histories.stats().requests).toBe(3);

    const separate = createDirectQuoteProvider("polygon", env, null);
    await separate.fetchQuotes(tickers(5));
    expect(histories.stats().requests).toBe(3);
    expect(quoteRequests("polygon")).toHaveLength(4);
  });

  it("keeps to the plan: Polygon's free plan (5 a minute) lets 5 requests through, then refuses without asking", async () => {
    server = await startReplayServer(WIRES.polygon.routes);
    const env = { MKT_POLYGON_URL: server.url, MKT_POLYGON_KEY: KEY };
    const provider = createDirectQuoteProvider("polygon", env, null, {}, { maxWaitMs: 0 });
    for (let i = 0; i < 5; i++) await provider.fetchQuotes([parseTicker("AAPL")]);
    const error = await rejectionOf(provider.fetchQuotes([parseTicker("AAPL")]));
    expect(error.kind).toBe("rate-limited");
    expect(quoteRequests("polygon")).toHaveLength(5);
  });

  it.each([
    ["yahoo", undefined, 50],
    ["fmp", undefined, 50],
    ["alphavantage", undefined, 1],
    ["tiingo", undefined, 100],
    ["polygon", undefined, 100],
    ["twelvedata", undefined, 8],
    ["twelvedata", "grow-55", 55],
    ["twelvedata", "pro-610", 120],
  ] as [ProviderName, string | undefined, number][])("%s, the team's plan %s: %i tickers a request", (name, tier, expected) => {
    const env: Record<string, string> = { [`MKT_${name.toUpperCase()}_KEY`]: KEY };
    if (tier !== undefined) env[`MKT_${name.toUpperCase()}_PLAN`] = tier;
    expect(createDirectQuoteProvider(name, env, null).quotesPerRequest).toBe(expected);
  });

  it("an analyst's key on the free plan by default, or the tier named for it", () => {
    expect(createDirectQuoteProvider("twelvedata", { MKT_TWELVEDATA_PLAN: "pro-610" }, KEY).quotesPerRequest).toBe(8);
    const plan = { tier: "grow-144", limits: PROVIDER_SPECS.twelvedata.plans.tiers["grow-144"] };
    expect(createDirectQuoteProvider("twelvedata", {}, KEY, {}, { plan }).quotesPerRequest).toBe(120);
  });

  it("refuses histories of another provider", () => {
    const histories = createDirectProvider("fmp", {}, KEY);
    expect(() => createDirectQuoteProvider("polygon", {}, KEY, {}, { histories })).toThrow(RangeError);
  });

  it("gives the demo's synthetic quotes for demo, on the options' clock", async () => {
    const clock = { now: () => Date.parse("2025-02-14T18:00:00Z"), sleep: async () => undefined };
    const provider = createDirectQuoteProvider("demo", {}, null, {}, { clock });
    expect(provider).toBeInstanceOf(DemoQuoteProvider);
    const quote = quoteOf(await provider.fetchQuotes([parseTicker("IWM")]), "IWM");
    expect(quote).toMatchObject({ demo: true, fetchedAt: clock.now() });
  });
});

describe("the recorded bodies the routes above are made of", () => {
  it("are the recordings, unchanged", () => {
    expect(fixtureText("quotes/tiingo/riingo_iex_AAPL.json")).toContain('"tngoLast": 387.935');
    expect(yahooRow.symbol).toBe("AAPL");
    expect(fmpRow.changePercentage).toBe(4.30957);
    expect(twelveRow.percent_change).toBe("0.59074");
    expect(polygonRow.todaysChangePerc).toBe(-2.231);
  });
});
