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
  /** Longest body read (bytes); a longer one is refused as bad-response, without reading the rest. Default: no limit. */
  readonly maxBodyBytes?: number;
}

/** Redirects followed on the URL's own origin (scheme, host and port) before giving up. */
const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/**
 * GET `url` and read the body as text. Any status is returned as is; timeouts, cancellation and
 * network failures (refused, reset, dropped mid-body) reject with MarketDataError("unavailable").
 * Redirects are followed only on the URL's own origin, at most MAX_REDIRECTS; one to anywhere else
 * (another host, port or scheme), without a Location, or one too many rejects with
 * MarketDataError("bad-response") naming the service, never a URL (URLs may carry keys). A body
 * over `maxBodyBytes` is refused the same way as soon as it is known to be too long.
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
    const response = await fetchWithinOrigin(url, controller.signal, options);
    const body = await readBody(response, options, () => controller.abort());
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    if (error instanceof MarketDataError) throw error;
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

/** GET `url`, following redirects only while they stay on its origin (see fetchText). */
async function fetchWithinOrigin(url: string, signal: AbortSignal, options: FetchTextOptions): Promise<Response> {
  const origin = new URL(url).origin;
  let target = url;
  for (let redirects = 0; ; redirects++) {
    const response = await fetch(target, { signal, headers: options.headers, redirect: "manual" });
    // Browsers hide a manual redirect's status and Location (an "opaqueredirect" with status 0).
    const isRedirect = REDIRECT_STATUSES.has(response.status) || response.type === "opaqueredirect";
    if (!isRedirect) return response;
    void response.body?.cancel().catch(() => undefined);
    const next = redirectTarget(response.headers.get("location"), target);
    if (next === null || next.origin !== origin) throw redirectError(options, "to another host; it was not followed");
    if (redirects >= MAX_REDIRECTS) throw redirectError(options, "too many times; the redirects were not followed");
    target = next.href;
  }
}

function redirectTarget(location: string | null, base: string): URL | null {
  if (location === null || location.trim() === "") return null;
  try {
    return new URL(location, base);
  } catch {
    return null;
  }
}

function redirectError(options: FetchTextOptions, what: string): MarketDataError {
  return new MarketDataError(
    "bad-response",
    `${capitalize(options.service)} redirected the request for ${options.symbol} ${what}`,
    options.symbol,
  );
}

/** The body as text (UTF-8, as Response.text() decodes it), read chunk by chunk up to `maxBodyBytes`. */
async function readBody(response: Response, options: FetchTextOptions, abort: () => void): Promise<string> {
  const limit = options.maxBodyBytes;
  if (limit === undefined) return response.text();
  const tooLong = (): MarketDataError => {
    abort(); // stops the download; the connection is not reused
    return new MarketDataError(
      "bad-response",
      `${capitalize(options.service)} sent more than ${formatBytes(limit)} for ${options.symbol}: the answer was refused`,
      options.symbol,
    );
  };
  if (announcedLength(response) > limit) {
    void response.body?.cancel().catch(() => undefined);
    throw tooLong();
  }
  if (!response.body) return response.text(); // no stream to read (an empty body)
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > limit) {
      void reader.cancel().catch(() => undefined);
      chunks.length = 0;
      throw tooLong();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder("utf-8").decode(bytes);
}

/** The Content-Length the upstream announced, or 0 when it announced none (or none readable). */
function announcedLength(response: Response): number {
  try {
    const length = Number(response.headers.get("content-length") ?? "");
    return Number.isFinite(length) ? length : 0;
  } catch {
    return 0;
  }
}

/** A byte count for messages: "16 MB", "512 KB", "300 bytes". */
function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
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
