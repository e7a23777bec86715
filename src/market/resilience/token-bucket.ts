export interface TokenBucketOptions {
  /** Tokens in the bucket: the window's requests (5 for "5 requests a minute"), all usable at once. */
  readonly capacity: number;
  /** How long a spent token stays out: one window after its request was sent. */
  readonly windowMs: number;
  readonly now: () => number;
}

/** A token taken from the bucket: `send()` when its request goes upstream, `release()` if it never does. */
export interface TokenLease {
  send(): void;
  release(): void;
}

/**
 * A plan's window ("5 requests a minute") as a bucket of `capacity` tokens, each coming back one
 * window after the request that spent it was sent. So five a minute means five at once and the
 * sixth one minute after the first, which no provider counting per minute (sliding or calendar
 * minute) refuses; a bucket refilled continuously would let 2 × capacity − 1 through in one window
 * (a hundred Tiingo requests in the first hour of a fifty-an-hour plan).
 *
 * A token is counted out from the moment it is taken; it starts its window when its request is
 * actually sent (after a concurrency slot), since that is when the provider counts it.
 */
export class TokenBucket {
  /** When each sent token comes back, in sending order (so non-decreasing). */
  private returns: number[] = [];
  private head = 0;
  /** Taken, not yet sent (their window has not started). */
  private unsent = 0;

  constructor(private readonly options: TokenBucketOptions) {
    if (!(Number.isInteger(options.capacity) && options.capacity >= 1)) {
      throw new RangeError(`token bucket capacity must be a whole number ≥ 1, got ${options.capacity}`);
    }
    if (!(options.windowMs > 0)) throw new RangeError(`token bucket window must be positive, got ${options.windowMs}`);
  }

  get capacity(): number {
    return this.options.capacity;
  }

  get windowMs(): number {
    return this.options.windowMs;
  }

  /** Tokens out now: sent within the last window, or taken and not sent yet. */
  outstanding(): number {
    this.expire();
    return this.returns.length - this.head + this.unsent;
  }

  /** Tokens that can be taken now. */
  available(): number {
    return Math.max(0, this.options.capacity - this.outstanding());
  }

  /**
   * When the `index`-th token out (0 = the first) comes back: sent tokens in sending order, then the
   * unsent ones as if sent now. Null past the tokens out.
   */
  returnTime(index: number): number | null {
    this.expire();
    const sent = this.returns.length - this.head;
    if (index < sent) return this.returns[this.head + index];
    if (index < sent + this.unsent) return this.options.now() + this.options.windowMs;
    return null;
  }

  /** Takes a token; the caller has checked available() ≥ 1. */
  take(): TokenLease {
    if (this.available() < 1) throw new RangeError("no token available");
    this.unsent++;
    let done = false;
    return {
      send: () => {
        if (done) return;
        done = true;
        this.unsent--;
        const last = this.returns.length > this.head ? this.returns[this.returns.length - 1] : Number.NEGATIVE_INFINITY;
        this.returns.push(Math.max(last, this.options.now() + this.options.windowMs));
      },
      release: () => {
        if (done) return;
        done = true;
        this.unsent--;
      },
    };
  }

  private expire(): void {
    const now = this.options.now();
    while (this.head < this.returns.length && this.returns[this.head] <= now) this.head++;
    if (this.head > 1024 && this.head * 2 > this.returns.length) {
      this.returns = this.returns.slice(this.head);
      this.head = 0;
    }
  }
}
