import type { Basket } from "../../../../src/baskets/basket";
import type { RotationViewRequest } from "../../../../src/workbook";
import { ExcelBasketStorage } from "../../../../src/taskpane/features/baskets/excel/excel-basket-storage";
import { valueAxisScale, writeRotationView } from "../../../../src/taskpane/features/rotation-view/rotation-view-writer";
import { OKABE_ITO } from "../../../../src/taskpane/features/rotation-view/series-style";
import { weeklyDates } from "../../../../src/functions";
import { FakeExcel } from "../../../support/fake-excel";

const kings: Basket = { name: "MidCapKings", label: "Mid-cap kings", tickers: ["CAT", "DCI", "TTMI"], preset: false };
/** A preset never saved in the workbook: formulas spell out its tickers. */
const SmallCaps: Basket = { name: "SmallCaps", label: "Small caps", tickers: ["IWM"], preset: true };
const request: RotationViewRequest = {
  baskets: [kings, SmallCaps],
  benchmark: { kind: "ticker", ticker: "SPY" },
  periods: ["1M", "YTD"],
  chartSpan: "3M",
};
/** Friday 16 January 2026, mid-morning where the analyst is. */
const now = (): Date => new Date(2026, 0, 16, 10, 30);
const serial = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25_569;

async function workbookWithKings(): Promise<FakeExcel> {
  const excel = FakeExcel.withSheets("Sheet1");
  await new ExcelBasketStorage(excel.run).save(kings);
  return excel;
}

describe("weeklyDates", () => {
  it("steps back a week at a time from today to the start of the span", () => {
    const dates = weeklyDates("3M", now());
    expect(dates).toHaveLength(14);
    expect(dates[0]).toBe(serial("2025-10-17"));
    expect(dates.at(-1)).toBe(serial("2026-01-16"));
    expect(dates.slice(1).map((date, i) => date - dates[i])).toEqual(Array(13).fill(7));
  });

  it("accepts YTD and ISO dates, and rejects what is not a span", () => {
    expect(weeklyDates("YTD", now())[0]).toBe(serial("2026-01-02"));
    expect(weeklyDates("2026-01-01", now())).toHaveLength(3);
    expect(() => weeklyDates("soon", now())).toThrow('Chart span "soon" is not a period such as "1Y", "6M" or "YTD", nor a date.');
    expect(() => weeklyDates("2026-02-01", now())).toThrow("starts on or after today");
  });
});

describe("writeRotationView", () => {
  it("writes the spreads table: one row per basket, one column per period", async () => {
    const excel = await workbookWithKings();
    const result = await writeRotationView(request, undefined, excel.run, now);

    // Spreads: 2 baskets × 2 periods; relative strength: 14 weeks × 2 baskets.
    expect(result).toEqual({
      address: "Sheet 'Rotation' A1:C21",
      tableName: "Rotation_Spreads",
      outcome: { cells: 4 + 28, errors: 0, pending: 0, messages: [] },
    });
    expect(excel.state.activeSheet).toBe("Rotation");
    expect(excel.cell("Rotation", "A1").value).toBe("Rotation vs SPY");
    expect(excel.table("Rotation_Spreads")).toEqual({ sheet: "Rotation", address: "A2:C4" });
    expect(excel.formulas("Rotation", "A2:C4")).toEqual([
      ["Basket", "1M", "YTD"],
      ["MidCapKings", '=MKT.ROTATION_SPREAD(MidCapKings,"SPY","1M")', '=MKT.ROTATION_SPREAD(MidCapKings,"SPY","YTD")'],
      ["SmallCaps", '=MKT.ROTATION_SPREAD("IWM","SPY","1M")', '=MKT.ROTATION_SPREAD("IWM","SPY","YTD")'],
    ]);
    expect(excel.numberFormats("Rotation", "B3:C4").flat()).toEqual(["0.0%", "0.0%", "0.0%", "0.0%"]);
    expect(excel.sheet("Rotation").conditionalFormats.map((format) => [format.address, format.rule?.operator])).toEqual([
      ["B3:C4", "GreaterThan"],
      ["B3:C4", "LessThan"],
    ]);
  });

  it("writes weekly dates as values and a relative-strength formula per basket and date", async () => {
    const excel = await workbookWithKings();
    await writeRotationView(request, undefined, excel.run, now);

    expect(excel.values("Rotation", "A6")[0][0]).toBe("Relative strength vs SPY, weekly from 2025-10-17");
    expect(excel.values("Rotation", "A7:C7")).toEqual([["Date", "MidCapKings", "SmallCaps"]]);
    const dates = excel.cell("Rotation", "A8");
    expect(dates).toMatchObject({ value: serial("2025-10-17"), formula: "", numberFormat: "yyyy-mm-dd" });
    expect(excel.cell("Rotation", "A21").value).toBe(serial("2026-01-16"));
    expect(excel.formulas("Rotation", "B8:C8")).toEqual([
      ['=MKT.RELATIVE_STRENGTH(MidCapKings,"SPY",$A$8,$A8)', '=MKT.RELATIVE_STRENGTH("IWM","SPY",$A$8,$A8)'],
    ]);
    expect(excel.formulas("Rotation", "C21")).toEqual([['=MKT.RELATIVE_STRENGTH("IWM","SPY",$A$8,$A21)']]);
    expect(excel.cell("Rotation", "A22").value).toBe("");
  });

  it("draws a native line chart over the block, dates on the category axis, beside the tables", async () => {
    const excel = await workbookWithKings();
    await writeRotationView(request, undefined, excel.run, now);
    expect(excel.sheet("Rotation").charts).toEqual([
      {
        type: "Line",
        source: "B7:C21",
        seriesBy: "Columns",
        title: "Relative strength vs SPY",
        series: [
          { xAxisValues: "A8:A21", line: { color: OKABE_ITO[0], lineStyle: "Continuous", weight: 2 } },
          { xAxisValues: "A8:A21", line: { color: OKABE_ITO[1], lineStyle: "Dash", weight: 2 } },
        ],
        axes: {
          // The fake's cells all compute 0: a flat line gets a small symmetric axis around it.
          value: {
            majorGridlines: { visible: true, line: { color: "#D9D9D9" } },
            numberFormat: "0.0%",
            minimum: -0.01,
            maximum: 0.01,
            majorUnit: 0.005,
          },
          category: {
            categoryType: "DateAxis",
            baseTimeUnit: "Days",
            majorTimeUnitScale: "Months",
            majorUnit: 1,
            majorTickMark: "Outside",
            minorTimeUnitScale: "Months",
            minorUnit: 1,
            minorTickMark: "Outside",
            numberFormat: "mmm yy",
          },
        },
        legend: { position: "Bottom" },
        position: { start: "E1", end: "L20" },
      },
    ]);
  });

  it("frames the calculated values with a few round gridlines, labelled with the decimals they need", () => {
    expect(
      valueAxisScale([
        [0.12, "#N/A"],
        [0.31, -0.04],
      ]),
    ).toEqual({ minimum: -0.1, maximum: 0.4, majorUnit: 0.1, numberFormat: "0%" });
    expect(valueAxisScale([[0.004, 0.021]])).toEqual({ minimum: 0, maximum: 0.025, majorUnit: 0.005, numberFormat: "0.0%" });
    expect(valueAxisScale([["#N/A"], [""]])).toBeNull();
  });

  it("ticks the date axis every few months on long spans, and gives each series its own colour and dash", async () => {
    const excel = await workbookWithKings();
    const baskets = [kings, SmallCaps, kings, SmallCaps, kings, SmallCaps, kings].map((basket, i) => ({ ...basket, label: `${i}` }));
    await writeRotationView({ ...request, baskets, chartSpan: "5Y" }, undefined, excel.run, now);
    const chart = excel.sheet("Rotation").charts[0];
    expect(chart.axes.category.majorUnit).toBe(6);
    const styles = chart.series.map((series) => `${series.line?.color} ${series.line?.lineStyle}`);
    expect(new Set(styles).size).toBe(7);
    expect(new Set(chart.series.map((series) => series.line?.lineStyle)).size).toBe(6);
  });

  it("labels the titles and the chart when the data is the demo provider's", async () => {
    const excel = await workbookWithKings();
    await writeRotationView(request, undefined, excel.run, now, { demo: true });
    expect(excel.cell("Rotation", "A1").value).toBe("Rotation vs SPY — demo data, not market prices");
    expect(excel.cell("Rotation", "A6").value).toBe("Relative strength vs SPY, weekly from 2025-10-17 — demo data, not market prices");
    expect(excel.sheet("Rotation").charts[0].title).toBe("Relative strength vs SPY (demo data)");
  });

  it("counts the spreads and relative strengths that show errors", async () => {
    const excel = await workbookWithKings();
    excel.state.evaluate = (formula) => (formula.includes('"IWM"') ? "#N/A" : 0.01);
    const result = await writeRotationView(request, undefined, excel.run, now);
    expect(result.outcome).toEqual({ cells: 32, errors: 2 + 14, pending: 0, messages: [] });
  });

  it("names a basket benchmark and a second view gets its own sheet and table", async () => {
    const excel = await workbookWithKings();
    await writeRotationView(request, undefined, excel.run, now);
    const second = await writeRotationView(
      { ...request, baskets: [SmallCaps], benchmark: { kind: "basket", basket: kings } },
      undefined,
      excel.run,
      now,
    );
    expect(second).toMatchObject({ address: "Sheet 'Rotation (2)' A1:C20", tableName: "Rotation_Spreads2" });
    expect(excel.formulas("Rotation (2)", "B3")).toEqual([['=MKT.ROTATION_SPREAD("IWM",MidCapKings,"1M")']]);
  });

  it("refuses an empty request or a bad span before touching the workbook", async () => {
    const excel = await workbookWithKings();
    const before = excel.batch.log.length;
    await expect(writeRotationView({ ...request, baskets: [] }, undefined, excel.run, now)).rejects.toThrow("Pick at least one basket");
    await expect(writeRotationView({ ...request, periods: [] }, undefined, excel.run, now)).rejects.toThrow("Pick at least one period");
    await expect(writeRotationView({ ...request, chartSpan: "x" }, undefined, excel.run, now)).rejects.toThrow('Chart span "x"');
    const ghost = { ...kings, name: "Ghost" };
    await expect(writeRotationView({ ...request, baskets: [ghost] }, undefined, excel.run, now)).rejects.toThrow(
      "Basket Ghost is not saved in this workbook",
    );
    expect(excel.batch.log.length).toBe(before);
  });

  describe("with valuation", () => {
    const valued: RotationViewRequest = { ...request, valuation: { measure: "forward_pe", gapChart: true, noChartReason: null } };

    it("puts each basket's P/E, its gap to the benchmark and coverage in the spreads table, formatted as multiples and percents", async () => {
      const excel = await workbookWithKings();
      const result = await writeRotationView(valued, undefined, excel.run, now);
      expect(excel.table("Rotation_Spreads")).toEqual({ sheet: "Rotation", address: "A2:F4" });
      expect(excel.formulas("Rotation", "D2:F4")).toEqual([
        ["Fwd P/E", "Gap vs SPY", "Coverage"],
        [
          '=MKT.VALUATION(MidCapKings,"forward_pe")',
          '=MKT.VALUATION_GAP(MidCapKings,"SPY","forward_pe")',
          '=MKT.VALUATION(MidCapKings,"coverage:forward_pe")',
        ],
        [
          '=MKT.VALUATION("IWM","forward_pe")',
          '=MKT.VALUATION_GAP("IWM","SPY","forward_pe")',
          '=MKT.VALUATION("IWM","coverage:forward_pe")',
        ],
      ]);
      expect(excel.numberFormats("Rotation", "D3:F4")).toEqual([
        ['0.0"×"', "0.0%", "0.0%"],
        ['0.0"×"', "0.0%", "0.0%"],
      ]);
      // Spreads 4, valuation 6, relative strength 28, gap 4 months × 2 baskets.
      expect(result.outcome.cells).toBe(4 + 6 + 28 + 8);
      expect(result.address).toBe("Sheet 'Rotation' A1:F28");
    });

    it("adds a monthly trailing-P/E gap block (point-in-time dates) and its chart under the first one", async () => {
      const excel = await workbookWithKings();
      await writeRotationView(valued, undefined, excel.run, now, { demo: true });
      expect(excel.cell("Rotation", "A23").value).toBe("Trailing-P/E gap vs SPY, monthly from 2025-10-31 — demo data, not market prices");
      expect(excel.formulas("Rotation", "A24:C24")).toEqual([["Date", "MidCapKings", "SmallCaps"]]);
      // The last relative-strength date of each month.
      expect(excel.values("Rotation", "A25:A28").flat()).toEqual(["2025-10-31", "2025-11-28", "2025-12-26", "2026-01-16"].map(serial));
      expect(excel.numberFormats("Rotation", "A25:A25")).toEqual([["yyyy-mm-dd"]]);
      expect(excel.formulas("Rotation", "B25:C25")).toEqual([
        ['=MKT.VALUATION_GAP(MidCapKings,"SPY","trailing_pe",,$A25)', '=MKT.VALUATION_GAP("IWM","SPY","trailing_pe",,$A25)'],
      ]);
      expect(excel.formulas("Rotation", "B28")).toEqual([['=MKT.VALUATION_GAP(MidCapKings,"SPY","trailing_pe",,$A28)']]);
      expect(
        excel
          .numberFormats("Rotation", "B25:C28")
          .flat()
          .every((format) => format === "0.0%"),
      ).toBe(true);
      const charts = excel.sheet("Rotation").charts;
      expect(charts).toHaveLength(2);
      expect(charts[1]).toMatchObject({
        type: "Line",
        source: "B24:C28",
        title: "Trailing-P/E gap vs SPY (demo data)",
        series: [
          { xAxisValues: "A25:A28", line: { color: OKABE_ITO[0], lineStyle: "Continuous", weight: 2 } },
          { xAxisValues: "A25:A28", line: { color: OKABE_ITO[1], lineStyle: "Dash", weight: 2 } },
        ],
      });
    });

    it("writes one line saying why there is no gap chart when the provider has no earnings history", async () => {
      const excel = await workbookWithKings();
      const reason = "Yahoo Finance has no quarterly EPS history with report dates";
      const result = await writeRotationView(
        { ...request, valuation: { measure: "trailing_pe", gapChart: false, noChartReason: reason } },
        undefined,
        excel.run,
        now,
      );
      expect(excel.cell("Rotation", "A23").value).toBe(`No trailing-P/E gap chart: ${reason}.`);
      expect(excel.formulas("Rotation", "D2:D3")).toEqual([["P/E ttm"], ['=MKT.VALUATION(MidCapKings,"trailing_pe")']]);
      expect(excel.sheet("Rotation").charts).toHaveLength(1);
      expect(result.outcome.cells).toBe(4 + 6 + 28);
    });
  });
});
