import { indexOnOrBefore, splitLikeMove, trailingEpsAsOf } from "../analytics";
import { loadEarnings, loadSnapshot } from "../addin";
import { DailySeries, EarningsHistory, MarketDataError, Ticker, TickerSnapshot } from "../market";
import { dayToIso } from "./args/days";
import { cellNow } from "./cell-refusals";
import { FormulaError, toFormulaError } from "./errors";
import { historyOf } from "./history";

/**
 * What VALUATION reads per ticker, and each member's earnings (yield, P/E, EPS) and market cap from
 * it: from the current snapshot, or point in time from the price history and the quarterly EPS
 * reported by then.
 */

/** Where a point-in-time trailing measure can come from, for messages when it cannot. */
export const EARNINGS_PROVIDERS_HINT =
  "point-in-time trailing measures need quarterly EPS with report dates, which Alpha Vantage (EARNINGS), FMP (earnings) and Polygon.io (financials, on plans that include them) provide";

export type Basis = "trailing" | "forward";

/** One member's earnings on one basis, or why it has none. */
export type Earnings =
  | {
      readonly ok: true;
      /** Earnings ÷ price, the inverse of the P/E: finite (negative for a loss, 0 for none). */
      readonly yield: number;
      /** Price ÷ EPS, or a fund's published P/E; NaN for zero earnings. */
      readonly pe: number;
      /** EPS; NaN for a fund that publishes a P/E and no EPS. */
      readonly eps: number;
      /** What the P/E rests on, for messages ("trailing EPS -0.47"). */
      readonly shown: string;
    }
  | { readonly ok: false; readonly reason: string };

/** A member's data as loaded: each part, the reason it is missing (a gap the basket leaves out), or null when not asked for. */
export interface LoadedMember {
  readonly ticker: Ticker;
  readonly snapshot: TickerSnapshot | string | null;
  readonly series: DailySeries | string | null;
  readonly earnings: EarningsHistory | string | null;
}

/** A member as the formulas weigh it. */
export interface ValuedMember {
  readonly ticker: Ticker;
  /** Market cap (point in time: today's share count × that day's close); NaN when unknown. */
  readonly cap: number;
  readonly capReason: string;
  readonly currency: string | null;
  /** Whether its data is the demo provider's; null when it has none. */
  readonly demo: boolean | null;
  readonly trailing: Earnings;
  readonly forward: Earnings;
}

const finite = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);
const positive = (x: number | null | undefined): x is number => finite(x) && x > 0;
const lacking = (reason: string): Earnings => ({ ok: false, reason });

/** Up to 6 significant digits, for numbers quoted in messages. */
export function shortNumber(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(6))) : String(x);
}

/**
 * One part of a member: its value; for a basket, the reason it is missing when the provider has no
 * data for a ticker it knows (or the plan does not cover it at all), so the member is left out and
 * shows in coverage. Anything else fails the cell: a ticker the provider does not know (a typo should
 * not vanish into a coverage figure), and whatever may pass (rate limits, the network), so the cell
 * is recalculated. A market failure becomes the cell's error, with `hint` unless it is a refusal.
 */
async function part<T>(load: () => Promise<T>, basket: boolean, hint?: string): Promise<T | string> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof MarketDataError)) throw error;
    if (basket && (error.kind === "no-data" || (error.kind === "plan-limit" && error.retryAfterSeconds === null))) return error.message;
    const formula = toFormulaError(error, cellNow());
    if (hint === undefined || formula.refusal !== null) throw formula;
    throw new FormulaError(formula.code, `${formula.message.replace(/[.\s]+$/, "")}; ${hint}`);
  }
}

export interface LoadPlan {
  /** A basket leaves members without data out; one ticker's gap fails the cell. */
  readonly basket: boolean;
  readonly snapshot: boolean;
  /** Price history and quarterly EPS, for point-in-time measures. */
  readonly pointInTime: boolean;
}

/** Loads what `plan` asks for, all members at once, so the stores can batch them. */
export function loadMembers(tickers: readonly Ticker[], plan: LoadPlan): Promise<LoadedMember[]> {
  return Promise.all(
    tickers.map(async (ticker) => {
      const [snapshot, series, earnings] = await Promise.all([
        plan.snapshot ? part(() => loadSnapshot(ticker), plan.basket) : null,
        plan.pointInTime ? part(() => historyOf(ticker), plan.basket) : null,
        plan.pointInTime ? part(() => loadEarnings(ticker), plan.basket, EARNINGS_PROVIDERS_HINT) : null,
      ]);
      return { ticker, snapshot, series, earnings };
    }),
  );
}

/**
 * A member's earnings on `basis` from its snapshot. An equity's P/E is price ÷ EPS from the same
 * snapshot, so every provider means the same thing by it; a fund has no EPS of its own, so the P/E
 * its provider publishes is used (and 1 ÷ it as the earnings yield), else price ÷ EPS if it has one.
 */
export function snapshotEarnings(snapshot: TickerSnapshot, basis: Basis): Earnings {
  const eps = basis === "trailing" ? snapshot.epsTrailing : snapshot.epsForward;
  const published = basis === "trailing" ? snapshot.peTrailingPublished : snapshot.peForwardPublished;
  const { symbol, provider, price, kind } = snapshot;
  if (kind === "fund" && finite(published) && published !== 0) {
    return {
      ok: true,
      yield: 1 / published,
      pe: published,
      eps: finite(eps) ? eps : NaN,
      shown: `published ${basis} P/E ${shortNumber(published)}`,
    };
  }
  if (finite(eps) && positive(price)) {
    return { ok: true, yield: eps / price, pe: eps === 0 ? NaN : price / eps, eps, shown: `${basis} EPS ${shortNumber(eps)}` };
  }
  const notes = snapshot.notes.length > 0 ? ` (${snapshot.notes.join("; ")})` : "";
  if (kind === "crypto" || kind === "currency" || kind === "index") return lacking(`${symbol} (${kind}) has no earnings`);
  if (kind === "fund") return lacking(`${symbol} is a fund and ${provider} publishes no ${basis} P/E for it${notes}`);
  return lacking(`${symbol} has no ${finite(eps) ? "price" : `${basis} EPS`} from ${provider}${notes}`);
}

/** Prices quoted in a minor unit (Yahoo's "GBp" pence): the major currency. */
const MINOR_UNITS: Readonly<Record<string, string>> = { GBp: "GBP", GBX: "GBP", ZAc: "ZAR", ILA: "ILS" };

/** Longest span between the oldest and newest of four consecutive quarters (three quarters, plus 52/53-week calendars' slack). */
export const MAX_FOUR_QUARTER_SPAN_DAYS = 300;
/** Oldest the newest quarter may be on the day asked: a quarter plus the longest usual reporting delay. */
export const MAX_QUARTER_AGE_DAYS = 220;

interface PointInTime {
  readonly earnings: Earnings;
  /** The session's adjusted close, in major units; NaN when there is none. */
  readonly price: number;
  readonly currency: string | null;
}

/**
 * Trailing earnings as known on `day`: the adjusted close of the last session on or before it, and
 * the sum of the four newest quarterly EPS reported on or before that session (none reported later:
 * no look-ahead). Quarterly EPS is taken to be on today's share count (Alpha Vantage and FMP restate
 * past quarters for later splits), as the adjusted close is; closes that are not split-adjusted are
 * refused when they move like a split after that session.
 */
export function pointInTimeEarnings(series: DailySeries, history: EarningsHistory, day: number): PointInTime {
  const symbol = series.symbol;
  const bar = indexOnOrBefore(series.days, day);
  const minor = series.currency === null ? undefined : MINOR_UNITS[series.currency];
  const currency = minor ?? series.currency;
  const price = bar < 0 ? NaN : series.adjClose[bar] * (minor === undefined ? 1 : 0.01);
  const result = (earnings: Earnings): PointInTime => ({ earnings, price, currency: currency ?? history.currency });
  if (bar < 0) {
    const first = series.days.length > 0 ? `; its history starts ${dayToIso(series.days[0])}` : "";
    return result(lacking(`${symbol} has no close on or before ${dayToIso(day)}${first}`));
  }
  if (currency !== null && history.currency !== null && currency !== history.currency) {
    return result(lacking(`${symbol}'s prices are in ${currency} but its quarterly EPS in ${history.currency}`));
  }
  const session = series.days[bar];
  const asOf = dayToIso(session);
  const quarters = history.quarters;
  const ttm = trailingEpsAsOf(
    { periodEnd: quarters.map((q) => q.periodEnd ?? NaN), reportedOn: quarters.map((q) => q.reportedOn), eps: quarters.map((q) => q.eps) },
    session,
  );
  // Where the provider gives report days only (FMP), they stand for the quarters in these checks.
  const dated = quarters.every((q) => q.periodEnd !== null) ? "ending" : "reported";
  if (ttm.quarters < 4) {
    return result(
      lacking(
        `${symbol} has ${ttm.quarters === 0 ? "no" : `only ${ttm.quarters}`} quarterly EPS reported on or before ${asOf} from ${history.provider}; trailing EPS needs four`,
      ),
    );
  }
  if (ttm.newestPeriodEnd - ttm.oldestPeriodEnd > MAX_FOUR_QUARTER_SPAN_DAYS) {
    return result(
      lacking(
        `${symbol}'s four newest quarters by ${asOf} (${dated} ${dayToIso(ttm.oldestPeriodEnd)} to ${dayToIso(ttm.newestPeriodEnd)}) are not consecutive`,
      ),
    );
  }
  if (session - ttm.newestPeriodEnd > MAX_QUARTER_AGE_DAYS) {
    return result(
      lacking(
        `${symbol}'s newest quarter by ${asOf} ${dated === "ending" ? "ended" : "was reported"} ${dayToIso(ttm.newestPeriodEnd)}: its trailing EPS is stale`,
      ),
    );
  }
  const move = series.adjusted ? null : splitLikeMove(series.adjClose, bar, series.days.length - 1);
  if (move !== null) {
    return result(
      lacking(
        `${symbol}'s closes (${series.provider}) are not split-adjusted and moved ×${shortNumber(move.ratio)} on ${dayToIso(series.days[move.index])}, like a split: the close on ${asOf} does not match EPS restated for today's shares`,
      ),
    );
  }
  if (!positive(price)) return result(lacking(`${symbol} has no usable close on ${asOf}`));
  const eps = ttm.eps;
  return result({
    ok: true,
    yield: eps / price,
    pe: eps === 0 ? NaN : price / eps,
    eps,
    shown: `trailing EPS ${shortNumber(eps)} as of ${asOf}`,
  });
}

/** A loaded member as the formulas weigh it, on `day` for point-in-time measures (null: current). */
export function memberOf(loaded: LoadedMember, day: number | null): ValuedMember {
  const { ticker, series, earnings } = loaded;
  const snapshot = typeof loaded.snapshot === "object" ? loaded.snapshot : null;
  const gap = typeof loaded.snapshot === "string" ? loaded.snapshot : `${ticker} has no valuation snapshot`;
  const capReason = snapshot === null ? gap : `${ticker} has no market cap from ${snapshot.provider}`;
  const base = { ticker, capReason, currency: snapshot?.currency ?? null, demo: snapshot?.demo ?? null };
  if (series === null && earnings === null) {
    if (snapshot === null) return { ...base, cap: NaN, trailing: lacking(gap), forward: lacking(gap) };
    const cap = positive(snapshot.marketCap) ? snapshot.marketCap : NaN;
    return { ...base, cap, trailing: snapshotEarnings(snapshot, "trailing"), forward: snapshotEarnings(snapshot, "forward") };
  }
  // Point in time: trailing only (forward measures take no date).
  const forward = lacking(`${ticker}: forward measures are current only`);
  if (typeof series !== "object" || typeof earnings !== "object" || series === null || earnings === null || day === null) {
    const reason = typeof series === "string" ? series : typeof earnings === "string" ? earnings : `${ticker} has no price history`;
    return { ...base, cap: NaN, trailing: lacking(reason), forward };
  }
  const known = pointInTimeEarnings(series, earnings, day);
  // Weight on that day: today's share count (market cap ÷ price, both current) at that day's close.
  const shares = snapshot !== null && positive(snapshot.marketCap) && positive(snapshot.price) ? snapshot.marketCap / snapshot.price : NaN;
  const cap = shares * known.price;
  return {
    ...base,
    cap: positive(cap) ? cap : NaN,
    currency: known.currency ?? base.currency,
    demo: series.demo || earnings.demo || snapshot?.demo === true,
    trailing: known.earnings,
    forward,
  };
}
