import { wallClockFormat } from "./time-zone";
import { TradingDay } from "./types";

const MS_PER_DAY = 86_400_000;

/** How far `timeZone`'s wall clock is ahead of UTC at `instant` (ms; negative west of Greenwich). */
function offsetAt(instant: number, timeZone: string): number {
  const f: Record<string, number> = {};
  for (const part of wallClockFormat(timeZone).formatToParts(instant)) f[part.type] = Number(part.value);
  const wholeSecond = instant - (((instant % 1000) + 1000) % 1000);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - wholeSecond;
}

/**
 * The instant at which the wall clock in `timeZone` reads `minutesOfDay` on local date `day`.
 * Two passes: the first guess uses the offset at a nearby instant, which may sit across a DST
 * change; the second uses the offset at the guess itself. (A wall time skipped or repeated by a
 * DST change resolves to one of its neighbours; market hours never fall there.)
 */
export function zonedInstant(day: TradingDay, minutesOfDay: number, timeZone: string): number {
  const wall = day * MS_PER_DAY + minutesOfDay * 60_000;
  const guess = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(guess, timeZone);
}
