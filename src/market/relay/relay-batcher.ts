import { describeNetworkError, describeNonJson, formatSeconds, isRecord, MarketDataError, tryParseJson } from "../core";
import { PLAN_HEADER } from "../providers";
import { relayError, relayErrorFromBody, statusOfErrorBody } from "./errors";
import { API_KEY_HEADER, BatchRequest } from "./protocol";

const SERVICE = "the data server";

/** How a batch answer's results are read: the field holding a value, and how it is checked. */
export interface RelayResultFormat<T> {
  /** The field of a result holding the value ("series", "snapshot"). */
  readonly field: string;
  /** What a whole answer is, for messages ("a batch of price series"). */
  readonly batchOf: string;
  /** The value of `field`, checked; throws a MarketDataError for `symbol` when it cannot be used. */
  fromJson(symbol: string, value: unknown): T;
}

export interface RelayBatcherOptions<T> {
  /** The batch route's full URL. */
  readonly url: string;
  /** Sent in x-mkt-api-key; null: the server's key. */
  readonly apiKey: string | null;
  /** Sent in x-mkt-plan beside a key. */
  readonly plan: string | null;
  readonly windowMs: number;
  readonly timeoutMs: number;
  /** Symbols per request. */
  readonly maxBatch: number;
  readonly format: RelayResultFormat<T>;
}

/** The headers of a request to the relay: JSON, and the analyst's key with its plan when there is one. */
export function relayHeaders(apiKey: string | null, plan: string | null): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/json", "content-type": "application/json" };
  if (apiKey !== null) headers[API_KEY_HEADER] = apiKey;
  if (apiKey !== null && plan !== null) headers[PLAN_HEADER] = plan;
  return headers;
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: MarketDataError): void;
  /** Stops listening to the caller's abort signal. */
  release(): void;
}

/** Every pending call for one symbol; settled together by one result. */
interface Entry<T> {
  readonly symbol: string;
  readonly waiters: Set<Waiter<T>>;
  /** The request carrying it, once sent. */
  batch: Batch<T> | null;
}

interface Batch<T> {
  readonly entries: readonly Entry<T>[];
  readonly controller: AbortController;
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/**
 * Gathers the calls made within a few milliseconds (a recalculation) and asks the add-in's server for
 * them in one POST per `maxBatch` symbols. A symbol is requested once however many calls want it,
 * including calls made while its request is already on the way. Each call settles on its own: its
 * value, or the MarketDataError its result (or the whole request's failure) stands for. A caller's
 * abort rejects that call at once; a request whose every caller gave up is itself aborted.
 */
export class RelayBatcher<T> {
  /** Waiting for the window to close. */
  private readonly queued = new Map<string, Entry<T>>();
  /** On the way; later calls join them. */
  private readonly sent = new Map<string, Entry<T>>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: RelayBatcherOptions<T>) {}

  call(ticker: string, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(cancelled(ticker));

    return new Promise<T>((resolve, reject) => {
      const entry = this.sent.get(ticker) ?? this.queued.get(ticker) ?? this.enqueue(ticker);
      const onAbort = (): void => {
        entry.waiters.delete(waiter);
        reject(cancelled(ticker));
        this.abandonIfUnwanted(entry);
      };
      const waiter: Waiter<T> = {
        resolve,
        reject,
        release: () => signal?.removeEventListener("abort", onAbort),
      };
      entry.waiters.add(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
      if (this.queued.size >= this.options.maxBatch) this.flush();
    });
  }

  private enqueue(symbol: string): Entry<T> {
    const entry: Entry<T> = { symbol, waiters: new Set(), batch: null };
    this.queued.set(symbol, entry);
    this.timer ??= setTimeout(() => this.flush(), this.options.windowMs);
    return entry;
  }

  private flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const entries = [...this.queued.values()];
    this.queued.clear();
    for (let i = 0; i < entries.length; i += this.options.maxBatch) void this.send(entries.slice(i, i + this.options.maxBatch));
  }

  private async send(entries: readonly Entry<T>[]): Promise<void> {
    const batch: Batch<T> = { entries, controller: new AbortController() };
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
  private async post(batch: Batch<T>): Promise<Answer> {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      batch.controller.abort();
    }, this.options.timeoutMs);
    const headers = relayHeaders(this.options.apiKey, this.options.plan);
    const payload: BatchRequest = { symbols: batch.entries.map((entry) => entry.symbol) };
    try {
      const response = await fetch(this.options.url, {
        method: "POST",
        headers,
        body: JSON.stringify(payload),
        signal: batch.controller.signal,
      });
      return { status: response.status, headers: response.headers, body: await response.text() };
    } catch (error) {
      if (timedOut) {
        throw new FailurePerSymbol(
          (symbol) => `The data server did not answer within ${formatSeconds(this.options.timeoutMs)} for ${symbol}: the request timed out`,
        );
      }
      if (batch.controller.signal.aborted) throw new FailurePerSymbol((symbol) => `The request to ${SERVICE} for ${symbol} was cancelled`);
      const reason = describeNetworkError(error);
      throw new FailurePerSymbol((symbol) => `Could not reach ${SERVICE} for ${symbol}: ${reason}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private settleResults(entries: readonly Entry<T>[], body: string): void {
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
            `The data server sent ${what} for ${entry.symbol} instead of ${this.options.format.batchOf}`,
            entry.symbol,
          ),
        );
      }
      return;
    }
    entries.forEach((entry, i) => settle(entry, resultFor(entry.symbol, results[i], this.options.format)));
  }

  /** Called when a caller gives up: drop a queued symbol nobody wants, abort a request nobody waits for. */
  private abandonIfUnwanted(entry: Entry<T>): void {
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

/** One result of a 200 batch: its value, or the error it reports. */
function resultFor<T>(symbol: string, result: unknown, format: RelayResultFormat<T>): T | MarketDataError {
  if (!isRecord(result) || result.symbol !== symbol) {
    return new MarketDataError("bad-response", `The data server sent a batch result that is not for ${symbol}`, symbol);
  }
  if (format.field in result) {
    try {
      return format.fromJson(symbol, result[format.field]);
    } catch (error) {
      return error as MarketDataError;
    }
  }
  const error = relayErrorFromBody(symbol, result.error, statusOfErrorBody(result.error), null);
  return (
    error ??
    new MarketDataError(
      "bad-response",
      `The data server sent a batch result for ${symbol} with neither a ${format.field} nor an error`,
      symbol,
    )
  );
}

function settle<T>(entry: Entry<T>, outcome: T | MarketDataError): void {
  for (const waiter of entry.waiters) {
    waiter.release();
    if (outcome instanceof MarketDataError) waiter.reject(outcome);
    else waiter.resolve(outcome);
  }
  entry.waiters.clear();
}

export function cancelled(symbol: string): MarketDataError {
  return new MarketDataError("unavailable", `The request to ${SERVICE} for ${symbol} was cancelled`, symbol);
}

function unexpected(symbol: string, error: unknown): MarketDataError {
  if (error instanceof MarketDataError) return error;
  return new MarketDataError("bad-response", `Unexpected failure reading the data server's answer for ${symbol}: ${String(error)}`, symbol);
}
