import type { Node } from "../../../cli/workbook/formula/ast";
import { evaluate, EvalHost, TableInfo, UnsupportedFormula } from "../../../cli/workbook/formula/evaluate";
import { parseFormula } from "../../../cli/workbook/formula/parser";
import { ExcelError, Scalar, Value } from "../../../cli/workbook/formula/values";

/** A one-sheet workbook in memory: cells by A1 address. */
function host(cells: Record<string, Scalar>, names: Record<string, string> = {}, tables: TableInfo[] = []): EvalHost {
  const at = (row: number, column: number): string => `${String.fromCharCode(65 + column)}${row + 1}`;
  return {
    sheetIndex: (name) => (name.toLowerCase() === "sheet1" ? 0 : -1),
    value: async (_sheet, row, column) => cells[at(row, column)] ?? null,
    definedName: (name) => (names[name] === undefined ? null : parseFormula(names[name])),
    table: (name) => tables.find((t) => t.name.toLowerCase() === name.toLowerCase()) ?? null,
    tableAt: () => null,
    spill: async () => new ExcelError("#REF!"),
    mkt: async (name, args) => (name === "ECHO" ? JSON.stringify(args) : new ExcelError("#NAME?")),
    today: () => 46_000,
    now: () => 46_000.5,
  };
}

async function run(
  formula: string,
  cells: Record<string, Scalar> = {},
  options: { names?: Record<string, string>; tables?: TableInfo[]; row?: number; dynamic?: boolean } = {},
): Promise<Value> {
  const node: Node = parseFormula(formula);
  return evaluate(node, {
    host: host(cells, options.names, options.tables),
    sheet: 0,
    row: options.row ?? 0,
    column: 5,
    dynamic: options.dynamic ?? false,
    key: 0,
  });
}

describe("the evaluator computes ordinary Excel formulas", () => {
  it("does arithmetic, text and comparisons as Excel does", async () => {
    expect(await run("B2-C2", { B2: 10, C2: 4 })).toBe(6);
    expect(await run("-2^2")).toBe(4);
    expect(await run('"1"+1')).toBe(2);
    expect(await run('1&"x"&TRUE')).toBe("1xTRUE");
    expect(await run('"abc"="ABC"')).toBe(true);
    expect(await run('1<"a"')).toBe(true);
    expect(await run("A1=0", {})).toBe(true);
    expect(await run("1/0")).toEqual(new ExcelError("#DIV/0!", "division by zero"));
    expect(await run('"x"*2')).toMatchObject({ code: "#VALUE!" });
  });

  it("uses formulajs for the function library: AVERAGE over ranges ignores text and blanks, ROUND, dates as serials", async () => {
    expect(await run("AVERAGE(A1:A4)", { A1: 1, A2: 2, A3: "x" })).toBe(1.5);
    expect(await run("ROUND(2.345,2)")).toBe(2.35);
    expect(await run("DATE(2026,1,2)")).toBe(46024);
    expect(await run("YEAR(46024)")).toBe(2026);
    expect(await run("EOMONTH(46024,0)")).toBe(46053);
    expect(await run("_xlfn.STDEV.S(A1:A3)", { A1: 1, A2: 2, A3: 3 })).toBe(1);
    expect(await run("SUM(A1:A2)", { A1: 1, A2: new ExcelError("#N/A") })).toMatchObject({ code: "#N/A" });
  });

  it("evaluates IF, IFERROR and IFNA lazily and INDEX on arrays and ranges", async () => {
    expect(await run('IF(A1>50,"strong","weak")', { A1: 60 })).toBe("strong");
    expect(await run("IF(TRUE,1,1/0)")).toBe(1);
    expect(await run('IFERROR(1/0,"none")')).toBe("none");
    expect(await run('IFNA(NA(),"n/a")')).toBe("n/a");
    expect(await run('IFNA(1/0,"n/a")')).toMatchObject({ code: "#DIV/0!" });
    expect(await run('INDEX({"golden",46000,12},1,2)')).toBe(46000);
    expect(await run("INDEX(A1:A3,2)", { A2: "b" })).toMatchObject({ kind: "ref", top: 1, left: 0 });
  });

  it("intersects a range with the formula's row in a legacy formula and keeps the array in a dynamic one", async () => {
    expect(await run("A1:A3*2", { A1: 1, A2: 2, A3: 3 }, { row: 1 })).toBe(4);
    expect(await run("A1:A3*2", { A1: 1, A2: 2, A3: 3 }, { dynamic: true })).toEqual({ kind: "array", rows: [[2], [4], [6]] });
  });

  it("resolves names and structured references", async () => {
    const table: TableInfo = {
      name: "Basket_X",
      sheet: 0,
      top: 1,
      left: 0,
      bottom: 3,
      right: 0,
      headerRows: 1,
      totalsRows: 0,
      columns: ["Ticker"],
    };
    expect(await run("X", {}, { names: { X: "Basket_X[Ticker]" }, tables: [table] })).toEqual({
      kind: "ref",
      sheet: 0,
      top: 2,
      left: 0,
      bottom: 3,
      right: 0,
    });
    expect(await run("Basket_X[[#This Row],[Ticker]]", { A3: "MSFT" }, { tables: [table], row: 2 })).toMatchObject({ top: 2, bottom: 2 });
    expect(await run("Basket_X[[#Headers],[Ticker]]", {}, { tables: [table] })).toMatchObject({ top: 1, bottom: 1 });
    expect(await run("Nope")).toMatchObject({ code: "#NAME?" });
  });

  it("hands MKT functions Excel's custom-function arguments: ranges as rows, blanks as empty strings, omitted as null", async () => {
    expect(await run('MKT.ECHO(A1:A2,,"x",A5)', { A1: "IWM" })).toBe(JSON.stringify([[["IWM"], [""]], null, "x", null]));
    expect(await run("MKT.ECHO(A1)", { A1: new ExcelError("#N/A") })).toMatchObject({ code: "#N/A" });
  });

  it("refuses functions it does not compute, rather than guessing", async () => {
    await expect(run('INDIRECT("A1")')).rejects.toThrow(UnsupportedFormula);
    await expect(run("NOSUCHFUNCTION(1)")).rejects.toThrow(/not available outside Excel/);
    await expect(run("_xldudf_OTHER_X(1)")).rejects.toThrow(/another add-in/);
  });
});
