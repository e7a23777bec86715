import { useHistorySource } from "../../../../src/addin";
import { evaluateCell, evaluateSummaryLine } from "../../../../src/taskpane/features/sector-table/evaluate-cells";
import { METRIC_COLUMNS } from "../../../../src/taskpane/features/sector-table/sector-metrics";
import { sectorTableLayout } from "../../../../src/taskpane/features/sector-table/sector-table-layout";
import { FixedHistorySource, makeSeries } from "../../../support/series-builder";

/** Falls for 150 sessions, then rises: SMA 50 crosses above SMA 200 (a golden cross) late in the series. */
const vShape = [...Array.from({ length: 150 }, (_, i) => 200 - i * 0.66), ...Array.from({ length: 150 }, (_, i) => 101 + i)];
const flat = Array.from({ length: 300 }, (_, i) => 50 + (i % 2));

beforeAll(() => {
  useHistorySource(new FixedHistorySource({ VEE: makeSeries("VEE", vShape), FLAT: makeSeries("FLAT", flat) }));
});

const basket = { name: "Pair", label: "Pair", tickers: ["VEE", "FLAT"], preset: false };

describe("preview cells: the table's CellExpressions evaluated with the MKT functions", () => {
  it("evaluates a call with the row's ticker", async () => {
    expect(await evaluateCell(METRIC_COLUMNS.price.value, "VEE")).toEqual({ ok: true, value: vShape[vShape.length - 1] * 1.02 });
  });

  it("picks one element of a spilled row, as INDEX(…, 1, pick + 1) does", async () => {
    const regime = await evaluateCell(METRIC_COLUMNS.regime.value, "VEE");
    const date = await evaluateCell(METRIC_COLUMNS.crossDate.value, "VEE");
    expect(regime).toEqual({ ok: true, value: "golden" });
    expect(date.ok && typeof date.value === "number" && date.value > 40000).toBe(true);
  });

  it("computes ratio-minus-one columns: adjusted price against SMA 200", async () => {
    const last200 = vShape.slice(-200);
    const sma = last200.reduce((a, b) => a + b, 0) / 200;
    const result = await evaluateCell(METRIC_COLUMNS.distance200.value, "VEE");
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value as number).toBeCloseTo(vShape[vShape.length - 1] / sma - 1, 12);
  });

  it("turns failures into the cell's error code and message", async () => {
    expect(await evaluateCell(METRIC_COLUMNS.rsi.value, "NOPE")).toEqual({
      ok: false,
      code: "#N/A",
      message: expect.stringContaining("NOPE"),
    });
    expect(await evaluateCell(METRIC_COLUMNS.distance200.value, "NOPE")).toMatchObject({ ok: false, code: "#N/A" });
  });

  it("gives summary lines the members as a ticker column and a basket benchmark as its tickers", async () => {
    const benchmark = { kind: "basket" as const, basket: { ...basket, name: "Solo", tickers: ["FLAT"] } };
    const layout = sectorTableLayout({ basket, metrics: ["price"], benchmark, summaryPeriod: "3M" });
    const [ret, spread, breadth] = await Promise.all(layout.summary.map((line) => evaluateSummaryLine(line, layout.tickers, benchmark)));
    const flatReturn = await evaluateSummaryLine(
      { label: "FLAT 3M", fn: "TOTAL_RETURN", args: ["FLAT", "3M"], format: "percent" },
      [],
      benchmark,
    );
    if (!ret.ok || !spread.ok || !flatReturn.ok) throw new Error("summary lines failed");
    expect(spread.value as number).toBeCloseTo((ret.value as number) - (flatReturn.value as number), 12);
    expect(breadth).toEqual({ ok: true, value: expect.any(Number) });
  });
});
