import type { DailySeries } from "../core";

/** A history kept in memory, and when the next get asks upstream instead of answering it. */
export interface HeldSeries {
  readonly series: DailySeries;
  recheckAt: number;
}

/** Memory budget of a store built without one: 256 MB holds about 1,500 histories of 13 years. */
export const DEFAULT_MEMORY_BYTES = 256 * 1024 * 1024;

/** Bookkeeping per history besides its columns: the object, its strings, the map entry. */
const ENTRY_OVERHEAD_BYTES = 512;

/** What holding `series` costs in memory: its columns, its strings (UTF-16) and a fixed overhead. */
export function seriesBytes(series: DailySeries): number {
  const columns =
    series.days.byteLength +
    series.open.byteLength +
    series.high.byteLength +
    series.low.byteLength +
    series.close.byteLength +
    // adjClose may be the close column itself when the series is not adjusted
    (series.adjClose === series.close ? 0 : series.adjClose.byteLength) +
    series.volume.byteLength;
  const text = series.symbol.length + series.provider.length + series.timeZone.length + (series.currency?.length ?? 0);
  return columns + 2 * (text + (series.staleBecause?.length ?? 0)) + ENTRY_OVERHEAD_BYTES;
}

interface Entry<V> {
  readonly value: V;
  readonly bytes: number;
}

/**
 * Values in memory within a byte budget, least recently used dropped first: the session's copy in
 * front of a persistent cache (Redis, IndexedDB), which still answers for what was dropped. Several
 * stores may share one, each in its own key space from `newScope()`. Hand-written over a Map's
 * insertion order rather than lru-cache, which would add ~19 KB to the add-in's functions bundle.
 */
export class ByteBudgetMemory<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private total = 0;
  private scopes = 0;

  constructor(
    readonly budgetBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {
    if (!(budgetBytes >= 0)) throw new RangeError(`a memory budget is a number of bytes, not ${budgetBytes}`);
  }

  /** A key prefix no other user of this memory has. */
  newScope(): string {
    return `${this.scopes++}\u0000`;
  }

  /** The held value, now the most recently used. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Holds `value` as the most recently used, dropping the least recently used ones beyond the budget. */
  set(key: string, value: V): void {
    this.delete(key);
    const bytes = this.sizeOf(value);
    if (bytes > this.budgetBytes) return; // would push out everything else and still not fit
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.total -= entry.bytes;
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.total -= entry.bytes;
  }

  /** Every held value whose key starts with `scope`. */
  *heldIn(scope: string): IterableIterator<V> {
    for (const [key, entry] of this.entries) if (key.startsWith(scope)) yield entry.value;
  }

  /** Drops every value whose key starts with `scope`. */
  deleteScope(scope: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(scope)) this.delete(key);
  }

  /** Bytes held, by `sizeOf`. */
  bytes(): number {
    return this.total;
  }

  /** Values held. */
  count(): number {
    return this.entries.size;
  }
}

/**
 * Histories in memory within a byte budget (ByteBudgetMemory of HeldSeries). Several stores may share
 * one (the server's per-provider stores share the server's budget), each in its own key space.
 */
export class SeriesMemory extends ByteBudgetMemory<HeldSeries> {
  constructor(budgetBytes: number = DEFAULT_MEMORY_BYTES, sizeOf: (series: DailySeries) => number = seriesBytes) {
    super(budgetBytes, (held) => sizeOf(held.series));
  }
}
