import { DailySeries } from "../../src/market";
import { HistorySource } from "../../src/addin";

/** Weekday trading days starting at `firstDay` (a day number), `count` of them. */
export function weekdays(firstDay: number, count: number): Int32Array {
  const days = new Int32Array(count);
  let day = firstDay;
  for (let i = 0; i < count; day++) {
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    if (weekday !== 0 && weekday !== 6) days[i++] = day;
  }
  return days;
}

export function dayOfIso(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}

/** A hand-made history: adjusted closes as given, raw closes 2% higher, OHLC around them. */
export function makeSeries(symbol: string, adjCloses: number[], firstIso = "2025-01-02", demo = false): DailySeries {
  const adjClose = Float64Array.from(adjCloses);
  const close = adjClose.map((x) => x * 1.02);
  return {
    symbol,
    provider: "test",
    timeZone: "America/New_York",
    currency: "USD",
    days: weekdays(dayOfIso(firstIso), adjCloses.length),
    open: close.map((x) => x - 0.5),
    high: close.map((x) => x + 1),
    low: close.map((x) => x - 1),
    close,
    adjClose,
    volume: adjClose.map((_, i) => 1000 + i),
    adjusted: true,
    demo,
    fetchedAt: 0,
  };
}

/** A history source over fixed series; unknown symbols reject like a provider would. */
export class FixedHistorySource implements HistorySource {
  readonly requests: string[] = [];
  constructor(
    private readonly series: Record<string, DailySeries>,
    private readonly failure?: (symbol: string) => Error,
  ) {}

  async get(symbol: string): Promise<DailySeries> {
    this.requests.push(symbol);
    const found = this.series[symbol];
    if (found) return found;
    throw this.failure ? this.failure(symbol) : new Error(`no series for ${symbol}`);
  }
}
