import { CliResult, formatText, toJsonValue } from "../../cli/output";
import { dayToSerial } from "../../src/functions/args/days";
import { dayOfIso } from "../support/series-builder";

const serial = (iso: string) => dayToSerial(dayOfIso(iso));

const crossDate: CliResult = { value: serial("2026-08-06"), dates: { kind: "value" } };
const maCross: CliResult = { value: [["death", serial("2026-09-01"), 64]], dates: { kind: "columns", columns: [1], fromRow: 0 } };
const history: CliResult = {
  value: [
    ["SPY · yahoo · adjusted closes", "", ""],
    ["Date", "Close", "Volume"],
    [serial("2026-11-27"), 600.5, 1000],
    [serial("2026-11-30"), 601.25, ""],
  ],
  dates: { kind: "columns", columns: [0], fromRow: 2 },
};

describe("the CLI's output", () => {
  it("prints dates as ISO dates in text, and only the cells that are dates", () => {
    expect(formatText(crossDate)).toBe("2026-08-06");
    expect(formatText(maCross)).toBe("death\t2026-09-01\t64");
    expect(formatText({ value: 46000 })).toBe("46000"); // not a date: stays a number
    expect(formatText({ value: 0.0515 })).toBe("0.0515");
  });

  it("ends no spilled row with a tab", () => {
    expect(formatText(history).split("\n")).toEqual([
      "SPY · yahoo · adjusted closes",
      "Date\tClose\tVolume",
      "2026-11-27\t600.5\t1000",
      "2026-11-30\t601.25",
    ]);
  });

  it("keeps Excel serials in JSON unless asked for ISO dates", () => {
    expect(toJsonValue(crossDate)).toBe(serial("2026-08-06"));
    expect(toJsonValue(maCross)).toEqual([["death", serial("2026-09-01"), 64]]);
    expect(toJsonValue(crossDate, "iso")).toBe("2026-08-06");
    expect(toJsonValue(history, "iso")).toEqual([
      ["SPY · yahoo · adjusted closes", "", ""],
      ["Date", "Close", "Volume"],
      ["2026-11-27", 600.5, 1000],
      ["2026-11-30", 601.25, ""],
    ]);
    expect(formatText(crossDate, "serial")).toBe(String(serial("2026-08-06")));
  });

  it("prints errors with their code", () => {
    expect(formatText({ error: "#N/A", message: "no data" })).toBe("#N/A no data");
    expect(toJsonValue({ error: "#N/A", message: "no data" }, "iso")).toEqual({ error: "#N/A", message: "no data" });
  });
});
