import { parseTicker } from "../../../../src/market/core";
import { DEFAULT_FMP_URL, FmpProvider, FMP_SPEC } from "../../../../src/market/providers/fmp";
import { loadCassette } from "../../../support/cassette-bodies";
import { bySymbolQuery, keySafeRejections, providerReplay } from "../keyed-provider-tests";
import { fixtureText, replayOf } from "../../../support/recordings";
import { Route, ScriptedResponse, startReplayServer } from "../../../support/replay-server";

const KEY = "SECRET-KEY-123";
const NOW = Date.parse("2023-01-11T12:00:00Z");
const PATH = "/stable/historical-price-eod/full";
const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

const STABLE = loadCassette("fmp/test_fmp_equity_historical_fetcher_urllib3_v2.yaml");
const LEGACY_V3 = loadCassette("fmp/test_fmp_equity_historical_fetcher.yaml");
const INVALID_KEY = fixtureText("fmp/transcribed/error_invalid_api_key_http200_2021.json");
const LEGACY_ENDPOINT = fixtureText("fmp/transcribed/error_legacy_endpoint_v3_2026.json");
const LIMIT_REACH = JSON.stringify({
  "Error Message":
    "Limit Reach . Please upgrade your plan or visit our documentation for more details at https://site.financialmodelingprep.com/",
});

const replay = providerReplay((options) => new FmpProvider(options), KEY, NOW);
const serve = replay.serve;
/** Every rejection seen in this file is checked for the key, and once more at the end so no error path is forgotten. */
const rejection = keySafeRejections(KEY, 20);
const bySymbol = (answers: Record<string, ScriptedResponse>): Route => bySymbolQuery(PATH, answers);

describe("FmpProvider against a replay server", () => {
  it("asks the stable endpoint for the same query the recorded cassette made, and parses the replay", async () => {
    const provider = await serve([{ path: PATH, respond: replayOf(STABLE) }]);
    const series = await provider.fetchHistory(parseTicker("aapl"), { since: dayOf("2023-01-01") });
    expect(series).toMatchObject({ symbol: "AAPL", provider: "fmp", adjusted: false, fetchedAt: NOW });
    expect(series.days.length).toBe(6);
    const [request] = replay.server!.requests;
    expect(request.method).toBe("GET");
    expect(request.url).toBe(`${PATH}?symbol=AAPL&from=2023-01-01&apikey=${KEY}`);
    const recorded = new URL(STABLE.requestUrl).searchParams;
    for (const name of ["symbol", "from"]) expect(request.query.get(name)).toBe(recorded.get(name));
    expect(recorded.get("apikey")).toBe("MOCK_API_KEY"); // the cassette's key sits where ours does
  });

  it("without `since` asks for the default history (no from)", async () => {
    const provider = await serve([{ path: PATH, respond: replayOf(STABLE) }]);
    await provider.fetchHistory(parseTicker("AAPL"));
    expect(replay.server!.requests[0].url).toBe(`${PATH}?symbol=AAPL&apikey=${KEY}`);
  });

  it("encodes the symbol and the key in the query", async () => {
    const provider = await serve([{ path: PATH, respond: { headers: JSON_TYPE, body: "[]" } }], "k+y/=&");
    await expect(provider.fetchHistory(parseTicker("^GSPC"))).rejects.toMatchObject({ kind: "no-data" });
    expect(replay.server!.requests[0].url).toBe(`${PATH}?symbol=%5EGSPC&apikey=k%2By%2F%3D%26`);
    expect(replay.server!.requests[0].query.get("apikey")).toBe("k+y/=&");
  });

  it.each([null, "", "  "])("without a key (%j) rejects with invalid-key and makes no request", async (apiKey) => {
    const provider = await serve([], apiKey);
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.kind).toBe("invalid-key");
    expect(error.message).toBe(
      "Financial Modeling Prep needs an API key: set MKT_FMP_KEY on the server or enter your own key in the add-in's settings",
    );
    expect(replay.server!.requests).toHaveLength(0);
  });

  it("a key with a space inside is refused before any request", async () => {
    const provider = await serve([], "SECRET KEY-123");
    expect((await rejection(provider.fetchHistory(parseTicker("AAPL")))).kind).toBe("invalid-key");
    expect(replay.server!.requests).toHaveLength(0);
  });

  it.each([
    ["transcribed invalid key, HTTP 200", "invalid-key", INVALID_KEY, 200],
    ["transcribed invalid key, HTTP 401", "invalid-key", INVALID_KEY, 401],
    ["transcribed legacy endpoint, HTTP 403", "plan-limit", LEGACY_ENDPOINT, 403],
    ["daily limit, HTTP 429", "plan-limit", LIMIT_REACH, 429],
    ["daily limit, HTTP 200", "plan-limit", LIMIT_REACH, 200],
    ["empty list", "no-data", "[]", 200],
    ["recorded legacy v3 layout", "bad-response", LEGACY_V3.body, 200],
  ])("replays %s -> %s", async (_label, kind, body, status) => {
    const provider = await serve([{ path: PATH, respond: { status, headers: JSON_TYPE, body } }]);
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.kind).toBe(kind);
    expect(error.symbol).toBe("AAPL");
    expect(error.message).toContain("AAPL");
    expect(error.message).toMatch(/^Financial Modeling Prep\b/);
  });

  it("429 -> rate-limited, Retry-After in seconds or as a date, or none", async () => {
    const provider = await serve([
      bySymbol({
        IWM: { status: 429, headers: { "content-type": "text/plain", "retry-after": "30" }, body: "Too Many Requests" },
        QQQ: { status: 429, headers: { "retry-after": new Date(NOW + 90_000).toUTCString() }, body: "" },
        SPY: { status: 429, headers: JSON_TYPE, body: '{"message":"Too Many Requests"}' },
      }),
    ]);
    const seconds = await rejection(provider.fetchHistory(parseTicker("IWM")));
    expect(seconds.kind).toBe("rate-limited");
    expect(seconds.retryAfterSeconds).toBe(30);
    expect((await rejection(provider.fetchHistory(parseTicker("QQQ")))).retryAfterSeconds).toBe(90);
    const none = await rejection(provider.fetchHistory(parseTicker("SPY")));
    expect(none.kind).toBe("rate-limited");
    expect(none.retryAfterSeconds).toBeNull();
  });

  it("an HTML 502 -> unavailable; an HTML 200 -> bad-response", async () => {
    const page = { headers: { "content-type": "text/html" }, body: "<html><body>Bad gateway</body></html>" };
    const provider = await serve([bySymbol({ IWM: { status: 502, ...page }, QQQ: { status: 200, ...page } })]);
    expect((await rejection(provider.fetchHistory(parseTicker("IWM")))).kind).toBe("unavailable");
    expect((await rejection(provider.fetchHistory(parseTicker("QQQ")))).kind).toBe("bad-response");
  });

  it("a body cut short but ended cleanly -> bad-response", async () => {
    const provider = await serve([{ path: PATH, respond: replayOf(STABLE, { truncateAfterBytes: 500 }) }]);
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("incomplete or invalid JSON");
  });

  it.each(["before-headers", "mid-body"] as const)("a connection dropped %s -> unavailable", async (drop) => {
    const provider = await serve([{ path: PATH, respond: replayOf(STABLE, { drop }) }]);
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toMatch(/^Could not reach Financial Modeling Prep for AAPL: /);
  });

  it("a slow answer -> unavailable after the timeout", async () => {
    replay.server = await startReplayServer([{ path: PATH, respond: replayOf(STABLE, { hang: "after-headers" }) }]);
    const provider = new FmpProvider({ baseUrl: replay.server.url, apiKey: KEY, timeoutMs: 300 });
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.message).toBe("Financial Modeling Prep did not answer within 0.3 s for AAPL: the request timed out");
  });

  it("nothing listening -> unavailable", async () => {
    replay.server = await startReplayServer([]);
    const url = replay.server.url;
    await replay.server.close();
    replay.server = undefined;
    const provider = new FmpProvider({ baseUrl: url, apiKey: KEY, timeoutMs: 2000 });
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toContain("connection refused");
  });

  it("a network error that quotes the request URL never leaks the key", async () => {
    const fetchSpy = jest.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
      throw new TypeError("fetch failed", { cause: new Error(`getaddrinfo failed for ${String(input)}`) });
    });
    const provider = new FmpProvider({ baseUrl: "http://127.0.0.1:9", apiKey: KEY, timeoutMs: 2000 });
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(String(fetchSpy.mock.calls[0][0])).toContain(`apikey=${KEY}`); // the key was really in the URL
    expect(error.kind).toBe("unavailable");
    expect(error.message).toContain("historical-price-eod/full?symbol=AAPL&apikey=[redacted]");
  });

  it("a failure that is not a MarketDataError becomes bad-response, still without the key", async () => {
    jest.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
      const headers = {
        get: (): never => {
          throw new RangeError(`unreadable headers from ${String(input)}`);
        },
      };
      return { status: 200, headers, text: async () => "[]" } as unknown as Response;
    });
    const provider = new FmpProvider({ baseUrl: "http://127.0.0.1:9", apiKey: KEY, timeoutMs: 2000 });
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toMatch(
      /^Unexpected failure reading Financial Modeling Prep data: unreadable headers from .*apikey=\[redacted\]$/,
    );
  });

  it("an error body that echoes the key is redacted", async () => {
    const body = JSON.stringify({ "Error Message": `Invalid API KEY ${KEY}. Please retry` });
    const provider = await serve([{ path: PATH, respond: { status: 401, headers: JSON_TYPE, body } }]);
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.kind).toBe("invalid-key");
    expect(error.message).toContain("Invalid API KEY [redacted]. Please retry");
  });
});

describe("FMP_SPEC", () => {
  it("describes the provider", () => {
    expect(FMP_SPEC).toMatchObject({
      name: "fmp",
      label: "Financial Modeling Prep",
      defaultBaseUrl: "https://financialmodelingprep.com",
      knownHosts: ["financialmodelingprep.com"],
      keyRequired: true,
      adjustedCloses: false,
      supportsSince: true,
    });
    expect(FMP_SPEC.plans.tiers.free).toMatchObject({ perDay: 250 });
    expect(DEFAULT_FMP_URL).toBe(FMP_SPEC.defaultBaseUrl);
  });

  it("create() builds a working provider, base URL with a path prefix kept", async () => {
    replay.server = await startReplayServer([{ path: `/proxy${PATH}`, respond: replayOf(STABLE) }]);
    const provider = FMP_SPEC.create({ baseUrl: `${replay.server.url}/proxy/`, apiKey: KEY });
    expect(provider.name).toBe("fmp");
    expect((await provider.fetchHistory(parseTicker("AAPL"))).days.length).toBe(6);
    expect(replay.server.requestsTo(`/proxy${PATH}`)).toHaveLength(1);
  });
});
