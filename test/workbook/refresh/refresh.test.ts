import { directQuoteSource, useHistorySource, useQuoteSource } from "../../../src/addin";
import { evaluateFormula } from "../../../src/functions";
import { createDirectProvider, DemoQuoteProvider } from "../../../src/market";
import { directStores } from "../../../cli/workbook/data-source";
import { refreshWorkbookBytes } from "../../../cli/workbook/refresh/refresh";
import { SPILLING_MKT_FUNCTIONS } from "../../../cli/workbook/refresh/recalc";
import { FORMULAS, FormulaName } from "../../../src/functions";
import { readPackage } from "../../../cli/workbook/xlsx/package";
import { readWorkbookFile } from "../../../cli/workbook/xlsx/workbook-file";
import { excelLikeWorkbook, TICKERS } from "../support/excel-like-workbook";
import { buildXlsx, entryXml, formulaCell, numberCell, textCell } from "../support/xlsx-fixture";

const NOW = new Date(2026, 10, 30, 7, 30);

// Histories and valuation snapshots of the demo provider, and its synthetic quotes: every function computes.
const quotes = directQuoteSource(new DemoQuoteProvider(), { intervalMs: 15_000 });
beforeAll(() => {
  useHistorySource(directStores(createDirectProvider("demo")));
  useQuoteSource(quotes);
});
afterAll(() => {
  useQuoteSource(null);
  quotes.close();
});

async function direct(name: Parameters<typeof evaluateFormula>[0], args: unknown[]): Promise<number | string> {
  const outcome = await evaluateFormula(name, args);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value as number | string;
}

/** The `<c>` element of a cell in a sheet part. */
function cellXml(xml: string, ref: string): string {
  const match = new RegExp(`<c r="${ref}"[^>]*?(/>|>.*?</c>)`).exec(xml);
  if (match === null) throw new Error(`no cell ${ref}`);
  return match[0];
}

function cachedNumber(xml: string, ref: string): number {
  return Number(/<v>([^<]*)<\/v>/.exec(cellXml(xml, ref))![1]);
}

async function refresh(bytes: Uint8Array) {
  return refreshWorkbookBytes(bytes, "book.xlsx", { provider: "demo (demo data, not market prices)", now: NOW });
}

describe("mkt refresh on a workbook saved by Excel", () => {
  it("writes each MKT cell's value as the functions compute it, through table references, names and shared formulas", async () => {
    const { bytes, report } = await refresh(excelLikeWorkbook());
    const sheet = entryXml(bytes, "xl/worksheets/sheet1.xml");
    for (const [i, ticker] of TICKERS.entries()) {
      const row = 3 + i;
      expect(cachedNumber(sheet, `B${row}`)).toBe(await direct("PRICE", [ticker]));
      expect(cachedNumber(sheet, `C${row}`)).toBe(await direct("RSI", [ticker]));
      const cross = (await evaluateFormula("MA_CROSS", [ticker, 50, 200])) as { ok: true; value: string[][] };
      expect(cellXml(sheet, `D${row}`)).toContain(`t="str"`);
      expect(cellXml(sheet, `D${row}`)).toContain(`<v>${cross.value[0][0]}</v>`);
    }
    expect(cachedNumber(sheet, "B7")).toBe(await direct("TOTAL_RETURN", [TICKERS.map((t) => [t]), "YTD"]));
    expect(report.mktCells).toBe(11);
    expect(report.problems).toEqual([]);
  });

  it("recomputes the ordinary formulas that depend on MKT cells: arithmetic, AVERAGE, IF", async () => {
    const { bytes } = await refresh(excelLikeWorkbook());
    const sheet = entryXml(bytes, "xl/worksheets/sheet1.xml");
    const prices = TICKERS.map((_, i) => cachedNumber(sheet, `B${3 + i}`));
    for (let i = 0; i < 3; i++) {
      const row = 3 + i;
      expect(cachedNumber(sheet, `F${row}`)).toBeCloseTo(prices[i] - cachedNumber(sheet, `C${row}`), 12);
      expect(cellXml(sheet, `G${row}`)).toContain(`<v>${cachedNumber(sheet, `C${row}`) > 50 ? "strong" : "weak"}</v>`);
    }
    expect(cachedNumber(sheet, "B8")).toBeCloseTo(prices.reduce((a, b) => a + b) / 3, 12);
  });

  it("fills a dynamic array's spill range and recomputes what reads it", async () => {
    const { bytes } = await refresh(excelLikeWorkbook());
    const sheet = entryXml(bytes, "xl/worksheets/sheet1.xml");
    const macd = (await evaluateFormula("MACD", ["AAPL"])) as { ok: true; value: number[][] };
    expect(cellXml(sheet, "B9")).toBe(`<c r="B9" cm="1"><f t="array" ref="B9:D9">_xldudf_MKT_MACD(A3)</f><v>${macd.value[0][0]}</v></c>`);
    expect(cellXml(sheet, "C9")).toBe(`<c r="C9"><v>${macd.value[0][1]}</v></c>`);
    expect(cellXml(sheet, "D9")).toBe(`<c r="D9"><v>${macd.value[0][2]}</v></c>`);
    expect(cachedNumber(sheet, "B10")).toBe(macd.value[0][1] * 2);
  });

  it("keeps every formula, style and attribute of the cells it fills", async () => {
    const before = readWorkbookFile(readPackage(excelLikeWorkbook(), "before"), "before");
    const { bytes } = await refresh(excelLikeWorkbook());
    const after = readWorkbookFile(readPackage(bytes, "after"), "after");
    const formulas = (file: typeof before) =>
      file.sheets.flatMap((sheet) =>
        sheet.xml.rows.flatMap((row) =>
          row.cells.map((cell) => [cell.row, cell.column, cell.formula?.openText, cell.formula?.text, cell.style, cell.cm]),
        ),
      );
    expect(formulas(after)).toEqual(formulas(before));
  });

  it("marks the workbook to recalculate on open and records provider, time and outcome as workbook names", async () => {
    const { bytes } = await refresh(excelLikeWorkbook());
    const workbook = entryXml(bytes, "xl/workbook.xml");
    expect(workbook).toContain('<calcPr calcId="191029" fullCalcOnLoad="1"/>');
    expect(workbook).toMatch(/<definedName name="_MKT_RefreshedAt"[^>]*>"2026-11-30T07:30:00[+-]\d\d:\d\d"<\/definedName>/);
    expect(workbook).toContain(
      '<definedName name="_MKT_RefreshProvider" comment="Written by Rotation Desk&apos;s mkt refresh">"demo (demo data, not market prices)"</definedName>'.replace(
        "&apos;",
        "'",
      ),
    );
    expect(workbook).toContain("11 MKT cells and 8 dependent formulas recomputed; every cell computed.");
    // A second refresh replaces its names instead of adding more.
    const again = entryXml((await refresh(bytes)).bytes, "xl/workbook.xml");
    expect(again.match(/_MKT_RefreshedAt/g)).toHaveLength(1);
    expect(again.match(/fullCalcOnLoad/g)).toHaveLength(1);
  });

  it("leaves the calculation properties alone with --no-recalc-on-open (for recipients without the add-in)", async () => {
    const { bytes } = await refreshWorkbookBytes(excelLikeWorkbook(), "book.xlsx", {
      provider: "demo",
      now: NOW,
      recalculateOnOpen: false,
    });
    const workbook = entryXml(bytes, "xl/workbook.xml");
    expect(workbook).toContain('<calcPr calcId="191029"/>');
    expect(workbook).toContain("_MKT_RefreshStatus");
  });
});

describe("which MKT functions spill", () => {
  /** Typical arguments per parameter name. */
  const ARGS: Record<string, unknown> = {
    ticker: "IWM",
    tickers: "IWM,QQQ",
    basketA: "IWM",
    basketB: "QQQ",
    a: "IWM",
    b: "QQQ",
    start: "3M",
    period: 20,
    // Funds publish a trailing P/E (not a forward one).
    measure: "trailing_pe",
  };
  it.each(Object.keys(FORMULAS) as FormulaName[])("%s returns a table exactly when the refresh spills it", async (name) => {
    const outcome = await evaluateFormula(
      name,
      FORMULAS[name].params.map((param) => ARGS[param] ?? null),
    );
    expect(outcome.ok).toBe(true);
    const value = outcome.ok ? outcome.value : null;
    expect(Array.isArray(value)).toBe(SPILLING_MKT_FUNCTIONS.has(name));
  });
});

describe("mkt refresh on small workbooks", () => {
  const sheet = (rows: string) => buildXlsx({ sheets: [{ name: "Sheet1", rows }] });

  it("accepts the typed form MKT.NAME(…) as well as the stored _xldudf_MKT_NAME(…)", async () => {
    const { bytes, report } = await refresh(
      sheet(
        `<row r="1">${formulaCell("A1", 'MKT.SMA("IWM",50)', 0)}${formulaCell("B1", '_xldudf_MKT_SMA("IWM",50)', 0)}${formulaCell("C1", '_xldudf_mkt_sma("IWM",50)', 0)}</row>`,
      ),
    );
    const xml = entryXml(bytes, "xl/worksheets/sheet1.xml");
    const sma = await direct("SMA", ["IWM", 50]);
    expect(["A1", "B1", "C1"].map((ref) => cachedNumber(xml, ref))).toEqual([sma, sma, sma]);
    expect(report.mktCells).toBe(3);
  });

  it("writes errors as Excel errors with the reason in the report, never as text", async () => {
    const { bytes, report } = await refresh(
      sheet(`<row r="1">${formulaCell("A1", 'MKT.RSI("IWM",-1)', 5)}${formulaCell("B1", 'IFERROR(A1,"none")', "x")}</row>`),
    );
    const xml = entryXml(bytes, "xl/worksheets/sheet1.xml");
    expect(cellXml(xml, "A1")).toBe('<c r="A1" t="e"><f>MKT.RSI("IWM",-1)</f><v>#VALUE!</v></c>');
    expect(cellXml(xml, "B1")).toBe('<c r="B1" t="str"><f>IFERROR(A1,"none")</f><v>none</v></c>');
    expect(report.problems).toEqual([{ cell: "Sheet1!A1", code: "#VALUE!", message: expect.stringMatching(/^period: /) }]);
  });

  it("passes dates from cells and TODAY() as Excel serials", async () => {
    const { bytes } = await refresh(
      sheet(
        `<row r="1">${numberCell("A1", 46001)}${formulaCell("B1", 'MKT.PRICE("IWM",A1)', 0)}${formulaCell("C1", 'MKT.TOTAL_RETURN("IWM",TODAY()-30)', 0)}</row>`,
      ),
    );
    const xml = entryXml(bytes, "xl/worksheets/sheet1.xml");
    expect(cachedNumber(xml, "B1")).toBe(await direct("PRICE", ["IWM", 46001]));
    const today = Math.floor((NOW.getTime() - NOW.getTimezoneOffset() * 60_000) / 86_400_000) + 25_569;
    expect(cachedNumber(xml, "C1")).toBe(await direct("TOTAL_RETURN", ["IWM", today - 30]));
  });

  it("leaves formulas that do not depend on MKT cells alone, cached values and all", async () => {
    const rows = `<row r="1">${numberCell("A1", 2)}${formulaCell("B1", "A1*10", 999)}${formulaCell("C1", 'MKT.PRICE("IWM")', 0)}</row>`;
    const xml = entryXml((await refresh(sheet(rows))).bytes, "xl/worksheets/sheet1.xml");
    expect(cellXml(xml, "B1")).toBe('<c r="B1"><f>A1*10</f><v>999</v></c>');
  });

  it("keeps the cached value of a formula it cannot compute and says why", async () => {
    const rows = `<row r="1">${formulaCell("A1", 'MKT.PRICE("IWM")', 0)}${formulaCell("B1", 'INDIRECT("A1")+A1', 7)}${formulaCell("C1", "_xldudf_OTHER_FN(A1)", 8)}</row>`;
    const { bytes, report } = await refresh(sheet(rows));
    const xml = entryXml(bytes, "xl/worksheets/sheet1.xml");
    expect(cachedNumber(xml, "B1")).toBe(7);
    expect(cachedNumber(xml, "C1")).toBe(8);
    expect(report.problems).toEqual([
      { cell: "Sheet1!B1", code: "not computed", message: "INDIRECT is not computed outside Excel" },
      { cell: "Sheet1!C1", code: "not computed", message: "another add-in's function _xldudf_OTHER_FN cannot be computed outside Excel" },
    ]);
  });

  it("spills a new array result with Excel's dynamic-array metadata, adding the part when the workbook has none", async () => {
    const { bytes, report } = await refresh(
      sheet(`<row r="2">${formulaCell("B2", 'MKT.HISTORY("IWM","2026-11-02","2026-11-06","date,close")', 0)}</row>`),
    );
    const xml = entryXml(bytes, "xl/worksheets/sheet1.xml");
    // With headers (HISTORY's default), the anchor holds the text "Date".
    expect(cellXml(xml, "B2")).toMatch(/^<c r="B2" t="str" cm="1"><f t="array" ref="B2:C\d">MKT\.HISTORY\([^<]*\)<\/f><v>Date<\/v><\/c>$/);
    expect(entryXml(bytes, "xl/metadata.xml")).toContain('<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/>');
    expect(entryXml(bytes, "[Content_Types].xml")).toContain('PartName="/xl/metadata.xml"');
    expect(entryXml(bytes, "xl/_rels/workbook.xml.rels")).toContain('Target="metadata.xml"');
    const history = (await evaluateFormula("HISTORY", ["IWM", "2026-11-02", "2026-11-06", "date,close"])) as {
      ok: true;
      value: number[][];
    };
    expect(report.spilledCells).toBe(history.value.length * 2 - 1);
    expect(cachedNumber(xml, `C${1 + history.value.length}`)).toBe(history.value[history.value.length - 1][1]);
  });

  it("shrinks a spill and clears the cells it no longer covers; #SPILL! when a cell is in the way", async () => {
    const old = `<c r="A2" cm="1"><f t="array" ref="A2:A9">MKT.MACD("IWM")</f><v>0</v></c>`;
    const rows =
      `<row r="2">${old}</row>` +
      [3, 4, 5].map((r) => `<row r="${r}"><c r="A${r}"><v>1</v></c></row>`).join("") +
      `<row r="6">${textCell("B6", "busy")}${formulaCell("A6", 'MKT.MACD("QQQ")', 0)}</row>`;
    const { bytes, report } = await refresh(buildXlsx({ sheets: [{ name: "Sheet1", rows }], dynamicArrays: true }));
    const xml = entryXml(bytes, "xl/worksheets/sheet1.xml");
    expect(cellXml(xml, "A2")).toContain('ref="A2:C2"');
    expect(xml).not.toMatch(/<c r="A[345]"/);
    expect(xml).toContain('<row r="3"></row><row r="4"></row><row r="5"></row>');
    expect(cellXml(xml, "A6")).toContain("<v>#SPILL!</v>");
    expect(report.problems.map((p) => [p.cell, p.code])).toEqual([["Sheet1!A6", "#SPILL!"]]);
  });
});
