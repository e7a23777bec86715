import { MarketDataError, parseTicker } from "../../../../src/market/core";
import { ALPHAVANTAGE_SPEC, AlphaVantageProvider, DEFAULT_ALPHAVANTAGE_URL } from "../../../../src/market/providers/alphavantage";
import { rejection } from "../../../support/market-errors";
import { fixtureText } from "../../../support/recordings";
import { ReplayServer, ScriptedResponse, startReplayServer } from "../../../support/replay-server";
import { expectSecretAbsent } from "../../../support/secret-check";

const NOW = Date.parse("2018-05-10T18:00:00Z");
const KEY = "SECRET-KEY-123";
const isoOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
const JSON_TYPE = { "content-type": "application/json" };

/** An Alpha Vantage body as it is served: HTTP 200 and JSON, errors included. */
const served = (file: string, extra: Partial<ScriptedResponse> = {}): ScriptedResponse => ({
  status: 200,
  headers: JSON_TYPE,
  body: fixtureText(`alphavantage/${file}`),
  ...extra,
});
const RAW_MSFT = served("kirlut_daily-not-adjusted.json");

let server: ReplayServer;

async function serve(respond: ScriptedResponse, apiKey: string | null = KEY, timeoutMs = 2000): Promise<AlphaVantageProvider> {
  server = await startReplayServer([{ path: "/query", respond }]);
  return new AlphaVantageProvider({ baseUrl: server.url, apiKey, now: () => NOW, timeoutMs });
}

afterEach(async () => {
  await server?.close();
});

describe("AlphaVantageProvider against a replay server", () => {
  it("asks for the full TIME_SERIES_DAILY with the key in the query, and parses the answer", async () => {
    const provider = await serve(RAW_MSFT);
    const series = await provider.fetchHistory(parseTicker(" msft "));
    expect(Array.from(series.days, isoOf)).toEqual(["2018-05-08", "2018-05-09", "2018-05-10"]);
    expect(series).toMatchObject({ symbol: "MSFT", provider: "alphavantage", adjusted: false, fetchedAt: NOW });
    expect(server.requests).toHaveLength(1);
    const { method, query } = server.requests[0];
    expect(method).toBe("GET");
    expect(Object.fromEntries(query)).toEqual({
      function: "TIME_SERIES_DAILY",
      symbol: "MSFT",
      outputsize: "full",
      datatype: "json",
      apikey: KEY,
    });
  });

  it("ignores `since` (the API has no start date) and still fetches the full history", async () => {
    const provider = await serve(RAW_MSFT);
    const since = Date.parse("2018-05-10T00:00:00Z") / 86_400_000;
    const series = await provider.fetchHistory(parseTicker("MSFT"), { since });
    expect(series.days[0]).toBeLessThan(since);
    expect(server.requests[0].query.get("outputsize")).toBe("full");
    expect([...server.requests[0].query.keys()].sort()).toEqual(["apikey", "datatype", "function", "outputsize", "symbol"]);
  });

  it("without a key: invalid-key with setup instructions, and no request", async () => {
    const provider = await serve(RAW_MSFT, null);
    const error = await rejection(provider.fetchHistory(parseTicker("MSFT")));
    expect(error.kind).toBe("invalid-key");
    expect(error.message).toBe(
      "Alpha Vantage needs an API key: set MKT_ALPHAVANTAGE_KEY on the server or enter your own key in the add-in's settings",
    );
    expect(server.requests).toHaveLength(0);
  });
});

/** Every failure a replayed answer can cause, with the kind it must map to. */
const ERROR_CASES: [string, MarketDataError["kind"], ScriptedResponse][] = [
  ["Invalid API call (recorded)", "unknown-symbol", served("transcribed/error_message_invalid_api_call_FX_DAILY_2021.json")],
  ["premium endpoint (recorded)", "plan-limit", served("transcribed/information_premium_endpoint_TIME_SERIES_DAILY_ADJUSTED_2024.json")],
  ["per-minute Note (recorded)", "rate-limited", served("transcribed/note_rate_limit_5_per_minute_2018.json")],
  [
    "daily quota echoing the key (reported wording)",
    "plan-limit",
    {
      status: 200,
      headers: JSON_TYPE,
      body: JSON.stringify({
        Information: `Thank you for using Alpha Vantage! We have detected your API key as ${KEY} and our standard API rate limit is 25 requests per day.`,
      }),
    },
  ],
  ["429 plain text with Retry-After", "rate-limited", { status: 429, headers: { "retry-after": "45" }, body: "Too Many Requests" }],
  ["429 plain text without Retry-After", "rate-limited", { status: 429, body: "Too Many Requests" }],
  ["HTML 503", "unavailable", { status: 503, headers: { "content-type": "text/html" }, body: "<html>down</html>" }],
  ["HTML 200", "bad-response", { status: 200, headers: { "content-type": "text/html" }, body: "<html>maintenance</html>" }],
  ["truncated JSON", "bad-response", { ...RAW_MSFT, truncateAfterBytes: 200 }],
  ["connection dropped mid-body", "unavailable", { ...RAW_MSFT, drop: "mid-body" }],
  ["connection dropped before headers", "unavailable", { ...RAW_MSFT, drop: "before-headers" }],
  ["no answer within the timeout", "unavailable", { ...RAW_MSFT, hang: "before-headers" }],
];

describe("AlphaVantageProvider error answers", () => {
  it.each(ERROR_CASES)("%s -> %s, naming provider and symbol", async (_label, kind, respond) => {
    const provider = await serve(respond, KEY, 300);
    const error = await rejection(provider.fetchHistory(parseTicker("IBM")));
    expect(error.kind).toBe(kind);
    expect(error.message).toContain("Alpha Vantage");
    expect(error.message).toContain("IBM");
  });

  it("passes Retry-After on as retryAfterSeconds", async () => {
    const provider = await serve({ status: 429, headers: { "retry-after": "45" }, body: "Too Many Requests" });
    expect((await rejection(provider.fetchHistory(parseTicker("IBM")))).retryAfterSeconds).toBe(45);
  });

  it("nothing listening -> unavailable", async () => {
    server = await startReplayServer([]);
    const url = server.url;
    await server.close();
    const provider = new AlphaVantageProvider({ baseUrl: url, apiKey: KEY, timeoutMs: 2000 });
    const error = await rejection(provider.fetchHistory(parseTicker("IBM")));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toContain("connection refused");
  });
});

describe("the API key never appears in an error", () => {
  it.each(ERROR_CASES)("%s", async (_label, _kind, respond) => {
    const provider = await serve(respond, KEY, 300);
    const error = await rejection(provider.fetchHistory(parseTicker("IBM")));
    expect(server.requests[0].query.get("apikey")).toBe(KEY);
    expectSecretAbsent(error, KEY);
  });

  it("not even a part of it, where a quoted notice is cut at its length limit", async () => {
    // The key straddles the 160-character limit of quoted upstream text.
    const note = `${"x".repeat(147)} ${KEY} per minute`;
    const provider = await serve({ status: 200, headers: JSON_TYPE, body: JSON.stringify({ Note: note }) });
    const error = await rejection(provider.fetchHistory(parseTicker("IBM")));
    expect(error.kind).toBe("rate-limited");
    expect(error.message).toContain("x [redacted]");
    expect(error.message).not.toContain("SECRET-");
    expectSecretAbsent(error, KEY);
  });

  it("nor when fetch itself fails with the URL in its error", async () => {
    const provider = new AlphaVantageProvider({ baseUrl: "http://127.0.0.1:9", apiKey: KEY, timeoutMs: 2000 });
    const fetchSpy = jest.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
      throw new TypeError(`fetch failed for ${String(input)}`);
    });
    try {
      const error = await rejection(provider.fetchHistory(parseTicker("IBM")));
      expect(String(fetchSpy.mock.calls[0][0])).toContain(KEY);
      expect(error.kind).toBe("unavailable");
      expect(error.message).toContain("apikey=[redacted]");
      expectSecretAbsent(error, KEY);
    } finally {
      fetchSpy.mockRestore();
    }
  });
});

describe("ALPHAVANTAGE_SPEC", () => {
  it("describes a keyed provider without adjusted closes or start dates, on the free plan's limits", () => {
    expect(ALPHAVANTAGE_SPEC).toMatchObject({
      name: "alphavantage",
      label: "Alpha Vantage",
      defaultBaseUrl: DEFAULT_ALPHAVANTAGE_URL,
      keyRequired: true,
      adjustedCloses: false,
      supportsSince: false,
    });
    expect(ALPHAVANTAGE_SPEC.plans.tiers.free).toEqual({ concurrency: 1, perSecond: 1, perMinute: 5, perDay: 25 });
    expect(DEFAULT_ALPHAVANTAGE_URL).toBe("https://www.alphavantage.co");
    expect(ALPHAVANTAGE_SPEC.knownHosts).toContain(new URL(DEFAULT_ALPHAVANTAGE_URL).host);
  });

  it("creates a provider on the given base URL (trailing slash tolerated)", async () => {
    server = await startReplayServer([{ path: "/query", respond: RAW_MSFT }]);
    const provider = ALPHAVANTAGE_SPEC.create({ baseUrl: `${server.url}/`, apiKey: KEY });
    expect(provider.name).toBe("alphavantage");
    expect((await provider.fetchHistory(parseTicker("MSFT"))).days.length).toBe(3);
    expect(server.requestsTo("/query")).toHaveLength(1);
  });

  it("refuses a base URL that is not http(s)", () => {
    expect(() => ALPHAVANTAGE_SPEC.create({ baseUrl: "ftp://example.com", apiKey: KEY })).toThrow(/Alpha Vantage base URL/);
  });
});
