import { evaluateFormula, FormulaName } from "../../src/functions/catalog";
import { dayToSerial } from "../../src/functions/args/days";
import { useHistorySource } from "../../src/addin";
import { DailySeries } from "../../src/market";
import { dayOfIso, FixedHistorySource, makeSeries } from "../support/series-builder";

/** 263 sessions where the provider sent no open on 5 of them and no volume on 4 (the reported 9 cells of 263×4). */
function gappySeries(): DailySeries {
  const base = makeSeries(
    "GAP",
    Array.from({ length: 263 }, (_, i) => 100 + i / 4),
    "2025-01-02",
  );
  const open = base.open.slice();
  const volume = base.volume.slice();
  for (const bar of [3, 50, 120, 200, 262]) open[bar] = NaN;
  for (const bar of [7, 51, 199, 261]) volume[bar] = NaN;
  return { ...base, open, volume };
}

/** Bars a provider should have left out: no close (NaN) or a zero close. */
function holeySeries(): DailySeries {
  const base = makeSeries(
    "HOLE",
    Array.from({ length: 30 }, (_, i) => 50 + i),
    "2025-01-02",
  );
  const close = base.close.slice();
  const adjClose = base.adjClose.slice();
  close[10] = NaN;
  adjClose[10] = NaN;
  adjClose[20] = 0;
  return { ...base, close, adjClose };
}

const gap = gappySeries();
beforeAll(() => useHistorySource(new FixedHistorySource({ GAP: gap, HOLE: holeySeries() })));

async function value(name: FormulaName, ...args: unknown[]) {
  const outcome = await evaluateFormula(name, args);
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.value;
}

describe("gaps in a provider's history", () => {
  it("HISTORY leaves a value the provider did not send empty, never NaN", async () => {
    const table = (await value("HISTORY", "GAP", "2025-01-02", null, "date,open,close,volume", 0)) as (number | string)[][];
    expect(table).toHaveLength(263);
    const cells = table.flat();
    expect(cells.filter((cell) => typeof cell === "number" && !Number.isFinite(cell))).toEqual([]);
    expect(cells.filter((cell) => cell === "")).toHaveLength(9);
    expect(table[3]).toEqual([dayToSerial(gap.days[3]), "", gap.close[3], gap.volume[3]]);
    expect(table[7][3]).toBe("");
  });

  it("HISTORY with headers 2 says which fields have gaps in its provenance line", async () => {
    const table = (await value("HISTORY", "GAP", "2025-01-02", null, "date,open,close,volume", 2)) as (number | string)[][];
    expect(table[0]).toEqual(["GAP · test · adjusted closes · gaps, left empty: open (5 sessions), volume (4 sessions)", "", "", ""]);
    expect(table[1]).toEqual(["Date", "Open", "Close", "Volume"]);
    const closesOnly = (await value("HISTORY", "GAP", "2025-01-02", null, "date,close", 2)) as (number | string)[][];
    expect(closesOnly[0][0]).toBe("GAP · test · adjusted closes");
  });

  it("PRICE of a missing field is #N/A naming the session", async () => {
    const day = new Date(gap.days[50] * 86_400_000).toISOString().slice(0, 10);
    const outcome = await evaluateFormula("PRICE", ["GAP", day, "open"]);
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: "#N/A", message: `GAP has no open on ${day} (test sent none for that session)` },
    });
  });

  it("bars without a usable close are left out, as providers omit them", async () => {
    // Session 10 (2025-01-16) has no close: the date means the session before it.
    expect(await value("PRICE", "HOLE", "2025-01-16", "adjclose")).toBe(59);
    // Session 20 (2025-01-30) has a zero adjusted close: returns skip it instead of dividing by it.
    expect(await value("TOTAL_RETURN", "HOLE", "2025-01-30", "2025-01-31")).toBeCloseTo(71 / 69 - 1, 12);
    const table = (await value("HISTORY", "HOLE", "2025-01-15", "2025-01-17", "date,adjclose", 0)) as number[][];
    expect(table.map((row) => row[1])).toEqual([59, 61]);
    expect(table[0][0]).toBe(dayToSerial(dayOfIso("2025-01-15")));
  });
});
