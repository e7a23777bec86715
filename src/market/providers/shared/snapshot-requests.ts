import { keySafeError } from "./key-safe-error";
import type { ProviderSettings } from "./provider-client";
import type { ProviderOptions, UpstreamLimiter } from "./provider-spec";
import { MarketDataError, messageOf, QuarterlyEarnings, SnapshotOutcome, Ticker, TickerSnapshot } from "../../core";

/** A bare provider's limiter: every request goes out at once, cancelled only by the caller. */
const DIRECT: UpstreamLimiter = {
  run: (_symbol, work, options) => {
    try {
      return work(options?.signal ?? new AbortController().signal);
    } catch (error) {
      return Promise.reject(error);
    }
  },
};

/** The plan's limiter from ProviderOptions (createDirectProvider), or direct sending. */
export function limiterOf(options: ProviderOptions): UpstreamLimiter {
  return options.limiter ?? DIRECT;
}

/**
 * One outcome per ticker asked: `each(ticker)` for every distinct ticker at once (the limiter queues
 * them within the plan), and a failure as that ticker's outcome, as a MarketDataError that cannot
 * contain the configured key. Never rejects (SnapshotProvider.fetchSnapshots).
 */
export async function eachSnapshot(
  tickers: readonly Ticker[],
  settings: ProviderSettings,
  each: (ticker: Ticker) => Promise<TickerSnapshot>,
): Promise<Map<Ticker, SnapshotOutcome>> {
  const distinct = [...new Set(tickers)];
  const outcomes = await Promise.all(
    distinct.map(async (ticker): Promise<SnapshotOutcome> => {
      try {
        return await each(ticker);
      } catch (error) {
        return outcomeError(error, ticker, settings);
      }
    }),
  );
  return new Map(distinct.map((ticker, i) => [ticker, outcomes[i]]));
}

/** `error` as the outcome of `ticker`: key-safe, and naming the ticker. */
export function outcomeError(error: unknown, ticker: Ticker, settings: ProviderSettings): MarketDataError {
  const safe = keySafeError(error, [settings.apiKey], settings.label);
  // A batch's failure names its first ticker; each ticker's outcome names itself.
  let message = safe.symbol === null || safe.symbol === ticker ? safe.message : safe.message.replace(tickerPattern(safe.symbol), ticker);
  // Some failures concern no ticker ("…needs an API key"): the outcome of a basket's member still says whose it is.
  if (!tickerPattern(ticker).test(message)) message = `${message.replace(/[.\s]+$/, "")} (asked for ${ticker})`;
  if (safe.symbol === ticker && message === safe.message) return safe;
  return new MarketDataError(safe.kind, message, ticker, safe.retryAfterSeconds, { hostNotFound: safe.hostNotFound });
}

/**
 * Quarters as EarningsHistory keeps them: ascending by report date, one per report date and period
 * (a quarter listed twice with the same EPS is kept once; with different EPS neither can be trusted,
 * so the later listing wins only when identical), only quarters already reported by `today`.
 */
export function ascendingQuarters(quarters: readonly QuarterlyEarnings[], today: number): QuarterlyEarnings[] {
  const sorted = quarters
    .filter((quarter) => quarter.reportedOn <= today && Number.isFinite(quarter.eps))
    .slice()
    .sort((a, b) => a.reportedOn - b.reportedOn || (a.periodEnd ?? 0) - (b.periodEnd ?? 0));
  const kept: QuarterlyEarnings[] = [];
  for (const quarter of sorted) {
    const previous = kept[kept.length - 1];
    if (previous !== undefined && previous.reportedOn === quarter.reportedOn && previous.periodEnd === quarter.periodEnd) {
      if (previous.eps !== quarter.eps) kept.pop();
      continue;
    }
    kept.push(quarter);
  }
  return kept;
}

/** `symbol` standing as a word in a message (not inside another ticker or word). */
function tickerPattern(symbol: string): RegExp {
  const escaped = symbol.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![A-Za-z0-9.^=&-])${escaped}(?![A-Za-z0-9=&-]|\\.[A-Za-z0-9])`, "g");
}

/**
 * `work`, a part of a snapshot that can be missing (a forward estimate, a price beside a provider's
 * ratios): its value, or null with a note when the provider refuses it for good (plan-limit, no data,
 * an unreadable answer). A failure that another try may fix (rate-limited, unavailable) or that
 * concerns every request (invalid-key) fails the whole snapshot instead, so a snapshot kept for the
 * day is never a partial one that only a passing failure made partial.
 */
export async function optionalPart<T>(work: Promise<T>, what: string, notes: string[]): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof MarketDataError)) throw error;
    if (error.kind === "rate-limited" || error.kind === "unavailable" || error.kind === "invalid-key") throw error;
    notes.push(`${what}: ${messageOf(error)}`);
    return null;
  }
}
