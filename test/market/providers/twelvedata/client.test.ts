import { parseTicker } from "../../../../src/market/core";
import { DEFAULT_TWELVEDATA_URL, TwelveDataProvider, TWELVEDATA_SPEC } from "../../../../src/market/providers/twelvedata";
import { bySymbolQuery, keySafeRejections, providerReplay } from "../keyed-provider-tests";
import { fixtureText } from "../../../support/recordings";
import { Route, ScriptedResponse, startReplayServer } from "../../../support/replay-server";

const KEY = "SECRET-KEY-123";
const NOW = Date.parse("2024-11-25T12:00:00Z");
const PATH = "/time_series";
const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

const batch = (file: string): Record<string, unknown> => JSON.parse(fixtureText(`twelvedata/${file}`));
const AAPL_BODY = JSON.stringify(batch("marekskopal_batch_time_series.json").AAPL);
const UNKNOWN_BODY = JSON.stringify(batch("marekskopal_batch_error.json").INVALID);
const ERROR_401 = fixtureText("twelvedata/transcribed/error_401_apikey_soulgarden_tests.json");
const ERROR_429 = fixtureText("twelvedata/transcribed/error_429_minute_credits_blocksense_pr1276.json");

const replay = providerReplay((options) => new TwelveDataProvider(options), KEY, NOW);
const serve = replay.serve;
/** Every rejection seen in this file is checked for the key, and once more at the end so no error path is forgotten. */
const rejection = keySafeRejections(KEY, 20);
const bySymbol = (answers: Record<string, ScriptedResponse>): Route => bySymbolQuery(PATH, answers);

describe("TwelveDataProvider against a replay server", () => {
  it("asks /time_series for 5,000 daily bars with the key in the Authorization header, not the URL", async () => {
    const provider = await serve([{ path: PATH, respond: { headers: JSON_TYPE, body: AAPL_BODY } }]);
    const series = await provider.fetchHistory(parseTicker("aapl"));
    expect(series).toMatchObject({ symbol: "AAPL", provider: "twelvedata", adjusted: false, fetchedAt: NOW });
    expect(Array.from(series.close)).toEqual([229.87]);
    const [request] = replay.server!.requests;
    expect(request.method).toBe("GET");
    expect(request.url).toBe(`${PATH}?symbol=AAPL&interval=1day&outputsize=5000&format=JSON`);
    expect(request.headers.authorization).toBe(`apikey ${KEY}`);
    expect(request.url).not.toContain(KEY);
  });

  it("asks only for bars from `since` with start_date", async () => {
    const provider = await serve([{ path: PATH, respond: { headers: JSON_TYPE, body: AAPL_BODY } }]);
    await provider.fetchHistory(parseTicker("AAPL"), { since: dayOf("2024-11-22") });
    expect(replay.server!.requests[0].query.get("start_date")).toBe("2024-11-22");
    expect(replay.server!.requests[0].query.get("outputsize")).toBe("5000");
  });

  it("a tail request with nothing new -> no-data naming the start day", async () => {
    const body = JSON.stringify({
      code: 400,
      message: "No data is available on the specified dates. Try setting different start/end dates.",
      status: "error",
    });
    const provider = await serve([{ path: PATH, respond: { headers: JSON_TYPE, body } }]);
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL"), { since: dayOf("2024-11-25") }));
    expect(error.kind).toBe("no-data");
    expect(error.message).toBe("Twelve Data has no daily prices for AAPL on or after 2024-11-25");
  });

  it("encodes Twelve Data's spelling of a symbol in the query; an index is refused before any request (see symbol.test.ts)", async () => {
    const provider = await serve([{ path: PATH, respond: { headers: JSON_TYPE, body: UNKNOWN_BODY } }]);
    expect((await rejection(provider.fetchHistory(parseTicker("^GSPC")))).kind).toBe("unknown-symbol");
    await rejection(provider.fetchHistory(parseTicker("EURUSD=X")));
    expect(replay.server!.requests.map((r) => r.url.split("&")[0])).toEqual([`${PATH}?symbol=EUR%2FUSD`]);
  });

  it.each([null, "", "   "])("without a key (%j) rejects with invalid-key and makes no request", async (apiKey) => {
    const provider = await serve([], apiKey);
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.kind).toBe("invalid-key");
    expect(error.message).toBe(
      "Twelve Data needs an API key: set MKT_TWELVEDATA_KEY on the server or enter your own key in the add-in's settings",
    );
    expect(replay.server!.requests).toHaveLength(0);
  });

  it.each([`${KEY}\nX`, "SECRET KEY-123", `${KEY}\u0000`])(
    "a key with a control character or space inside (%j) is refused before fetch could quote it",
    async (badKey) => {
      const provider = await serve([], badKey);
      const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
      expect(error.kind).toBe("invalid-key");
      expect(error.message).toBe(
        "The Twelve Data API key contains spaces or special characters: check MKT_TWELVEDATA_KEY or the key in the add-in's settings",
      );
      expect(replay.server!.requests).toHaveLength(0);
    },
  );

  it("a surrounding space or newline in a pasted key is trimmed", async () => {
    const provider = await serve([{ path: PATH, respond: { headers: JSON_TYPE, body: AAPL_BODY } }], `  ${KEY}\n`);
    await provider.fetchHistory(parseTicker("AAPL"));
    expect(replay.server!.requests[0].headers.authorization).toBe(`apikey ${KEY}`);
  });

  it.each([
    ["recorded unknown symbol, HTTP 200", "unknown-symbol", UNKNOWN_BODY, 200],
    ["recorded unknown symbol, HTTP 400", "unknown-symbol", UNKNOWN_BODY, 400],
    ["transcribed bad key, HTTP 200", "invalid-key", ERROR_401, 200],
    ["transcribed bad key, HTTP 401", "invalid-key", ERROR_401, 401],
    ["transcribed minute credits, HTTP 200", "rate-limited", ERROR_429, 200],
    ["transcribed minute credits, HTTP 429", "rate-limited", ERROR_429, 429],
    [
      "plan-gated symbol",
      "plan-limit",
      JSON.stringify({ code: 404, message: "**symbol** INVALID is not available with your plan.", status: "error" }),
      404,
    ],
    ["empty values", "no-data", JSON.stringify({ ...JSON.parse(AAPL_BODY), values: [] }), 200],
  ])("replays %s -> %s", async (_label, kind, body, status) => {
    const provider = await serve([{ path: PATH, respond: { status, headers: JSON_TYPE, body } }]);
    const error = await rejection(provider.fetchHistory(parseTicker("INVALID")));
    expect(error.kind).toBe(kind);
    expect(error.symbol).toBe("INVALID");
    expect(error.message).toContain("INVALID");
    expect(replay.server!.requests).toHaveLength(1);
  });

  it("429 -> rate-limited, Retry-After in seconds or as a date, or none", async () => {
    const provider = await serve([
      bySymbol({
        IWM: { status: 429, headers: { ...JSON_TYPE, "retry-after": "30" }, body: ERROR_429 },
        QQQ: { status: 429, headers: { "retry-after": new Date(NOW + 90_000).toUTCString() }, body: "Too Many Requests" },
        SPY: { status: 429, headers: { "content-type": "text/plain" }, body: "Too Many Requests" },
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

  it("an HTML 503 -> unavailable; an HTML 200 -> bad-response", async () => {
    const page = { headers: { "content-type": "text/html" }, body: "<html><body>Oops</body></html>" };
    const provider = await serve([bySymbol({ IWM: { status: 503, ...page }, QQQ: { status: 200, ...page } })]);
    expect((await rejection(provider.fetchHistory(parseTicker("IWM")))).kind).toBe("unavailable");
    expect((await rejection(provider.fetchHistory(parseTicker("QQQ")))).kind).toBe("bad-response");
  });

  it("a body cut short but ended cleanly -> bad-response", async () => {
    const provider = await serve([{ path: PATH, respond: { headers: JSON_TYPE, body: AAPL_BODY, truncateAfterBytes: 120 } }]);
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("incomplete or invalid JSON");
  });

  it.each(["before-headers", "mid-body"] as const)("a connection dropped %s -> unavailable", async (drop) => {
    const provider = await serve([{ path: PATH, respond: { headers: JSON_TYPE, body: AAPL_BODY, drop } }]);
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toMatch(/^Could not reach Twelve Data for AAPL: /);
  });

  it("a slow answer -> unavailable after the timeout", async () => {
    replay.server = await startReplayServer([{ path: PATH, respond: { headers: JSON_TYPE, body: AAPL_BODY, delayMs: 5000 } }]);
    const provider = new TwelveDataProvider({ baseUrl: replay.server.url, apiKey: KEY, timeoutMs: 300 });
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.message).toBe("Twelve Data did not answer within 0.3 s for AAPL: the request timed out");
  });

  it("nothing listening -> unavailable", async () => {
    replay.server = await startReplayServer([]);
    const url = replay.server.url;
    await replay.server.close();
    replay.server = undefined;
    const provider = new TwelveDataProvider({ baseUrl: url, apiKey: KEY, timeoutMs: 2000 });
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toContain("connection refused");
  });

  it("a network error that quotes the request and its headers never leaks the key", async () => {
    const fetchSpy = jest.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const headers = JSON.stringify(init?.headers);
      throw new TypeError("fetch failed", { cause: new Error(`proxy refused ${String(input)} with ${headers}`) });
    });
    const provider = new TwelveDataProvider({ baseUrl: "http://127.0.0.1:9", apiKey: KEY, timeoutMs: 2000 });
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(fetchSpy.mock.calls[0][1]?.headers)).toContain(KEY); // the key was really in play
    expect(error.kind).toBe("unavailable");
    expect(error.message).toContain('"authorization":"apikey [redacted]"');
  });

  it("an error body that echoes the key is redacted", async () => {
    const body = JSON.stringify({ code: 401, message: `**apikey** ${KEY} is incorrect`, status: "error" });
    const provider = await serve([{ path: PATH, respond: { status: 401, headers: JSON_TYPE, body } }]);
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.kind).toBe("invalid-key");
    expect(error.message).toContain("apikey [redacted] is incorrect");
  });
});

describe("TWELVEDATA_SPEC", () => {
  it("describes the provider", () => {
    expect(TWELVEDATA_SPEC).toMatchObject({
      name: "twelvedata",
      label: "Twelve Data",
      defaultBaseUrl: "https://api.twelvedata.com",
      knownHosts: ["api.twelvedata.com"],
      keyRequired: true,
      adjustedCloses: false,
      supportsSince: true,
    });
    expect(TWELVEDATA_SPEC.plans.tiers.free).toMatchObject({ perMinute: 8, perDay: 800 });
    expect(DEFAULT_TWELVEDATA_URL).toBe(TWELVEDATA_SPEC.defaultBaseUrl);
  });

  it("create() builds a working provider, base URL normalized", async () => {
    replay.server = await startReplayServer([{ path: PATH, respond: { headers: JSON_TYPE, body: AAPL_BODY } }]);
    const provider = TWELVEDATA_SPEC.create({ baseUrl: `${replay.server.url}/`, apiKey: KEY });
    expect(provider.name).toBe("twelvedata");
    expect((await provider.fetchHistory(parseTicker("AAPL"))).provider).toBe("twelvedata");
    expect(replay.server.requestsTo(PATH)).toHaveLength(1);
  });

  it("refuses a base URL that is not http(s)", () => {
    expect(() => TWELVEDATA_SPEC.create({ baseUrl: "ftp://api.twelvedata.com", apiKey: KEY })).toThrow(/Twelve Data base URL/);
  });
});
