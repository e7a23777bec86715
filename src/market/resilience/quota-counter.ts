/** Whose daily quota a request counts against: a provider and the key it is sent with. */
export interface QuotaScope {
  /** "alphavantage". */
  readonly provider: string;
  /**
   * The key the requests are sent with (quotas are per key); null when there is none. Counters keep
   * a hash of it, never the key itself, wherever they store counts (Redis).
   */
  readonly apiKey: string | null;
}

export interface QuotaTake {
  /** The request may go: it was counted. */
  readonly ok: boolean;
  /** Requests counted for the scope that day, this one included when ok. */
  readonly used: number;
}

/**
 * Counts requests per scope and calendar day against a daily quota. The Redis implementation
 * (store/node) is shared by every server instance, so together they spend a quota once; the local
 * one counts for this process alone.
 */
export interface QuotaCounter {
  /** Counts one request for `scope` on `day` (YYYY-MM-DD, UTC) unless `limit` are counted already. */
  take(scope: QuotaScope, day: string, limit: number): Promise<QuotaTake>;
}

/** A quota counter in this process's memory: keeps the current day's counts only. */
export class LocalQuotaCounter implements QuotaCounter {
  private day = "";
  private readonly counts = new Map<string, number>();

  async take(scope: QuotaScope, day: string, limit: number): Promise<QuotaTake> {
    return this.takeNow(scope, day, limit);
  }

  /** take(), synchronously: for a caller (the Redis counter's fallback) that must not yield first. */
  takeNow(scope: QuotaScope, day: string, limit: number): QuotaTake {
    if (day !== this.day) {
      this.day = day;
      this.counts.clear();
    }
    const key = `${scope.provider}\n${scope.apiKey ?? ""}`;
    const used = this.counts.get(key) ?? 0;
    if (used >= limit) return { ok: false, used };
    this.counts.set(key, used + 1);
    return { ok: true, used: used + 1 };
  }
}

const MS_PER_DAY = 86_400_000;

/** The calendar day (UTC) of an instant, as quota counters key it: "2026-12-01". */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The next midnight (UTC) after `ms`: when a daily quota starts again. */
export function nextUtcMidnight(ms: number): number {
  return (Math.floor(ms / MS_PER_DAY) + 1) * MS_PER_DAY;
}
