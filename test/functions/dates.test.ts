import { parseDateArg, resolveDay } from "../../src/functions/args/dates";
import { dayToIso, dayToSerial, isoToDay, serialToDay } from "../../src/functions/args/days";
import { FormulaError } from "../../src/functions/errors";

const day = (iso: string) => isoToDay(iso)!;
const resolve = (code: string, reference: string) => dayToIso(resolveDay(parseDateArg(code, "start")!, day(reference)));

describe("date arguments", () => {
  it("converts Excel serials both ways (45658 is 2025-01-01)", () => {
    expect(dayToIso(serialToDay(45658))).toBe("2025-01-01");
    expect(dayToSerial(day("2025-01-01"))).toBe(45658);
    expect(serialToDay(45658.75)).toBe(day("2025-01-01")); // a date-time cell keeps its date
  });

  it("reads ISO text and rejects impossible dates", () => {
    expect(parseDateArg("2026-01-02", "start")).toEqual({ kind: "day", day: day("2026-01-02") });
    expect(parseDateArg(" 2026-01-02 ", "start")).toEqual({ kind: "day", day: day("2026-01-02") });
    expect(() => parseDateArg("2026-02-30", "start")).toThrow(/start: "2026-02-30" is not a date/);
    expect(() => parseDateArg("01/02/2026", "end")).toThrow(/end: .* is not a date/);
  });

  it("leaves omitted dates as null", () => {
    expect(parseDateArg(null, "date")).toBeNull();
    expect(parseDateArg("", "date")).toBeNull();
  });

  it("rejects serials outside Excel's calendar and non-date types", () => {
    for (const bad of [0, -5, 3_000_000, NaN, true]) {
      expect(() => parseDateArg(bad, "date")).toThrow(FormulaError);
    }
  });

  it.each([
    ["YTD", "2026-03-15", "2025-12-31"],
    ["ytd", "2026-01-02", "2025-12-31"],
    ["MTD", "2026-03-15", "2026-02-28"],
    ["QTD", "2026-05-20", "2026-03-31"],
    ["QTD", "2026-03-31", "2025-12-31"],
    ["1W", "2026-03-15", "2026-03-08"],
    ["1M", "2026-03-31", "2026-02-28"],
    ["3M", "2026-05-31", "2026-02-28"],
    ["6M", "2026-08-31", "2026-02-28"],
    ["1Y", "2024-02-29", "2023-02-28"],
    ["3Y", "2026-11-24", "2023-11-24"],
    ["5Y", "2026-11-24", "2021-11-24"],
    ["10D", "2026-11-24", "2026-11-14"],
  ])("period %s counted back from %s is %s", (code, reference, expected) => {
    expect(resolve(code, reference)).toBe(expected);
  });

  it("rejects unknown and zero periods", () => {
    expect(() => parseDateArg("0M", "start")).toThrow(/start/);
    expect(() => parseDateArg("2Q", "start")).toThrow(/period such as "YTD"/);
    expect(() => parseDateArg("1000Y", "start")).toThrow(FormulaError);
  });
});
