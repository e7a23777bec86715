import { excelSerialToIso, formatCell, formatValue } from "../../../../src/taskpane/common/preview/cell-format";

describe("preview cell formats (the Excel number formats' look)", () => {
  it("formats prices, percents, numbers, dates and text", () => {
    expect(formatValue(1234.5, "price")).toBe("1,234.50");
    expect(formatValue(0.0834, "percent")).toBe("8.3%");
    expect(formatValue(-0.1, "percent")).toBe("-10.0%");
    expect(formatValue(39.84988, "number")).toBe("39.8");
    expect(formatValue(45149, "date")).toBe("2023-08-11");
    expect(formatValue("golden", "text")).toBe("golden");
  });

  it('shows P/E as a multiple and market caps in billions of dollars, as 0.0"×" and $#,##0.0,,,"bn" do in Excel', () => {
    expect(formatValue(24.349, "multiple")).toBe("24.3×");
    expect(formatValue(1234.56, "multiple")).toBe("1234.6×");
    expect(formatValue(3_077_313_504_000, "billions")).toBe("$3,077.3bn");
    expect(formatValue(850_000_000, "billions")).toBe("$0.9bn");
  });

  it("turns Excel serials into ISO dates", () => {
    expect(excelSerialToIso(25569)).toBe("1970-01-01");
    expect(excelSerialToIso(43832.75)).toBe("2020-01-02");
  });

  it("shows errors as their code with the message as the tooltip", () => {
    expect(formatCell({ ok: false, code: "#N/A", message: "no data for X" }, "price")).toEqual({
      text: "#N/A",
      title: "no data for X",
      tone: "error",
      numeric: false,
    });
  });

  it("highlights signs and RSI bands as the Excel table's conditional formats do", () => {
    expect(formatCell({ ok: true, value: 0.05 }, "percent", "sign").tone).toBe("positive");
    expect(formatCell({ ok: true, value: -0.05 }, "percent", "sign").tone).toBe("negative");
    expect(formatCell({ ok: true, value: 0 }, "percent", "sign").tone).toBeNull();
    expect(formatCell({ ok: true, value: 72 }, "number", "rsi-bands").tone).toBe("overbought");
    expect(formatCell({ ok: true, value: 30 }, "number", "rsi-bands").tone).toBe("oversold");
    expect(formatCell({ ok: true, value: 50 }, "number", "rsi-bands").tone).toBeNull();
  });
});
