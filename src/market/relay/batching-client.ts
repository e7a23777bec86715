import {
  DailySeries,
  describeNetworkError,
  describeNonJson,
  formatSeconds,
  HistoryProvider,
  HistoryRequest,
  isRecord,
  MarketDataError,
  normalizeBaseUrl,
  tryParseJson,
} from "../core";
import { PLAN_HEADER } from "../providers";
import { relayError, relayErrorFromBody, relaySeriesFromJson, statusOfErrorBody } from "./errors";
import { API_KEY_HEADER, batchPath, BatchRequest, MAX_BATCH_SYMBOLS } from "./protocol";
import type { Ticker } from "../core";

/** How long calls are collected before they go out together: one recalculation's burst. */
export const DEFAULT_BATCH_WINDOW_MS = 10;
/** Above the relay's own wait for a full batch (several rounds of upstream requests). */
export const DEFAULT_BATCH_TIMEOUT_MS = 60_000;
const SERVICE = "the data server";

export interface BatchingRelayProviderOptions {
  /** The add-in's server, e.g. https://localhost:3000 (trailing slash tolerated). */
  serverUrl: string;
  /** Upstream provider the server should use, e.g. "yahoo". */
  provider: string;
  /** The analyst's own key for this provider, sent in the x-mkt-api-key header; null uses the server's. */
  apiKey?: string | null;
  /**
   * The plan tier of that key ("free", "premium-75"…), sent beside it in the x-mkt-plan header so the
   * server keeps the key to that plan's limits. Ignored without a key (the team key has the server's plan).
   */
  plan?: string | null;
  windowMs?: number;
  /** Limit for one batch request, body included. */
  timeoutMs?: number;
  /** Symbols per request, at most MAX_BATCH_SYMBOLS. */
  maxBatchSymbols?: number;
}

interface Waiter {
  resolve(series: DailySeries): void;
  reject(error: MarketDataError): void;
  /** Stops listening to the caller's abort signal. */
  release(): void;
}

/** Every pending call for one symbol; settled together by one result. */
interface Entry {
  readonly symbol: string;
  readonly waiters: Set<Waiter>;
  /** The request carrying it, once sent. */
  batch: Batch | null;
}

interface Batch {
  readonly entries: readonly Entry[];
  readonly controller: AbortController;
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/**
 * Used inside Excel: gathers the history calls made within a few milliseconds (a recalculation)
 * and asks the add-in's server for them in one POST /api/batch/{provider} per MAX_BATCH_SYMBOLS
 * symbols. A symbol is requested once however many calls want it, including calls made while its
 * request is already on the way. Each call settles on its own: its series, or the MarketDataError
 * its result (or the whole request's failure) stands for. A caller's abort rejects that call at
 * once; a request whose every caller gave up is itself aborted.
 */
export class BatchingRelayProvider implements HistoryProvider {
  readonly name: string;
  private readonly url: string;
  private readonly apiKey: string | null;
  private readonly plan: string | null;
  private readonly windowMs: number;
  private readonly timeoutMs: number;
  private readonly maxBatch: number;
  /** Waiting for the window to close. */
  private readonly queued = new Map<string, Entry>();
  /** On the way; later calls join them. */
  private readonly sent = new Map<string, Entry>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: BatchingRelayProviderOptions) {
    this.url = normalizeBaseUrl(options.serverUrl, "serverUrl") + batchPath(options.provider);
    this.name = options.provider;
    this.apiKey = options.apiKey?.trim() || null;
    this.plan = this.apiKey === null ? null : options.plan?.trim() || null;
    this.windowMs = options.windowMs ?? DEFAULT_BATCH_WINDOW_MS;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_BATCH_TIMEOUT_MS;
    this.maxBatch = Math.max(1, Math.min(options.maxBatchSymbols ?? MAX_BATCH_SYMBOLS, MAX_BATCH_SYMBOLS));
  }

  /** Full histories only: the batch protocol has no start date, so `request.since` is ignored. */
  fetchHistory(ticker: Ticker, request: HistoryRequest = {}): Promise<DailySeries> {
    const signal = request.signal;
    if (signal?.aborted) return Promise.reject(cancelled(ticker));

    return new Promise<DailySeries>((resolve, reject) => {
      const entry = this.sent.get(ticker) ?? this.queued.get(ticker) ?? this.enqueue(ticker);
      const onAbort = (): void => {
        entry.waiters.delete(waiter);
        reject(cancelled(ticker));
        this.abandonIfUnwanted(entry);
      };
      const waiter: Waiter = {
        resolve,
        reject,
        release: () => signal?.removeEventListener("abort", onAbort),
      };
      entry.waiters.add(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
      if (this.queued.size >= this.maxBatch) this.flush();
    });
  }

  private enqueue(symbol: string): Entry {
    const entry: Entry = { symbol, waiters: new Set(), batch: null };
    this.queued.set(symbol, entry);
    this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    return entry;
  }

  private flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const entries = [...this.queued.values()];
    this.queued.clear();
    for (let i = 0; i < entries.length; i += this.maxBatch) void this.send(entries.slice(i, i + this.maxBatch));
  }

  private async send(entries: readonly Entry[]): Promise<void> {
    const batch: Batch = { entries, controller: new AbortController() };
    for (const entry of entries) {
      entry.batch = batch;
      this.sent.set(entry.symbol, entry);
    }
    try {
      const answer = await this.post(batch);
      if (answer.status === 200) this.settleResults(entries, answer.body);
      else for (const entry of entries) settle(entry, relayError(entry.symbol, answer));
    } catch (error) {
      for (const entry of entries)
        settle(entry, error instanceof FailurePerSymbol ? error.forSymbol(entry.symbol) : unexpected(entry.symbol, error));
    } finally {
      for (const entry of entries) if (this.sent.get(entry.symbol) === entry) this.sent.delete(entry.symbol);
    }
  }

  /** POSTs the batch; network failures, the timeout and cancellation reject with FailurePerSymbol. */
  private async post(batch: Batch): Promise<Answer> {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      batch.controller.abort();
    }, this.timeoutMs);
    const headers: Record<string, string> = { accept: "application/json", "content-type": "application/json" };
    if (this.apiKey !== null) headers[API_KEY_HEADER] = this.apiKey;
    if (this.plan !== null) headers[PLAN_HEADER] = this.plan;
    const payload: BatchRequest = { symbols: batch.entries.map((entry) => entry.symbol) };
    try {
      const response = await fetch(this.url, { method: "POST", headers, body: JSON.stringify(payload), signal: batch.controller.signal });
      return { status: response.status, headers: response.headers, body: await response.text() };
    } catch (error) {
      if (timedOut) {
        throw new FailurePerSymbol(
          (symbol) => `The data server did not answer within ${formatSeconds(this.timeoutMs)} for ${symbol}: the request timed out`,
        );
      }
      if (batch.controller.signal.aborted) throw new FailurePerSymbol((symbol) => `The request to ${SERVICE} for ${symbol} was cancelled`);
      const reason = describeNetworkError(error);
      throw new FailurePerSymbol((symbol) => `Could not reach ${SERVICE} for ${symbol}: ${reason}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private settleResults(entries: readonly Entry[], body: string): void {
    const parsed = tryParseJson(body);
    const results = parsed.ok && isRecord(parsed.value) ? parsed.value.results : undefined;
    if (!Array.isArray(results) || results.length !== entries.length) {
      const what = !parsed.ok
        ? describeNonJson(body)
        : Array.isArray(results)
          ? `${results.length} results for ${entries.length} symbols`
          : "JSON without results";
      for (const entry of entries) {
        settle(
          entry,
          new MarketDataError(
            "bad-response",
            `The data server sent ${what} for ${entry.symbol} instead of a batch of price series`,
            entry.symbol,
          ),
        );
      }
      return;
    }
    entries.forEach((entry, i) => settle(entry, resultFor(entry.symbol, results[i])));
  }

  /** Called when a caller gives up: drop a queued symbol nobody wants, abort a request nobody waits for. */
  private abandonIfUnwanted(entry: Entry): void {
    if (entry.waiters.size > 0) return;
    if (entry.batch === null) {
      if (this.queued.get(entry.symbol) === entry) this.queued.delete(entry.symbol);
      return;
    }
    const batch = entry.batch;
    if (!batch.entries.every((other) => other.waiters.size === 0)) return;
    // Out of `sent` at once, so a new call for one of these symbols starts afresh instead of joining the cancelled request.
    for (const other of batch.entries) if (this.sent.get(other.symbol) === other) this.sent.delete(other.symbol);
    batch.controller.abort();
  }
}

/** A failure of the whole request, worded for each symbol it carried. */
class FailurePerSymbol extends Error {
  constructor(private readonly describe: (symbol: string) => string) {
    super(describe("the batch"));
  }

  forSymbol(symbol: string): MarketDataError {
    return new MarketDataError("unavailable", this.describe(symbol), symbol);
  }
}

/** One result of a 200 batch: its series, or the error it reports. */
function resultFor(symbol: string, result: unknown): DailySeries | MarketDataError {
  if (!isRecord(result) || result.symbol !== symbol) {
    return new MarketDataError("bad-response", `The data server sent a batch result that is not for ${symbol}`, symbol);
  }
  if ("series" in result) {
    try {
      return relaySeriesFromJson(symbol, result.series);
    } catch (error) {
      return error as MarketDataError;
    }
  }
  const error = relayErrorFromBody(symbol, result.error, statusOfErrorBody(result.error), null);
  return (
    error ??
    new MarketDataError("bad-response", `The data server sent a batch result for ${symbol} with neither a series nor an error`, symbol)
  );
}

function settle(entry: Entry, outcome: DailySeries | MarketDataError): void {
  for (const waiter of entry.waiters) {
    waiter.release();
    if (outcome instanceof MarketDataError) waiter.reject(outcome);
    else waiter.resolve(outcome);
  }
  entry.waiters.clear();
}

function cancelled(symbol: string): MarketDataError {
  return new MarketDataError("unavailable", `The request to ${SERVICE} for ${symbol} was cancelled`, symbol);
}

function unexpected(symbol: string, error: unknown): MarketDataError {
  if (error instanceof MarketDataError) return error;
  return new MarketDataError("bad-response", `Unexpected failure reading the data server's answer for ${symbol}: ${String(error)}`, symbol);
}
