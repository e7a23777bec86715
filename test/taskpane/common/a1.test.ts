import { absoluteCell, areaAddress, cellAddress, columnAbsoluteCell, columnLetters } from "../../../src/workbook";

describe("A1 addresses from 0-based indexes", () => {
  it.each([
    [0, "A"],
    [25, "Z"],
    [26, "AA"],
    [701, "ZZ"],
    [702, "AAA"],
    [16_383, "XFD"],
  ])("column %i is %s", (index, letters) => {
    expect(columnLetters(index)).toBe(letters);
  });

  it("writes cells and areas", () => {
    expect(cellAddress(0, 0)).toBe("A1");
    expect(areaAddress(2, 1, 1, 1)).toBe("B3");
    expect(areaAddress(2, 1, 9, 6)).toBe("B3:G11");
    expect(absoluteCell(7, 0)).toBe("$A$8");
    expect(columnAbsoluteCell(20, 0)).toBe("$A21");
  });
});

describe("A1 addresses of preview objects", () => {
  it("names columns as Excel does", () => {
    expect([0, 10, 25, 26, 51, 702, 16383].map(columnLetters)).toEqual(["A", "K", "Z", "AA", "AZ", "AAA", "XFD"]);
  });

  it("gives the block's range, or one cell", () => {
    expect(areaAddress(0, 0, 9, 11)).toBe("A1:K9");
    expect(areaAddress(11, 1, 1, 1)).toBe("B12");
  });
});
