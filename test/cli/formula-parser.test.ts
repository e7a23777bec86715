import { FormulaSyntaxError, NameReference, parseFormula } from "../../cli/formula-parser";

describe("the CLI's formula parser", () => {
  it("reads names with or without = and MKT.", () => {
    expect(parseFormula('RSI("IWM")')).toEqual({ name: "RSI", args: ["IWM"] });
    expect(parseFormula('=mkt.rsi( "IWM" , 14 )')).toEqual({ name: "RSI", args: ["IWM", 14] });
  });

  it("reads strings with doubled quotes, numbers, booleans and array constants", () => {
    expect(parseFormula('F("a""b", -1.5e2, TRUE, {"QQQ","XLK";1,2})').args).toEqual([
      'a"b',
      -150,
      true,
      [
        ["QQQ", "XLK"],
        [1, 2],
      ],
    ]);
  });

  it("passes omitted arguments as null, as Excel does", () => {
    expect(parseFormula('MACD("NVDA",,,,"2026-01-02")').args).toEqual(["NVDA", null, null, null, "2026-01-02"]);
    expect(parseFormula("NOW()").args).toEqual([]);
  });

  it("reads bare names (baskets such as Mag_7) for the caller to resolve, and TRUE/FALSE as booleans", () => {
    expect(parseFormula('TOTAL_RETURN(Mag_7,"YTD")').args).toEqual([new NameReference("Mag_7", 14), "YTD"]);
    expect(parseFormula("ROTATION_SPREAD( small_caps.2024 , Über, 1)").args).toEqual([
      new NameReference("small_caps.2024", 18),
      new NameReference("Über", 36),
      1,
    ]);
    expect(parseFormula("F(true, False)").args).toEqual([true, false]);
    expect(parseFormula("F(TRUE_PICKS)").args).toEqual([new NameReference("TRUE_PICKS", 3)]);
  });

  it.each([
    ['RSI("IWM"', /expected \) at the end/],
    ['RSI("IWM)', /unterminated string/],
    ["RSI(1IWM)", /expected \) near "IWM\)"/],
    ['RSI(UPPER("iwm"))', /a function call inside a formula is not supported here; give its value near "UPPER\(\\"iwm/],
    ['RSI("IWM") + 1', /unexpected text after the formula/],
    ["{1}", /expected a function name/],
    ["F({1,2;3})", /array rows have different lengths/],
    ["", /expected a function name at the end/],
  ])("rejects %j", (text, message) => {
    expect(() => parseFormula(text)).toThrow(FormulaSyntaxError);
    expect(() => parseFormula(text)).toThrow(message);
  });
});
