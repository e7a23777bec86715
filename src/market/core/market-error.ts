/** Why market data could not be had: every failure of the market layer is one of these. */
export type MarketErrorKind =
  | "unknown-symbol" // provider says the symbol does not exist
  | "no-data" // symbol exists but the provider has no daily bars for it
  | "rate-limited" // provider refused because of request rate (HTTP 429 and friends)
  | "unavailable" // network failure, timeout, 5xx
  | "bad-response" // the provider answered something we cannot parse
  | "invalid-symbol" // the symbol text itself is malformed (never sent upstream)
  | "invalid-key" // the API key is missing, wrong or revoked
  | "plan-limit"; // the key's plan does not cover this request (premium endpoint, history depth, daily quota)

export interface MarketErrorDetails {
  /**
   * The provider's host name did not resolve (DNS: ENOTFOUND, EAI_AGAIN): the machine is offline or
   * the URL is wrong. Another try within seconds will not fix it, so it is not retried.
   */
  readonly hostNotFound?: boolean;
}

export class MarketDataError extends Error {
  /** See MarketErrorDetails.hostNotFound; always "unavailable" errors. */
  readonly hostNotFound: boolean;

  constructor(
    readonly kind: MarketErrorKind,
    message: string,
    readonly symbol: string | null = null,
    /** Seconds the provider asked us to wait (Retry-After), when it said so. */
    readonly retryAfterSeconds: number | null = null,
    details: MarketErrorDetails = {},
  ) {
    super(message);
    this.name = "MarketDataError";
    this.hostNotFound = details.hostNotFound === true;
  }
}
