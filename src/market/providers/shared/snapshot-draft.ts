import { decimalValue } from "./decimal-text";
import type { SecurityKind, TickerSnapshot } from "../../core";

/**
 * A provider's reading of one ticker's valuation fields, as the provider states them (a price in
 * pence, EPS in the currency of the statements), before normalizeSnapshot turns it into the one
 * meaning every TickerSnapshot has. Amounts are numbers or null; nothing is converted yet.
 */
export interface SnapshotDraft {
  readonly symbol: string;
  readonly provider: string;
  readonly fetchedAt: number;
  readonly kind: SecurityKind;
  readonly priceTime: number | null;
  /** The currency of `price` as the provider names it ("USD", Yahoo's "GBp" for pence); null when it does not say. */
  readonly priceCurrency: string | null;
  readonly price: number | null;
  /** The currency of `epsTrailing` when the provider names another than the price's (default: the price's major currency). */
  readonly epsTrailingCurrency?: string | null;
  readonly epsTrailing: number | null;
  /** The currency of `epsForward` when the provider names another (Yahoo's earningsTrend `earningsCurrency`). */
  readonly epsForwardCurrency?: string | null;
  readonly epsForward: number | null;
  readonly peTrailing: number | null;
  readonly peForward: number | null;
  /** The currency of `marketCap` when the provider names another (default: the price's major currency). */
  readonly marketCapCurrency?: string | null;
  readonly marketCap: number | null;
  readonly sharesOutstanding: number | null;
  readonly notes?: readonly string[];
  readonly demo?: boolean;
}

/**
 * Currencies quoted in a minor unit, and their major currency: Yahoo quotes London in pence ("GBp";
 * "GBX" elsewhere), Johannesburg in cents ("ZAc") and Tel Aviv in agorot ("ILA").
 */
const MINOR_UNITS: Readonly<Record<string, { readonly major: string; readonly per: number; readonly name: string }>> = {
  GBp: { major: "GBP", per: 100, name: "pence" },
  GBX: { major: "GBP", per: 100, name: "pence" },
  ZAc: { major: "ZAR", per: 100, name: "cents" },
  ZAC: { major: "ZAR", per: 100, name: "cents" },
  ILA: { major: "ILS", per: 100, name: "agorot" },
};

/** An ISO 4217 code as providers write it: "USD", "usd" (Polygon), "GBp" (Yahoo's pence). */
const CURRENCY_TEXT = /^[A-Za-z]{3}$/;

/** The major currency of a provider's currency text and how many of its units make one ("GBp" → GBP, 100); null when it names none. */
export function majorCurrency(
  text: string | null | undefined,
): { readonly code: string; readonly per: number; readonly unit: string } | null {
  if (typeof text !== "string" || !CURRENCY_TEXT.test(text.trim())) return null;
  const trimmed = text.trim();
  const minor = MINOR_UNITS[trimmed];
  if (minor !== undefined) return { code: minor.major, per: minor.per, unit: minor.name };
  return { code: trimmed.toUpperCase(), per: 1, unit: trimmed.toUpperCase() };
}

/** Values providers use for "missing" in place of a number: Alpha Vantage's "None" and "-", "N/A", "". */
const MISSING_TEXT = /^\s*(?:none|null|-|n\/a|na|nan)?\s*$/i;

/**
 * A finite number from a JSON number or a decimal string (Alpha Vantage, Twelve Data's quotes);
 * null for missing markers ("None", "-", "N/A", "", null, absent) and anything else that is not a number.
 */
export function amountOf(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" && MISSING_TEXT.test(value)) return null;
  return decimalValue(value);
}

/** How far a published P/E may be from price ÷ EPS and still be that ratio (providers compute it on another price or time). */
const RATIO_TOLERANCE = 0.15;

const near = (a: number, b: number): boolean => Math.abs(a / b - 1) <= RATIO_TOLERANCE;

const finite = (value: number | null | undefined): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

/** For notes: "-14.45", "2,554,603,520". */
const shown = (value: number): string =>
  Math.abs(value) >= 1e6 ? Math.round(value).toLocaleString("en-US") : String(Number(value.toPrecision(6)));

/**
 * The TickerSnapshot every provider means by its draft, `label` naming the provider in notes:
 * - amounts that are not finite numbers are null; a price, market cap or share count that is not
 *   positive is null (providers write 0 for "not reported");
 * - a price in a minor unit (pence) is converted to the major currency, which `currency` names;
 *   EPS and market cap are in that currency or null: one stated in another currency is left null
 *   with a note (no provider here sends an exchange rate), never divided across currencies;
 * - a published P/E that is not positive is null (a loss has no P/E; the EPS keeps the sign), and
 *   one that divides a price in pence by EPS in pounds (100 times price ÷ EPS) is corrected;
 * - a fund has no EPS of its own: any EPS figure is dropped and its published P/E is what it has;
 * - a price without a currency is left out: an amount nobody can name the currency of is not an amount.
 */
export function normalizeSnapshot(draft: SnapshotDraft, label: string): TickerSnapshot {
  const notes: string[] = [...(draft.notes ?? [])];
  const quoted = majorCurrency(draft.priceCurrency);
  let price = finite(draft.price);
  if (price !== null && price <= 0) {
    notes.push(`${label} gave a price of ${shown(price)}: left out`);
    price = null;
  }
  if (price !== null && quoted === null) {
    notes.push(`${label} gave a price without its currency: left out`);
    price = null;
  }
  if (price !== null && quoted !== null && quoted.per !== 1) {
    notes.push(`${label} quotes ${draft.symbol} in ${quoted.unit} (${draft.priceCurrency}): the price is converted to ${quoted.code}`);
    price = price / quoted.per;
  }
  const currency = quoted?.code ?? null;

  const inCurrency = (value: number | null | undefined, stated: string | null | undefined, what: string): number | null => {
    const amount = finite(value);
    if (amount === null) return null;
    const own = stated === undefined || stated === null ? quoted : majorCurrency(stated);
    if (own === null || currency === null) {
      notes.push(`${label} gave the ${what} without a currency: left out`);
      return null;
    }
    if (own.code !== currency) {
      notes.push(
        `${label} states the ${what} in ${own.code} and the price in ${currency}: not converted (no exchange rate given), left out`,
      );
      return null;
    }
    // Only the price is in a minor unit with Yahoo; an amount stated in one is converted the same way.
    return stated === undefined || stated === null ? amount : amount / own.per;
  };
  const positive = (value: number | null, what: string): number | null => {
    if (value === null || value > 0) return value;
    notes.push(`${label} gave a ${what} of ${shown(value)}: left out`);
    return null;
  };

  let epsTrailing = inCurrency(draft.epsTrailing, draft.epsTrailingCurrency, "EPS (trailing twelve months)");
  let epsForward = inCurrency(draft.epsForward, draft.epsForwardCurrency, "forward EPS");
  const marketCap = positive(inCurrency(draft.marketCap, draft.marketCapCurrency, "market cap"), "market cap");
  const sharesOutstanding = positive(finite(draft.sharesOutstanding), "share count");

  if (draft.kind === "fund" && (epsTrailing !== null || epsForward !== null)) {
    notes.push(`${draft.symbol} is a fund: it has no EPS of its own, so ${label}'s EPS figure is not used; its published P/E is`);
    epsTrailing = null;
    epsForward = null;
  }

  const publishedPe = (value: number | null, eps: number | null, what: string): number | null => {
    let pe = finite(value);
    if (pe === null) return null;
    if (pe <= 0) {
      notes.push(`${label} published a ${what} of ${shown(pe)} (a loss): a loss has no P/E, the EPS carries it`);
      return null;
    }
    if (quoted !== null && quoted.per !== 1 && price !== null && eps !== null && eps > 0) {
      const ratio = price / eps;
      if (!near(pe, ratio) && near(pe, ratio * quoted.per)) {
        notes.push(
          `${label}'s ${what} ${shown(pe)} divides a price in ${quoted.unit} by EPS in ${quoted.code}: corrected to ${shown(pe / quoted.per)}`,
        );
        pe = pe / quoted.per;
      }
    }
    return pe;
  };
  const peTrailingPublished = publishedPe(draft.peTrailing, epsTrailing, "trailing P/E");
  const peForwardPublished = publishedPe(draft.peForward, epsForward, "forward P/E");

  return {
    symbol: draft.symbol,
    provider: draft.provider,
    fetchedAt: draft.fetchedAt,
    priceTime: finite(draft.priceTime),
    kind: draft.kind,
    currency: currency,
    price,
    epsTrailing,
    epsForward,
    peTrailingPublished,
    peForwardPublished,
    marketCap,
    sharesOutstanding,
    notes: [...new Set(notes)],
    demo: draft.demo === true,
  };
}
