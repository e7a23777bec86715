import type { MarketErrorKind } from "../core";

/** Distinct reasons kept; the least recently seen goes first when a new one arrives. */
export const MAX_FAILURE_REASONS = 8;
/** Tickers named per reason; the count goes on regardless. */
export const MAX_REASON_TICKERS = 5;

/** Stands for the ticker in `FailureReason.reason`, so one outage for many tickers is one reason. */
export const TICKER_PLACEHOLDER = "{ticker}";

/** One distinct reason the provider failed, with how often and for which tickers. */
export interface FailureReason {
  readonly kind: MarketErrorKind;
  /** The message with its ticker replaced by {ticker}: what tells reasons apart. */
  readonly reason: string;
  /** The latest such message in full, as the provider worded it. */
  readonly example: string;
  /** Failed requests with this reason so far (a stale copy may still have answered them). */
  readonly count: number;
  /** The first few distinct tickers it happened for (at most MAX_REASON_TICKERS). */
  readonly tickers: readonly string[];
  /** More distinct tickers had it than `tickers` names. */
  readonly moreTickers: boolean;
  /** When it last happened (ms, the store's clock). */
  readonly lastAt: number;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * `message` with `symbol` replaced by {ticker} where it stands as a whole ticker ("A" is not
 * replaced inside "Yahoo"). Characters that can be part of a ticker (letters, digits, . ^ = -)
 * may not touch it on either side, except a full stop that ends a sentence.
 */
export function reasonOf(message: string, symbol: string | null): string {
  if (symbol === null || symbol === "") return message;
  const pattern = new RegExp(`(^|[^A-Za-z0-9.^=-])${escapeRegExp(symbol)}(?=$|\\.(?![A-Za-z0-9])|[^A-Za-z0-9.^=-])`, "g");
  return message.replace(pattern, (_match, before: string) => `${before}${TICKER_PLACEHOLDER}`);
}

interface Entry {
  kind: MarketErrorKind;
  reason: string;
  example: string;
  count: number;
  tickers: string[];
  moreTickers: boolean;
  lastAt: number;
}

/** The most recent distinct failure reasons with counts, bounded to MAX_FAILURE_REASONS. */
export class FailureLog {
  /** Insertion order is recency: an entry seen again moves to the end. */
  private readonly entries = new Map<string, Entry>();

  record(kind: MarketErrorKind, message: string, symbol: string | null, at: number): void {
    const reason = reasonOf(message, symbol);
    const key = `${kind}\u0000${reason}`;
    const entry = this.entries.get(key) ?? { kind, reason, example: message, count: 0, tickers: [], moreTickers: false, lastAt: at };
    this.entries.delete(key);
    entry.count++;
    entry.example = message;
    entry.lastAt = at;
    if (symbol !== null && !entry.tickers.includes(symbol)) {
      if (entry.tickers.length < MAX_REASON_TICKERS) entry.tickers.push(symbol);
      else entry.moreTickers = true;
    }
    this.entries.set(key, entry);
    while (this.entries.size > MAX_FAILURE_REASONS) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Most frequent first; equal counts, the latest first. Copies: the log keeps changing. */
  reasons(): FailureReason[] {
    return [...this.entries.values()]
      .map((entry) => ({ ...entry, tickers: [...entry.tickers] }))
      .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt);
  }
}

/**
 * Several stores' reasons as one list (the data status of histories and valuation data): the same
 * reason from two stores is one entry with both counts and tickers. Most frequent first, then the latest.
 */
export function mergeFailureReasons(...lists: readonly (readonly FailureReason[])[]): FailureReason[] {
  const merged = new Map<string, FailureReason>();
  for (const reason of lists.flat()) {
    const key = `${reason.kind}\u0000${reason.reason}`;
    const known = merged.get(key);
    if (known === undefined) {
      merged.set(key, { ...reason, tickers: [...reason.tickers] });
      continue;
    }
    const tickers = [...new Set([...known.tickers, ...reason.tickers])];
    const later = reason.lastAt > known.lastAt ? reason : known;
    merged.set(key, {
      ...later,
      count: known.count + reason.count,
      tickers: tickers.slice(0, MAX_REASON_TICKERS),
      moreTickers: known.moreTickers || reason.moreTickers || tickers.length > MAX_REASON_TICKERS,
    });
  }
  return [...merged.values()].sort((a, b) => b.count - a.count || b.lastAt - a.lastAt).slice(0, MAX_FAILURE_REASONS);
}
