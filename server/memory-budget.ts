import { SeriesMemory, seriesBytes, ValuationMemory } from "../src/market";
import type { DailySeries } from "../src/market";

/** MKT_MEMORY_CACHE_MB's default: about 350 long histories with their wire forms. */
export const DEFAULT_MEMORY_CACHE_MB = 256;

/**
 * What the relay keeps per history besides its columns, per bar: the SeriesJson bytes (~107 a bar)
 * and its brotli and gzip forms (~21 and ~31), which SeriesBodies keeps as long as the history is
 * held. Measured on TSLA's recorded history (3,303 bars: 172 KB of columns, 353 KB of JSON,
 * 71 KB brotli, 104 KB gzip).
 */
export const WIRE_BYTES_PER_BAR = 160;

/** What holding `series` costs the relay: its columns and, counted whether made yet or not, its wire forms. */
export function relayedSeriesBytes(series: DailySeries): number {
  return seriesBytes(series) + series.days.length * WIRE_BYTES_PER_BAR;
}

/**
 * The memory every provider's store shares on this server: `megabytes` of histories with their wire
 * forms, least recently used dropped first (Redis, when configured, still has them).
 */
export function relayMemory(megabytes: number = DEFAULT_MEMORY_CACHE_MB): SeriesMemory {
  return new SeriesMemory(megabytes * 1024 * 1024, relayedSeriesBytes);
}

/** Valuation data's memory beside the histories': this share of MKT_MEMORY_CACHE_MB more (16 MB at the default, ~16,000 snapshots). */
export const VALUATION_MEMORY_SHARE = 1 / 16;

/**
 * The memory every provider's snapshot store shares on this server: snapshots and earnings histories
 * (about 1 KB each, their JSON sent as is), least recently used dropped first; at least 1 MB.
 */
export function relayValuationMemory(megabytes: number = DEFAULT_MEMORY_CACHE_MB): ValuationMemory {
  return new ValuationMemory(Math.max(1, megabytes * VALUATION_MEMORY_SHARE) * 1024 * 1024);
}
