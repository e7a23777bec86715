import { MarketDataError, messageOf } from "../core";
import { formatWait } from "../resilience";

/** How the limits word a refusal's wait at the end of its message (formatWait): "try again in 61 min". */
const TRY_AGAIN_IN = /try again in \d+ (?:s|min|h)$/;
/** Remembered failures kept at most (each a few hundred bytes); the oldest go first. */
const MAX_REMEMBERED_FAILURES = 10_000;

interface RememberedFailure {
  readonly error: MarketDataError;
  /** When it happened, and until when it answers. */
  readonly at: number;
  readonly until: number;
}

/**
 * Recent failures with no copy to fall back on, by symbol and key, answering every get of them
 * without asking the provider again: for `memoryMs`, or a refusal that says when it could be served
 * (rate-limited or plan-limit with retryAfterSeconds) exactly until then, its wait counted down in
 * its message. Shared by the history and snapshot stores.
 */
export class FailureMemory {
  private readonly failed = new Map<string, RememberedFailure>();

  constructor(
    private readonly now: () => number,
    private readonly memoryMs: number,
  ) {}

  /** The remembered failure of `key` for `apiKey`, with its wait brought up to date; null when none (any longer). */
  recent(key: string, apiKey: string | null): MarketDataError | null {
    const id = failureKey(key, apiKey);
    const failure = this.failed.get(id);
    if (failure === undefined) return null;
    const now = this.now();
    if (now >= failure.until) {
      this.failed.delete(id);
      return null;
    }
    const { error, at } = failure;
    if (error.retryAfterSeconds === null) return error;
    // The provider's Retry-After, counted from when it was said; a refusal's "try again in 61 min" too.
    const left = Math.max(0, Math.ceil(error.retryAfterSeconds - (now - at) / 1000));
    const message = error.message.replace(TRY_AGAIN_IN, `try again in ${formatWait(left * 1000)}`);
    return new MarketDataError(error.kind, message, error.symbol, left, { hostNotFound: error.hostNotFound });
  }

  remember(key: string, apiKey: string | null, error: MarketDataError): void {
    if (this.memoryMs <= 0) return;
    const id = failureKey(key, apiKey);
    this.failed.delete(id); // re-inserted as the newest
    const at = this.now();
    // A refusal with a retry time answers exactly until then: never past it (a 5 s Retry-After is not
    // held for 30 s), and no upstream attempt before it that the limits would refuse anyway.
    const memoryMs = isRefusal(error) ? error.retryAfterSeconds! * 1000 : this.memoryMs;
    if (memoryMs <= 0) return;
    this.failed.set(id, { error, at, until: at + memoryMs });
    if (this.failed.size > MAX_REMEMBERED_FAILURES) this.failed.delete(this.failed.keys().next().value as string);
  }

  /** Forgets the remembered refusals (rate-limited, and plan-limit with a retry time); returns how many. */
  forgetRefusals(): number {
    let forgotten = 0;
    for (const [id, failure] of this.failed) {
      if (failure.error.kind !== "rate-limited" && !isRefusal(failure.error)) continue;
      this.failed.delete(id);
      forgotten++;
    }
    return forgotten;
  }

  clear(): void {
    this.failed.clear();
  }
}

/** A refusal that says when it could be served: rate-limited or plan-limit with retryAfterSeconds. */
export function isRefusal(error: MarketDataError): boolean {
  return (
    (error.kind === "rate-limited" || error.kind === "plan-limit") &&
    typeof error.retryAfterSeconds === "number" &&
    Number.isFinite(error.retryAfterSeconds) &&
    error.retryAfterSeconds >= 0
  );
}

/** Failures are kept per key: one analyst's refused key must not fail another's request. */
function failureKey(ticker: string, apiKey: string | null): string {
  return apiKey === null ? ticker : `${ticker}\u0000${apiKey}`;
}

/** `work()`'s value, or `fallback` if it throws, rejects or takes longer than `ms`. Never rejects. */
export function settleWithin<T>(work: () => Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise<T>((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    const done = (value: T): void => {
      clearTimeout(timer);
      resolve(value);
    };
    Promise.resolve()
      .then(work)
      .then(done, () => done(fallback));
  });
}

/** Providers that retry (ResilientProvider) say how often; others count as never retrying. */
export function retriesOf(provider: object): number {
  const counting = provider as { retryCount?: unknown };
  return typeof counting.retryCount === "function" ? Number((counting.retryCount as () => unknown).call(provider)) : 0;
}

/** Providers promise MarketDataError only; anything else is a bug we still report readably. */
export function toMarketError(error: unknown, symbol: string, provider: string): MarketDataError {
  if (error instanceof MarketDataError) return error;
  return new MarketDataError("unavailable", `Provider ${provider} failed for ${symbol}: ${messageOf(error)}`, symbol);
}
