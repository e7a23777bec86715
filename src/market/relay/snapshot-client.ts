import { describeNetworkError, describeNonJson, formatSeconds, MarketDataError, normalizeBaseUrl, tryParseJson } from "../core";
import type { EarningsHistory, SnapshotOutcome, SnapshotProvider, SnapshotRequest, Ticker, TickerSnapshot } from "../core";
import { BatchingRelayProviderOptions, relaySettings } from "./batching-client";
import { relayEarningsFromJson, relayError, relaySnapshotFromJson } from "./errors";
import { earningsPath, MAX_BATCH_SYMBOLS, snapshotsPath } from "./protocol";
import { cancelled, RelayBatcher, relayHeaders, RelayResultFormat } from "./relay-batcher";

const SNAPSHOT_RESULTS: RelayResultFormat<TickerSnapshot> = {
  field: "snapshot",
  batchOf: "a batch of valuation snapshots",
  fromJson: relaySnapshotFromJson,
};

/**
 * Used inside Excel for valuation data, as BatchingRelayProvider is for histories: snapshot calls made
 * within the window (10 ms) go to the add-in's server together, POST /api/snapshots/{provider} per
 * MAX_BATCH_SYMBOLS symbols, each symbol once; earnings histories one GET /api/earnings/{provider}/{symbol}
 * each. The analyst's key and its plan travel in the same headers. Every outcome is a value or a
 * MarketDataError per ticker; fetchSnapshots never rejects.
 */
export class RelaySnapshotProvider implements SnapshotProvider {
  readonly name: string;
  readonly snapshotsPerRequest = MAX_BATCH_SYMBOLS;
  private readonly batcher: RelayBatcher<TickerSnapshot>;
  private readonly settings: ReturnType<typeof relaySettings>;
  private readonly earningsBase: string;

  constructor(options: BatchingRelayProviderOptions) {
    this.name = options.provider;
    this.settings = relaySettings(options, snapshotsPath(options.provider));
    this.batcher = new RelayBatcher({ ...this.settings, format: SNAPSHOT_RESULTS });
    this.earningsBase = normalizeBaseUrl(options.serverUrl, "serverUrl");
  }

  async fetchSnapshots(tickers: readonly Ticker[], request: SnapshotRequest = {}): Promise<ReadonlyMap<Ticker, SnapshotOutcome>> {
    const outcomes = await Promise.all(
      tickers.map((ticker) => this.batcher.call(ticker, request.signal).catch((error: MarketDataError) => error)),
    );
    return new Map(tickers.map((ticker, i) => [ticker, outcomes[i]]));
  }

  async fetchEarnings(ticker: Ticker, request: SnapshotRequest = {}): Promise<EarningsHistory> {
    const { apiKey, plan, timeoutMs } = this.settings;
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    request.signal?.addEventListener("abort", stop, { once: true });
    if (request.signal?.aborted) controller.abort();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let status: number;
    let headers: Headers;
    let body: string;
    try {
      const response = await fetch(this.earningsBase + earningsPath(this.name, ticker), {
        headers: relayHeaders(apiKey, plan),
        signal: controller.signal,
      });
      status = response.status;
      headers = response.headers;
      body = await response.text();
    } catch (error) {
      if (timedOut) {
        throw new MarketDataError(
          "unavailable",
          `The data server did not answer within ${formatSeconds(timeoutMs)} for ${ticker}: the request timed out`,
          ticker,
        );
      }
      if (controller.signal.aborted) throw cancelled(ticker);
      throw new MarketDataError("unavailable", `Could not reach the data server for ${ticker}: ${describeNetworkError(error)}`, ticker);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", stop);
    }
    if (status !== 200) throw relayError(ticker, { status, headers, body });
    const parsed = tryParseJson(body);
    if (!parsed.ok) {
      throw new MarketDataError(
        "bad-response",
        `The data server sent ${describeNonJson(body)} for ${ticker} instead of an earnings history`,
        ticker,
      );
    }
    return relayEarningsFromJson(ticker, parsed.value);
  }
}
