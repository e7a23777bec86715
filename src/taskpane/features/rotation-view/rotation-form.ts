import type { Basket } from "../../../baskets";
import { BenchmarkDraft, checkBenchmark, DEFAULT_BENCHMARK } from "../../common/table-form/benchmark-draft";
import { ROTATION_PERIODS, RotationPeriod, RotationViewRequest } from "../../../workbook";

/** How far back the relative-strength chart can start. */
export const CHART_SPANS = ["3M", "6M", "1Y", "3Y", "5Y"] as const;

export interface RotationFormDraft {
  readonly basketNames: readonly string[];
  readonly benchmark: BenchmarkDraft;
  readonly periods: readonly RotationPeriod[];
  readonly chartSpan: string;
}

export function initialRotationForm(): RotationFormDraft {
  return { basketNames: [], benchmark: DEFAULT_BENCHMARK, periods: ROTATION_PERIODS, chartSpan: "1Y" };
}

export interface RotationFormCheck {
  readonly basketsMessage: string | null;
  readonly periodsMessage: string | null;
  readonly benchmarkMessage: string | null;
  readonly request: RotationViewRequest | null;
}

export function checkRotationForm(draft: RotationFormDraft, baskets: readonly Basket[]): RotationFormCheck {
  const chosen = baskets.filter((basket) => draft.basketNames.includes(basket.name));
  const basketsMessage = chosen.length === 0 ? "Pick at least one basket to compare." : null;
  const periodsMessage = draft.periods.length === 0 ? "Pick at least one period." : null;
  const benchmark = checkBenchmark(draft.benchmark, baskets, draft.basketNames);
  const periods = ROTATION_PERIODS.filter((period) => draft.periods.includes(period));
  const request =
    basketsMessage === null && periodsMessage === null && benchmark.benchmark !== null
      ? { baskets: chosen, benchmark: benchmark.benchmark, periods, chartSpan: draft.chartSpan }
      : null;
  return { basketsMessage, periodsMessage, benchmarkMessage: benchmark.message, request };
}
