import { MarketDataError, tradingDayOfIsoDate } from "../../../../src/market";
import {
  parseAlphaVantageEarnings,
  parseAlphaVantageGlobalQuote,
  parseAlphaVantageOverview,
} from "../../../../src/market/providers/alphavantage";
import { parseFmpAnalystEstimates, parseFmpEarnings, parseFmpProfile, parseFmpRatiosTtm } from "../../../../src/market/providers/fmp";
import { parsePolygonDetails, parsePolygonFinancials, parsePolygonPreviousClose } from "../../../../src/market/providers/polygon";
import { parseTiingoDailyFundamentals, parseTiingoIexQuote } from "../../../../src/market/providers/tiingo";
import { parseTwelveDataQuote, parseTwelveDataStatistics } from "../../../../src/market/providers/twelvedata";
import { parseYahooQuotes, parseYahooQuoteSummary, YahooCrumbRefused } from "../../../../src/market/providers/yahoo";
import { fixtureText, loadWrapper, valuationFiles } from "./recordings";

/**
 * Every valuation parser of a provider on every recorded body of that provider (test/fixtures/
 * fundamentals/<name>/ and quotes/<name>/, cassettes by their decoded bodies): each either reads it
 * into finite numbers and nulls, or refuses it as a MarketDataError naming the symbol; never another
 * exception, never NaN or Infinity, never undefined. What each parser must read from the bodies meant
 * for it is asserted in the contract and parser tests; this catches a parser that would invent
 * numbers from a body meant for another endpoint, or crash on one. A new recording is run here by itself.
 */

type Response = { status: number; body: string };
type Parser = (symbol: string, response: Response) => unknown;

const NOW = Date.parse("2025-09-24T12:00:00Z");
const TODAY = tradingDayOfIsoDate("2025-09-24")!;

const PARSERS: Record<string, Record<string, Parser>> = {
  yahoo: { parseYahooQuotes, parseYahooQuoteSummary },
  fmp: {
    parseFmpProfile,
    parseFmpRatiosTtm,
    parseFmpAnalystEstimates: (symbol, response) => parseFmpAnalystEstimates(symbol, response, TODAY),
    parseFmpEarnings: (symbol, response) => parseFmpEarnings(symbol, response, NOW),
  },
  alphavantage: {
    parseAlphaVantageOverview,
    parseAlphaVantageGlobalQuote,
    parseAlphaVantageEarnings: (symbol, response) => parseAlphaVantageEarnings(symbol, response, NOW),
  },
  twelvedata: { parseTwelveDataStatistics, parseTwelveDataQuote },
  polygon: { parsePolygonDetails, parsePolygonPreviousClose, parsePolygonFinancials },
  tiingo: { parseTiingoDailyFundamentals, parseTiingoIexQuote },
};

/** The body a recording holds, as served: a yahoo-finance2 wrapper's recorded status and body, else the file (cassettes: their decoded bodies). */
function responseOf(file: string): Response | null {
  if (file.endsWith(".yaml") || file.endsWith(".md")) return null;
  if (file.includes("/transcribed/")) {
    // Transcribed bodies name the status they were reported with ("http401_…"); the rest came with 200.
    return { status: Number(/\/http(\d{3})_/.exec(file)?.[1] ?? 200), body: fixtureText(file) };
  }
  if (/\/yahoo\//.test(file) && !file.includes("yfinance-rs_")) {
    const wrapper = loadWrapper(file);
    return { status: wrapper.status, body: wrapper.body };
  }
  return { status: 200, body: fixtureText(file) };
}

/** Every number in `value` (objects, arrays, typed arrays), with its path; undefined values reported as such. */
function leaves(value: unknown, path: string, out: [string, unknown][]): [string, unknown][] {
  if (value === undefined || typeof value === "number") out.push([path, value]);
  else if (ArrayBuffer.isView(value)) Array.from(value as unknown as ArrayLike<number>).forEach((x, i) => out.push([`${path}[${i}]`, x]));
  else if (Array.isArray(value)) value.forEach((x, i) => leaves(x, `${path}[${i}]`, out));
  else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) leaves(v, `${path}.${k}`, out);
  return out;
}

const cases = Object.entries(PARSERS).flatMap(([provider, parsers]) =>
  valuationFiles(provider).flatMap((file) => {
    const response = responseOf(file);
    return response === null ? [] : Object.entries(parsers).map(([name, parse]) => ({ provider, file, name, parse, response }));
  }),
);

describe("every valuation parser on every recorded body of its provider", () => {
  it("has recorded bodies for every provider", () => {
    for (const provider of Object.keys(PARSERS)) expect([provider, cases.some((c) => c.provider === provider)]).toEqual([provider, true]);
  });

  it.each(cases.map((c) => [`${c.name} <- ${c.file}`, c] as const))("%s", (_title, { parse, response }) => {
    let result: unknown;
    try {
      result = parse("TEST", response);
    } catch (error) {
      if (error instanceof YahooCrumbRefused) return; // a 401 the provider answers by renewing the crumb
      expect(error).toBeInstanceOf(MarketDataError);
      expect((error as MarketDataError).symbol).toBe("TEST");
      expect((error as MarketDataError).message).toContain("TEST");
      return;
    }
    for (const [path, value] of leaves(result, "result", [])) {
      if (value === undefined) throw new Error(`${path} is undefined`);
      // NaN marks a missing value in typed columns only (none here): a parsed amount is finite or null.
      expect([path, Number.isFinite(value as number)]).toEqual([path, true]);
    }
  });
});
