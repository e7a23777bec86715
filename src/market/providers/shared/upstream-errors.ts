import { isoDateOfTradingDay, MarketDataError, snippet, TradingDay } from "../../core";

/**
 * The MarketDataErrors a keyed provider raises, worded alike across providers: each names the
 * provider and the symbol, and quotes the provider's own text (`said`) made safe by `snippet`.
 */
export interface UpstreamErrors {
  unavailable(symbol: string, signal: string): MarketDataError;
  rateLimited(symbol: string, signal: string, retryAfterSeconds: number | null, said?: string): MarketDataError;
  invalidKey(symbol: string, said: string): MarketDataError;
  /** `refusal` completes "<Label> refused <symbol>: …", e.g. "this is a premium endpoint". */
  planLimit(symbol: string, refusal: string, said: string, retryAfterSeconds?: number | null): MarketDataError;
  unknownSymbol(symbol: string, said?: string): MarketDataError;
  noData(symbol: string, since?: TradingDay): MarketDataError;
  badResponse(symbol: string, detail: string): MarketDataError;
}

/** Upstream text as a quoted message part; providers write parameter names in markdown bold. */
export function quoteUpstream(text: string): string {
  return `"${snippet(text.replace(/\*\*/g, ""))}"`;
}

export function upstreamErrors(label: string): UpstreamErrors {
  const quotedTail = (said: string | undefined): string => (said === undefined || said.trim() === "" ? "" : `: ${quoteUpstream(said)}`);
  return {
    unavailable: (symbol, signal) =>
      new MarketDataError("unavailable", `${label} is unavailable (${signal}) for ${symbol}: try again later`, symbol),
    rateLimited: (symbol, signal, retryAfterSeconds, said) => {
      const hint = retryAfterSeconds === null ? "try again in a minute" : `${label} asks to wait ${retryAfterSeconds} s`;
      const message = `${label} is rate-limiting requests (${signal}) for ${symbol}: ${hint}${quotedTail(said)}`;
      return new MarketDataError("rate-limited", message, symbol, retryAfterSeconds);
    },
    invalidKey: (symbol, said) =>
      new MarketDataError("invalid-key", `${label} rejected the API key (asked for ${symbol})${quotedTail(said)}`, symbol),
    planLimit: (symbol, refusal, said, retryAfterSeconds = null) =>
      new MarketDataError("plan-limit", `${label} refused ${symbol}: ${refusal}${quotedTail(said)}`, symbol, retryAfterSeconds),
    unknownSymbol: (symbol, said) => {
      const detail = said === undefined ? ": the ticker is unknown or delisted" : quotedTail(said);
      return new MarketDataError("unknown-symbol", `${label} does not know the symbol ${symbol}${detail}`, symbol);
    },
    noData: (symbol, since) => {
      const range = since === undefined ? "" : ` on or after ${isoDateOfTradingDay(since)}`;
      return new MarketDataError("no-data", `${label} has no daily prices for ${symbol}${range}`, symbol);
    },
    badResponse: (symbol, detail) =>
      new MarketDataError("bad-response", `${label} sent an unreadable response for ${symbol} (${detail})`, symbol),
  };
}
