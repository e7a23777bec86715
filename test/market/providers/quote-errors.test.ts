import fs from "node:fs";
import path from "node:path";
import { MarketDataError, MarketErrorKind, parseTicker, Ticker } from "../../../src/market";
import { parseAlphaVantageLiveQuote } from "../../../src/market/providers/alphavantage";
import { parseFmpQuotes } from "../../../src/market/providers/fmp";
import { parsePolygonSnapshots } from "../../../src/market/providers/polygon";
import { parseTiingoQuotes } from "../../../src/market/providers/tiingo";
import { parseTwelveDataQuotes } from "../../../src/market/providers/twelvedata";
import { parseYahooLiveQuotes } from "../../../src/market/providers/yahoo";
import { PROVIDER_FIXTURES_DIR } from "../../support/fixture-paths";

/**
 * The answers that are not quotes: each quote parser turns them into the MarketDataError kind the
 * history parsers give for the same body (invalid key, plan limit, rate limit, outage), so a poller
 * stops, waits or retries as it should. Bodies are the transcribed ones under test/fixtures/providers/.
 */

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly retryAfterSeconds?: number | null;
}
type Parse = (tickers: readonly Ticker[], answer: Answer) => unknown;

const AAPL = [parseTicker("AAPL")];
const transcribed = (provider: string, file: string): string =>
  fs.readFileSync(path.join(PROVIDER_FIXTURES_DIR, provider, "transcribed", file), "utf8");

const PARSERS: Record<string, Parse> = {
  yahoo: (tickers, answer) => parseYahooLiveQuotes(tickers, answer, 0),
  fmp: (tickers, answer) => parseFmpQuotes(tickers, answer, 0),
  alphavantage: (tickers, answer) => parseAlphaVantageLiveQuote(tickers[0], answer, 0),
  twelvedata: (tickers, answer) => parseTwelveDataQuotes(tickers, answer, 0, (ticker) => ticker),
  tiingo: (tickers, answer) => parseTiingoQuotes(tickers, answer, 0),
  polygon: (tickers, answer) => parsePolygonSnapshots(tickers, answer, 0),
};

const CASES: [string, string, Answer, MarketErrorKind][] = [
  [
    "fmp",
    "invalid key (HTTP 200, 2021)",
    { status: 200, body: transcribed("fmp", "error_invalid_api_key_http200_2021.json") },
    "invalid-key",
  ],
  ["fmp", "legacy endpoint (403)", { status: 403, body: transcribed("fmp", "error_legacy_endpoint_v3_2026.json") }, "plan-limit"],
  [
    "fmp",
    "premium batch endpoint (402, reported wording)",
    { status: 402, body: '{"Error Message":"Premium Query Parameter: upgrade"}' },
    "plan-limit",
  ],
  ["fmp", "daily limit reached (429)", { status: 429, body: '{"Error Message":"Limit Reach . Please upgrade your plan"}' }, "plan-limit"],
  [
    "alphavantage",
    "rate limit note (2018)",
    { status: 200, body: transcribed("alphavantage", "note_rate_limit_5_per_minute_2018.json") },
    "rate-limited",
  ],
  [
    "alphavantage",
    "premium endpoint",
    { status: 200, body: transcribed("alphavantage", "information_premium_endpoint_TIME_SERIES_DAILY_ADJUSTED_2024.json") },
    "plan-limit",
  ],
  [
    "alphavantage",
    "invalid call: the symbol",
    { status: 200, body: transcribed("alphavantage", "error_message_invalid_api_call_FX_DAILY_2021.json") },
    "unknown-symbol",
  ],
  [
    "twelvedata",
    "invalid key (code 401)",
    { status: 200, body: transcribed("twelvedata", "error_401_apikey_soulgarden_tests.json") },
    "invalid-key",
  ],
  [
    "twelvedata",
    "minute credits used up (code 429)",
    { status: 200, body: transcribed("twelvedata", "error_429_minute_credits_blocksense_pr1276.json") },
    "rate-limited",
  ],
  ["polygon", "no key (ERROR)", { status: 401, body: transcribed("polygon", "error_api_key_not_provided_issue219.json") }, "invalid-key"],
  [
    "polygon",
    "not authorized for the plan",
    { status: 403, body: transcribed("polygon", "not_authorized_plan_timeframe_openbb4747.json") },
    "plan-limit",
  ],
  [
    "yahoo",
    "plain-text 429",
    { status: 429, body: transcribed("yahoo", "http429_body_Edge_Too_Many_Requests.txt"), retryAfterSeconds: 30 },
    "rate-limited",
  ],
  ["tiingo", "unknown token (401)", { status: 401, body: '{"detail":"Invalid token."}' }, "invalid-key"],
];

describe.each(CASES)("%s: %s", (provider, _what, answer, kind) => {
  it(`rejects the whole answer as ${kind}, naming the ticker`, () => {
    let thrown: unknown;
    try {
      PARSERS[provider](AAPL, answer);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MarketDataError);
    expect(thrown).toMatchObject({ kind, symbol: "AAPL" });
    if (answer.retryAfterSeconds !== undefined) expect((thrown as MarketDataError).retryAfterSeconds).toBe(answer.retryAfterSeconds);
  });
});

describe.each(Object.keys(PARSERS))("%s: outages and unreadable answers", (provider) => {
  it.each([
    [{ status: 503, body: "Service Unavailable" }, "unavailable"],
    [{ status: 500, body: "{}" }, "unavailable"],
    [{ status: 429, body: "", retryAfterSeconds: 12 }, "rate-limited"],
    [{ status: 200, body: "<html>maintenance</html>" }, "bad-response"],
  ] as [Answer, MarketErrorKind][])("%o -> %s", (answer, kind) => {
    expect(() => PARSERS[provider](AAPL, answer)).toThrow(expect.objectContaining({ kind }));
  });
});
