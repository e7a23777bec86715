import { uniqueSheetName, uniqueTableName } from "../../../../src/taskpane/common/excel/unique-names";

describe("uniqueTableName", () => {
  it("numbers the name until it is free, ignoring case", () => {
    expect(uniqueTableName("Mag_7_Sector", new Set())).toBe("Mag_7_Sector");
    expect(uniqueTableName("Mag_7_Sector", new Set(["mag_7_sector", "mag_7_sector2"]))).toBe("Mag_7_Sector3");
  });
});

describe("uniqueSheetName", () => {
  it("numbers in brackets and keeps within 31 characters", () => {
    expect(uniqueSheetName("Mag_7", new Set(["mag_7"]))).toBe("Mag_7 (2)");
    const long = "HealthcareProvidersAndMoreThings";
    const name = uniqueSheetName(long, new Set([long.slice(0, 31).toLowerCase()]));
    expect(name).toBe(`${long.slice(0, 27)} (2)`);
    expect(name.length).toBeLessThanOrEqual(31);
  });

  it("replaces characters Excel refuses in sheet names and avoids the reserved History", () => {
    expect(uniqueSheetName("a/b:c[d]*?", new Set())).toBe("a_b_c_d___");
    expect(uniqueSheetName("'quoted'", new Set())).toBe("quoted");
    expect(uniqueSheetName("History", new Set())).toBe("History_");
  });
});
