import {
  aggregateEarningsYield,
  aggregateGrowth,
  aggregatePe,
  countCoverage,
  harmonicPe,
  meanOfFinite,
  medianOfFinite,
  medianPe,
  sumOfPositive,
  weightedCoverage,
} from "../../analytics";
import { Ticker } from "../../market";
import { DateArg, parseDateArg, resolveDay } from "../args/dates";
import { tickersArgument } from "../args/tickers";
import { checkValuationArgs, MeasureArg, measureLabel, parseMeasure, parseMethod, ValuationMethod } from "../args/valuation";
import { badArgument, notAvailable } from "../errors";
import {
  Basis,
  EARNINGS_PROVIDERS_HINT,
  Earnings,
  LoadedMember,
  loadMembers,
  memberOf,
  shortNumber,
  ValuedMember,
} from "../valuation-data";

/**
 * VALUATION and VALUATION_GAP. Each member's earnings are its earnings yield (EPS ÷ price, or 1 ÷ a
 * fund's published P/E), weighed by market cap where the method weighs (analytics/valuation.ts);
 * README "Valuation" has the definitions.
 */

interface ValuationRequest {
  readonly measure: MeasureArg;
  readonly method: ValuationMethod;
  readonly date: DateArg | null;
}

/** Below this share of the basket (by market cap) with data, a basket's value is #N/A. */
export const MIN_COVERAGE = 0.5;
/** Missing members named in a coverage message before "and N more". */
const MISSING_SHOWN = 6;

function parseRequest(measure: unknown, method: unknown, date: unknown): ValuationRequest {
  const request = { measure: parseMeasure(measure), method: parseMethod(method), date: parseDateArg(date, "date") };
  checkValuationArgs(request.measure, request.method, request.date !== null);
  return request;
}

/** The bases (trailing and/or forward earnings) a measure needs. */
function basesOf(measure: MeasureArg["measure"]): Basis[] {
  if (measure === "market_cap") return [];
  if (measure === "earnings_growth") return ["trailing", "forward"];
  return measure === "forward_pe" || measure === "eps_forward" ? ["forward"] : ["trailing"];
}

/** Why `member` lacks what `measure` needs (and its market cap when `capWeighted`), or null. */
function missingReason(member: ValuedMember, measure: MeasureArg["measure"], capWeighted: boolean): string | null {
  for (const basis of basesOf(measure)) {
    const earnings = member[basis];
    if (!earnings.ok) return earnings.reason;
    if (measure.startsWith("eps") && !Number.isFinite(earnings.eps))
      return `${member.ticker} is a fund: a P/E is published for it, not an EPS`;
  }
  return (capWeighted || measure === "market_cap") && !Number.isFinite(member.cap) ? member.capReason : null;
}

type Known = Extract<Earnings, { ok: true }>;

/**
 * One ticker or a basket. A basket leaves members without the data out, and counts them in coverage:
 * the share of its market cap (over members with one, in one currency; else of its members) that has
 * the data; below 50% its value is #N/A naming what is missing. Market caps are summed in one currency
 * only. One ticker's P/E is price ÷ EPS (or a fund's published P/E), and a loss is #N/A.
 */
function valueOf(members: readonly ValuedMember[], request: ValuationRequest, argument: string): number {
  const { measure, coverage: wantsCoverage } = request.measure;
  const { method } = request;
  const label = measureLabel(request.measure);
  const single = members.length === 1;
  const capWeighted = !single && method === "aggregate";
  const reasons = members.map((m) => missingReason(m, measure, capWeighted));
  const covered = reasons.map((r) => r === null);
  if (single) {
    if (wantsCoverage) return covered[0] ? 1 : 0;
    if (reasons[0] !== null) throw notAvailable(reasons[0]);
  } else {
    if (new Set(members.flatMap((m) => (m.demo === null ? [] : [m.demo]))).size > 1) {
      throw notAvailable(`${argument} mixes demo data with market data; recalculate once the data source is settled`);
    }
    const capped = members.filter((m) => Number.isFinite(m.cap));
    const currencies = [...new Set(capped.map((m) => m.currency ?? "unknown"))];
    if (currencies.length > 1 && (capWeighted || measure === "market_cap")) {
      throw notAvailable(
        `${label} (${method}) adds market caps, which needs one currency; ${argument} has members in ${currencies.join(", ")}`,
      );
    }
    const weighted = capped.length > 0 && currencies.length === 1;
    const coverage = weighted
      ? weightedCoverage(
          Float64Array.from(members, (m) => m.cap),
          covered,
        )
      : countCoverage(covered);
    if (wantsCoverage) return coverage;
    if (!(coverage >= MIN_COVERAGE)) {
      const missing = reasons.filter((r): r is string => r !== null);
      const more = missing.length > MISSING_SHOWN ? `; and ${missing.length - MISSING_SHOWN} more` : "";
      throw notAvailable(
        `${label} has data for ${Math.floor(coverage * 1000) / 10}% of ${argument === "tickers" ? "the basket" : argument}'s ${weighted ? "market cap" : "members"} (${members.length - missing.length} of ${members.length} members); at least 50% is needed. Missing: ${missing.slice(0, MISSING_SHOWN).join("; ")}${more}${request.date === null ? "" : ` (${EARNINGS_PROVIDERS_HINT})`}`,
      );
    }
  }

  const yields = (basis: Basis) => Float64Array.from(members, (m, i) => (covered[i] && m[basis].ok ? (m[basis] as Known).yield : NaN));
  const caps = Float64Array.from(members, (m, i) => (covered[i] ? m.cap : NaN));
  const first = members[0];
  const median = method === "median";
  let value: number;
  switch (measure) {
    case "eps_ttm":
    case "eps_forward":
      // One ticker only (a basket was refused before loading).
      return (first[measure === "eps_ttm" ? "trailing" : "forward"] as Known).eps;
    case "market_cap":
      value = median ? medianOfFinite(caps) : sumOfPositive(caps);
      break;
    case "earnings_yield": {
      const y = yields("trailing");
      value = capWeighted ? aggregateEarningsYield(caps, y) : median ? medianOfFinite(y) : meanOfFinite(y);
      break;
    }
    case "trailing_pe":
    case "forward_pe": {
      const basis = measure === "trailing_pe" ? "trailing" : "forward";
      const y = yields(basis);
      if (single) value = y[0] > 0 ? (first[basis] as Known).pe : NaN;
      else value = capWeighted ? aggregatePe(caps, y) : median ? medianPe(y) : harmonicPe(y);
      break;
    }
    case "earnings_growth": {
      const t = yields("trailing");
      const f = yields("forward");
      value = capWeighted ? aggregateGrowth(caps, t, f) : medianOfFinite(Float64Array.from(t, (x, i) => (x > 0 ? f[i] / x - 1 : NaN)));
      break;
    }
  }
  if (Number.isFinite(value)) return value;
  if (single) {
    const e = first[measure === "forward_pe" ? "forward" : "trailing"] as Known;
    throw notAvailable(`${first.ticker} has ${e.yield < 0 ? "negative" : "no"} earnings (${e.shown}): its ${label} is not defined`);
  }
  throw notAvailable(
    `${label} (${method}) of ${argument} is not defined: ${median ? "no member with data has positive earnings" : "the members' earnings sum to zero or less"}`,
  );
}

/** The day a point-in-time request reads: the date, or a period counted back from the latest session of any member. */
function requestDay(date: DateArg, loaded: readonly LoadedMember[]): number | null {
  if (date.kind === "day") return date.day;
  let latest = -Infinity;
  for (const { series } of loaded) {
    if (typeof series === "object" && series !== null && series.days.length > 0)
      latest = Math.max(latest, series.days[series.days.length - 1]);
  }
  return latest === -Infinity ? null : resolveDay(date, latest);
}

/** Values each basket; all members are loaded at once, so the stores batch them. */
async function valuations(
  baskets: readonly { tickers: readonly Ticker[]; argument: string }[],
  request: ValuationRequest,
): Promise<number[]> {
  const { measure } = request.measure;
  for (const { tickers, argument } of baskets) {
    // EPS is per share: a basket has none.
    if (tickers.length > 1 && !request.measure.coverage && measure.startsWith("eps")) {
      throw badArgument(
        "measure",
        `${measure} is per share, so a basket has none (${argument} holds ${tickers.length} tickers); use earnings_yield or earnings_growth`,
      );
    }
  }
  const dated = request.date !== null;
  const loaded = await Promise.all(
    // One ticker's current P/E needs only its snapshot; its point-in-time P/E only its history and quarters.
    baskets.map(({ tickers }) =>
      loadMembers(tickers, { basket: tickers.length > 1, pointInTime: dated, snapshot: tickers.length > 1 || !dated }),
    ),
  );
  const day = request.date === null ? null : requestDay(request.date, loaded.flat());
  return baskets.map(({ argument }, b) =>
    valueOf(
      loaded[b].map((m) => memberOf(m, day)),
      request,
      argument,
    ),
  );
}

/** VALUATION(tickers, [measure="forward_pe"], [method="aggregate"], [date]) */
export async function valuationFormula(tickers: unknown, measure: unknown, method: unknown, date: unknown): Promise<number> {
  const symbols = tickersArgument(tickers, "tickers");
  const [value] = await valuations([{ tickers: symbols, argument: "tickers" }], parseRequest(measure, method, date));
  return value;
}

/** VALUATION_GAP(basketA, basketB, [measure], [method], [date]) = VALUATION(A) ÷ VALUATION(B) − 1 */
export async function valuationGapFormula(a: unknown, b: unknown, measure: unknown, method: unknown, date: unknown): Promise<number> {
  const baskets = [
    { tickers: tickersArgument(a, "basketA"), argument: "basketA" },
    { tickers: tickersArgument(b, "basketB"), argument: "basketB" },
  ];
  const request = parseRequest(measure, method, date);
  const [va, vb] = await valuations(baskets, request);
  if (!(va > 0 && vb > 0)) {
    throw notAvailable(
      `VALUATION_GAP compares positive values: basketA's ${measureLabel(request.measure)} is ${shortNumber(va)} and basketB's ${shortNumber(vb)}`,
    );
  }
  const gap = va / vb - 1;
  if (!Number.isFinite(gap)) {
    throw notAvailable(
      `VALUATION_GAP of ${shortNumber(va)} to ${shortNumber(vb)} is too large to show: check basketB's ${measureLabel(request.measure)}`,
    );
  }
  return gap;
}
