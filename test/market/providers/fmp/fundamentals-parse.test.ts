import { tradingDayOfIsoDate } from "../../../../src/market";
import { parseFmpAnalystEstimates, parseFmpProfile, parseFmpRatiosTtm } from "../../../../src/market/providers/fmp";
import { fixtureText } from "../valuation/recordings";

/** FMP's valuation parsers on the recorded bodies the client does not ask for, and on its estimate quirks. */

const FMP = "fundamentals/fmp";
const ok = (file: string) => ({ status: 200, body: fixtureText(`${FMP}/${file}`) });
const day = (iso: string) => tradingDayOfIsoDate(iso)!;
type Row = Record<string, unknown>;
const rows = (file: string): Row[] => JSON.parse(fixtureText(`${FMP}/${file}`)) as Row[];

describe("FMP profile and ratios", () => {
  it("reads the legacy v3 profile's mktCap as the market cap (2024 layout)", () => {
    expect(parseFmpProfile("AAPL", ok("test_fmp_equity_profile_fetcher_urllib3_v2.v3profile-2024.body.json"))).toEqual({
      kind: "equity",
      currency: "USD",
      price: 213.25,
      marketCap: 3269996825000,
      isAdr: false,
    });
  });

  it("reads the stable profile's marketCap", () => {
    expect(parseFmpProfile("AAPL", ok("test_fmp_equity_profile_fetcher_urllib3_v2.body.json"))).toMatchObject({
      price: 256.08,
      marketCap: 3800327071200,
    });
  });

  it("finds no TTM figures in the annual ratios (another layout): both null, not a wrong number", () => {
    expect(parseFmpRatiosTtm("AAPL", ok("test_fmp_financial_ratios_fetcher_urllib3_v2.body.1.json"))).toEqual({
      peTrailing: null,
      epsTrailing: null,
    });
    expect(parseFmpRatiosTtm("AAPL", ok("test_fmp_financial_ratios_fetcher_urllib3_v2.body.0.json"))).toEqual({
      peTrailing: 38.44007903787268,
      epsTrailing: 6.661796916382505,
    });
  });
});

describe("FMP analyst estimates: newest year first, 0 meaning missing", () => {
  const aapl2029 = rows("test_fmp_analyst_estimates_fetcher_urllib3_v2.body.0.json")[0];
  const msft2030 = rows("test_fmp_analyst_estimates_fetcher_urllib3_v2.body.1.json")[0];
  /** The recorded row re-dated to other fiscal years, newest first as FMP lists them. */
  const years = (row: Row, dates: readonly [string, number][]) => ({
    status: 200,
    body: JSON.stringify(dates.map(([date, epsAvg]) => ({ ...row, date, epsAvg }))),
  });

  it("takes the year after the one in progress, whatever the order", () => {
    const body = years(aapl2029, [
      ["2029-09-28", 10.91773],
      ["2027-09-28", 8.9],
      ["2026-09-28", 8.2],
      ["2025-09-28", 7.4],
    ]);
    expect(parseFmpAnalystEstimates("AAPL", body, day("2025-06-02"))).toEqual({ eps: 8.2, fiscalYearEnd: "2026-09-28" });
    // Once FY2025 has ended, FY2026 is in progress and FY2027 is next.
    expect(parseFmpAnalystEstimates("AAPL", body, day("2025-10-01"))).toEqual({ eps: 8.9, fiscalYearEnd: "2027-09-28" });
  });

  it("reads epsAvg 0 as FMP's mark for no estimate (MSFT 2030 recorded with 6 analysts)", () => {
    expect(msft2030.epsAvg).toBe(0);
    expect(msft2030.numAnalystsEps).toBeGreaterThan(0);
    const body = years(msft2030, [
      ["2030-06-30", 0],
      ["2029-06-30", 0],
    ]);
    expect(parseFmpAnalystEstimates("MSFT", body, day("2028-09-01"))).toEqual({
      missing: "FMP's EPS estimate for the fiscal year ending 2030-06-30 is 0, FMP's mark for none",
    });
  });

  it("says so when the list holds only a far year (the recording's limit=1)", () => {
    expect(parseFmpAnalystEstimates("AAPL", ok("test_fmp_analyst_estimates_fetcher_urllib3_v2.body.0.json"), day("2025-09-24"))).toEqual({
      missing: "FMP's estimates (fiscal years ending 2029-09-28) hold no year in progress on 2025-09-24",
    });
  });
});
