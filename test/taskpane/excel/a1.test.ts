import { absoluteCell, areaAddress, cellAddress, columnAbsoluteCell, columnLetters } from "../../../src/taskpane/excel/a1";

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
