import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { unzipSync } from "fflate";
import { useHistorySource } from "../../src/addin";
import { Mag7, MidCaps, SmallCaps } from "../../src/baskets";
import { evaluateFormula } from "../../src/functions";
import { createDirectProvider, HistoryStore } from "../../src/market";
import { ALL_METRICS } from "../../src/workbook";
import { weeklyDates } from "../../src/functions";
import { refreshWorkbookBytes } from "../../cli/workbook/refresh/refresh";
import { calculateReport } from "../../cli/workbook/report/calculate";
import { composeReport } from "../../cli/workbook/report/compose";
import { writeBook, zipBook } from "../../cli/workbook/report/xlsx-writer";
import { readPackage } from "../../cli/workbook/xlsx/package";
import { readWorkbookFile } from "../../cli/workbook/xlsx/workbook-file";
import { excelLikeWorkbook, TICKERS } from "./support/excel-like-workbook";
import { at, convert, csvNumber, sheetsAsCsv, withLibreOffice } from "./support/libreoffice";

const lo = withLibreOffice();
const NOW = new Date(2026, 10, 30, 7, 0);
jest.setTimeout(180_000);

beforeAll(() => useHistorySource(new HistoryStore(createDirectProvider("demo"))));

async function value(name: Parameters<typeof evaluateFormula>[0], args: unknown[]): Promise<unknown> {
  const outcome = await evaluateFormula(name, args);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

function formulasOf(bytes: Uint8Array): string[] {
  const file = readWorkbookFile(readPackage(bytes, "x"), "x");
  return file.sheets.flatMap((sheet) =>
    sheet.xml.rows.flatMap((row) =>
      row.cells.flatMap((cell) => (cell.formula === null ? [] : [`${sheet.name}!${cell.row},${cell.column}:${cell.formula.text}`])),
    ),
  );
}

function temporaryDirectory(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "mkt-lo-"));
}

lo.describe("LibreOffice reads what mkt writes", () => {
  it("opens a refreshed workbook with the computed values, and the formulas survive", async () => {
    const input = excelLikeWorkbook();
    const { bytes } = await refreshWorkbookBytes(input, "book.xlsx", { provider: "demo", now: NOW });
    const dir = temporaryDirectory();
    const file = path.join(dir, "refreshed.xlsx");
    fs.writeFileSync(file, bytes);
    const sheets = await sheetsAsCsv(file, path.join(dir, "csv"));
    expect([...sheets.keys()].sort()).toEqual(["Baskets", "Sector"]);
    const sector = sheets.get("Sector")!;
    for (const [i, ticker] of TICKERS.entries()) {
      const row = 3 + i;
      expect(at(sector, `A${row}`)).toBe(ticker);
      expect(csvNumber(at(sector, `B${row}`))).toBeCloseTo((await value("PRICE", [ticker])) as number, 8);
      expect(csvNumber(at(sector, `C${row}`))).toBeCloseTo((await value("RSI", [ticker])) as number, 8);
      expect(at(sector, `D${row}`)).toBe(((await value("MA_CROSS", [ticker, 50, 200])) as string[][])[0][0]);
      expect(csvNumber(at(sector, `F${row}`))).toBeCloseTo(csvNumber(at(sector, `B${row}`)) - csvNumber(at(sector, `C${row}`)), 6);
    }
    expect(csvNumber(at(sector, "B7"))).toBeCloseTo((await value("TOTAL_RETURN", [TICKERS.map((t) => [t]), "YTD"])) as number, 8);
    // LibreOffice recalculates array formulas itself, so the spilled MACD (an add-in function it does
    // not have) shows #NAME? there; Excel shows the cached values until the add-in recalculates.
    expect(at(sector, "B9")).toBe("#NAME?");
    expect(formulasOf(bytes)).toEqual(formulasOf(input));
  });

  it("opens a generated report: sector table, rotation view with its chart, Baskets sheet and names", async () => {
    const dates = weeklyDates("6M", NOW);
    const rotation = {
      baskets: [Mag7, SmallCaps, MidCaps],
      benchmark: { kind: "ticker" as const, ticker: "SPY" },
      periods: ["1M", "3M", "YTD", "1Y"] as const,
      chartSpan: "6M",
    };
    const book = composeReport({
      sectorTables: [{ basket: Mag7, metrics: ALL_METRICS, benchmark: { kind: "ticker", ticker: "SPY" }, summaryPeriod: "YTD" }],
      rotation: { ...rotation, periods: [...rotation.periods] },
      rotationDates: dates,
      demo: true,
    });
    const calculated = await calculateReport(book, NOW);
    expect(calculated.problems).toEqual([]);
    const bytes = zipBook(writeBook(book, { title: "Rotation Desk report", created: NOW }).files);
    const dir = temporaryDirectory();
    const file = path.join(dir, "report.xlsx");
    fs.writeFileSync(file, bytes);
    const sheets = await sheetsAsCsv(file, path.join(dir, "csv"));
    expect([...sheets.keys()].sort()).toEqual(["Baskets", "Mag_7", "Rotation"]);
    const sector = sheets.get("Mag_7")!;
    expect(sector[1]).toEqual(["Ticker", "Last", "1M", "3M", "YTD", "RSI(14)", "SMA 50", "SMA 200", "Regime", "Cross date", "vs SMA 200"]);
    for (const [i, ticker] of Mag7.tickers.entries()) {
      const row = 3 + i;
      expect(at(sector, `A${row}`)).toBe(ticker);
      expect(csvNumber(at(sector, `B${row}`))).toBeCloseTo((await value("PRICE", [ticker])) as number, 8);
      expect(csvNumber(at(sector, `F${row}`))).toBeCloseTo((await value("RSI", [ticker])) as number, 8);
      expect(at(sector, `I${row}`)).toMatch(/^(golden|death)$/);
      expect(at(sector, `J${row}`)).toMatch(/^\d{4}-\d\d-\d\d$/);
    }
    expect(csvNumber(at(sector, "B12"))).toBeCloseTo(
      (await value("ROTATION_SPREAD", [Mag7.tickers.map((t) => [t]), "SPY", "YTD"])) as number,
      8,
    );
    const view = sheets.get("Rotation")!;
    expect(at(view, "A3")).toBe("Mag_7");
    expect(csvNumber(at(view, "D4"))).toBeCloseTo(
      (await value("ROTATION_SPREAD", [SmallCaps.tickers.map((t) => [t]), "SPY", "YTD"])) as number,
      8,
    );
    expect(sheets.get("Baskets")![2][0]).toBe("AAPL");

    // The chart: LibreOffice converts it into an embedded chart object of its own.
    const ods = path.join(dir, "ods");
    fs.mkdirSync(ods);
    await convert(file, "ods", ods);
    const parts = unzipSync(new Uint8Array(fs.readFileSync(path.join(ods, "report.ods"))));
    const chart = Object.entries(parts).find(
      ([name, data]) => /^Object \d+\/content\.xml$/.test(name) && new TextDecoder().decode(data).includes('chart:class="chart:line"'),
    );
    expect(chart).toBeDefined();
    expect(new TextDecoder().decode(chart![1])).toContain("Relative strength vs SPY (demo data)");

    // A picture of it, for people (test-results/, like the browser tests' screenshots).
    if (fs.existsSync("/usr/bin/pdftoppm")) {
      const pdf = path.join(dir, "pdf");
      fs.mkdirSync(pdf);
      await convert(file, "pdf", pdf);
      const out = path.resolve(__dirname, "../../test-results");
      fs.mkdirSync(out, { recursive: true });
      execFileSync("/usr/bin/pdftoppm", ["-r", "80", "-png", path.join(pdf, "report.pdf"), path.join(out, "report-libreoffice")]);
    }
  });
});
