import { FORMULAS } from "../../../../src/functions/catalog";
import type { SectorMetric } from "../../../../src/workbook";
import { cellFormula } from "../../../../src/taskpane/features/sector-table/cell-formula";
import { CellExpression, METRIC_COLUMNS, SECTOR_METRICS } from "../../../../src/taskpane/features/sector-table/sector-metrics";

describe("cellFormula for every sector metric", () => {
  const expected: Record<SectorMetric, string> = {
    price: "=MKT.PRICE([@Ticker])",
    return1M: '=MKT.TOTAL_RETURN([@Ticker],"1M")',
    return3M: '=MKT.TOTAL_RETURN([@Ticker],"3M")',
    returnYTD: '=MKT.TOTAL_RETURN([@Ticker],"YTD")',
    rsi: "=MKT.RSI([@Ticker])",
    sma50: "=MKT.SMA([@Ticker],50)",
    sma200: "=MKT.SMA([@Ticker],200)",
    regime: "=INDEX(MKT.MA_CROSS([@Ticker],50,200),1,1)",
    crossDate: "=INDEX(MKT.MA_CROSS([@Ticker],50,200),1,2)",
    distance200: '=MKT.PRICE([@Ticker],,"adjclose")/MKT.SMA([@Ticker],200)-1',
    trailingPE: '=MKT.VALUATION([@Ticker],"trailing_pe")',
    forwardPE: '=MKT.VALUATION([@Ticker],"forward_pe")',
    earningsGrowth: '=MKT.VALUATION([@Ticker],"earnings_growth")',
    marketCap: '=MKT.VALUATION([@Ticker],"market_cap")',
    livePrice: '=MKT.QUOTE([@Ticker],"price")',
    liveChange: '=MKT.QUOTE([@Ticker],"change_pct")',
  };

  it.each(SECTOR_METRICS)("%s", (metric) => {
    expect(cellFormula(METRIC_COLUMNS[metric].value, "[@Ticker]")).toBe(expected[metric]);
  });

  it("puts the ticker reference it is given", () => {
    expect(cellFormula(METRIC_COLUMNS.rsi.value, "$A5")).toBe("=MKT.RSI($A5)");
  });

  function calls(expression: CellExpression): { fn: keyof typeof FORMULAS; args: number }[] {
    if (expression.kind === "ratio-minus-one") return [...calls(expression.numerator), ...calls(expression.denominator)];
    return [{ fn: expression.fn, args: expression.args.length }];
  }

  it("only calls registered functions with at most their parameters", () => {
    for (const metric of SECTOR_METRICS) {
      for (const call of calls(METRIC_COLUMNS[metric].value)) {
        expect(FORMULAS[call.fn].params.length).toBeGreaterThanOrEqual(call.args);
      }
    }
  });
});
