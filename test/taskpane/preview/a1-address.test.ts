import { columnLetters, rangeAddress } from "../../../src/taskpane/preview/a1-address";

describe("A1 addresses of preview objects", () => {
  it("names columns as Excel does", () => {
    expect([1, 11, 26, 27, 52, 703, 16384].map(columnLetters)).toEqual(["A", "K", "Z", "AA", "AZ", "AAA", "XFD"]);
  });

  it("gives the block's range, or one cell", () => {
    expect(rangeAddress(1, 1, 9, 11)).toBe("A1:K9");
    expect(rangeAddress(12, 2, 1, 1)).toBe("B12");
  });
});
