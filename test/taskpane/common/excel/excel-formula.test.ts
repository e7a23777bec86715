import { excelString, mktCall } from "../../../../src/taskpane/common/excel/excel-formula";

describe("excelString", () => {
  it("quotes and doubles inner quotes", () => {
    expect(excelString("YTD")).toBe('"YTD"');
    expect(excelString('say "hi"')).toBe('"say ""hi"""');
    expect(excelString("")).toBe('""');
  });
});

describe("mktCall", () => {
  it("leaves omitted arguments empty and drops trailing ones", () => {
    expect(mktCall("PRICE", ["A2", "", '"adjclose"'])).toBe('MKT.PRICE(A2,,"adjclose")');
    expect(mktCall("RSI", ["A2", "", ""])).toBe("MKT.RSI(A2)");
    expect(mktCall("BREADTH", [])).toBe("MKT.BREADTH()");
  });
});
