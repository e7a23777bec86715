import { demoSeries } from "./client";
import { hashString, uniformSource } from "./seeded-random";
import {
  LiveQuote,
  MarketDataError,
  QuoteOutcome,
  QuoteProvider,
  QuoteRequest,
  Ticker,
  TradingDay,
  tradingDayOf,
  US_OPEN_MINUTES,
  usMarketDay,
  zonedInstant,
} from "../../core";

const ZONE = "America/New_York";
/** A demo quote moves every 5 seconds of a session. */
export const DEMO_QUOTE_STEP_MS = 5_000;
/** Days looked back for the last session (a long weekend with a holiday is 4). */
const MAX_LOOKBACK_DAYS = 10;
/** Tickers' sessions kept in memory; beyond, the memory starts again. */
const MAX_REMEMBERED = 2_000;
const { PI, sin, max, min, round, floor, ceil, imul } = Math;

/** One ticker's session as the demo history has it, and the intraday path's extremes walked so far. */
interface DemoSession {
  readonly day: TradingDay;
  readonly openAt: number;
  readonly closeAt: number;
  readonly open: number;
  readonly close: number;
  readonly high: number;
  readonly low: number;
  readonly volume: number;
  readonly prevClose: number | null;
  /** Frequencies, phases and weights of the path's waves, seeded by ticker and day. */
  readonly waves: readonly { readonly frequency: number; readonly phase: number; readonly weight: number }[];
  /** Seeds the tick-to-tick noise on top of the waves. */
  readonly seed: number;
  walked: { step: number; high: number; low: number };
}

/**
 * Synthetic live quotes for demo mode (issue 12): deterministic, moving with time, and consistent
 * with the demo histories. During a US session (the market calendar's hours) the price walks from
 * the demo day's open to its close, a new price every 5 seconds, within the day's high and low; at
 * and after the close it is the day's close; before the open, on weekends and holidays it is the last
 * session's. The same instant gives the same quote for a ticker, wherever it is asked. Every quote
 * says `demo: true`. No network, no key, no limits.
 */
export class DemoQuoteProvider implements QuoteProvider {
  readonly name = "demo";
  readonly quotesPerRequest = 500;
  private readonly now: () => number;
  private readonly sessions = new Map<string, DemoSession>();

  constructor(options: { readonly now?: () => number } = {}) {
    this.now = options.now ?? Date.now;
  }

  async fetchQuotes(tickers: readonly Ticker[], request: QuoteRequest = {}): Promise<ReadonlyMap<Ticker, QuoteOutcome>> {
    if (request.signal?.aborted) {
      throw new MarketDataError("unavailable", `The quote request for ${tickers.join(", ")} was cancelled`, tickers[0] ?? null);
    }
    const now = this.now();
    const outcomes = new Map<Ticker, QuoteOutcome>();
    for (const ticker of tickers) outcomes.set(ticker, this.quote(ticker, now));
    return outcomes;
  }

  /** `ticker`'s demo quote at `now`. */
  quote(ticker: Ticker, now: number): LiveQuote {
    const session = this.sessionAt(ticker, now);
    if (session === null) throw new MarketDataError("no-data", `The demo has no session before ${new Date(now).toISOString()}`, ticker);
    const steps = max(1, ceil((session.closeAt - session.openAt) / DEMO_QUOTE_STEP_MS));
    const step = min(steps, floor((now - session.openAt) / DEMO_QUOTE_STEP_MS));
    const ended = step >= steps;
    const price = ended ? session.close : pathPrice(session, step, steps);
    const { high, low } = ended ? { high: session.high, low: session.low } : this.extremes(session, step, steps);
    const change = session.prevClose === null ? null : roundPrice(price - session.prevClose);
    return {
      symbol: ticker,
      provider: "demo",
      currency: "USD",
      price,
      change,
      changePct: change === null || session.prevClose === null ? null : change / session.prevClose,
      prevClose: session.prevClose,
      open: session.open,
      dayHigh: high,
      dayLow: low,
      volume: ended ? session.volume : round(session.volume * (step / steps) ** 0.9),
      time: ended ? session.closeAt : session.openAt + step * DEMO_QUOTE_STEP_MS,
      delayMinutes: 0,
      fetchedAt: now,
      demo: true,
    };
  }

  /** The session `now` is in or last was in, from the demo history (null only before the demo's first day). */
  private sessionAt(ticker: Ticker, now: number): DemoSession | null {
    let day = tradingDayOf(now, ZONE);
    for (let back = 0; back <= MAX_LOOKBACK_DAYS; back++, day--) {
      const { closeMinutes } = usMarketDay(day);
      if (closeMinutes === null) continue;
      const openAt = zonedInstant(day, US_OPEN_MINUTES, ZONE);
      if (openAt > now) continue;
      const key = `${ticker}\u0000${day}`;
      const known = this.sessions.get(key);
      if (known !== undefined) return known;
      const made = makeSession(ticker, day, openAt, zonedInstant(day, closeMinutes, ZONE), now);
      if (made === null) return null;
      if (this.sessions.size >= MAX_REMEMBERED) this.sessions.clear();
      this.sessions.set(key, made);
      return made;
    }
    return null;
  }

  /** The path's high and low from the open to `step`, continuing the walk already done. */
  private extremes(session: DemoSession, step: number, steps: number): { high: number; low: number } {
    if (step < session.walked.step) session.walked = { step: 0, high: session.open, low: session.open };
    let { high, low } = session.walked;
    for (let k = session.walked.step + 1; k <= step; k++) {
      const price = pathPrice(session, k, steps);
      high = max(high, price);
      low = min(low, price);
    }
    session.walked = { step: max(step, session.walked.step), high, low };
    return { high, low };
  }
}

function makeSession(ticker: Ticker, day: TradingDay, openAt: number, closeAt: number, now: number): DemoSession | null {
  const series = demoSeries(ticker, max(now, closeAt));
  let index = -1;
  for (let i = series.days.length - 1; i >= 0; i--) {
    if (series.days[i] === day) {
      index = i;
      break;
    }
    if (series.days[i] < day) break;
  }
  if (index < 0) return null;
  let previous = index - 1;
  while (previous >= 0 && usMarketDay(series.days[previous]).closeMinutes === null) previous--;
  const seed = hashString(`${ticker}@${day}`);
  const uniform = uniformSource(seed);
  const waves = [1, 2, 3].map((n) => ({ frequency: n + 2 * uniform(), phase: 2 * PI * uniform(), weight: (uniform() - 0.5) / n }));
  const open = series.open[index];
  return {
    day,
    openAt,
    closeAt,
    open,
    close: series.close[index],
    high: series.high[index],
    low: series.low[index],
    volume: series.volume[index],
    prevClose: previous >= 0 ? series.close[previous] : null,
    waves,
    seed,
    walked: { step: 0, high: open, low: open },
  };
}

/**
 * The price at `step` of `steps`: the line from open to close, plus slow waves and a tick-to-tick
 * wobble that both vanish at the open and the close, kept within the day's range.
 */
function pathPrice(session: DemoSession, step: number, steps: number): number {
  const t = step / steps;
  let wave = 0;
  for (const { frequency, phase, weight } of session.waves) wave += weight * sin(2 * PI * frequency * t + phase);
  const range = session.high - session.low;
  const swing = (0.45 * wave + 0.04 * stepNoise(session.seed, step)) * range * sin(PI * t);
  const level = session.open + (session.close - session.open) * t + swing;
  return roundPrice(min(session.high, max(session.low, level)));
}

/** A deterministic draw in [-0.5, 0.5) for one step (an integer hash of the seed and the step). */
function stepNoise(seed: number, step: number): number {
  let h = (seed ^ imul(step + 1, 0x9e3779b1)) >>> 0;
  h = imul(h ^ (h >>> 16), 0x85ebca6b);
  h = imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296 - 0.5;
}

function roundPrice(price: number): number {
  const scale = Math.abs(price) >= 10 ? 100 : 10_000;
  return round(price * scale) / scale;
}
