/** What every provider client is built from: its spec and options, the HTTP client, error wording and bar readers. */
export type { ProviderOptions, ProviderPlans, ProviderSpec } from "./provider-spec";
export { PLAN_HEADER } from "./provider-spec";
export { fetchProviderText, providerSettings, withKeySafety, withSafeErrors } from "./provider-client";
export type { FetchProviderTextOptions, ProviderSettings, ProviderText } from "./provider-client";
export { keySafeError } from "./key-safe-error";
export { quoteUpstream, upstreamErrors } from "./upstream-errors";
export type { UpstreamErrors } from "./upstream-errors";
export { ascendingUniqueBars, isBarProblem, readDatedBars, unadjustedSeries } from "./dated-bars";
export type { BarProblem, DatedBar, DatedSeriesInfo } from "./dated-bars";
export { adjustedCloseColumn, withAdjustedCloses } from "./adjusted-close-column";
export { decimalValue } from "./decimal-text";
export { describeYahooMarket, indexAdvice, readYahooSymbol, REFUSALS, unservableSymbol, YAHOO_MARKETS } from "./symbols-yahoo";
export type { YahooSymbol } from "./symbols-yahoo";
