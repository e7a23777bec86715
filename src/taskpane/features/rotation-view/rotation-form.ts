import type { Basket } from "../../../baskets";
import { BenchmarkDraft, checkBenchmark, DEFAULT_BENCHMARK } from "../../common/table-form/benchmark-draft";
import { ROTATION_PERIODS, RotationPeriod, RotationValuationMeasure, RotationViewRequest } from "../../../workbook";

/** How far back the relative-strength chart can start. */
export const CHART_SPANS = ["3M", "6M", "1Y", "3Y", "5Y"] as const;

export const VALUATION_MEASURES: readonly { readonly value: RotationValuationMeasure; readonly label: string }[] = [
  { value: "forward_pe", label: "Forward P/E" },
  { value: "trailing_pe", label: "Trailing P/E" },
];

export interface RotationFormDraft {
  readonly basketNames: readonly string[];
  readonly benchmark: BenchmarkDraft;
  readonly periods: readonly RotationPeriod[];
  readonly chartSpan: string;
  /** Valuation next to the spreads: P/E, gap to the benchmark, coverage (and the gap chart where the provider allows). */
  readonly valuation: boolean;
  readonly measure: RotationValuationMeasure;
  /** Why the chosen baskets can have no gap chart (the preset's funds), whatever the provider; null: up to the provider. */
  readonly noGapChart: string | null;
}

export function initialRotationForm(): RotationFormDraft {
  return {
    basketNames: [],
    benchmark: DEFAULT_BENCHMARK,
    periods: ROTATION_PERIODS,
    chartSpan: "1Y",
    valuation: true,
    measure: "forward_pe",
    noGapChart: null,
  };
}

/** Whether the data source can value a past date (quarterly EPS with report dates), or why not. */
export type EarningsHistory = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * The "Valuation gap" preset: the S&P 500 against mid caps and small caps, each as the ETF tracking
 * its index (SPY, IJH, IWM). A fund's published P/E covers every holding of its index; the MidCaps
 * and SmallCaps presets are 8-name samples of the largest members, whose P/E is not the index's. Funds
 * publish a trailing P/E, not a forward one, so the preset values on trailing P/E.
 */
export const VALUATION_GAP_PRESET = {
  basketNames: ["MidCapsETF", "SmallCapsETF"],
  benchmarkBasket: "SP_500",
  measure: "trailing_pe",
  noGapChart: "funds (SPY, IJH, IWM) report no quarterly EPS of their own, so their P/E on a past date cannot be computed",
} as const;

/** The form set to the preset (the analyst's periods and span kept); null when a preset basket is missing. */
export function valuationGapPreset(draft: RotationFormDraft, baskets: readonly Basket[]): RotationFormDraft | null {
  const names = [...VALUATION_GAP_PRESET.basketNames, VALUATION_GAP_PRESET.benchmarkBasket];
  if (!names.every((name) => baskets.some((basket) => basket.name === name))) return null;
  return {
    ...draft,
    basketNames: VALUATION_GAP_PRESET.basketNames,
    benchmark: { ...draft.benchmark, kind: "basket", basketName: VALUATION_GAP_PRESET.benchmarkBasket },
    valuation: true,
    measure: VALUATION_GAP_PRESET.measure,
    noGapChart: VALUATION_GAP_PRESET.noGapChart,
  };
}

/** The valuation choices as remembered in browser storage, or null when nothing usable was kept. */
export function rememberedValuation(stored: unknown): Pick<RotationFormDraft, "valuation" | "measure"> | null {
  if (typeof stored !== "object" || stored === null) return null;
  const { valuation, measure } = stored as Record<string, unknown>;
  if (typeof valuation !== "boolean" || !VALUATION_MEASURES.some((m) => m.value === measure)) return null;
  return { valuation, measure: measure as RotationValuationMeasure };
}

export interface RotationFormCheck {
  readonly basketsMessage: string | null;
  readonly periodsMessage: string | null;
  readonly benchmarkMessage: string | null;
  readonly request: RotationViewRequest | null;
}

export function checkRotationForm(
  draft: RotationFormDraft,
  baskets: readonly Basket[],
  earnings: EarningsHistory = { ok: true },
): RotationFormCheck {
  const chosen = baskets.filter((basket) => draft.basketNames.includes(basket.name));
  const basketsMessage = chosen.length === 0 ? "Pick at least one basket to compare." : null;
  const periodsMessage = draft.periods.length === 0 ? "Pick at least one period." : null;
  const benchmark = checkBenchmark(draft.benchmark, baskets, draft.basketNames);
  const periods = ROTATION_PERIODS.filter((period) => draft.periods.includes(period));
  const noChartReason = draft.noGapChart ?? (earnings.ok ? null : earnings.reason);
  const valuation = draft.valuation ? { measure: draft.measure, gapChart: noChartReason === null, noChartReason } : null;
  const request =
    basketsMessage === null && periodsMessage === null && benchmark.benchmark !== null
      ? { baskets: chosen, benchmark: benchmark.benchmark, periods, chartSpan: draft.chartSpan, valuation }
      : null;
  return { basketsMessage, periodsMessage, benchmarkMessage: benchmark.message, request };
}
