import fc from "fast-check";
import { cellReferenceReading, duplicateName, MAX_NAME_LENGTH, suggestName, validateBasketName } from "../../src/baskets/basket-name";

const kindOf = (name: string, existing: string[] = []): string | null => validateBasketName(name, existing)?.kind ?? null;

describe("validateBasketName", () => {
  it.each([
    "SmallCaps",
    "_x",
    "Mag_7",
    "Mag7_copy",
    "a.b",
    "Größe",
    "XFE1",
    "ABCD1",
    "A1048577",
    "RC_",
    "R1C1x",
    "x".repeat(MAX_NAME_LENGTH),
  ])("accepts %s", (name) => {
    expect(validateBasketName(name)).toBeNull();
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["1abc", "bad-start"],
    [".abc", "bad-start"],
    ["a b", "bad-character"],
    ["a-b", "bad-character"],
    ["S&P", "bad-character"],
    ["x".repeat(MAX_NAME_LENGTH + 1), "too-long"],
    ["A1", "cell-reference"],
    ["xfd1048576", "cell-reference"],
    ["Mag7", "cell-reference"],
    ["SP500", "cell-reference"],
    ["R", "cell-reference"],
    ["c", "cell-reference"],
    ["RC", "cell-reference"],
    ["R1C1", "cell-reference"],
    ["r2c", "cell-reference"],
    ["C5", "cell-reference"],
    ["TRUE", "reserved"],
    ["false", "reserved"],
  ])("rejects %j as %s", (name, kind) => {
    expect(kindOf(name)).toBe(kind);
  });

  it("compares against existing names ignoring case", () => {
    expect(kindOf("MAG_7", ["mag_7"])).toBe("taken");
    expect(kindOf("Mag_8", ["mag_7"])).toBeNull();
  });

  it("explains a name that is a cell address, naming the column and row", () => {
    expect(validateBasketName("Mag7")?.message).toBe(
      '"Mag7" is a cell address (column MAG, row 7), so formulas would read that cell; add a letter or an underscore (e.g. Mag7_).',
    );
    expect(validateBasketName("a b")?.message).toContain("contains a space");
  });

  it("reads R1C1 references only within the sheet's bounds", () => {
    expect(cellReferenceReading("R1048576C16384")).toBe("an R1C1 reference");
    expect(cellReferenceReading("R1048577")).toBeNull();
    expect(cellReferenceReading("R1C16385")).toBeNull();
    expect(cellReferenceReading("C16385")).toBe("column C, row 16385");
  });
});

describe("suggestName", () => {
  it.each([
    ["Magnificent Seven", "Magnificent_Seven"],
    ["S&P 500", "S_P_500"],
    ["Nasdaq 100", "Nasdaq_100"],
    ["500 Index", "_500_Index"],
    ["A1", "A1_"],
    ["true", "true_"],
    ["  ", "Basket"],
    ["Mid-cap industrials", "Mid_cap_industrials"],
  ])("turns %j into %s", (label, name) => {
    expect(suggestName(label)).toBe(name);
  });

  it("adds a number when the name is taken", () => {
    expect(suggestName("Nasdaq 100", ["nasdaq_100"])).toBe("Nasdaq_100_2");
    expect(suggestName("Nasdaq 100", ["Nasdaq_100", "Nasdaq_100_2"])).toBe("Nasdaq_100_3");
  });

  it("always gives a valid, unused name", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.array(fc.string({ maxLength: 12 }), { maxLength: 5 }), (label, existing) => {
        const taken = [...existing, suggestName(label)];
        const name = suggestName(label, taken);
        expect(validateBasketName(name, taken)).toBeNull();
      }),
    );
  });
});

describe("duplicateName", () => {
  it("adds _copy, then a number", () => {
    expect(duplicateName("Mag_7")).toBe("Mag_7_copy");
    expect(duplicateName("Mag_7", ["MAG_7_COPY"])).toBe("Mag_7_copy2");
    expect(duplicateName("Mag_7", ["Mag_7_copy", "Mag_7_copy2"])).toBe("Mag_7_copy3");
  });

  it("stays within Excel's length limit", () => {
    const long = "x".repeat(MAX_NAME_LENGTH);
    const copy = duplicateName(long, [`${long.slice(0, MAX_NAME_LENGTH - 5)}_copy`]);
    expect(copy.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(validateBasketName(copy)).toBeNull();
    expect(copy.endsWith("_cop2")).toBe(true);
  });
});
