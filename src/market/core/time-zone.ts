import { TradingDay } from "./types";

const MS_PER_DAY = 86_400_000;
/**
 * Offsets are cached per 15-minute UTC bucket: every modern time-zone offset is a multiple of
 * 15 minutes and transitions happen at whole local hours or half hours, so a transition never
 * falls inside a bucket (only pre-1972 local-mean-time zones break this, by minutes).
 */
const BUCKET_MS = 15 * 60_000;
const MAX_CACHED_BUCKETS = 200_000;

type Field = "year" | "month" | "day" | "hour" | "minute" | "second";
const FIELDS: readonly Field[] = ["year", "month", "day", "hour", "minute", "second"];

interface ZoneClock {
  readonly format: Intl.DateTimeFormat;
  /** For each run of digits in `format.format(t)`, which field it is (detected once per zone). */
  readonly digitOrder: readonly Field[] | null;
  readonly offsets: Map<number, number>;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const clocks = new Map<string, ZoneClock>();

/**
 * The (cached) en-US format that shows `timeZone`'s wall clock at an instant as numeric year,
 * month, day and 24-hour hour, minute, second. Throws RangeError for an unknown IANA zone.
 */
export function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      hourCycle: "h23",
    });
    formats.set(timeZone, format);
  }
  return format;
}

function clockFor(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (clock === undefined) {
    const format = wallClockFormat(timeZone);
    clock = { format, digitOrder: detectDigitOrder(format), offsets: new Map() };
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** `format()` is several times faster than `formatToParts()`; learn where each field sits once. */
function detectDigitOrder(format: Intl.DateTimeFormat): Field[] | null {
  const sample = Date.UTC(2001, 10, 12, 13, 14, 15);
  const order = format
    .formatToParts(sample)
    .map((part) => part.type)
    .filter((type): type is Field => (FIELDS as readonly string[]).includes(type));
  const digitRuns = format.format(sample).match(/\d+/g) ?? [];
  return order.length === FIELDS.length && digitRuns.length === order.length ? order : null;
}

function localFields(clock: ZoneClock, ms: number): Record<Field, number> {
  const fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  if (clock.digitOrder !== null) {
    const runs = clock.format.format(ms).match(/\d+/g);
    if (runs !== null && runs.length === clock.digitOrder.length) {
      clock.digitOrder.forEach((field, i) => (fields[field] = Number(runs[i])));
      return fields;
    }
  }
  for (const part of clock.format.formatToParts(ms)) {
    if ((FIELDS as readonly string[]).includes(part.type)) fields[part.type as Field] = Number(part.value);
  }
  return fields;
}

function offsetMs(clock: ZoneClock, ms: number): number {
  const bucket = Math.floor(ms / BUCKET_MS);
  let offset = clock.offsets.get(bucket);
  if (offset === undefined) {
    const start = bucket * BUCKET_MS;
    const f = localFields(clock, start);
    // hour 24 (seen in some engines) rolls over correctly in Date.UTC.
    offset = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - start;
    if (clock.offsets.size >= MAX_CACHED_BUCKETS) clock.offsets.clear();
    clock.offsets.set(bucket, offset);
  }
  return offset;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    clockFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * A converter from an instant (ms since epoch) to the trading day (days since 1970-01-01 of the
 * local date) in `timeZone`. Throws RangeError for an unknown IANA zone.
 */
export function tradingDayConverter(timeZone: string): (ms: number) => TradingDay {
  const clock = clockFor(timeZone);
  return (ms) => Math.floor((ms + offsetMs(clock, ms)) / MS_PER_DAY);
}

export function tradingDayOf(ms: number, timeZone: string): TradingDay {
  return tradingDayConverter(timeZone)(ms);
}
