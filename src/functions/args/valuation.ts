import { badArgument } from "../errors";
import { describeValue } from "./display";

/** What VALUATION reports, apart from coverage. */
export type ValuationMeasure =
  "trailing_pe" | "forward_pe" | "eps_ttm" | "eps_forward" | "earnings_growth" | "earnings_yield" | "market_cap";

export const VALUATION_MEASURES: readonly ValuationMeasure[] = [
  "trailing_pe",
  "forward_pe",
  "eps_ttm",
  "eps_forward",
  "earnings_growth",
  "earnings_yield",
  "market_cap",
];

/** A measure, or the coverage of one ("coverage" alone is the forward P/E's, the default measure's). */
export interface MeasureArg {
  readonly measure: ValuationMeasure;
  readonly coverage: boolean;
}

export type ValuationMethod = "aggregate" | "harmonic" | "median";

export const VALUATION_METHODS: readonly ValuationMethod[] = ["aggregate", "harmonic", "median"];

/** Measures that a `date` applies to: they rest on reported (trailing) earnings and past prices only. */
export const TRAILING_MEASURES: readonly ValuationMeasure[] = ["trailing_pe", "earnings_yield", "eps_ttm"];

const DEFAULT_MEASURE: ValuationMeasure = "forward_pe";

/** "Forward P/E", "forward-pe", " FORWARD_PE " → "forward_pe". */
function normalized(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_")
    .replace(/\//g, "");
}

function measureProblem(value: unknown): never {
  throw badArgument(
    "measure",
    `${describeValue(value)} is not a measure; use one of ${VALUATION_MEASURES.join(", ")}, coverage or coverage:<measure>`,
  );
}

/**
 * VALUATION's measure: one of VALUATION_MEASURES, "coverage" (of the forward P/E) or
 * "coverage:<measure>"; omitted: forward_pe. Case, spaces and hyphens are forgiven ("Forward P/E").
 */
export function parseMeasure(value: unknown): MeasureArg {
  if (value === null || value === undefined || value === "") return { measure: DEFAULT_MEASURE, coverage: false };
  if (typeof value !== "string") measureProblem(value);
  const text = normalized(value);
  const [head, tail, ...rest] = text.split(":").map((part) => part.replace(/^_+|_+$/g, ""));
  if (rest.length > 0) measureProblem(value);
  if (head === "coverage") {
    if (tail === undefined || tail === "") return { measure: DEFAULT_MEASURE, coverage: true };
    if ((VALUATION_MEASURES as readonly string[]).includes(tail)) return { measure: tail as ValuationMeasure, coverage: true };
    measureProblem(value);
  }
  if (tail === undefined && (VALUATION_MEASURES as readonly string[]).includes(head))
    return { measure: head as ValuationMeasure, coverage: false };
  measureProblem(value);
}

/** VALUATION's method: aggregate (default), harmonic or median. */
export function parseMethod(value: unknown): ValuationMethod {
  if (value === null || value === undefined || value === "") return "aggregate";
  if (typeof value === "string") {
    const text = normalized(value);
    if ((VALUATION_METHODS as readonly string[]).includes(text)) return text as ValuationMethod;
  }
  throw badArgument("method", `${describeValue(value)} is not a method; use aggregate, harmonic or median`);
}

/** The measure as a formula names it: "forward_pe", "coverage:trailing_pe". */
export function measureLabel(arg: MeasureArg): string {
  return arg.coverage ? `coverage:${arg.measure}` : arg.measure;
}

/**
 * Checks the measure and method fit each other (harmonic means apply to earnings yields and P/Es
 * only), and the date the measure: forward estimates and market caps are current only.
 */
export function checkValuationArgs(arg: MeasureArg, method: ValuationMethod, dated: boolean): void {
  const { measure } = arg;
  if (method === "harmonic" && !["trailing_pe", "forward_pe", "earnings_yield"].includes(measure)) {
    throw badArgument("method", `harmonic applies to trailing_pe, forward_pe and earnings_yield, not ${measure}; use aggregate or median`);
  }
  if (dated && !TRAILING_MEASURES.includes(measure)) {
    const why =
      measure === "market_cap"
        ? "market_cap is current only"
        : `${measure} rests on forward (consensus) EPS, which is current only: estimates have no history here`;
    throw badArgument("date", `${why}; leave date empty, or use ${TRAILING_MEASURES.join(", ")}`);
  }
}
