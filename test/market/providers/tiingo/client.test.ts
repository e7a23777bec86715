import { MarketDataError, parseTicker } from "../../../../src/market/core";
import { DEFAULT_TIINGO_URL, TIINGO_SPEC, TiingoProvider } from "../../../../src/market/providers/tiingo";
import { rejection } from "../../../support/market-errors";
import { fixtureText, replayOf } from "../../../support/recordings";
import { ReplayServer, ScriptedResponse, startReplayServer } from "../../../support/replay-server";
import { expectSecretAbsent } from "../../../support/secret-check";
import { loadVcrInteraction } from "../../../support/vcr-cassettes";

const NOW = Date.parse("2020-07-20T15:00:00Z");
const KEY = "SECRET-KEY-123";
const PRICES_PATH = /^\/tiingo\/daily\/[^/]+\/prices$/;
const isoOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const JSON_TYPE = { "content-type": "application/json" };

const AAPL_YEAR: ScriptedResponse = {
  status: 200,
  headers: JSON_TYPE,
  body: fixtureText("tiingo/riingo_tiingo_daily_AAPL_prices-4eb987.json"),
};
const GOOGL_2015 = loadVcrInteraction("tiingo/ticker_price_with_date.yaml");

let server: ReplayServer;

async function serve(respond: ScriptedResponse, apiKey: string | null = KEY, timeoutMs = 2000): Promise<TiingoProvider> {
  server = await startReplayServer([{ path: PRICES_PATH, respond }]);
  return new TiingoProvider({ baseUrl: server.url, apiKey, now: () => NOW, timeoutMs });
}

afterEach(async () => {
  await server?.close();
});

describe("TiingoProvider against a replay server", () => {
  it("asks for the whole daily history with the key in a Token header, and parses adjusted closes", async () => {
    const provider = await serve(AAPL_YEAR);
    const series = await provider.fetchHistory(parseTicker("aapl"));
    expect(series.days.length).toBe(251);
    expect(series).toMatchObject({ symbol: "AAPL", provider: "tiingo", adjusted: true, fetchedAt: NOW });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.method).toBe("GET");
    expect(request.url).toBe("/tiingo/daily/AAPL/prices?startDate=1900-01-01&resampleFreq=daily&format=json");
    expect(request.headers.authorization).toBe(`Token ${KEY}`);
  });

  it("asks from `since` when given", async () => {
    const provider = await serve(replayOf(GOOGL_2015));
    const series = await provider.fetchHistory(parseTicker("GOOGL"), { since: dayOf("2015-01-02") });
    expect(Array.from(series.days, isoOf)).toEqual(["2015-01-02", "2015-01-05"]);
    expect(server.requests[0].query.get("startDate")).toBe("2015-01-02");
    // The same query the recorded tiingo-python request made, except for the end date we leave open.
    const recorded = new URL(GOOGL_2015.requestUrl).searchParams;
    expect(server.requests[0].query.get("resampleFreq")).toBe(recorded.get("resampleFreq"));
    expect(server.requests[0].query.get("format")).toBe(recorded.get("format"));
  });

  it("a since-range without bars is no-data from that day", async () => {
    const provider = await serve({ status: 200, headers: JSON_TYPE, body: "[]" });
    const error = await rejection(provider.fetchHistory(parseTicker("GOOGL"), { since: dayOf("2015-01-06") }));
    expect(error.kind).toBe("no-data");
    expect(error.message).toBe("Tiingo has no daily prices for GOOGL on or after 2015-01-06");
  });

  it("without a key: invalid-key with setup instructions, and no request", async () => {
    const provider = await serve(AAPL_YEAR, null);
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.kind).toBe("invalid-key");
    expect(error.message).toBe("Tiingo needs an API key: set MKT_TIINGO_KEY on the server or enter your own key in the add-in's settings");
    expect(server.requests).toHaveLength(0);
  });
});

/** Every failure a replayed answer can cause, with the kind it must map to. */
const ERROR_CASES: [string, MarketDataError["kind"], ScriptedResponse][] = [
  [
    "unknown ticker (recorded 404)",
    "unknown-symbol",
    { status: 404, headers: JSON_TYPE, body: fixtureText("tiingo/riingo_tiingo_daily_badticker_prices.404.json") },
  ],
  ["invalid token (DRF wording)", "invalid-key", { status: 401, headers: JSON_TYPE, body: JSON.stringify({ detail: "Invalid token." }) }],
  [
    "token echoed back (made up)",
    "invalid-key",
    { status: 401, headers: JSON_TYPE, body: JSON.stringify({ detail: `Invalid token ${KEY}.` }) },
  ],
  [
    "hourly allocation, with Retry-After",
    "rate-limited",
    {
      status: 429,
      headers: { ...JSON_TYPE, "retry-after": "120" },
      body: JSON.stringify({ detail: "You have run over your hourly request allocation." }),
    },
  ],
  ["429 plain text without Retry-After", "rate-limited", { status: 429, body: "Too Many Requests" }],
  [
    "monthly symbol allowance",
    "plan-limit",
    { status: 429, headers: JSON_TYPE, body: JSON.stringify({ detail: "You have run over your 500 symbol look up for this month." }) },
  ],
  ["HTML 503", "unavailable", { status: 503, headers: { "content-type": "text/html" }, body: "<html>down</html>" }],
  ["HTML 200", "bad-response", { status: 200, headers: { "content-type": "text/html" }, body: "<html>login</html>" }],
  ["truncated JSON", "bad-response", { ...AAPL_YEAR, truncateAfterBytes: 4000 }],
  ["empty list", "no-data", { status: 200, headers: JSON_TYPE, body: "[]" }],
  ["connection dropped before headers", "unavailable", { ...AAPL_YEAR, drop: "before-headers" }],
  ["no answer within the timeout", "unavailable", { ...AAPL_YEAR, delayMs: 2000 }],
];

describe("TiingoProvider error answers", () => {
  it.each(ERROR_CASES)("%s -> %s, naming provider and symbol", async (_label, kind, respond) => {
    const provider = await serve(respond, KEY, 300);
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.kind).toBe(kind);
    expect(error.message).toContain("Tiingo");
    expect(error.message).toContain("AAPL");
  });

  it("passes Retry-After on as retryAfterSeconds", async () => {
    const provider = await serve(ERROR_CASES[3][2]);
    expect((await rejection(provider.fetchHistory(parseTicker("AAPL")))).retryAfterSeconds).toBe(120);
  });

  it.each(ERROR_CASES)("the key never appears in the error: %s", async (_label, _kind, respond) => {
    const provider = await serve(respond, KEY, 300);
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(server.requests[0].headers.authorization).toBe(`Token ${KEY}`);
    expect(server.requests[0].url).not.toContain(KEY);
    expectSecretAbsent(error, KEY);
  });

  it("not even a part of it, where quoted text is cut at its length limit", async () => {
    // The key straddles the 160-character limit of quoted upstream text.
    const detail = `${"x".repeat(147)} ${KEY} is not a valid token`;
    const provider = await serve({ status: 401, headers: JSON_TYPE, body: JSON.stringify({ detail }) });
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.message).toContain("x [redacted]");
    expect(error.message).not.toContain("SECRET-");
  });

  it("an echoed key is redacted, not dropped with the rest of the text", async () => {
    const provider = await serve(ERROR_CASES[2][2]);
    expect((await rejection(provider.fetchHistory(parseTicker("AAPL")))).message).toBe(
      'Tiingo rejected the API key (asked for AAPL): "Invalid token [redacted]."',
    );
  });
});

describe("TIINGO_SPEC", () => {
  it("describes a keyed provider with adjusted closes and start dates, on the free plan's limits", () => {
    expect(TIINGO_SPEC).toMatchObject({
      name: "tiingo",
      label: "Tiingo",
      defaultBaseUrl: DEFAULT_TIINGO_URL,
      knownHosts: ["api.tiingo.com"],
      keyRequired: true,
      adjustedCloses: true,
      supportsSince: true,
    });
    expect(TIINGO_SPEC.plans.tiers.free).toEqual({ concurrency: 1, perHour: 50, perDay: 1000 });
    expect(TIINGO_SPEC.plans.countsPer).toEqual(["hour", "day"]);
    expect(DEFAULT_TIINGO_URL).toBe("https://api.tiingo.com");
  });

  it("creates a provider that fetches from the given base URL", async () => {
    server = await startReplayServer([{ path: PRICES_PATH, respond: AAPL_YEAR }]);
    const provider = TIINGO_SPEC.create({ baseUrl: `${server.url}/`, apiKey: KEY });
    expect(provider.name).toBe("tiingo");
    expect((await provider.fetchHistory(parseTicker("AAPL"))).days.length).toBe(251);
    expect(server.requests[0].path).toBe("/tiingo/daily/AAPL/prices");
  });
});
