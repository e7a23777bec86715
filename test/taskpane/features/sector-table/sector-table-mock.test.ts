/**
 * The sector table's Office.js writes, recorded by office-addin-mock: which formula and number
 * format each column and summary line gets, the valuation and Live columns included.
 */
// The project's stub for office-addin-manifest exports nothing, but OfficeMockObject reads
// OfficeApp from it in its constructor.
jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
}));

import { OfficeMockObject } from "office-addin-mock";
import type { Basket } from "../../../../src/baskets/basket";
import { queueSectorTable } from "../../../../src/taskpane/features/sector-table/sector-table-writer";
import { sectorTableLayout, SectorTableRequest } from "../../../../src/workbook";

type Mock = OfficeMockObject & Record<string, any>;

/** The conditional formats added to each range mock. */
const conditionsOf = new Map<Mock, Mock[]>();

const growth: Basket = { name: "Growth", label: "Growth picks", tickers: ["TSLA", "AAPL"], preset: false };

/** A worksheet whose ranges are recording mocks, kept by their indexes "row,column,rows,columns". */
function recordingSheet(): { sheet: Mock; ranges: Map<string, Mock> } {
  const ranges = new Map<string, Mock>();
  conditionsOf.clear();
  const sheet = new OfficeMockObject({ tables: {}, activated: false }) as Mock;
  sheet.getRangeByIndexes = (row: number, column: number, rows: number, columns: number) => {
    const conditions: Mock[] = [];
    const range = new OfficeMockObject({ format: { font: {} } }) as Mock;
    conditionsOf.set(range, conditions);
    range.format.autofitColumns = () => undefined;
    range.conditionalFormats = {
      add: () => {
        const format = new OfficeMockObject({ cellValue: { format: { font: {}, fill: {} } } }) as Mock;
        conditions.push(format);
        return format;
      },
    };
    ranges.set(`${row},${column},${rows},${columns}`, range);
    return range;
  };
  sheet.tables.add = () => ({ name: "" });
  sheet.activate = () => undefined;
  return { sheet, ranges };
}

function queue(request: SectorTableRequest): { ranges: Map<string, Mock> } {
  const { sheet, ranges } = recordingSheet();
  const context = new OfficeMockObject({ workbook: { application: {} } }) as Mock;
  let suspended = 0;
  context.workbook.application.suspendApiCalculationUntilNextSync = () => suspended++;
  const at = { sheet: sheet as unknown as Excel.Worksheet, sheetName: "Growth", row: 0, column: 0, newSheet: true };
  queueSectorTable(context as unknown as Excel.RequestContext, at, sectorTableLayout(request), "Growth_Sector", '"SPY"', false);
  expect(suspended).toBe(1);
  return { ranges };
}

describe("the sector table's writes (office-addin-mock)", () => {
  const request: SectorTableRequest = {
    basket: growth,
    metrics: ["price", "trailingPE", "forwardPE", "earningsGrowth", "marketCap", "livePrice", "liveChange"],
    benchmark: { kind: "ticker", ticker: "SPY" },
    summaryPeriod: "YTD",
  };

  it("writes a VALUATION or QUOTE formula per row in each new column, with its number format", () => {
    const { ranges } = queue(request);
    // Body columns start in row 2 (title, header), column 1 (after the tickers); 2 rows each.
    const column = (i: number): Mock => ranges.get(`2,${1 + i},2,1`)!;
    const expected: [string, string][] = [
      ["=MKT.PRICE([@Ticker])", "#,##0.00"],
      ['=MKT.VALUATION([@Ticker],"trailing_pe")', '0.0"×"'],
      ['=MKT.VALUATION([@Ticker],"forward_pe")', '0.0"×"'],
      ['=MKT.VALUATION([@Ticker],"earnings_growth")', "0.0%"],
      ['=MKT.VALUATION([@Ticker],"market_cap")', '$#,##0.0,,,"bn"'],
      ['=MKT.QUOTE([@Ticker],"price")', "#,##0.00"],
      ['=MKT.QUOTE([@Ticker],"change_pct")', "0.0%"],
    ];
    expected.forEach(([formula, format], i) => {
      expect(column(i).formulas).toEqual([[formula], [formula]]);
      expect(column(i).numberFormat).toEqual([[format], [format]]);
    });
    expect(ranges.get("1,0,1,8")!.values).toEqual([["Ticker", "Last", "P/E ttm", "Fwd P/E", "EPS growth", "Mkt cap", "Live", "Today"]]);
    // Signed columns (growth, change today) colour their text; P/E, caps and prices do not.
    const conditions = (i: number): Mock[] => conditionsOf.get(column(i)) ?? [];
    expect(conditions(3).map((c) => c.cellValue.rule.operator)).toEqual(["GreaterThan", "LessThan"]);
    expect(conditions(6)).toHaveLength(2);
    expect(conditions(1)).toHaveLength(0);
    expect(conditions(4)).toHaveLength(0);
  });

  it("adds the aggregate forward P/E and its gap to the benchmark under the breadth, over the table's ticker column", () => {
    const { ranges } = queue(request);
    // Summary from row 5 (title, header, 2 rows, a blank row): labels in column 0, values in column 1.
    const label = (i: number) => ranges.get(`${5 + i},0,1,1`)!.values;
    const value = (i: number) => ranges.get(`${5 + i},1,1,1`)!;
    expect([3, 4].map(label)).toEqual([[["Forward P/E (aggregate)"]], [["Trailing P/E gap vs SPY"]]]);
    expect(value(3).formulas).toEqual([['=MKT.VALUATION(Growth_Sector[Ticker],"forward_pe","aggregate")']]);
    expect(value(3).numberFormat).toEqual([['0.0"×"']]);
    expect(value(4).formulas).toEqual([['=MKT.VALUATION_GAP(Growth_Sector[Ticker],"SPY","trailing_pe","aggregate")']]);
    expect(value(4).numberFormat).toEqual([["0.0%"]]);
  });

  it("keeps the summary at return, spread and breadth without valuation columns", () => {
    const { ranges } = queue({ ...request, metrics: ["price", "livePrice"] });
    expect(ranges.has("8,1,1,1")).toBe(false);
    expect(ranges.get("7,0,1,1")!.values).toEqual([["Breadth (above SMA 50)"]]);
  });
});
