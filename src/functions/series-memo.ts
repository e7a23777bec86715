import { DailySeries } from "../market";

/**
 * Indicator series computed once per history and reused by every cell that asks for the same
 * one (a sheet often holds hundreds of formulas on the same tickers). Least recently used
 * entries are dropped beyond a byte budget: 500 cached histories with a handful of indicators
 * each would otherwise hold more memory in indicators than in the histories themselves.
 */
export const DEFAULT_MEMO_BUDGET_BYTES = 32 * 1024 * 1024;

interface Entry {
  readonly value: unknown;
  readonly bytes: number;
}

const seriesIds = new WeakMap<DailySeries, number>();
let nextSeriesId = 1;
/** Map iteration order is insertion order: re-inserting on use keeps the oldest first. */
const entries = new Map<string, Entry>();
let usedBytes = 0;
let budgetBytes = DEFAULT_MEMO_BUDGET_BYTES;

function seriesId(series: DailySeries): number {
  let id = seriesIds.get(series);
  if (id === undefined) {
    id = nextSeriesId++;
    seriesIds.set(series, id);
  }
  return id;
}

/** Typed arrays count their bytes; objects and arrays the typed arrays they hold, plus a small overhead. */
function sizeOf(value: unknown): number {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (Array.isArray(value)) return 16 + value.reduce((sum: number, item) => sum + sizeOf(item), 0);
  if (typeof value === "object" && value !== null) {
    return Object.values(value).reduce((sum: number, item) => sum + sizeOf(item), 32);
  }
  return 8;
}

function evictBeyondBudget(): void {
  for (const [key, entry] of entries) {
    if (usedBytes <= budgetBytes || entries.size <= 1) return;
    entries.delete(key);
    usedBytes -= entry.bytes;
  }
}

export function memoized<T>(series: DailySeries, key: string, compute: () => T): T {
  const fullKey = `${seriesId(series)}|${key}`;
  const hit = entries.get(fullKey);
  if (hit !== undefined) {
    entries.delete(fullKey);
    entries.set(fullKey, hit);
    return hit.value as T;
  }
  const value = compute();
  const bytes = sizeOf(value);
  entries.set(fullKey, { value, bytes });
  usedBytes += bytes;
  evictBeyondBudget();
  return value;
}

/** For tests and benchmarks: change the budget (evicting at once) and read the use. */
export function setMemoBudget(bytes: number): void {
  budgetBytes = bytes;
  evictBeyondBudget();
}

export function memoUsage(): { entries: number; bytes: number; budgetBytes: number } {
  return { entries: entries.size, bytes: usedBytes, budgetBytes };
}

/**
 * Single indicator values by bar, kept with their history (gone when it is): a recalculation
 * asks each ticker for the same few values, and these stay cheap when the full series above
 * have been evicted. Bounded per history in case a sheet walks through every date.
 */
const MAX_POINTS_PER_SERIES = 4096;
const points = new WeakMap<DailySeries, Map<string, number>>();

export function memoizedPoint(series: DailySeries, key: string, compute: () => number): number {
  let values = points.get(series);
  if (values === undefined) {
    values = new Map();
    points.set(series, values);
  }
  const hit = values.get(key);
  if (hit !== undefined) return hit;
  const value = compute();
  if (values.size >= MAX_POINTS_PER_SERIES) values.clear();
  values.set(key, value);
  return value;
}
