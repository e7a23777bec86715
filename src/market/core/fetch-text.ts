import { MarketDataError } from "./market-error";
import { isRecord } from "./upstream-text";

export interface TextResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

export interface FetchTextOptions {
  /** Who we are calling, for messages: "Yahoo", "the data server". */
  readonly service: string;
  readonly symbol: string;
  /** Limit for the whole exchange, body included. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly headers?: Record<string, string>;
  /** Appended to a "host name not found" failure, where the host that built the provider has advice (see ProviderContext). */
  readonly hostNotFoundHint?: string;
}

/**
 * GET `url` and read the body as text. Any status is returned as is; timeouts, cancellation and
 * network failures (refused, reset, dropped mid-body) reject with MarketDataError("unavailable").
 */
export async function fetchText(url: string, options: FetchTextOptions): Promise<TextResponse> {
  const { service, symbol, timeoutMs, signal } = options;
  // Our own controller rather than AbortSignal.any/timeout: older Office webviews lack them.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = (): void => controller.abort();
  if (signal?.aborted) controller.abort();
  else signal?.addEventListener("abort", onCallerAbort, { once: true });
  try {
    const response = await fetch(url, { signal: controller.signal, headers: options.headers });
    const body = await response.text();
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    if (timedOut) {
      throw new MarketDataError(
        "unavailable",
        `${capitalize(service)} did not answer within ${formatSeconds(timeoutMs)} for ${symbol}: the request timed out`,
        symbol,
      );
    }
    if (signal?.aborted) {
      throw new MarketDataError("unavailable", `The request to ${service} for ${symbol} was cancelled`, symbol);
    }
    const hostNotFound = isHostNotFound(error);
    const hint = hostNotFound && options.hostNotFoundHint ? ` — ${options.hostNotFoundHint}` : "";
    const message = `Could not reach ${service} for ${symbol}: ${describeNetworkError(error)}${hint}`;
    throw new MarketDataError("unavailable", message, symbol, null, { hostNotFound });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onCallerAbort);
  }
}

/** The system error code under fetch's error (Node puts it in `cause`), or undefined. */
function networkCode(error: unknown): unknown {
  // Duck-typed: fetch's errors may come from another realm (jest, vm), where instanceof fails.
  const cause = isRecord(error) ? error.cause : undefined;
  return isRecord(cause) ? cause.code : undefined;
}

/** DNS could not resolve the host: ENOTFOUND (no such name) or EAI_AGAIN (no answer from the resolver, typically offline). */
export function isHostNotFound(error: unknown): boolean {
  const code = networkCode(error);
  return code === "ENOTFOUND" || code === "EAI_AGAIN";
}

/** Node's fetch says only "fetch failed" / "terminated"; the useful part is in `cause`. */
export function describeNetworkError(error: unknown): string {
  const message = messageOf(error);
  const cause = isRecord(error) ? error.cause : undefined;
  const code = networkCode(error);
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "the connection was dropped";
  if (isHostNotFound(error)) return "host name not found";
  if (message === "terminated") return "the connection was dropped before the response was complete";
  const causeMessage = cause === undefined ? "" : messageOf(cause);
  return causeMessage ? `${message} (${causeMessage})` : message;
}

export function messageOf(error: unknown): string {
  if (isRecord(error) && typeof error.message === "string" && error.message !== "") return error.message;
  return String(error);
}

/** A time limit for messages, to the millisecond: "20 s", "0.25 s". */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
