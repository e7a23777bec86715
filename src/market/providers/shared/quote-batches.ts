import { keySafeError } from "./key-safe-error";
import type { ProviderSettings } from "./provider-client";
import { outcomeError } from "./snapshot-requests";
import { MarketDataError, QuoteOutcome, Ticker } from "../../core";

/** `items` in runs of at most `size`, in order. */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const step = Math.max(1, Math.floor(size));
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += step) batches.push(items.slice(i, i + step));
  return batches;
}

export interface QuoteBatchPlan {
  /** Most tickers one request carries. */
  readonly perRequest: number;
  /** Throws (unknown-symbol) for a ticker the provider cannot spell: its outcome, without a request. */
  readonly check?: (ticker: Ticker) => void;
  /** Tickers that may share a request (Twelve Data: one exchange per request); default all. */
  readonly groupOf?: (ticker: Ticker) => string;
}

/**
 * The quotes of `tickers` (each once), in requests of at most `plan.perRequest` tickers made by
 * `fetchBatch`, all at once (the limiter inside queues them within the plan). Each ticker gets one
 * outcome: its quote, or a MarketDataError about it (unknown to the provider, refused before asking,
 * or the failure of its request), never with the key in it. Rejects only when no ticker was answered
 * about: every request failed for a reason other than the ticker (a refused key, a rate limit, an
 * outage) and none was refused before asking.
 */
export async function fetchQuoteBatches(
  tickers: readonly Ticker[],
  settings: ProviderSettings,
  plan: QuoteBatchPlan,
  fetchBatch: (batch: readonly Ticker[]) => Promise<ReadonlyMap<Ticker, QuoteOutcome>>,
): Promise<Map<Ticker, QuoteOutcome>> {
  const outcomes = new Map<Ticker, QuoteOutcome>();
  const groups = new Map<string, Ticker[]>();
  for (const ticker of new Set(tickers)) {
    try {
      plan.check?.(ticker);
    } catch (error) {
      outcomes.set(ticker, outcomeError(error, ticker, settings));
      continue;
    }
    const group = plan.groupOf?.(ticker) ?? "";
    const members = groups.get(group) ?? [];
    members.push(ticker);
    groups.set(group, members);
  }
  const batches = [...groups.values()].flatMap((members) => inBatches(members, plan.perRequest));
  const settled = await Promise.allSettled(batches.map((batch) => fetchBatch(batch)));
  let answered = outcomes.size > 0;
  let firstFailure: unknown = null;
  settled.forEach((result, i) => {
    const batch = batches[i];
    if (result.status === "rejected") {
      // A one-ticker endpoint answers an unknown ticker by failing its request: that is an answer.
      if (isAboutTheTicker(result.reason)) answered = true;
      else firstFailure ??= result.reason;
      for (const ticker of batch) outcomes.set(ticker, outcomeError(result.reason, ticker, settings));
      return;
    }
    answered = true;
    for (const ticker of batch) {
      const outcome = result.value.get(ticker);
      outcomes.set(
        ticker,
        outcome instanceof MarketDataError ? outcomeError(outcome, ticker, settings) : (outcome ?? noAnswer(ticker, settings)),
      );
    }
  });
  if (!answered && firstFailure !== null) throw keySafeError(firstFailure, [settings.apiKey], settings.label);
  const ordered = new Map<Ticker, QuoteOutcome>();
  for (const ticker of new Set(tickers)) {
    const outcome = outcomes.get(ticker);
    if (outcome !== undefined) ordered.set(ticker, outcome);
  }
  return ordered;
}

/** A failure that says something about the ticker asked, not about the request or the key. */
function isAboutTheTicker(error: unknown): boolean {
  return (
    error instanceof MarketDataError && (error.kind === "unknown-symbol" || error.kind === "invalid-symbol" || error.kind === "no-data")
  );
}

/** A parser that left a ticker of its batch out (it should not): asked again next time, as an outage would be. */
function noAnswer(ticker: Ticker, settings: ProviderSettings): MarketDataError {
  return new MarketDataError("unavailable", `${settings.label} sent no quote for ${ticker}: asked again next time`, ticker);
}
