/** The add-in's data server protocol: paths, bodies and error mapping, and the add-in's batching client. */
export {
  API_KEY_HEADER,
  batchPath,
  earningsPath,
  historyPath,
  isMarketErrorKind,
  isRefusalKind,
  MAX_BATCH_SYMBOLS,
  RELAY_BATCH_PATH,
  RELAY_EARNINGS_PATH,
  RELAY_HISTORY_PATH,
  RELAY_SNAPSHOTS_PATH,
  relayErrorBodyOf,
  snapshotsPath,
  statusForKind,
} from "./protocol";
export type {
  BatchRequest,
  BatchResponse,
  BatchResult,
  EarningsResponse,
  RelayErrorBody,
  SnapshotBatchResponse,
  SnapshotResult,
} from "./protocol";
export { BatchingRelayProvider, DEFAULT_BATCH_TIMEOUT_MS, DEFAULT_BATCH_WINDOW_MS } from "./batching-client";
export type { BatchingRelayProviderOptions } from "./batching-client";
export { RelaySnapshotProvider } from "./snapshot-client";
export {
  relayEarningsFromJson,
  relayError,
  relayErrorFromBody,
  relaySeriesFromJson,
  relaySnapshotFromJson,
  statusOfErrorBody,
} from "./errors";
export type { RelayAnswer } from "./errors";
