import { demoSeries, DemoProvider } from "./client";
import { hashString, uniformSource } from "./seeded-random";
import {
  DailySeries,
  EarningsHistory,
  MarketDataError,
  QuarterlyEarnings,
  SecurityKind,
  SnapshotOutcome,
  SnapshotProvider,
  SnapshotRequest,
  Ticker,
  TickerSnapshot,
  TradingDay,
  tradingDayOf,
  tradingDayOfIsoDate,
  zonedInstant,
} from "../../core";

const DEMO_TIME_ZONE = "America/New_York";
/** 16:00 in New York: when a demo close is current. */
const CLOSE_MINUTES = 16 * 60;
/** Years of quarterly EPS a demo history holds. */
export const DEMO_EARNINGS_YEARS = 12;
/**
 * Well-known index funds: the demo treats these (and the Select Sector SPDRs, XL?) as funds, with a
 * published P/E and no EPS, as real providers do.
 */
const DEMO_FUNDS = new Set([
  "SPY", "VOO", "IVV", "VTI", "QQQ", "QQQM", "IWM", "IWB", "IWF", "IWD", "DIA", "MDY", "IJH", "IJR", "VB", "VO", "VUG", "VTV",
  "RSP", "EFA", "EEM", "VEA", "VWO", "SMH", "SOXX", "XBI", "IBB", "KRE", "KBE", "XOP", "XME", "XRT", "ITB", "XHB", "ARKK", "TLT",
  "IEF", "AGG", "BND", "LQD", "HYG", "GLD", "SLV", "USO", "VNQ", "SCHD", "VIG", "MTUM", "QUAL", "USMV", "HISU-U.TO",
]); // prettier-ignore

/** What the demo takes a ticker to be, from its shape (as its price walk does). */
export function demoKind(symbol: string): SecurityKind {
  if (symbol.endsWith("=X")) return "currency";
  if (/-(USD|EUR|GBP|USDT)$/.test(symbol)) return "crypto";
  if (symbol.startsWith("^")) return "index";
  if (symbol.endsWith("=F")) return "other";
  if (DEMO_FUNDS.has(symbol) || /^XL[A-Z]{1,2}$/.test(symbol)) return "fund";
  return "equity";
}

/** A ticker's synthetic earnings character: a base P/E (or, for a loss-maker, a loss yield), its drift, and its share count. */
interface EarningsCharacter {
  readonly lossMaker: boolean;
  /** P/E the earnings follow the price at (equities 8-45), or the yearly loss per unit of price. */
  readonly basePe: number;
  readonly lossYield: number;
  /** Quarter-to-quarter noise of the P/E. */
  readonly noise: number;
  /** Expected EPS growth to the next fiscal year (-10% to +30%). */
  readonly growth: number;
  readonly shares: number;
  /** A fund's published P/E (14-32). */
  readonly fundPe: number;
  /** Days after a quarter's end that its results come out (25-40). */
  readonly reportLag: number;
}

function characterOf(symbol: string): { readonly character: EarningsCharacter; readonly uniform: () => number } {
  const uniform = uniformSource(hashString(`${symbol}:fundamentals`));
  const between = (low: number, high: number): number => low + (high - low) * uniform();
  const logBetween = (low: number, high: number): number => Math.exp(between(Math.log(low), Math.log(high)));
  const character: EarningsCharacter = {
    lossMaker: uniform() < 0.1,
    basePe: logBetween(9, 40),
    lossYield: between(0.02, 0.12),
    noise: between(0.03, 0.1),
    growth: between(-0.1, 0.3),
    shares: Math.round(logBetween(5e7, 1e10)),
    fundPe: between(14, 32),
    reportLag: Math.round(between(25, 40)),
  };
  return { character, uniform };
}

/** Calendar quarter ends (Mar 31, Jun 30, Sep 30, Dec 31) from `first` to `last`, ascending. */
function quarterEnds(firstYear: number, lastDay: TradingDay): TradingDay[] {
  const ends: TradingDay[] = [];
  for (let year = firstYear; ; year++) {
    for (const monthDay of ["03-31", "06-30", "09-30", "12-31"]) {
      const day = tradingDayOfIsoDate(`${year}-${monthDay}`) as TradingDay;
      if (day > lastDay) return ends;
      ends.push(day);
    }
  }
}

/** The last close on or before `day` (the series starts in 2000, long before any quarter asked for). */
function closeOn(series: DailySeries, day: TradingDay): number {
  let low = 0;
  let high = series.days.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (series.days[mid] <= day) low = mid;
    else high = mid - 1;
  }
  return series.close[low];
}

/** A weekday on or after `day` (results are not published on weekends). */
function weekdayFrom(day: TradingDay): TradingDay {
  let d = day;
  while ((d + 4) % 7 === 0 || (d + 4) % 7 === 6) d++;
  return d;
}

/**
 * The demo's quarterly EPS of an equity, reported up to `today`: each quarter earns a quarter of its
 * closing price at the quarter's end divided by a P/E that wanders around the ticker's base (so
 * trailing P/Es stay in the 8-45 range as prices move), or loses a quarter of its loss yield for a
 * loss-maker; reported `reportLag` days after the quarter ends (moved to a weekday).
 */
function demoQuarters(symbol: string, series: DailySeries, today: TradingDay): QuarterlyEarnings[] {
  const { character, uniform } = characterOf(symbol);
  const lastYear = Number(new Date(today * 86_400_000).toISOString().slice(0, 4));
  const quarters: QuarterlyEarnings[] = [];
  let pe = character.basePe;
  for (const periodEnd of quarterEnds(lastYear - DEMO_EARNINGS_YEARS, today)) {
    // A mean-reverting walk of the P/E in log space keeps it near the base.
    pe = Math.exp(0.7 * Math.log(pe) + 0.3 * Math.log(character.basePe) + character.noise * (uniform() * 2 - 1));
    const reportedOn = weekdayFrom(periodEnd + character.reportLag);
    if (reportedOn > today) break;
    const price = closeOn(series, periodEnd);
    const eps = character.lossMaker ? (-price * character.lossYield * (0.6 + 0.8 * uniform())) / 4 : price / pe / 4;
    quarters.push({ periodEnd, reportedOn, eps: Math.round(eps * 10_000) / 10_000 });
  }
  return quarters;
}

/**
 * Deterministic synthetic fundamentals for any valid ticker (demo: true), consistent with the demo's
 * synthetic prices: the snapshot's price is the demo history's last close, its EPS over twelve months
 * the sum of the four latest synthetic quarters, so its P/E is that of the history. Equities mostly
 * trade at 8-45 times earnings, one in ten is a loss-maker (negative EPS, no P/E); well-known index
 * funds (SPY, QQQ, IWM, the XL? sector funds…) publish a P/E and have no EPS; currencies, crypto
 * and indices have a price only. Never real data, never a fallback for a failing provider.
 */
export class DemoSnapshotProvider implements SnapshotProvider {
  readonly name = "demo";
  /** Nothing is fetched: any number of tickers is one "request". */
  readonly snapshotsPerRequest = 500;
  private readonly now: () => number;

  constructor(options: { readonly now?: () => number } = {}) {
    this.now = options.now ?? Date.now;
  }

  async fetchSnapshots(tickers: readonly Ticker[], request: SnapshotRequest = {}): Promise<ReadonlyMap<Ticker, SnapshotOutcome>> {
    const outcomes = new Map<Ticker, SnapshotOutcome>();
    for (const ticker of tickers) {
      outcomes.set(
        ticker,
        request.signal?.aborted
          ? new MarketDataError("unavailable", `The request for ${ticker} was cancelled`, ticker)
          : demoSnapshot(ticker, this.now()),
      );
    }
    return outcomes;
  }

  async fetchEarnings(ticker: Ticker, request: SnapshotRequest = {}): Promise<EarningsHistory> {
    if (request.signal?.aborted) throw new MarketDataError("unavailable", `The request for ${ticker} was cancelled`, ticker);
    return demoEarnings(ticker, this.now());
  }
}

/** The demo snapshot of `symbol` at `nowMs` (see DemoSnapshotProvider). */
export function demoSnapshot(symbol: string, nowMs: number): TickerSnapshot {
  const series = demoSeries(symbol, nowMs);
  const last = series.days.length - 1;
  const price = series.close[last];
  const kind = demoKind(symbol);
  const { character } = characterOf(symbol);
  const base: TickerSnapshot = {
    symbol,
    provider: "demo",
    fetchedAt: nowMs,
    priceTime: zonedInstant(series.days[last], CLOSE_MINUTES, DEMO_TIME_ZONE),
    kind,
    currency: "USD",
    price,
    epsTrailing: null,
    epsForward: null,
    peTrailingPublished: null,
    peForwardPublished: null,
    marketCap: null,
    sharesOutstanding: null,
    notes: ["synthetic demo fundamentals, not real data"],
    demo: true,
  };
  if (kind === "fund") {
    const shares = Math.round(character.shares / 10);
    return { ...base, peTrailingPublished: round(character.fundPe, 2), sharesOutstanding: shares, marketCap: Math.round(shares * price) };
  }
  if (kind !== "equity") return base;
  const quarters = demoQuarters(symbol, series, series.days[last]);
  const recent = quarters.slice(-4);
  const epsTrailing =
    recent.length === 4
      ? round(
          recent.reduce((sum, quarter) => sum + quarter.eps, 0),
          4,
        )
      : null;
  const epsForward =
    epsTrailing === null ? null : round(epsTrailing * (epsTrailing > 0 ? 1 + character.growth : 1 - character.growth / 2), 4);
  const pe = (eps: number | null): number | null => (eps === null || eps <= 0 ? null : round(price / eps, 2));
  return {
    ...base,
    epsTrailing,
    epsForward,
    peTrailingPublished: pe(epsTrailing),
    peForwardPublished: pe(epsForward),
    sharesOutstanding: character.shares,
    marketCap: Math.round(character.shares * price),
  };
}

/** The demo quarterly EPS history of `symbol` at `nowMs`: 12 years of quarters, reported about 30 days after each ends. */
export function demoEarnings(symbol: string, nowMs: number): EarningsHistory {
  const kind = demoKind(symbol);
  if (kind !== "equity") {
    const what = kind === "fund" ? "a fund has no EPS of its own (its P/E is in the snapshot)" : `a ${kind} has no earnings`;
    throw new MarketDataError("no-data", `The demo has no quarterly EPS for ${symbol}: ${what}`, symbol);
  }
  const series = demoSeries(symbol, nowMs);
  const today = tradingDayOf(nowMs, DEMO_TIME_ZONE);
  return { symbol, provider: "demo", fetchedAt: nowMs, currency: "USD", quarters: demoQuarters(symbol, series, today), demo: true };
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/**
 * The demo provider with its fundamentals: histories (DemoProvider) and snapshots and earnings
 * (DemoSnapshotProvider) from one object, as the registry builds it, so whatever serves demo
 * histories serves demo valuation too.
 */
export class DemoMarketProvider extends DemoProvider implements SnapshotProvider {
  readonly snapshotsPerRequest: number;
  private readonly snapshots: DemoSnapshotProvider;

  constructor(options: { readonly now?: () => number } = {}) {
    super(options);
    this.snapshots = new DemoSnapshotProvider(options);
    this.snapshotsPerRequest = this.snapshots.snapshotsPerRequest;
  }

  fetchSnapshots(tickers: readonly Ticker[], request?: SnapshotRequest): Promise<ReadonlyMap<Ticker, SnapshotOutcome>> {
    return this.snapshots.fetchSnapshots(tickers, request);
  }

  fetchEarnings(ticker: Ticker, request?: SnapshotRequest): Promise<EarningsHistory> {
    return this.snapshots.fetchEarnings(ticker, request);
  }
}
