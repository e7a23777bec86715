import type { Basket } from "../../../baskets";
import { MarketDataError, parseTicker } from "../../../market";
import type { Benchmark } from "../../../workbook";

export type BenchmarkKind = Benchmark["kind"];

/** The benchmark fields as the analyst left them. */
export interface BenchmarkDraft {
  readonly kind: BenchmarkKind;
  readonly ticker: string;
  readonly basketName: string;
}

export const DEFAULT_BENCHMARK: BenchmarkDraft = { kind: "ticker", ticker: "SPY", basketName: "" };

export interface BenchmarkCheck {
  readonly message: string | null;
  readonly benchmark: Benchmark | null;
}

/** A benchmark ticker or basket; `compared` are the baskets measured against it, which it may not be. */
export function checkBenchmark(draft: BenchmarkDraft, baskets: readonly Basket[], compared: readonly string[]): BenchmarkCheck {
  if (draft.kind === "ticker") {
    try {
      return { message: null, benchmark: { kind: "ticker", ticker: parseTicker(draft.ticker) } };
    } catch (error) {
      const message = draft.ticker.trim() === "" ? "Enter a benchmark ticker, e.g. SPY." : (error as MarketDataError).message;
      return { message, benchmark: null };
    }
  }
  const basket = baskets.find((candidate) => candidate.name === draft.basketName);
  if (basket === undefined) return { message: "Choose the benchmark basket.", benchmark: null };
  if (compared.includes(basket.name))
    return { message: `${basket.name} cannot be its own benchmark; choose another basket.`, benchmark: null };
  return { message: null, benchmark: { kind: "basket", basket } };
}
