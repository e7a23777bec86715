/**
 * The market layer's core: the shapes every part shares (series, tickers, errors), dates and time
 * zones, the series wire format, and the text helpers for reading and quoting upstream answers.
 */
export * from "./types";
export { MarketDataError } from "./market-error";
export type { MarketErrorDetails, MarketErrorKind } from "./market-error";
export { MAX_TICKER_LENGTH, isValidTicker, parseTicker, quoteForMessage } from "./ticker";
export type { Ticker } from "./ticker";
export { isValidTimeZone, tradingDayConverter, tradingDayOf, wallClockFormat } from "./time-zone";
export { zonedInstant } from "./zoned-instant";
export { isoDateOfTradingDay, startDayOf, tradingDayOfIsoDate } from "./iso-date";
export { seriesFromJson, seriesToJson } from "./series-json";
export type { SeriesJson } from "./series-json";
export { describeNetworkError, fetchText, formatSeconds, isHostNotFound, messageOf } from "./fetch-text";
export type { FetchTextOptions, TextResponse } from "./fetch-text";
export { describeNonJson, isRecord, snippet, tryParseJson } from "./upstream-text";
export { REDACTED, redactSecrets, redactUrlQuery } from "./redact";
export { parseRetryAfter } from "./retry-after";
export { PROVIDER_NAMES, isProviderName, providerLabel, providerTakesKeys } from "./provider-names";
export type { ProviderName } from "./provider-names";
export { describeProvenance } from "./provenance";
export { processEnv } from "./env";
export type { Env } from "./env";
export { MAX_KEY_LENGTH, apiKeyEnvName, isSendableApiKey, requireApiKey } from "./api-key";
export { ENVIRONMENT_KEY_ADVICE, SERVER_KEY_ADVICE } from "./provider-context";
export type { KeyAdvice, ProviderContext } from "./provider-context";
export { normalizeBaseUrl } from "./base-url";
export {
  isUsSession,
  US_EARLY_CLOSE_MINUTES,
  US_OPEN_MINUTES,
  US_REGULAR_CLOSE_MINUTES,
  usMarketClosures,
  usMarketDay,
  usSessionAfter,
  usSessionOnOrBefore,
} from "./us-market-calendar";
export type { UsMarketDay } from "./us-market-calendar";
export type {
  EarningsHistory,
  QuarterlyEarnings,
  SecurityKind,
  SnapshotOutcome,
  SnapshotProvider,
  SnapshotRequest,
  TickerSnapshot,
} from "./snapshot";
export type { LiveQuote, QuoteOutcome, QuoteProvider, QuoteRequest } from "./quote";
