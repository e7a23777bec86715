/**
 * The providers' ids and labels alone: what the add-in's settings need, without pulling the
 * Node-side provider code into the functions bundle.
 */
export const PROVIDER_NAMES = ["yahoo", "alphavantage", "polygon", "tiingo", "twelvedata", "fmp", "demo"] as const;

export type ProviderName = (typeof PROVIDER_NAMES)[number];

const LABELS: Record<ProviderName, string> = {
  yahoo: "Yahoo Finance",
  alphavantage: "Alpha Vantage",
  polygon: "Polygon.io (Massive)",
  tiingo: "Tiingo",
  twelvedata: "Twelve Data",
  fmp: "Financial Modeling Prep",
  demo: "Demo (synthetic data)",
};

/** Whether a provider needs an API key (and so has plans an analyst's own key may be on). */
const KEYED: Record<ProviderName, boolean> = {
  yahoo: false,
  alphavantage: true,
  polygon: true,
  tiingo: true,
  twelvedata: true,
  fmp: true,
  demo: false,
};

export function providerTakesKeys(name: ProviderName): boolean {
  return KEYED[name];
}

/** For people: "Yahoo Finance". */
export function providerLabel(name: ProviderName): string {
  return LABELS[name];
}

export function isProviderName(x: unknown): x is ProviderName {
  return typeof x === "string" && (PROVIDER_NAMES as readonly string[]).includes(x);
}
