import { shifted } from "../../../cli/workbook/formula/ast";
import { callName, FormulaParseError, parseFormula } from "../../../cli/workbook/formula/parser";

describe("the formula parser reads formulas as files store them", () => {
  it.each([
    ["_xldudf_MKT_RSI(A1)", { name: "RSI", mkt: true, addin: false }],
    ["MKT.RSI(A1)", { name: "RSI", mkt: true, addin: false }],
    ["_xldudf_mkt_total_return(A1)", { name: "TOTAL_RETURN", mkt: true, addin: false }],
    ["_xldudf_CX_GET(A1)", { name: "_xldudf_CX_GET", mkt: false, addin: true }],
    ["_xlfn.STDEV.S(A1:A3)", { name: "STDEV.S", mkt: false, addin: false }],
    ["_xlfn._xlws.SORT(A1:A3)", { name: "SORT", mkt: false, addin: false }],
  ])("%s calls %o", (text, expected) => {
    const node = parseFormula(text);
    expect(node.kind === "call" && { name: node.name, mkt: node.mkt, addin: node.addin }).toEqual(expected);
    expect(callName(text.slice(0, text.indexOf("(")))).toEqual(expected);
  });

  it("reads references with sheets, absolute markers, whole columns and spills", () => {
    expect(parseFormula("'My ''Data'''!$B$2:C10")).toEqual({
      kind: "area",
      ref: { sheet: "My 'Data'", top: 1, left: 1, bottom: 9, right: 2, absolute: [true, true, false, false] },
    });
    expect(parseFormula("Sheet2!A:A")).toMatchObject({
      kind: "area",
      ref: { sheet: "Sheet2", top: 0, left: 0, bottom: 1_048_575, right: 0 },
    });
    expect(parseFormula("A1#")).toMatchObject({ kind: "spill", ref: { top: 0, left: 0 } });
    expect(parseFormula("Mag_7")).toEqual({ kind: "name", name: "Mag_7", sheet: null });
    // LOG10 followed by "(" is a function, not the cell LOG10.
    expect(parseFormula("LOG10(100)")).toMatchObject({ kind: "call", name: "LOG10" });
  });

  it("reads structured references in their stored and typed forms", () => {
    expect(parseFormula("Mag_7_Sector[[#This Row],[Ticker]]")).toEqual({
      kind: "structured",
      ref: { table: "Mag_7_Sector", items: new Set(["#This Row"]), columns: ["Ticker", "Ticker"] },
    });
    expect(parseFormula("T[Ticker]")).toMatchObject({ ref: { table: "T", items: new Set(), columns: ["Ticker", "Ticker"] } });
    expect(parseFormula("T[[#Headers],[#Data],[A]:[B]]")).toMatchObject({
      ref: { items: new Set(["#Headers", "#Data"]), columns: ["A", "B"] },
    });
    expect(parseFormula("[@[Ticker]]")).toMatchObject({
      ref: { table: null, items: new Set(["#This Row"]), columns: ["Ticker", "Ticker"] },
    });
    expect(parseFormula("T['#Weird]")).toMatchObject({ ref: { columns: ["#Weird", "#Weird"] } });
  });

  it("applies Excel's precedence: unary minus before ^, then * /, + -, &, comparisons", () => {
    expect(parseFormula("-2^2")).toEqual({
      kind: "binary",
      op: "^",
      left: { kind: "unary", op: "-", operand: { kind: "number", value: 2 } },
      right: { kind: "number", value: 2 },
    });
    expect(parseFormula('1+2*3&"x"=B1')).toMatchObject({ op: "=", left: { op: "&", left: { op: "+", right: { op: "*" } } } });
    expect(parseFormula("50%")).toMatchObject({ kind: "unary", op: "%" });
  });

  it("reads array constants, errors, omitted arguments and strings with quotes", () => {
    expect(parseFormula('{1,-2;"a",TRUE}')).toMatchObject({
      kind: "array",
      rows: [
        [{ value: 1 }, { value: -2 }],
        [{ value: "a" }, { value: true }],
      ],
    });
    expect(parseFormula("IFERROR(#N/A,#DIV/0!)")).toMatchObject({
      args: [
        { kind: "error", code: "#N/A" },
        { kind: "error", code: "#DIV/0!" },
      ],
    });
    expect(parseFormula('MKT.MACD("QQQ",,,,"2026-03-31")')).toMatchObject({
      args: [{ value: "QQQ" }, { kind: "missing" }, { kind: "missing" }, { kind: "missing" }, { value: "2026-03-31" }],
    });
    expect(parseFormula('"say ""hi"""')).toEqual({ kind: "string", value: 'say "hi"' });
  });

  it("refuses what it does not support with a FormulaParseError naming the place", () => {
    expect(() => parseFormula("[1]Sheet1!A1")).toThrow(FormulaParseError);
    expect(() => parseFormula("Sheet1:Sheet3!A1")).toThrow(/3-D/);
    expect(() => parseFormula("SUM(A1")).toThrow(/position/);
  });

  it("moves relative references for a shared formula's other cells, not absolute ones", () => {
    const moved = shifted(parseFormula("B3-$C$3+C$3"), 2, 1);
    expect(moved).toMatchObject({
      left: { left: { ref: { top: 4, left: 2 } }, right: { ref: { top: 2, left: 2 } } },
      right: { ref: { top: 2, left: 3 } },
    });
  });
});
