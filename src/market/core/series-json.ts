import { DailySeries } from "./types";

/** Wire form of a DailySeries (relay responses, persistent caches). */
export interface SeriesJson {
  symbol: string;
  provider: string;
  timeZone: string;
  currency: string | null;
  adjusted: boolean;
  demo: boolean;
  fetchedAt: number;
  /** DailySeries.staleBecause, when set. */
  staleBecause?: string;
  days: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  adjClose: number[];
  volume: number[];
}

const COLUMNS = ["open", "high", "low", "close", "adjClose", "volume"] as const;

export function seriesToJson(series: DailySeries): SeriesJson {
  const json = {
    symbol: series.symbol,
    provider: series.provider,
    timeZone: series.timeZone,
    currency: series.currency,
    adjusted: series.adjusted,
    demo: series.demo,
    fetchedAt: series.fetchedAt,
    days: Array.from(series.days),
  } as SeriesJson;
  if (series.staleBecause !== undefined) json.staleBecause = series.staleBecause;
  for (const column of COLUMNS) json[column] = Array.from(series[column]);
  return json;
}

/** Parses and validates a SeriesJson; throws a plain Error naming the first problem. */
export function seriesFromJson(value: unknown): DailySeries {
  if (typeof value !== "object" || value === null) throw new Error("series is not an object");
  const json = value as Partial<SeriesJson>;
  if (typeof json.symbol !== "string" || typeof json.provider !== "string") {
    throw new Error("series has no symbol or provider");
  }
  if (!Array.isArray(json.days)) throw new Error("series has no days");
  const length = json.days.length;
  const columns = {} as Record<(typeof COLUMNS)[number], Float64Array>;
  for (const column of COLUMNS) {
    const data = json[column];
    if (!Array.isArray(data) || data.length !== length) {
      throw new Error(`series column ${column} is missing or has the wrong length`);
    }
    // JSON cannot carry NaN: null stands for a missing value.
    columns[column] = Float64Array.from(data, (x) => (typeof x === "number" ? x : NaN));
  }
  const days = Int32Array.from(json.days);
  for (let i = 1; i < length; i++) {
    if (days[i] <= days[i - 1]) throw new Error("series days are not strictly ascending");
  }
  return {
    symbol: json.symbol,
    provider: json.provider,
    timeZone: typeof json.timeZone === "string" ? json.timeZone : "UTC",
    currency: typeof json.currency === "string" ? json.currency : null,
    adjusted: json.adjusted === true,
    demo: json.demo === true,
    fetchedAt: typeof json.fetchedAt === "number" ? json.fetchedAt : 0,
    ...(typeof json.staleBecause === "string" ? { staleBecause: json.staleBecause } : {}),
    days,
    ...columns,
  };
}
