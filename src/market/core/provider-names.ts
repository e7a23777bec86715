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

/** For people: "Yahoo Finance". */
export function providerLabel(name: ProviderName): string {
  return LABELS[name];
}

export function isProviderName(x: unknown): x is ProviderName {
  return typeof x === "string" && (PROVIDER_NAMES as readonly string[]).includes(x);
}
