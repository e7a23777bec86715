import { DEFAULT_FMP_TIMEOUT_MS, FMP_LABEL } from "./client";
import { parseFmpAnalystEstimates, parseFmpEarnings, parseFmpProfile, parseFmpRatiosTtm } from "./fundamentals-parse";
import { fmpSymbol } from "./symbol";
import { LimitedClient, normalizeSnapshot, optionalPart, ProviderOptions, ProviderText } from "../shared";
import { EarningsHistory, SnapshotOutcome, SnapshotProvider, SnapshotRequest, Ticker, TickerSnapshot, tradingDayOf } from "../../core";

/** Fiscal years of estimates asked for: FMP sends the furthest first, so enough to reach back to next year. */
const ESTIMATE_YEARS = 10;
/** Reports asked for: 25 years of quarters. */
const EARNINGS_ROWS = 100;

/**
 * Valuation from FMP's stable API (FORMATS.md §2): a snapshot is /stable/profile (price, currency,
 * market cap, fund or not), /stable/ratios-ttm (P/E and EPS over twelve months) and
 * /stable/analyst-estimates (the next fiscal year's consensus EPS): three requests of the plan, one
 * ticker each. A ratio or estimate FMP's plan refuses leaves that field null with a note; the
 * profile is the snapshot. The quarterly history is /stable/earnings (report dates, no periods).
 * The stable quote is not used: it lost `pe`, `eps` and `sharesOutstanding` with the v3 API.
 */
export class FmpSnapshotProvider extends LimitedClient implements SnapshotProvider {
  readonly name = "fmp";
  readonly snapshotsPerRequest = 1;

  constructor(options: ProviderOptions) {
    super(FMP_LABEL, options, DEFAULT_FMP_TIMEOUT_MS);
  }

  /** `/stable/<endpoint>?symbol=…&<query>&apikey=…`; it carries the key. */
  stableUrl(endpoint: string, symbol: string, key: string, query = ""): string {
    const extra = query === "" ? "" : `&${query}`;
    return `${this.settings.baseUrl}/stable/${endpoint}?symbol=${encodeURIComponent(symbol)}${extra}&apikey=${encodeURIComponent(key)}`;
  }

  fetchSnapshots(tickers: readonly Ticker[], request: SnapshotRequest = {}): Promise<ReadonlyMap<Ticker, SnapshotOutcome>> {
    return this.keyedSnapshots(tickers, (ticker, key) => this.snapshot(ticker, key, request.signal));
  }

  fetchEarnings(ticker: Ticker, request: SnapshotRequest = {}): Promise<EarningsHistory> {
    return this.keyed(ticker, (key) =>
      this.request("earnings", `limit=${EARNINGS_ROWS}`, ticker, key, request.signal, (response) =>
        parseFmpEarnings(ticker, response, this.settings.now()),
      ),
    );
  }

  private async snapshot(ticker: Ticker, key: string, signal?: AbortSignal): Promise<TickerSnapshot> {
    const notes: string[] = [];
    const today = tradingDayOf(this.settings.now(), "America/New_York");
    const [profile, ratios, estimate] = await Promise.all([
      this.request("profile", "", ticker, key, signal, (response) => parseFmpProfile(ticker, response)),
      optionalPart(
        this.request("ratios-ttm", "", ticker, key, signal, (response) => parseFmpRatiosTtm(ticker, response)),
        "FMP gave no trailing P/E or EPS",
        notes,
      ),
      optionalPart(
        this.request("analyst-estimates", `period=annual&limit=${ESTIMATE_YEARS}`, ticker, key, signal, (response) =>
          parseFmpAnalystEstimates(ticker, response, today),
        ),
        "FMP gave no forward EPS",
        notes,
      ),
    ]);
    let epsTrailing = ratios?.epsTrailing ?? null;
    let epsForward: number | null = null;
    if (estimate !== null && "missing" in estimate) notes.push(estimate.missing);
    if (estimate !== null && "eps" in estimate) {
      epsForward = estimate.eps;
      notes.push(`forward EPS: FMP's consensus for the fiscal year ending ${estimate.fiscalYearEnd}`);
    }
    if (profile.isAdr && (epsTrailing !== null || epsForward !== null)) {
      notes.push(`${ticker} is an ADR: FMP does not say which currency its per-share figures are in, so its EPS is left out`);
      epsTrailing = null;
      epsForward = null;
    }
    notes.push("FMP's profile gives the price without a time");
    return normalizeSnapshot(
      {
        symbol: ticker,
        provider: this.name,
        fetchedAt: this.settings.now(),
        kind: profile.kind,
        priceTime: null,
        priceCurrency: profile.currency,
        price: profile.price,
        epsTrailing,
        epsForward,
        peTrailing: ratios?.peTrailing ?? null,
        peForward: null,
        marketCap: profile.marketCap,
        sharesOutstanding: null,
        notes,
      },
      FMP_LABEL,
    );
  }

  /** One request of the plan to `/stable/<endpoint>` (FMP's spelling of the ticker), read by `parse` inside the limiter. */
  private request<T>(
    endpoint: string,
    query: string,
    ticker: Ticker,
    key: string,
    signal: AbortSignal | undefined,
    parse: (response: ProviderText) => T,
  ): Promise<T> {
    return this.send(ticker, this.stableUrl(endpoint, fmpSymbol(ticker), key, query), { signal }, parse);
  }
}
