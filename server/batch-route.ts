import { promisify } from "node:util";
import zlib from "node:zlib";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import pMap from "p-map";
import { MAX_BATCH_SYMBOLS, parseTicker, RELAY_BATCH_PATH, RelayErrorBody, relayErrorBodyOf } from "../src/market";
import type { DailySeries, Ticker } from "../src/market";
import { BodyEncoding, preferredEncoding } from "./accept-encoding";
import { isMarketDataError, sendError } from "./errors";
import { gzipParts, storedPiece } from "./gzip-pieces";
import { HistoryStoreLike, HistoryStores, storeFor, varyOn } from "./history-route";
import type { KnownSecrets } from "./known-secrets";
import type { SeriesBodies } from "./series-bodies";

/** Room for MAX_BATCH_SYMBOLS tickers with generous JSON overhead; anything bigger is refused (413). */
export const BATCH_BODY_LIMIT_BYTES = 16 * 1024;
/**
 * Distinct symbols of one batch fetched at once: a 100-symbol batch is one request to us but
 * would otherwise be 100 simultaneous requests to the provider.
 */
export const BATCH_CONCURRENCY = 16;
/** gzip first when the client's q-values tie: it is assembled from cached pieces, brotli is not. */
const BATCH_PREFERENCE: readonly BodyEncoding[] = ["gzip", "br"];
/** Speed over ratio for the rare per-request compression (see encodeBatch). */
const PER_REQUEST_BROTLI_QUALITY = 1;

const brotli = promisify(zlib.brotliCompress);

export interface BatchRouteDeps {
  stores: HistoryStores;
  bodies: SeriesBodies;
  secrets: KnownSecrets;
}

type Outcome = { series: DailySeries } | { error: RelayErrorBody };

/** The request's symbols, or the reason the whole request is refused. */
export function readBatchSymbols(body: unknown): { symbols: string[] } | { problem: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { problem: 'The body must be a JSON object {"symbols": [...]}' };
  }
  const symbols = (body as { symbols?: unknown }).symbols;
  if (!Array.isArray(symbols)) return { problem: '"symbols" must be an array of tickers' };
  if (symbols.length > MAX_BATCH_SYMBOLS) {
    return { problem: `At most ${MAX_BATCH_SYMBOLS} symbols per batch, got ${symbols.length}: split the request` };
  }
  const notText = symbols.findIndex((symbol) => typeof symbol !== "string");
  if (notText >= 0) return { problem: `"symbols" must hold only text; item ${notText} is ${typeof symbols[notText]}` };
  return { symbols: symbols as string[] };
}

async function fetchOutcome(store: HistoryStoreLike, ticker: Ticker, apiKey: string | null, log: FastifyBaseLogger): Promise<Outcome> {
  try {
    return { series: await store.get(ticker, { apiKey }) };
  } catch (error) {
    // A refusal keeps its retryAfterSeconds: a batch's results have no Retry-After header of their own.
    if (isMarketDataError(error)) return { error: relayErrorBodyOf(error, error.message) };
    log.error({ err: error }, "batch symbol failed");
    return { error: { error: "unavailable", message: `The data server failed for ${ticker}` } };
  }
}

/** A stretch of the answer: JSON text, or a series whose cached bytes go there. */
type Part = string | DailySeries;

/** The BatchResponse as text between series. Error messages pass through `redact`. */
function resultParts(symbols: readonly string[], outcomeFor: (sent: string) => Outcome, redact: (message: string) => string): Part[] {
  const parts: Part[] = [];
  let text = '{"results":[';
  symbols.forEach((sent, i) => {
    const outcome = outcomeFor(sent);
    text += `${i === 0 ? "" : ","}{"symbol":${JSON.stringify(sent)},`;
    if ("series" in outcome) {
      parts.push(`${text}"series":`, outcome.series);
      text = "}";
    } else {
      const error: RelayErrorBody = { ...outcome.error, message: redact(outcome.error.message) };
      text += `"error":${JSON.stringify(error)}}`;
    }
  });
  parts.push(`${text}]}`);
  return parts;
}

/**
 * The answer's bytes, assembled from each series' cached forms: serialising 100 histories anew
 * would take ~0.3 s, and compressing a 25-history answer (~6 MB) ~20 ms at brotli 1. gzip is
 * therefore each history's cached deflate data joined by stored blocks for the text between them
 * (level 6: about as small as brotli 1 per request, ~4x); brotli, for a client that accepts it but
 * not gzip (no browser), is compressed per request at quality 1, in the thread pool.
 */
async function encodeBatch(parts: readonly Part[], encoding: BodyEncoding | null, bodies: SeriesBodies): Promise<Buffer> {
  if (encoding === "gzip") {
    const pieces = await Promise.all(parts.map((part) => (typeof part === "string" ? storedPiece(Buffer.from(part)) : bodies.piece(part))));
    return Buffer.concat(gzipParts(pieces));
  }
  const json = Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part) : bodies.json(part))));
  if (encoding === null) return json;
  return brotli(json, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: PER_REQUEST_BROTLI_QUALITY } });
}

/**
 * POST /api/batch/:provider {symbols} -> 200 BatchResponse: one result per symbol as sent, in
 * order. Each distinct ticker costs one store call however often (and in whatever case) it
 * appears; a malformed ticker is answered invalid-symbol there and never goes upstream.
 * Whole-request errors: 404 unknown provider, 400 malformed body or too many symbols,
 * 413 body too large, 415 not JSON, 429 rate limited.
 */
export function registerBatchRoute(app: FastifyInstance, deps: BatchRouteDeps): void {
  const { stores, bodies, secrets } = deps;

  app.post<{ Params: { provider: string }; Body: unknown }>(
    `${RELAY_BATCH_PATH}/:provider`,
    // compress: false because encodeBatch compresses (or assembles) the answer itself.
    { bodyLimit: BATCH_BODY_LIMIT_BYTES, compress: false },
    async (request, reply) => {
      const store = storeFor(stores, request.params.provider, reply);
      if (store === null) return reply;
      const parsed = readBatchSymbols(request.body);
      if ("problem" in parsed) return sendError(reply, 400, { error: "bad-request", message: parsed.problem });

      const tickerOf = new Map<string, Ticker>();
      const invalid = new Map<string, RelayErrorBody>();
      for (const sent of new Set(parsed.symbols)) {
        try {
          tickerOf.set(sent, parseTicker(sent));
        } catch (error) {
          if (!isMarketDataError(error)) throw error;
          invalid.set(sent, { error: error.kind, message: error.message });
        }
      }
      const distinct = [...new Set(tickerOf.values())];
      const outcomes = await pMap(distinct, (ticker) => fetchOutcome(store, ticker, request.apiKey, request.log), {
        concurrency: BATCH_CONCURRENCY,
      });
      const outcomeOf = new Map(distinct.map((ticker, i) => [ticker, outcomes[i]]));

      const outcomeFor = (sent: string): Outcome => {
        const ticker = tickerOf.get(sent);
        return ticker === undefined ? { error: invalid.get(sent)! } : outcomeOf.get(ticker)!;
      };
      const parts = resultParts(parsed.symbols, outcomeFor, (message) => secrets.redact(message, request.apiKey));
      // Errors only: a few hundred bytes, not worth a compressor.
      const hasSeries = parts.some((part) => typeof part !== "string");
      const encoding = hasSeries ? preferredEncoding(request.headers["accept-encoding"], BATCH_PREFERENCE) : null;
      reply.header("cache-control", "no-store").type("application/json; charset=utf-8");
      varyOn(reply, "accept-encoding");
      const body = await encodeBatch(parts, encoding, bodies);
      // Only now: had the compression failed, the error answer must not claim an encoding.
      if (encoding !== null) reply.header("content-encoding", encoding);
      return reply.send(body);
    },
  );
}
