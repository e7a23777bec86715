import { indexOnOrBefore } from "../../src/analytics";
import { useHistorySource } from "../../src/addin";
import { evaluateFormula, FormulaName } from "../../src/functions/catalog";
import { dayToIso, monthsBefore } from "../../src/functions/args/days";
import { setClock } from "../../src/functions/today";
import { DailySeries, MarketDataError } from "../../src/market";
import { dayOfIso, makeSeries } from "../support/series-builder";
import { fakeValuationSource, FakeValuationData, quarters, snapshot } from "./support/valuation-source";

/** Today for these tests: Monday 2025-03-03. */
const NOW = Date.UTC(2025, 2, 3, 15);
let restoreClock: () => void;
beforeAll(() => {
  restoreClock = setClock(() => NOW);
});
afterAll(() => restoreClock());

function use(data: FakeValuationData) {
  const source = fakeValuationSource(data);
  useHistorySource(source);
  return source;
}

/** The value, or "#N/A message" / "#VALUE! message". */
async function run(name: FormulaName, args: unknown[]): Promise<number | string> {
  const outcome = await evaluateFormula(name, args);
  if (!outcome.ok) return `${outcome.error.code} ${outcome.error.message}`;
  expect(typeof outcome.value).toBe("number");
  return outcome.value as number;
}

const valuation = (...args: unknown[]) => run("VALUATION", args);
const gap = (...args: unknown[]) => run("VALUATION_GAP", args);

describe("VALUATION of one ticker", () => {
  beforeEach(() =>
    use({
      snapshots: {
        AAA: snapshot("AAA", {
          price: 120,
          epsTrailing: 4,
          epsForward: 5,
          marketCap: 2e9,
          peTrailingPublished: 31,
          peForwardPublished: 25,
        }),
        LOSS: snapshot("LOSS", { price: 10, epsTrailing: -0.47, epsForward: -0.2 }),
        ZERO: snapshot("ZERO", { price: 10, epsTrailing: 0, epsForward: 0.5 }),
        QQQ: snapshot("QQQ", { kind: "fund", price: 500, epsTrailing: null, epsForward: null, peTrailingPublished: 34.3, marketCap: 2e11 }),
        VTI: snapshot("VTI", { kind: "fund", price: 250, epsTrailing: 10, epsForward: null, peTrailingPublished: null }),
        "BTC-USD": snapshot("BTC-USD", { kind: "crypto", epsTrailing: null, epsForward: null, marketCap: 1e12 }),
        NOCAP: snapshot("NOCAP", { marketCap: null }),
        NOFWD: snapshot("NOFWD", { epsForward: null, notes: ["no analyst estimates"] }),
      },
    }),
  );

  it("defaults to the forward P/E: price ÷ forward EPS from the same snapshot, not the published P/E", async () => {
    expect(await valuation("AAA")).toBe(120 / 5);
    expect(await valuation("AAA", "forward_pe", null, null)).toBe(120 / 5);
    expect(await valuation("AAA", "trailing_pe")).toBe(120 / 4);
    expect(await valuation("aaa", "Forward P/E")).toBe(120 / 5);
  });

  it("gives EPS, earnings yield, earnings growth and market cap", async () => {
    expect(await valuation("AAA", "eps_ttm")).toBe(4);
    expect(await valuation("AAA", "eps_forward")).toBe(5);
    expect(await valuation("AAA", "earnings_yield")).toBe(4 / 120);
    expect(await valuation("AAA", "earnings_growth")).toBeCloseTo(5 / 4 - 1, 15);
    expect(await valuation("AAA", "market_cap")).toBe(2e9);
  });

  it("is #N/A 'negative earnings' for a loss-maker's P/E, and says so for zero earnings", async () => {
    expect(await valuation("LOSS", "trailing_pe")).toBe(
      "#N/A LOSS has negative earnings (trailing EPS -0.47): its trailing_pe is not defined",
    );
    expect(await valuation("LOSS")).toMatch(/^#N\/A LOSS has negative earnings \(forward EPS -0.2\)/);
    expect(await valuation("ZERO", "trailing_pe")).toMatch(/^#N\/A ZERO has no earnings \(trailing EPS 0\)/);
    expect(await valuation("LOSS", "earnings_growth")).toBe(
      "#N/A LOSS has negative earnings (trailing EPS -0.47): its earnings_growth is not defined",
    );
    expect(await valuation("ZERO", "earnings_growth")).toMatch(/^#N\/A ZERO has no earnings \(trailing EPS 0\)/);
  });

  it("gives a loss-maker's earnings yield and EPS as they are (negative)", async () => {
    expect(await valuation("LOSS", "earnings_yield")).toBeCloseTo(-0.047, 15);
    expect(await valuation("LOSS", "eps_ttm")).toBe(-0.47);
  });

  it("uses a fund's published P/E, and its inverse as the earnings yield", async () => {
    expect(await valuation("QQQ", "trailing_pe")).toBe(34.3);
    expect(await valuation("QQQ", "earnings_yield")).toBe(1 / 34.3);
    expect(await valuation("QQQ", "forward_pe")).toBe("#N/A QQQ is a fund and test publishes no forward P/E for it");
    expect(await valuation("QQQ", "eps_ttm")).toBe("#N/A QQQ is a fund: a P/E is published for it, not an EPS");
    // A fund with an EPS but no published P/E: price ÷ EPS.
    expect(await valuation("VTI", "trailing_pe")).toBe(25);
  });

  it("says why a ticker has no value", async () => {
    expect(await valuation("BTC-USD", "trailing_pe")).toBe("#N/A BTC-USD (crypto) has no earnings");
    expect(await valuation("NOCAP", "market_cap")).toBe("#N/A NOCAP has no market cap from test");
    expect(await valuation("NOFWD")).toBe("#N/A NOFWD has no forward EPS from test (no analyst estimates)");
    expect(await valuation("NOPE")).toBe("#N/A test has no data for NOPE: symbol may be delisted");
  });

  it("reports coverage of one ticker as 1 or 0, never an error", async () => {
    expect(await valuation("AAA", "coverage")).toBe(1);
    expect(await valuation("NOFWD", "coverage")).toBe(0);
    expect(await valuation("NOFWD", "coverage:trailing_pe")).toBe(1);
    expect(await valuation("NOCAP", "coverage:market_cap")).toBe(0);
  });

  it("is #N/A, not an exception, when the data source offers no valuation data", async () => {
    useHistorySource({ get: () => Promise.reject(new Error("unused")) });
    expect(await valuation("AAA")).toBe("#N/A This data source does not offer valuation data (asked for AAA)");
  });
});

describe("VALUATION of a basket", () => {
  // price, trailing EPS, forward EPS, market cap
  const members: Record<string, [number, number, number, number]> = {
    BIG: [200, 10, 12, 3e12],
    MID: [50, 2, 2.5, 5e11],
    LOSS: [20, -1, 0.5, 1e11],
    SMALL: [30, 1, 1.2, 5e10],
  };
  const snapshots = Object.fromEntries(
    Object.entries(members).map(([symbol, [price, epsTrailing, epsForward, marketCap]]) => [
      symbol,
      snapshot(symbol, { price, epsTrailing, epsForward, marketCap }),
    ]),
  );
  const all = Object.keys(members).join(",");
  const earningsOf = (basis: 1 | 2) => Object.values(members).reduce((sum, m) => sum + (m[3] * m[basis]) / m[0], 0);
  const capSum = Object.values(members).reduce((sum, m) => sum + m[3], 0);

  beforeEach(() =>
    use({
      snapshots: {
        ...snapshots,
        QQQ: snapshot("QQQ", { kind: "fund", price: 500, epsTrailing: null, epsForward: null, peTrailingPublished: 25, marketCap: 2e11 }),
        NOFWD: snapshot("NOFWD", { epsForward: null, marketCap: 4e12 }),
        HALF: snapshot("HALF", { epsForward: null, marketCap: 3e12 }),
        NOCAP: snapshot("NOCAP", { marketCap: null, price: 10, epsTrailing: 2, epsForward: 2 }),
        EUR1: snapshot("EUR1", { currency: "EUR", price: 40, epsTrailing: 2, epsForward: 2.2, marketCap: 1e11 }),
        DEMO1: snapshot("DEMO1", { demo: true, provider: "demo" }),
        DEMO2: snapshot("DEMO2", { demo: true, provider: "demo", price: 50, marketCap: 3e9 }),
        GONE: new MarketDataError("no-data", "test has no fundamentals for GONE", "GONE"),
        SLOW: new MarketDataError("rate-limited", "Test allows 5 requests a minute; try again in 30 s", "SLOW", 30),
        LOSS2: snapshot("LOSS2", { price: 10, epsTrailing: -5, epsForward: -4, marketCap: 5e12 }),
      },
    }),
  );

  it("aggregate (default): Σ market cap ÷ Σ earnings, loss-makers counted", async () => {
    expect(await valuation(all, "trailing_pe")).toBeCloseTo(capSum / earningsOf(1), 10);
    expect(await valuation(all)).toBeCloseTo(capSum / earningsOf(2), 10);
    expect(await valuation(all, "earnings_yield")).toBeCloseTo(earningsOf(1) / capSum, 14);
  });

  it("harmonic: 1 ÷ the equal-weight mean earnings yield", async () => {
    const yields = Object.values(members).map((m) => m[1] / m[0]);
    const mean = yields.reduce((a, b) => a + b, 0) / yields.length;
    expect(await valuation(all, "trailing_pe", "harmonic")).toBeCloseTo(1 / mean, 10);
    expect(await valuation(all, "earnings_yield", "harmonic")).toBeCloseTo(mean, 14);
  });

  it("median: of the members' P/Es, loss-makers left out", async () => {
    // P/Es 20, 25, 30 (LOSS left out): 25.
    expect(await valuation(all, "trailing_pe", "median")).toBeCloseTo(25, 12);
    // Forward: 200/12, 50/2.5, 20/0.5, 30/1.2 → 16.67, 20, 40, 25: the middle two's mean.
    expect(await valuation(all, "forward_pe", "median")).toBeCloseTo((20 + 25) / 2, 12);
    expect(await valuation("LOSS,LOSS2", "trailing_pe", "median")).toMatch(/no member with data has positive earnings/);
  });

  it("market_cap sums (aggregate) or takes the median; earnings_growth is Σ forward ÷ Σ trailing earnings − 1", async () => {
    expect(await valuation(all, "market_cap")).toBe(capSum);
    expect(await valuation(all, "market_cap", "median")).toBe((5e11 + 1e11) / 2);
    expect(await valuation(all, "earnings_growth")).toBeCloseTo(earningsOf(2) / earningsOf(1) - 1, 12);
    expect(await valuation("BIG,MID", "earnings_growth", "median")).toBeCloseTo((12 / 10 - 1 + 2.5 / 2 - 1) / 2, 12);
  });

  it("is #N/A when the aggregate earnings sum to zero or less", async () => {
    expect(await valuation("BIG,LOSS2", "trailing_pe")).toMatch(
      /^#N\/A trailing_pe \(aggregate\) of tickers is not defined: the members' earnings sum to zero or less/,
    );
    expect(await valuation("BIG,LOSS2", "earnings_growth")).toMatch(/earnings sum to zero or less/);
    // The yield itself is defined: negative.
    expect(await valuation("BIG,LOSS2", "earnings_yield")).toBeLessThan(0);
  });

  it("counts a fund by its published P/E: its earnings are market cap ÷ P/E", async () => {
    const expected = (3e12 + 2e11) / ((3e12 * 10) / 200 + 2e11 / 25);
    expect(await valuation("BIG,QQQ", "trailing_pe")).toBeCloseTo(expected, 10);
  });

  it("counts a repeated ticker once", async () => {
    const source = use({ snapshots });
    expect(await valuation("BIG, MID, BIG", "trailing_pe")).toBe(await valuation("BIG,MID", "trailing_pe"));
    expect(await valuation([["BIG"], ["MID"], ["big"]], "trailing_pe")).toBe(await valuation("BIG,MID", "trailing_pe"));
    expect(source.asked.snapshot.filter((t) => t === "BIG")).toHaveLength(4); // once per formula
  });

  it("refuses EPS of a basket with #VALUE! naming the argument", async () => {
    expect(await valuation(all, "eps_ttm")).toMatch(
      /^#VALUE! measure: eps_ttm is per share, so a basket has none \(tickers holds 4 tickers\)/,
    );
    expect(await valuation(all, "eps_forward")).toMatch(/^#VALUE! measure: eps_forward is per share/);
    expect(await valuation(all, "coverage:eps_ttm")).toBe(1);
  });

  it("leaves members without the data out, and says how much of the market cap had it (coverage)", async () => {
    // NOFWD (4e12) has no forward EPS: the forward P/E covers BIG and MID only, 3.5e12 of 7.5e12.
    expect(await valuation("BIG,MID,NOFWD", "coverage")).toBeCloseTo(3.5 / 7.5, 15);
    expect(await valuation("BIG,MID,NOFWD", "forward_pe")).toBe(
      "#N/A forward_pe has data for 46.6% of the basket's market cap (2 of 3 members); at least 50% is needed. Missing: NOFWD has no forward EPS from test",
    );
    expect(await valuation("BIG,MID,NOFWD", "coverage:trailing_pe")).toBe(1);
    expect(await valuation("BIG,MID,NOFWD", "trailing_pe")).toBeCloseTo((3e12 + 5e11 + 4e12) / (1.5e11 + 2e10 + 2e11), 10);
    // At 50% exactly it computes.
    expect(await valuation("BIG,HALF", "coverage")).toBe(0.5);
    expect(await valuation("BIG,HALF")).toBeCloseTo(200 / 12, 12);
    // A member the provider has no data for is left out, named when coverage is short.
    expect(await valuation("BIG,GONE", "forward_pe")).toBeCloseTo(200 / 12, 12);
    expect(await valuation("MID,GONE,NOFWD", "forward_pe")).toMatch(
      /Missing: test has no fundamentals for GONE; NOFWD has no forward EPS from test$/,
    );
  });

  it("weighs coverage by market cap over the members that have one; a member without one only enters equal-weight methods", async () => {
    // NOCAP has data but no market cap: aggregate leaves it out (and does not count it in coverage)...
    expect(await valuation("BIG,NOCAP", "trailing_pe")).toBeCloseTo(20, 12);
    expect(await valuation("BIG,NOCAP", "coverage:trailing_pe")).toBe(1);
    // ...harmonic and median use it.
    expect(await valuation("BIG,NOCAP", "trailing_pe", "harmonic")).toBeCloseTo(1 / ((10 / 200 + 2 / 10) / 2), 12);
    expect(await valuation("BIG,NOCAP", "trailing_pe", "median")).toBeCloseTo((20 + 5) / 2, 12);
    // Nobody with a market cap: coverage counts members.
    use({ snapshots: { A: snapshot("A", { marketCap: null }), B: snapshot("B", { marketCap: null, epsForward: null }) } });
    expect(await valuation("A,B", "coverage", "median")).toBe(0.5);
    expect(await valuation("A,B", "forward_pe", "median")).toBeCloseTo(100 / 6, 12);
    expect(await valuation("A,B", "forward_pe")).toMatch(
      /^#N\/A forward_pe has data for 0% of the basket's members \(0 of 2 members\).*A has no market cap from test/,
    );
  });

  it("sums market caps in one currency only: aggregates across currencies are #N/A naming them", async () => {
    expect(await valuation("BIG,MID,EUR1", "trailing_pe")).toBe(
      "#N/A trailing_pe (aggregate) adds market caps, which needs one currency; tickers has members in USD, EUR",
    );
    expect(await valuation("BIG,EUR1", "market_cap")).toMatch(/needs one currency/);
    expect(await valuation("BIG,EUR1", "market_cap", "median")).toMatch(/needs one currency/);
    // A P/E is a ratio in one currency per member: harmonic and median work across currencies (coverage by count).
    expect(await valuation("BIG,EUR1", "trailing_pe", "median")).toBe(20);
    expect(await valuation("BIG,EUR1", "trailing_pe", "harmonic")).toBeCloseTo(1 / ((10 / 200 + 2 / 40) / 2), 12);
  });

  it("computes from demo data like any other, but never mixes it with market data", async () => {
    expect(await valuation("DEMO1,DEMO2", "trailing_pe")).toBeCloseTo((1e9 + 3e9) / (1e9 * 0.05 + (3e9 * 5) / 50), 10);
    expect(await valuation("BIG,DEMO1", "trailing_pe")).toMatch(/^#N\/A tickers mixes demo data with market data/);
  });

  it("fails the cell for an unknown ticker or a rate limit, so neither hides in the coverage", async () => {
    expect(await valuation("BIG,NOPE", "trailing_pe")).toBe("#N/A test has no data for NOPE: symbol may be delisted");
    const outcome = await evaluateFormula("VALUATION", ["BIG,SLOW", "trailing_pe"]);
    expect(outcome).toMatchObject({ ok: false, error: { code: "#N/A", refusal: { kind: "rate-limited", known: true } } });
  });
});

/**
 * Point in time. PIT's adjusted closes are 100, 101, … on weekdays from 2024-01-02 (so a session's
 * close says which it is); its quarters are reported on the days given, EPS 1.0, 1.1, … 1.5.
 */
const PIT_QUARTERS: [string | null, string, number][] = [
  ["2023-06-30", "2023-08-03", 1.0],
  ["2023-09-30", "2023-11-02", 1.1],
  ["2023-12-31", "2024-02-01", 1.2],
  ["2024-03-31", "2024-05-02", 1.3],
  ["2024-06-30", "2024-08-01", 1.4],
  ["2024-09-30", "2024-10-31", 1.5],
];
const BARS = 300;
const pitSeries = (symbol: string, fields: Partial<DailySeries> = {}): DailySeries => ({
  ...makeSeries(
    symbol,
    Array.from({ length: BARS }, (_, i) => 100 + i),
    "2024-01-02",
  ),
  ...fields,
});
const closeOn = (series: DailySeries, iso: string) => series.adjClose[indexOnOrBefore(series.days, dayOfIso(iso))];

describe("VALUATION on a date (point in time)", () => {
  const pit = pitSeries("PIT");
  beforeEach(() =>
    use({
      series: { PIT: pit, PIT2: pitSeries("PIT2"), AAA: pitSeries("AAA") },
      snapshots: {
        PIT: snapshot("PIT", { price: closeOn(pit, "2025-02-28"), marketCap: closeOn(pit, "2025-02-28") * 1e7 }),
        PIT2: snapshot("PIT2", { price: closeOn(pit, "2025-02-28"), marketCap: closeOn(pit, "2025-02-28") * 3e7 }),
      },
      earnings: {
        PIT: quarters("PIT", PIT_QUARTERS),
        PIT2: quarters(
          "PIT2",
          PIT_QUARTERS.map(([p, r, eps]) => [p, r, eps * 2]),
        ),
        AAA: quarters("AAA", PIT_QUARTERS.slice(0, 2)),
      },
    }),
  );

  it("divides the adjusted close on that date by the four newest quarters reported on or before it", async () => {
    expect(await valuation("PIT", "trailing_pe", null, "2024-06-28")).toBeCloseTo(closeOn(pit, "2024-06-28") / 4.6, 12);
    // A Saturday: Friday's close.
    expect(await valuation("PIT", "trailing_pe", null, "2024-06-29")).toBeCloseTo(closeOn(pit, "2024-06-28") / 4.6, 12);
    expect(await valuation("PIT", "eps_ttm", null, "2024-06-28")).toBeCloseTo(4.6, 12);
    expect(await valuation("PIT", "earnings_yield", null, "2024-06-28")).toBeCloseTo(4.6 / closeOn(pit, "2024-06-28"), 14);
  });

  it("never looks ahead: a quarter counts from its report day on", async () => {
    expect(await valuation("PIT", "eps_ttm", null, "2024-07-31")).toBeCloseTo(4.6, 12);
    expect(await valuation("PIT", "eps_ttm", null, "2024-08-01")).toBeCloseTo(1.1 + 1.2 + 1.3 + 1.4, 12);
    expect(await valuation("PIT", "trailing_pe", null, "2024-08-01")).toBeCloseTo(closeOn(pit, "2024-08-01") / 5.0, 12);
  });

  it("takes a period as counted back from the latest session", async () => {
    const iso = dayToIso(monthsBefore(pit.days[pit.days.length - 1], 6));
    expect(await valuation("PIT", "trailing_pe", null, "6M")).toBe(await valuation("PIT", "trailing_pe", null, iso));
  });

  it("is #N/A with fewer than four quarters reported by then, a gap, or stale quarters", async () => {
    expect(await valuation("AAA", "trailing_pe", null, "2024-06-28")).toBe(
      "#N/A AAA has only 2 quarterly EPS reported on or before 2024-06-28 from test; trailing EPS needs four",
    );
    use({ series: { PIT: pit }, earnings: { PIT: quarters("PIT", [...PIT_QUARTERS.slice(0, 2), ...PIT_QUARTERS.slice(3)]) } });
    expect(await valuation("PIT", "trailing_pe", null, "2024-08-05")).toMatch(
      /^#N\/A PIT's four newest quarters by 2024-08-05 \(ending 2023-06-30 to 2024-06-30\) are not consecutive/,
    );
    use({ series: { PIT: pit }, earnings: { PIT: quarters("PIT", PIT_QUARTERS.slice(0, 4)) } });
    expect(await valuation("PIT", "trailing_pe", null, "2024-12-02")).toMatch(
      /^#N\/A PIT's newest quarter by 2024-12-02 ended 2024-03-31: its trailing EPS is stale/,
    );
  });

  it("uses the figure public on the date when a quarter was restated later", async () => {
    const restated: [string | null, string, number][] = [...PIT_QUARTERS.slice(0, 4), ["2024-03-31", "2024-06-10", 2.3]];
    use({ series: { PIT: pit }, earnings: { PIT: quarters("PIT", restated) } });
    expect(await valuation("PIT", "eps_ttm", null, "2024-06-07")).toBeCloseTo(4.6, 12);
    expect(await valuation("PIT", "eps_ttm", null, "2024-06-10")).toBeCloseTo(5.6, 12);
  });

  it("keys quarters by their report day where the provider gives no period end (FMP)", async () => {
    use({
      series: { PIT: pit },
      earnings: {
        PIT: quarters(
          "PIT",
          PIT_QUARTERS.map(([, r, eps]) => [null, r, eps]),
        ),
      },
    });
    expect(await valuation("PIT", "eps_ttm", null, "2024-06-28")).toBeCloseTo(4.6, 12);
  });

  describe("split rule: quarterly EPS is on today's share count (restated), so the price must be too", () => {
    /** Closes as traded across a 4-for-1 split on 2024-09-03: before it, four times the post-split basis. */
    const asTraded = (adjusted: boolean): DailySeries => {
      const base = pitSeries("SPL");
      const split = indexOnOrBefore(base.days, dayOfIso("2024-09-03"));
      const closes = base.adjClose.map((x, i) => (i < split ? x * 4 : x));
      return { ...base, close: closes, adjClose: adjusted ? base.adjClose : closes, adjusted };
    };

    it("computes on split-adjusted closes", async () => {
      use({ series: { SPL: asTraded(true) }, earnings: { SPL: quarters("SPL", PIT_QUARTERS) } });
      expect(await valuation("SPL", "trailing_pe", null, "2024-06-28")).toBeCloseTo(closeOn(pit, "2024-06-28") / 4.6, 12);
    });

    it("refuses closes that are not split-adjusted and move like a split after the date", async () => {
      use({ series: { SPL: asTraded(false) }, earnings: { SPL: quarters("SPL", PIT_QUARTERS) } });
      expect(await valuation("SPL", "trailing_pe", null, "2024-06-28")).toMatch(
        /^#N\/A SPL's closes \(test\) are not split-adjusted and moved ×0\.25\d* on 2024-09-03, like a split/,
      );
      // After the split, the closes as traded are on today's share count.
      expect(await valuation("SPL", "trailing_pe", null, "2024-11-29")).toBeCloseTo(closeOn(pit, "2024-11-29") / 5.4, 12);
    });

    it("computes on unadjusted closes without a split-like move", async () => {
      use({ series: { PIT: pitSeries("PIT", { adjusted: false }) }, earnings: { PIT: quarters("PIT", PIT_QUARTERS) } });
      expect(await valuation("PIT", "trailing_pe", null, "2024-06-28")).toBeCloseTo(closeOn(pit, "2024-06-28") / 4.6, 12);
    });
  });

  it("converts prices quoted in pence to the EPS's pounds, and refuses other currency mismatches", async () => {
    use({
      series: { "OCDO.L": pitSeries("OCDO.L", { currency: "GBp" }), ADR: pitSeries("ADR") },
      earnings: {
        "OCDO.L": quarters("OCDO.L", PIT_QUARTERS, { currency: "GBP" }),
        ADR: quarters("ADR", PIT_QUARTERS, { currency: "CNY" }),
      },
    });
    expect(await valuation("OCDO.L", "trailing_pe", null, "2024-06-28")).toBeCloseTo(closeOn(pit, "2024-06-28") / 100 / 4.6, 12);
    expect(await valuation("ADR", "trailing_pe", null, "2024-06-28")).toBe("#N/A ADR's prices are in USD but its quarterly EPS in CNY");
  });

  it("weighs a basket by today's share count at that day's close", async () => {
    const close = closeOn(pit, "2024-06-28");
    // Shares 1e7 and 3e7; EPS 4.6 and 9.2: Σ cap ÷ Σ earnings.
    const expected = (1e7 * close + 3e7 * close) / (1e7 * 4.6 + 3e7 * 9.2);
    expect(await valuation("PIT,PIT2", "trailing_pe", null, "2024-06-28")).toBeCloseTo(expected, 10);
    expect(await valuation("PIT,PIT2", "trailing_pe", "median", "2024-06-28")).toBeCloseTo((close / 4.6 + close / 9.2) / 2, 10);
  });

  it("is #VALUE! for forward measures and market caps on a date", async () => {
    expect(await valuation("PIT", "forward_pe", null, "2024-06-28")).toMatch(
      /^#VALUE! date: forward_pe rests on forward \(consensus\) EPS, which is current only/,
    );
    expect(await valuation("PIT", null, null, "2024-06-28")).toMatch(/^#VALUE! date: forward_pe/);
    expect(await valuation("PIT", "earnings_growth", null, "2024-06-28")).toMatch(/^#VALUE! date: earnings_growth/);
    expect(await valuation("PIT", "market_cap", null, "2024-06-28")).toMatch(/^#VALUE! date: market_cap is current only/);
    expect(await valuation("PIT", "coverage", null, "2024-06-28")).toMatch(/^#VALUE! date:/);
    expect(await valuation("PIT,PIT2", "coverage:trailing_pe", null, "2024-06-28")).toBe(1);
  });

  it("names the providers that can, when the data source has no quarterly EPS", async () => {
    use({ series: { PIT: pit }, earnings: null });
    expect(await valuation("PIT", "trailing_pe", null, "2024-06-28")).toBe(
      "#N/A This data source does not offer quarterly earnings (asked for PIT); point-in-time trailing measures need quarterly EPS with report dates, which Alpha Vantage (EARNINGS), FMP (earnings) and Polygon.io (financials, on plans that include them) provide",
    );
  });
});

describe("VALUATION_GAP", () => {
  beforeEach(() =>
    use({
      snapshots: {
        CHEAP: snapshot("CHEAP", { price: 40, epsForward: 4 }),
        DEAR: snapshot("DEAR", { price: 150, epsForward: 10 }),
        DEAR2: snapshot("DEAR2", { price: 150, epsForward: 10 }),
        LOSS: snapshot("LOSS", { price: 10, epsTrailing: -1 }),
        NOFWD: snapshot("NOFWD", { epsForward: null, marketCap: 2e9 }),
        // Funds with absurd published P/Es (found by the property test): the gap overflows.
        HUGE: snapshot("HUGE", { kind: "fund", epsTrailing: null, peTrailingPublished: 1e300 }),
        TINY: snapshot("TINY", { kind: "fund", epsTrailing: null, peTrailingPublished: 5e-324 }),
      },
    }),
  );

  it("is #N/A, never Infinity, when the ratio overflows", async () => {
    expect(await gap("HUGE", "TINY", "trailing_pe")).toMatch(/^#N\/A VALUATION_GAP of .* is too large to show/);
  });

  it("is VALUATION(A) ÷ VALUATION(B) − 1: −0.33 is a 33% discount", async () => {
    expect(await gap("CHEAP", "DEAR")).toBeCloseTo(10 / 15 - 1, 14);
    expect(await gap("CHEAP", "DEAR, DEAR2", "forward_pe", "median")).toBeCloseTo(10 / 15 - 1, 14);
  });

  it("is #N/A when either side is not positive, naming the basket", async () => {
    expect(await gap("LOSS", "DEAR", "earnings_yield")).toMatch(
      /^#N\/A VALUATION_GAP compares positive values: basketA's earnings_yield is -0.1/,
    );
    expect(await gap("CHEAP", "DEAR,NOFWD")).toMatch(/^#N\/A forward_pe has data for 33.3% of basketB's market cap/);
    expect(await gap("CHEAP", "NOFWD")).toBe("#N/A NOFWD has no forward EPS from test");
  });

  it("names its own arguments in #VALUE!", async () => {
    expect(await gap("CHEAP", "")).toMatch(/^#VALUE! basketB: no ticker given/);
    expect(await gap("CHEAP,DEAR", "DEAR", "eps_forward")).toMatch(
      /^#VALUE! measure: eps_forward is per share, so a basket has none \(basketA holds 2/,
    );
  });
});
