import { isoDateOfTradingDay } from "../../../../src/market";
import { parseAlphaVantageEarnings, parseAlphaVantageOverview } from "../../../../src/market/providers/alphavantage";
import { fixtureJson } from "../valuation/recordings";

/** Alpha Vantage's strings: numbers as text, "None" (and friends) for missing, on the recorded bodies. */

const AV = "fundamentals/alphavantage";
const NOW = Date.parse("2024-07-01T12:00:00Z");
const served = (value: unknown) => ({ status: 200, body: JSON.stringify(value) });

describe("Alpha Vantage OVERVIEW and EARNINGS strings", () => {
  it('reads numbers written as strings, and "None", "-", "" as missing', () => {
    const ibm = fixtureJson(`${AV}/zackurben_company_overview.json`) as Record<string, string>;
    expect(parseAlphaVantageOverview("IBM", served(ibm))).toMatchObject({
      epsTrailing: 8.811,
      peTrailing: 14.4116,
      marketCap: 112747298816,
    });
    const gaps = {
      ...ibm,
      DilutedEPSTTM: "None",
      EPS: "-",
      TrailingPE: "None",
      PERatio: "",
      ForwardPE: "N/A",
      MarketCapitalization: "None",
    };
    expect(parseAlphaVantageOverview("IBM", served(gaps))).toMatchObject({
      epsTrailing: null,
      peTrailing: null,
      peForward: null,
      marketCap: null,
    });
  });

  it('keeps old quarters whose estimates are "None" (AAPL 2003) and leaves out a quarter whose reported EPS is "None"', () => {
    const aapl = fixtureJson(`${AV}/test_av_historical_eps_fetcher_urllib3_v2.body.0.json`) as {
      quarterlyEarnings: Record<string, string>[];
    };
    const withNoneEstimates = aapl.quarterlyEarnings.filter((row) => row.estimatedEPS === "None");
    expect(withNoneEstimates.length).toBeGreaterThan(0);
    const all = parseAlphaVantageEarnings("AAPL", served(aapl), NOW);
    expect(all.quarters).toHaveLength(aapl.quarterlyEarnings.length);
    const newest = aapl.quarterlyEarnings[0];
    const blanked = { ...aapl, quarterlyEarnings: [{ ...newest, reportedEPS: "None" }, ...aapl.quarterlyEarnings.slice(1)] };
    const fewer = parseAlphaVantageEarnings("AAPL", served(blanked), NOW);
    expect(fewer.quarters).toHaveLength(aapl.quarterlyEarnings.length - 1);
    expect(isoDateOfTradingDay(fewer.quarters[fewer.quarters.length - 1].reportedOn)).not.toBe(newest.reportedDate);
  });

  it("does not read annualEarnings, whose first row is the fiscal year to date", () => {
    const aapl = fixtureJson(`${AV}/test_av_historical_eps_fetcher_urllib3_v2.body.0.json`) as { annualEarnings: Record<string, string>[] };
    expect(aapl.annualEarnings[0]).toEqual({ fiscalDateEnding: "2024-03-31", reportedEPS: "3.71" });
    const history = parseAlphaVantageEarnings("AAPL", served(aapl), NOW);
    expect(history.quarters.some((quarter) => quarter.eps === 3.71)).toBe(false);
  });
});
