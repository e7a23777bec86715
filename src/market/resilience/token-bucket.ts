export interface TokenBucketOptions {
  /** Most tokens held at once: how many requests may go out back to back. */
  readonly capacity: number;
  /** Tokens added per millisecond (requestsPerMinute / 60 000). */
  readonly refillPerMs: number;
  readonly now: () => number;
}

export type Reservation = { readonly ok: true; readonly waitMs: number } | { readonly ok: false; readonly waitMs: number };

/**
 * A token bucket that hands out reservations instead of blocking: a caller learns at once how long
 * its token is away and either takes it (and sleeps that long) or declines without using it. The
 * token count goes negative while reservations queue, so they are served first come, first served.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(private readonly options: TokenBucketOptions) {
    if (!(options.capacity >= 1)) throw new RangeError(`token bucket capacity must be at least 1, got ${options.capacity}`);
    if (!(options.refillPerMs > 0)) throw new RangeError(`token bucket refill rate must be positive, got ${options.refillPerMs}`);
    this.tokens = options.capacity;
    this.updatedAt = options.now();
  }

  /** Milliseconds until a token would be free for a new reservation. */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.options.refillPerMs;
  }

  /** Takes the next token if it is free within `maxWaitMs`; otherwise takes nothing. */
  reserve(maxWaitMs: number = Number.POSITIVE_INFINITY): Reservation {
    const waitMs = this.waitMs();
    if (waitMs > maxWaitMs) return { ok: false, waitMs };
    this.tokens -= 1;
    return { ok: true, waitMs };
  }

  /** Returns a reserved token that was not used (its caller gave up while waiting). */
  refund(): void {
    this.refill();
    this.tokens = Math.min(this.options.capacity, this.tokens + 1);
  }

  /** No token is handed out before `time` (the upstream asked us to wait: Retry-After). */
  holdUntil(time: number): void {
    this.refill();
    const aheadMs = time - this.options.now();
    if (aheadMs > 0) this.tokens = Math.min(this.tokens, 1 - aheadMs * this.options.refillPerMs);
  }

  private refill(): void {
    const now = this.options.now();
    const elapsed = now - this.updatedAt;
    if (elapsed > 0) this.tokens = Math.min(this.options.capacity, this.tokens + elapsed * this.options.refillPerMs);
    this.updatedAt = Math.max(this.updatedAt, now);
  }
}
