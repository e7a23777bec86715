import { MarketDataError, Ticker } from "../../../market";

export type TickerCheckStatus = "found" | "unknown" | "no-data" | "failed";

export interface TickerCheck {
  readonly ticker: string;
  readonly status: TickerCheckStatus;
  /** Why a ticker was not found or could not be checked. */
  readonly message: string | null;
}

/** Asks the data source for each ticker's history; "unknown" only when the provider says the symbol does not exist. */
export async function checkTickers(tickers: readonly Ticker[], load: (ticker: Ticker) => Promise<unknown>): Promise<TickerCheck[]> {
  return Promise.all(
    tickers.map(async (ticker): Promise<TickerCheck> => {
      try {
        await load(ticker);
        return { ticker, status: "found", message: null };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof MarketDataError && (error.kind === "unknown-symbol" || error.kind === "invalid-symbol")) {
          return { ticker, status: "unknown", message };
        }
        if (error instanceof MarketDataError && error.kind === "no-data") return { ticker, status: "no-data", message };
        return { ticker, status: "failed", message };
      }
    }),
  );
}

export interface TickerCheckSummary {
  /** Unknown tickers are flagged, not refused: the analyst may know better than one provider. */
  readonly intent: "success" | "warning";
  readonly text: string;
}

/** One message for the field under the ticker list. */
export function summarizeChecks(checks: readonly TickerCheck[], providerLabel: string): TickerCheckSummary {
  const unknown = checks.filter((check) => check.status === "unknown");
  const noData = checks.filter((check) => check.status === "no-data");
  const failed = checks.filter((check) => check.status === "failed");
  const parts: string[] = [];
  if (unknown.length > 0) parts.push(`Unknown to ${providerLabel}: ${unknown.map((c) => c.ticker).join(", ")}.`);
  if (noData.length > 0) parts.push(`No daily prices for: ${noData.map((c) => c.ticker).join(", ")}.`);
  if (failed.length > 0) {
    parts.push(`Could not check ${failed.map((c) => c.ticker).join(", ")}: ${failed[0].message ?? "the data source failed"}`);
  }
  if (parts.length === 0) return { intent: "success", text: `All ${checks.length} tickers found at ${providerLabel}.` };
  return { intent: "warning", text: parts.join(" ") };
}

/**
 * What "Check tickers" says with the demo provider, which makes up prices for any well-formed
 * ticker: it cannot tell a real symbol from a typo, so it checks nothing.
 */
export const DEMO_CHECK: TickerCheckSummary = {
  intent: "warning",
  text: "Demo data cannot check tickers: it makes up prices for any well-formed ticker. Choose a market data provider in Settings to check them.",
};
