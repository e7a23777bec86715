const BUCKET_MS = 1_000;
const BUCKETS = 60;

/** Events counted over the last minute, in one-second buckets of the caller's clock. */
export class RateCounter {
  private readonly counts = new Float64Array(BUCKETS);
  private readonly stamps = new Float64Array(BUCKETS).fill(Number.NaN);
  private total = 0;

  add(time: number, count = 1): void {
    const second = Math.floor(time / BUCKET_MS);
    const slot = ((second % BUCKETS) + BUCKETS) % BUCKETS;
    if (this.stamps[slot] !== second) {
      this.stamps[slot] = second;
      this.counts[slot] = 0;
    }
    this.counts[slot] += count;
    this.total += count;
  }

  /** Counted in the minute up to `now`. */
  perMinute(now: number): number {
    const current = Math.floor(now / BUCKET_MS);
    let sum = 0;
    for (let i = 0; i < BUCKETS; i++) {
      const age = current - this.stamps[i];
      if (age >= 0 && age < BUCKETS) sum += this.counts[i];
    }
    return sum;
  }

  /** Counted since it was made. */
  get count(): number {
    return this.total;
  }
}
