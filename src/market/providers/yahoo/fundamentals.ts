import {
  eachSnapshot,
  fetchProviderText,
  inBatches,
  LimitedClient,
  majorCurrency,
  normalizeSnapshot,
  optionalPart,
  outcomeError,
  ProviderOptions,
  ProviderText,
} from "../shared";
import {
  isoDateOfTradingDay,
  MarketDataError,
  SnapshotOutcome,
  SnapshotProvider,
  SnapshotRequest,
  Ticker,
  TickerSnapshot,
} from "../../core";
import { DEFAULT_YAHOO_TIMEOUT_MS, DEFAULT_YAHOO_URL } from "./client";
import {
  parseYahooQuotes,
  parseYahooQuoteSummary,
  sameMajorCurrency,
  YahooCrumbRefused,
  YahooQuote,
  YahooSummary,
  YahooValuation,
} from "./fundamentals-parse";
import { DEFAULT_YAHOO_PAGE_URL, YahooSession } from "./session";
import { yahooSymbol } from "./symbol";

/** Symbols per v7 quote request: Yahoo's own pages ask for up to 50 (yfinance, yahoo-finance2 batch the same way). */
export const YAHOO_QUOTES_PER_REQUEST = 50;
/** quoteSummary modules read where a quote lacks EPS (one request per such symbol). */
export const YAHOO_SUMMARY_MODULES = ["summaryDetail", "defaultKeyStatistics", "financialData", "price", "earningsTrend"] as const;
export const YAHOO_NO_EARNINGS =
  "Yahoo Finance has no quarterly EPS history with report dates: quoteSummary's earnings modules hold the last four quarters only, without the days they were reported";
const LABEL = "Yahoo";

/**
 * Valuation snapshots from Yahoo (FORMATS.md §1): the v7 `quote`, 50 symbols a request, carries
 * price, EPS (trailing and forward), P/Es, market cap and shares; for an equity whose quote lacks an
 * EPS figure, one `quoteSummary` request per symbol fills what it can (OCDO.L's forward EPS comes
 * only from earningsTrend). Both need the cookie and crumb (session.ts); a 401 renews them once.
 * Every upstream request passes the plan's limiter (ProviderOptions.limiter).
 */
export class YahooSnapshotProvider extends LimitedClient implements SnapshotProvider {
  readonly name = "yahoo";
  readonly snapshotsPerRequest = YAHOO_QUOTES_PER_REQUEST;
  readonly earningsUnavailable = YAHOO_NO_EARNINGS;
  /** The cookie-and-crumb flow (its requests are counted in `session.requestsMade`). */
  readonly session: YahooSession;

  constructor(options: ProviderOptions) {
    super(LABEL, options, DEFAULT_YAHOO_TIMEOUT_MS);
    // With MKT_YAHOO_URL set, the cookie page is asked of that base too (one server can stand in for all of Yahoo).
    const pageBaseUrl = this.settings.baseUrl === DEFAULT_YAHOO_URL ? DEFAULT_YAHOO_PAGE_URL : this.settings.baseUrl;
    this.session = new YahooSession({ settings: this.settings, pageBaseUrl });
  }

  quoteUrl(symbols: readonly string[], crumb: string): string {
    return `${this.settings.baseUrl}/v7/finance/quote?symbols=${encodeURIComponent(symbols.join(","))}&crumb=${encodeURIComponent(crumb)}`;
  }

  quoteSummaryUrl(symbol: string, crumb: string): string {
    return (
      `${this.settings.baseUrl}/v10/finance/quoteSummary/${encodeURIComponent(symbol)}` +
      `?formatted=false&modules=${encodeURIComponent(YAHOO_SUMMARY_MODULES.join(","))}&crumb=${encodeURIComponent(crumb)}`
    );
  }

  async fetchSnapshots(tickers: readonly Ticker[], request: SnapshotRequest = {}): Promise<ReadonlyMap<Ticker, SnapshotOutcome>> {
    const distinct = [...new Set(tickers)];
    const quotes = new Map<Ticker, YahooQuote | undefined | MarketDataError>();
    const batches = inBatches(distinct, YAHOO_QUOTES_PER_REQUEST);
    await Promise.all(
      batches.map(async (batch) => {
        try {
          const answered = await this.limiter.run(batch[0], (signal) => this.quotes(batch, signal), { signal: request.signal });
          const bySymbol = new Map(answered.map((quote) => [quote.symbol.toUpperCase(), quote]));
          for (const ticker of batch) quotes.set(ticker, bySymbol.get(yahooSymbol(ticker).toUpperCase()));
        } catch (error) {
          for (const ticker of batch) quotes.set(ticker, outcomeError(error, ticker, this.settings));
        }
      }),
    );
    return eachSnapshot(distinct, this.settings, async (ticker) => {
      const quote = quotes.get(ticker);
      if (quote instanceof MarketDataError) throw quote;
      return this.snapshotOf(ticker, quote, request.signal);
    });
  }

  /** One v7 quote request for `batch` (Yahoo's spelling of each), within the cookie and crumb. */
  private quotes(batch: readonly Ticker[], signal: AbortSignal): Promise<YahooQuote[]> {
    const symbols = batch.map(yahooSymbol);
    return this.authorized(
      batch[0],
      signal,
      (crumb) => this.quoteUrl(symbols, crumb),
      (response) => parseYahooQuotes(batch[0], response),
    );
  }

  /**
   * One v7 quote request for `batch` (Yahoo's spelling of each), read by `parse`, with this provider's
   * cookie and crumb (renewed once when refused): what the live quotes (quote.ts) send too.
   */
  v7Quote<T>(batch: readonly Ticker[], signal: AbortSignal, parse: (response: ProviderText) => T): Promise<T> {
    const symbols = batch.map(yahooSymbol);
    return this.authorized(batch[0], signal, (crumb) => this.quoteUrl(symbols, crumb), parse);
  }

  private async snapshotOf(ticker: Ticker, quote: YahooQuote | undefined, signal?: AbortSignal): Promise<TickerSnapshot> {
    if (quote === undefined) {
      throw new MarketDataError("unknown-symbol", `Yahoo does not know the symbol ${ticker}: its quote answer leaves it out`, ticker);
    }
    if (quote.empty) {
      const last =
        quote.valuation.priceTime === null
          ? ""
          : ` (its last trade was on ${isoDateOfTradingDay(Math.floor(quote.valuation.priceTime / 86_400_000))})`;
      throw new MarketDataError("no-data", `Yahoo has no current price or valuation figures for ${ticker}${last}: delisted?`, ticker);
    }
    let valuation = checkForeignStatements(ticker, quote);
    if (quote.lacks.epsTrailing || quote.lacks.epsForward) {
      const notes = [...(valuation.notes ?? [])];
      const work = this.limiter.run(ticker, (inner) => this.summary(ticker, inner), { signal });
      const summary = await optionalPart(work, "Yahoo's quoteSummary could not fill the missing EPS", notes);
      valuation = summary === null ? { ...valuation, notes } : withSummary(ticker, { ...valuation, notes }, summary);
    }
    return normalizeSnapshot({ ...valuation, symbol: ticker, provider: this.name, fetchedAt: this.settings.now() }, LABEL);
  }

  private summary(ticker: Ticker, signal: AbortSignal): Promise<YahooSummary> {
    const symbol = yahooSymbol(ticker);
    return this.authorized(
      ticker,
      signal,
      (crumb) => this.quoteSummaryUrl(symbol, crumb),
      (response) => parseYahooQuoteSummary(ticker, response),
    );
  }

  /**
   * `url(crumb)` fetched with the cookie and read by `parse`; when Yahoo refuses the crumb (401),
   * the cookie and crumb are renewed once and the request sent again.
   */
  private async authorized<T>(
    symbol: Ticker,
    signal: AbortSignal,
    url: (crumb: string) => string,
    parse: (response: ProviderText) => T,
  ): Promise<T> {
    let credentials = await this.session.credentials(symbol);
    for (let attempt = 1; ; attempt++) {
      const response = await fetchProviderText(this.settings, url(credentials.crumb), {
        symbol,
        signal,
        headers: { cookie: credentials.cookie },
      });
      try {
        return parse(response);
      } catch (error) {
        if (!(error instanceof YahooCrumbRefused)) throw error;
        if (attempt >= 2) {
          throw new MarketDataError(
            "unavailable",
            `Yahoo refused its cookie and crumb for ${symbol} even after renewing them (${error.said}): try again later`,
            symbol,
          );
        }
        this.session.invalidate(credentials);
        credentials = await this.session.credentials(symbol);
      }
    }
  }
}

const RATIO_TOLERANCE = 0.15;

/**
 * A quote whose statements are in another currency than its price (BABA: USD price, CNY
 * statements; GS2C.DE: EUR price, USD statements): Yahoo's EPS figures beside it are per share in the
 * trading currency, which the P/E it publishes beside each confirms (price ÷ EPS). An EPS whose P/E
 * says otherwise is left out.
 */
function checkForeignStatements(ticker: Ticker, quote: YahooQuote): YahooValuation {
  const valuation = quote.valuation;
  const trading = majorCurrency(valuation.priceCurrency);
  if (quote.financialCurrency === null || trading === null || sameMajorCurrency(quote.financialCurrency, valuation.priceCurrency))
    return valuation;
  const notes = [...(valuation.notes ?? [])];
  notes.push(
    `Yahoo reports ${ticker}'s statements in ${quote.financialCurrency} and quotes it in ${trading.code}: its EPS figures are per share in ${trading.code}`,
  );
  const price = valuation.price === null ? null : valuation.price / trading.per;
  const confirmed = (eps: number | null, pe: number | null, what: string): number | null => {
    if (eps === null || pe === null || price === null || eps <= 0 || pe <= 0) return eps;
    if (Math.abs(pe / (price / eps) - 1) <= RATIO_TOLERANCE) return eps;
    notes.push(`Yahoo's ${what} ${eps} does not match its P/E ${pe} at the price ${price}: its currency is unclear, left out`);
    return null;
  };
  return {
    ...valuation,
    epsTrailing: confirmed(valuation.epsTrailing, valuation.peTrailing, "EPS (trailing twelve months)"),
    epsForward: confirmed(valuation.epsForward, valuation.peForward, "forward EPS"),
    notes,
  };
}

/** `valuation` with the gaps quoteSummary fills; nothing taken from an answer in another currency. */
function withSummary(ticker: Ticker, valuation: YahooValuation, summary: YahooSummary): YahooValuation {
  const notes = [...(valuation.notes ?? [])];
  if (summary.currency !== null && valuation.priceCurrency !== null && !sameMajorCurrency(summary.currency, valuation.priceCurrency)) {
    notes.push(`Yahoo's quoteSummary for ${ticker} is in ${summary.currency}, its quote in ${valuation.priceCurrency}: not combined`);
    return { ...valuation, notes };
  }
  let epsForward = valuation.epsForward ?? summary.epsForward;
  let epsForwardCurrency = valuation.epsForwardCurrency;
  if (epsForward === null && summary.epsNextYear !== null) {
    const stated = summary.epsNextYear.currency ?? summary.financialCurrency;
    if (stated === null) {
      notes.push(`Yahoo's consensus EPS for ${ticker}'s fiscal year ending ${summary.epsNextYear.endDate} names no currency: left out`);
    } else {
      epsForward = summary.epsNextYear.value;
      epsForwardCurrency = stated;
      notes.push(`forward EPS: Yahoo's consensus for the fiscal year ending ${summary.epsNextYear.endDate} (quoteSummary earningsTrend)`);
    }
  }
  return {
    ...valuation,
    epsTrailing: valuation.epsTrailing ?? summary.epsTrailing,
    epsForward,
    epsForwardCurrency,
    peTrailing: valuation.peTrailing ?? summary.peTrailing,
    peForward: valuation.peForward ?? summary.peForward,
    marketCap: valuation.marketCap ?? summary.marketCap,
    sharesOutstanding: valuation.sharesOutstanding ?? summary.sharesOutstanding,
    notes,
  };
}
