/**
 * Live quotes (issue 12): the stream protocol between the add-in and its server (protocol.ts, the
 * SSE reader), the US-calendar schedule of polls, and the poller that shares one upstream poll per
 * ticker and interval between every client (and, through a QuoteCoordinator, every server instance).
 * Nothing here needs Node: the add-in imports the protocol, the server the poller.
 */
export {
  DEFAULT_QUOTE_INTERVAL_SECONDS,
  isFinalQuoteError,
  liveQuoteFromJson,
  MAX_QUOTE_TICKERS_PER_CONNECTION,
  QUOTE_EVENTS,
  QUOTE_GRACE_MS,
  QUOTE_HEARTBEAT_MS,
  QUOTE_MAX_RETRY_MS,
  QUOTE_RETRY_MS,
  quoteChanged,
  QUOTES_PATH,
  quoteStreamPath,
  quoteSubscriptionsPath,
  quoteTickerErrorFromJson,
} from "./protocol";
export type {
  MarketPhase,
  QuoteBye,
  QuoteErrorsEvent,
  QuoteEventName,
  QuoteHello,
  QuotePing,
  QuotesEvent,
  QuoteStreamStatus,
  QuoteSubscriptionRequest,
  QuoteSubscriptionResponse,
  QuoteTickerError,
  UpstreamState,
} from "./protocol";
export { formatSseEvent, SseParser } from "./sse";
export type { SseEvent } from "./sse";
export {
  effectiveQuoteIntervalMs,
  lastSettledClose,
  marketPhase,
  minimumQuoteIntervalMs,
  nextQuotePoll,
  QUOTE_PLAN_SHARE,
  US_REGULAR_SESSION_MS,
  usSessionHours,
  usTradingDayOf,
} from "./schedule";
export type { QuotePoll, QuotePollKind, QuoteScheduleOptions } from "./schedule";
export { LocalQuoteCoordinator } from "./coordination";
export type { ForwardedReply, ForwardedSubscription, QuoteCoordinator, QuotePollResult } from "./coordination";
export { DEFAULT_AFTER_CLOSE_DELAY_MS, QuotePoller } from "./poller";
export type { QuotePollerOptions, QuotePollerStats, QuoteUpdate } from "./poller";
export { RateCounter } from "./rate-counter";
