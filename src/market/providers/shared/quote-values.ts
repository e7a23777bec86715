import { decimalValue } from "./decimal-text";
import { majorCurrency } from "./snapshot-draft";
import { LiveQuote, MarketDataError, QuoteOutcome, Ticker } from "../../core";

/**
 * Readers of the values providers put in their quote answers (FORMATS.md "Quotes at a glance"), and
 * the one LiveQuote every provider's answer is turned into.
 */

/** Below this a number is Unix seconds, up to 1e14 milliseconds, up to 1e17 microseconds, beyond nanoseconds. */
const MILLIS_FROM = 1e11;
const MICROS_FROM = 1e14;
const NANOS_FROM = 1e17;
const DIGITS = /^\d{1,20}$/;
/** An ISO-8601 instant with its offset: "2020-07-20T11:05:47.516724714-04:00", "2024-01-31T10:59:00.000+0000", "…Z". */
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2}))?(?:\.(\d+))?\s*(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An instant in milliseconds since 1970 from what providers send: Unix seconds (Yahoo, FMP, Twelve
 * Data), milliseconds, microseconds or nanoseconds (Polygon, beyond 2^53 and so already rounded by
 * JSON, which costs nothing at millisecond precision), as a number or a string of digits, or ISO-8601
 * text with an offset (Tiingo, nine fractional digits). A time without an offset, a date without a
 * time, or anything else is null: the instant it names is not known.
 */
export function quoteTime(value: unknown): number | null {
  if (typeof value === "string") {
    const text = value.trim();
    if (DIGITS.test(text)) return epochMillis(Number(text));
    return isoInstant(text);
  }
  if (typeof value === "number") return epochMillis(value);
  return null;
}

function epochMillis(value: number): number | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  if (value >= NANOS_FROM) return Math.round(value / 1e6);
  if (value >= MICROS_FROM) return Math.round(value / 1e3);
  if (value >= MILLIS_FROM) return Math.round(value);
  return Math.round(value * 1000);
}

function isoInstant(text: string): number | null {
  const match = ISO_INSTANT.exec(text);
  if (match === null) return null;
  const [, date, minutes, seconds = "00", fraction = "", zone] = match;
  const millis = fraction.slice(0, 3).padEnd(3, "0");
  const offset = zone.toUpperCase() === "Z" ? "Z" : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const time = Date.parse(`${date}T${minutes}:${seconds}.${millis}${offset}`);
  if (!Number.isFinite(time)) return null;
  // Date.parse rolls an impossible day over (February 30th is March 2nd): refused instead.
  const offsetMs =
    offset === "Z" ? 0 : (offset[0] === "-" ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
  return new Date(time + offsetMs).toISOString().slice(0, 10) === date ? time : null;
}

/**
 * A day's change as a fraction (0.0127 for 1.27 %) from what a provider sends: a number in `unit`
 * (Yahoo v7, FMP, Polygon and Twelve Data send percent; Yahoo's quoteSummary a fraction), or text:
 * "0.4207%" (Alpha Vantage) is percent whatever `unit` says, "0.59074" (Twelve Data) is in `unit`.
 */
export function changeFraction(value: unknown, unit: "percent" | "fraction"): number | null {
  if (typeof value === "string") {
    const text = value.trim();
    if (text.endsWith("%")) {
      const percent = decimalValue(text.slice(0, -1).trim());
      return percent === null ? null : percent / 100;
    }
    const number = decimalValue(text);
    return number === null ? null : unit === "percent" ? number / 100 : number;
  }
  const number = decimalValue(value);
  return number === null ? null : unit === "percent" ? number / 100 : number;
}

/**
 * One ticker's quote as a provider states it, before buildLiveQuote: prices in the unit it names
 * (pence included), `changePct` already a fraction (changeFraction), a change it does not send null.
 */
export interface QuoteDraft extends Omit<LiveQuote, "symbol" | "currency" | "demo"> {
  readonly symbol: Ticker;
  /** The currency as the provider names it ("USD", Yahoo's "GBp"); null when it does not say. */
  readonly currency: string | null;
  readonly demo?: boolean;
}

const finite = (value: number | null): number | null => (value !== null && Number.isFinite(value) ? value : null);
const positive = (value: number | null): number | null => {
  const number = finite(value);
  return number !== null && number > 0 ? number : null;
};
/** A difference without the binary noise of subtraction (244.6 − 241.53 = 3.0700000000000003). */
const tidy = (value: number): number => Number(value.toPrecision(12));

/**
 * The LiveQuote a provider's draft stands for, `label` naming the provider in the error:
 * - prices (price, previous close, open, high, low) that are not positive are missing (providers
 *   write 0 before the first trade of a day), and a change that is not finite is missing;
 * - a quote in a minor unit (Yahoo's "GBp") is converted to its major currency, which `currency` names;
 * - a change the provider leaves out is price − previous close, and a change percentage it leaves
 *   out is change ÷ previous close (Tiingo sends neither);
 * - a quote without a price is no-data: a delisted symbol still answered with its metadata (Yahoo's ADH).
 */
export function buildLiveQuote(draft: QuoteDraft, label: string): LiveQuote {
  const unit = majorCurrency(draft.currency);
  const per = unit?.per ?? 1;
  const major = (value: number | null): number | null => (value === null ? null : per === 1 ? value : tidy(value / per));
  const price = major(positive(draft.price));
  if (price === null) {
    throw new MarketDataError("no-data", `${label} has no current price for ${draft.symbol}: delisted, or not traded yet?`, draft.symbol);
  }
  const prevClose = major(positive(draft.prevClose));
  let change = major(finite(draft.change));
  if (change === null && prevClose !== null) change = tidy(price - prevClose);
  let changePct = finite(draft.changePct);
  if (changePct === null && change !== null && prevClose !== null) changePct = change / prevClose;
  const volume = finite(draft.volume);
  const delay = finite(draft.delayMinutes);
  return {
    symbol: draft.symbol,
    provider: draft.provider,
    currency: unit?.code ?? null,
    price,
    change,
    changePct,
    prevClose,
    open: major(positive(draft.open)),
    dayHigh: major(positive(draft.dayHigh)),
    dayLow: major(positive(draft.dayLow)),
    volume: volume !== null && volume >= 0 ? volume : null,
    time: finite(draft.time),
    delayMinutes: delay !== null && delay >= 0 ? delay : null,
    fetchedAt: draft.fetchedAt,
    demo: draft.demo === true,
  };
}

/** `build()`, or the MarketDataError it threw as the ticker's outcome (a quote without a price). */
export function quoteOutcome(build: () => LiveQuote): LiveQuote | MarketDataError {
  try {
    return build();
  } catch (error) {
    if (error instanceof MarketDataError) return error;
    throw error;
  }
}

/** How a provider's list answer (a row per symbol it knows) is read into quotes (quotesOfRows). */
export interface QuoteRows {
  /** Names the provider in errors (buildLiveQuote). */
  readonly label: string;
  /** The symbol a row is about, as the provider writes it. */
  readonly symbolOf: (row: Record<string, unknown>) => unknown;
  /** The provider's spelling of a ticker. */
  readonly wire: (ticker: Ticker) => string;
  /** The outcome of a ticker the answer leaves out: the provider does not know it. */
  readonly missing: (ticker: Ticker) => MarketDataError;
  readonly draft: (ticker: Ticker, row: Record<string, unknown>) => QuoteDraft;
}

/** One outcome per ticker asked: its row (matched in any case, the last of equals) as a quote, or `read.missing`. */
export function quotesOfRows(
  tickers: readonly Ticker[],
  rows: readonly Record<string, unknown>[],
  read: QuoteRows,
): Map<Ticker, QuoteOutcome> {
  const bySymbol = new Map(rows.map((row) => [String(read.symbolOf(row) ?? "").toUpperCase(), row]));
  const outcomes = new Map<Ticker, QuoteOutcome>();
  for (const ticker of tickers) {
    const row = bySymbol.get(read.wire(ticker).toUpperCase());
    outcomes.set(
      ticker,
      row === undefined ? read.missing(ticker) : quoteOutcome(() => buildLiveQuote(read.draft(ticker, row), read.label)),
    );
  }
  return outcomes;
}
