import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import pMap from "p-map";
import { MAX_BATCH_SYMBOLS, parseTicker, RELAY_BATCH_PATH, RelayErrorBody } from "../src/market";
import type { DailySeries, Ticker } from "../src/market";
import { isMarketDataError, sendError } from "./errors";
import { HistoryStoreLike, HistoryStores, storeFor } from "./history-route";
import type { KnownSecrets } from "./known-secrets";
import type { SeriesBodies } from "./series-bodies";

/** Room for MAX_BATCH_SYMBOLS tickers with generous JSON overhead; anything bigger is refused (413). */
export const BATCH_BODY_LIMIT_BYTES = 16 * 1024;
/**
 * Distinct symbols of one batch fetched at once: a 100-symbol batch is one request to us but
 * would otherwise be 100 simultaneous requests to the provider.
 */
export const BATCH_CONCURRENCY = 16;

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
    if (isMarketDataError(error)) return { error: { error: error.kind, message: error.message } };
    log.error({ err: error }, "batch symbol failed");
    return { error: { error: "unavailable", message: `The data server failed for ${ticker}` } };
  }
}

/**
 * The BatchResponse bytes, assembled from the cached SeriesJson bytes: serialising 100 histories
 * anew would take ~0.3 s. Error messages pass through `redact`.
 */
function encodeResults(
  symbols: readonly string[],
  outcomeFor: (sent: string) => Outcome,
  bodies: SeriesBodies,
  redact: (message: string) => string,
): Buffer {
  const parts: Buffer[] = [Buffer.from('{"results":[')];
  symbols.forEach((sent, i) => {
    const outcome = outcomeFor(sent);
    const head = `${i === 0 ? "" : ","}{"symbol":${JSON.stringify(sent)},`;
    if ("series" in outcome) {
      parts.push(Buffer.from(`${head}"series":`), bodies.json(outcome.series), Buffer.from("}"));
    } else {
      const error: RelayErrorBody = { error: outcome.error.error, message: redact(outcome.error.message) };
      parts.push(Buffer.from(`${head}"error":${JSON.stringify(error)}}`));
    }
  });
  parts.push(Buffer.from("]}"));
  return Buffer.concat(parts);
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
    { bodyLimit: BATCH_BODY_LIMIT_BYTES },
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
      const body = encodeResults(parsed.symbols, outcomeFor, bodies, (message) => secrets.redact(message, request.apiKey));
      return reply.header("cache-control", "no-store").type("application/json; charset=utf-8").send(body);
    },
  );
}
