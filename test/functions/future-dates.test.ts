import { evaluateFormula, FORMULAS, FormulaName } from "../../src/functions/catalog";
import { parseDateArg } from "../../src/functions/args/dates";
import { dayToSerial } from "../../src/functions/args/days";
import { setClock, today } from "../../src/functions/today";
import { useHistorySource } from "../../src/addin";
import { DailySeries } from "../../src/market";
import { dayOfIso, FixedHistorySource, makeSeries } from "../support/series-builder";

/** Today for these tests: Saturday 2025-01-25, 15:00 UTC. */
const NOW = Date.UTC(2025, 0, 25, 15);

/**
 * Sessions from Thursday 2025-01-02 to Friday 2025-01-24 without Monday 2025-01-20 (Martin Luther
 * King Jr. Day, an NYSE holiday): adjusted closes 100, 101, … in session order.
 */
function sessionsWithHoliday(): DailySeries {
  const base = makeSeries(
    "HOL",
    Array.from({ length: 17 }, (_, i) => 100 + i),
    "2025-01-02",
  );
  const keep = Array.from(base.days.keys()).filter((i) => base.days[i] !== dayOfIso("2025-01-20"));
  const pick = (column: Float64Array) => Float64Array.from(keep, (i) => column[i]);
  return {
    ...base,
    days: Int32Array.from(keep, (i) => base.days[i]),
    open: pick(base.open),
    high: pick(base.high),
    low: pick(base.low),
    close: pick(base.close),
    adjClose: Float64Array.from(keep, (_, k) => 100 + k),
    volume: pick(base.volume),
  };
}

let restoreClock: () => void;
beforeAll(() => {
  restoreClock = setClock(() => NOW);
  useHistorySource(
    new FixedHistorySource({ HOL: sessionsWithHoliday(), AAA: makeSeries("AAA", [10, 11, 12, 13, 14, 15, 16], "2025-01-15") }),
  );
});
afterAll(() => restoreClock());

async function outcomeOf(name: FormulaName, args: unknown[]) {
  const outcome = await evaluateFormula(name, args);
  return outcome.ok ? outcome.value : `${outcome.error.code} ${outcome.error.message}`;
}

/** A valid call of each function whose dates are all omitted. */
const VALID: Record<FormulaName, unknown[]> = {
  PRICE: ["AAA", null, null],
  HISTORY: ["AAA", "1W", null, null, null],
  TOTAL_RETURN: ["AAA", "1W", null],
  ROTATION_SPREAD: ["AAA", "HOL", "1W", null],
  RELATIVE_STRENGTH: ["AAA", "HOL", "1W", null],
  SMA: ["AAA", 2, null],
  EMA: ["AAA", 2, null],
  RSI: ["AAA", 2, null],
  MACD: ["AAA", 2, 3, 2, null],
  GOLDEN_CROSS: ["AAA", 2, 3, null],
  DEATH_CROSS: ["AAA", 2, 3, null],
  MA_CROSS: ["AAA", 2, 3, null],
  BREADTH: ["AAA", 2, null],
  VALUATION: ["AAA", "trailing_pe", null, null],
  VALUATION_GAP: ["AAA", "HOL", "trailing_pe", null, null],
  QUOTE: ["AAA", null],
};

const DATE_ARGUMENTS = (Object.keys(FORMULAS) as FormulaName[]).flatMap((name) =>
  FORMULAS[name].params.flatMap((param, index) => (["start", "end", "date"].includes(param) ? [[name, param, index] as const] : [])),
);

describe("dates after today", () => {
  it("covers every date argument of every function", () => {
    expect(DATE_ARGUMENTS.length).toBe(19);
  });

  it.each(DATE_ARGUMENTS)("%s: a %s after today is #VALUE! naming it, as text or as an Excel date", async (name, param, index) => {
    for (const tomorrow of ["2025-01-26", dayToSerial(dayOfIso("2025-01-26")), dayToSerial(dayOfIso("2025-01-26")) + 0.25]) {
      const args = VALID[name].map((value, i) => (i === index ? tomorrow : value));
      if (param === "end") args[index - 1] = "2025-01-15"; // a start before it
      expect(await outcomeOf(name, args)).toBe(`#VALUE! ${param}: 2025-01-26 is after today (2025-01-25); there are no closes after today`);
    }
  });

  it("accepts today itself, with or without a time of day", () => {
    expect(parseDateArg("2025-01-25", "date")).toEqual({ kind: "day", day: dayOfIso("2025-01-25") });
    expect(parseDateArg(dayToSerial(dayOfIso("2025-01-25")) + 0.99, "end")).toEqual({ kind: "day", day: dayOfIso("2025-01-25") });
    expect(() => parseDateArg("2062-01-25", "start")).toThrow("start: 2062-01-25 is after today (2025-01-25)");
  });

  it("counts today in this computer's time zone, as Excel's TODAY() does", () => {
    const lateEvening = Date.UTC(2025, 0, 25, 23, 30); // Saturday 23:30 UTC
    const inAuckland = setClock(() => lateEvening, "Pacific/Auckland"); // already Sunday 2025-01-26 there
    try {
      expect(today()).toBe(dayOfIso("2025-01-26"));
      expect(parseDateArg("2025-01-26", "date")).toEqual({ kind: "day", day: dayOfIso("2025-01-26") });
    } finally {
      inAuckland();
    }
    const inLosAngeles = setClock(() => lateEvening, "America/Los_Angeles"); // still Saturday 2025-01-25 there
    try {
      expect(today()).toBe(dayOfIso("2025-01-25"));
      expect(() => parseDateArg("2025-01-26", "date")).toThrow(/after today \(2025-01-25\)/);
    } finally {
      inLosAngeles();
    }
    // Without a zone given, the machine's own: the same date Date's local getters give.
    const machine = setClock(() => lateEvening);
    try {
      const local = new Date(lateEvening);
      expect(today()).toBe(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / 86_400_000);
    } finally {
      machine();
    }
  });

  it("leaves periods alone: they count back from the latest session", async () => {
    expect(await outcomeOf("TOTAL_RETURN", ["AAA", "1W", null])).toBeCloseTo(16 / 11 - 1, 12);
  });
});

describe("weekends and holidays up to today", () => {
  it("mean the last session on or before them", async () => {
    // Monday 2025-01-20 is a holiday: Friday 2025-01-17's close (the 12th session, 111).
    expect(await outcomeOf("PRICE", ["HOL", "2025-01-20", "adjclose"])).toBe(111);
    // Sunday 2025-01-19 too.
    expect(await outcomeOf("PRICE", ["HOL", "2025-01-19", "adjclose"])).toBe(111);
    // Today is Saturday 2025-01-25: Friday 2025-01-24, the last session (115).
    expect(await outcomeOf("PRICE", ["HOL", "2025-01-25", "adjclose"])).toBe(115);
    expect(await outcomeOf("TOTAL_RETURN", ["HOL", "2025-01-20", "2025-01-25"])).toBeCloseTo(115 / 111 - 1, 12);
    expect(await outcomeOf("HISTORY", ["HOL", "2025-01-17", "2025-01-25", "adjclose", 0])).toEqual([[111], [112], [113], [114], [115]]);
  });
});
