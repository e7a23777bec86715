import { hashString, normalSource, uniformSource } from "./seeded-random";
import { DailySeries, HistoryProvider, HistoryRequest, MarketDataError, Ticker, TradingDay, tradingDayOf } from "../../core";
import type { ProviderOptions } from "../shared";

/** 2000-01-03, a Monday: every demo history starts here, so each day's history extends yesterday's. */
export const DEMO_FIRST_DAY: TradingDay = 10_959;
const DEMO_TIME_ZONE = "America/New_York";
const TRADING_DAYS_PER_YEAR = 252;
// Module-level copies: the global `Math` is slow to look up in sandboxes such as jest's vm context.
const { abs, exp, max, min, round } = Math;

interface WalkParams {
  /** Annual drift and volatility of the log price. */
  readonly drift: number;
  readonly volatility: number;
  readonly startPrice: number;
  readonly baseVolume: number;
}

/** Rough asset-class guesses from the ticker's shape, so FX is calm and crypto is wild. */
function walkParams(symbol: string, uniform: () => number): WalkParams {
  const between = (low: number, high: number): number => low + (high - low) * uniform();
  const logBetween = (low: number, high: number): number => Math.exp(between(Math.log(low), Math.log(high)));
  if (symbol.endsWith("=X")) {
    return { drift: between(-0.02, 0.02), volatility: between(0.05, 0.12), startPrice: logBetween(0.5, 150), baseVolume: 0 };
  }
  if (/-(USD|EUR|GBP|USDT)$/.test(symbol)) {
    return { drift: between(0.1, 0.5), volatility: between(0.6, 1.0), startPrice: logBetween(0.1, 1000), baseVolume: logBetween(1e7, 1e9) };
  }
  if (symbol.startsWith("^")) {
    return {
      drift: between(0.04, 0.1),
      volatility: between(0.14, 0.22),
      startPrice: logBetween(500, 5000),
      baseVolume: logBetween(1e8, 4e9),
    };
  }
  return { drift: between(-0.03, 0.18), volatility: between(0.15, 0.55), startPrice: logBetween(5, 300), baseVolume: logBetween(2e5, 5e7) };
}

function isWeekday(day: TradingDay): boolean {
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

function roundPrice(price: number): number {
  const scale = price >= 10 ? 100 : 10_000;
  return max(1 / scale, round(price * scale) / scale);
}

/**
 * Synthetic, deterministic daily history for any valid ticker: a geometric random walk seeded by
 * the ticker, on weekdays from 2000-01-03 to today. Never real prices (`demo: true`).
 */
export class DemoProvider implements HistoryProvider {
  readonly name = "demo";
  private readonly now: () => number;

  /** Demo data has no address and no key: of the ProviderOptions only the clock applies. */
  constructor(options: Pick<ProviderOptions, "now"> = {}) {
    this.now = options.now ?? Date.now;
  }

  async fetchHistory(ticker: Ticker, request: HistoryRequest = {}): Promise<DailySeries> {
    if (request.signal?.aborted) {
      throw new MarketDataError("unavailable", `The request for ${ticker} was cancelled`, ticker);
    }
    return demoSeries(ticker, this.now());
  }
}

export function demoSeries(symbol: string, nowMs: number): DailySeries {
  const lastDay = tradingDayOf(nowMs, DEMO_TIME_ZONE);
  const days: TradingDay[] = [];
  for (let day = DEMO_FIRST_DAY; day <= lastDay; day++) if (isWeekday(day)) days.push(day);

  const uniform = uniformSource(hashString(symbol));
  const normal = normalSource(uniform);
  const params = walkParams(symbol, uniform);
  const dailyVol = params.volatility / Math.sqrt(TRADING_DAYS_PER_YEAR);
  const dailyDrift = params.drift / TRADING_DAYS_PER_YEAR - (dailyVol * dailyVol) / 2;

  const n = days.length;
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  let level = params.startPrice; // unrounded, so rounding never compounds
  for (let i = 0; i < n; i++) {
    const gap = 0.3 * dailyVol * normal();
    const move = dailyDrift + dailyVol * normal();
    const openLevel = level * exp(gap);
    level *= exp(gap + move);
    const o = roundPrice(openLevel);
    const c = roundPrice(level);
    open[i] = o;
    close[i] = c;
    // Wicks and volume noise from plain uniforms: cheap, and plausible enough for a demo.
    high[i] = max(o, c, roundPrice(max(openLevel, level) * (1 + 0.8 * dailyVol * uniform())));
    low[i] = min(o, c, roundPrice(min(openLevel, level) * (1 - 0.7 * dailyVol * uniform())));
    volume[i] = round(params.baseVolume * (0.5 + uniform()) * (1 + 6 * abs(move)));
  }
  return {
    symbol,
    provider: "demo",
    timeZone: DEMO_TIME_ZONE,
    currency: "USD",
    days: Int32Array.from(days),
    open,
    high,
    low,
    close,
    adjClose: close.slice(),
    volume,
    adjusted: true,
    demo: true,
    fetchedAt: nowMs,
  };
}
