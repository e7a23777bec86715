import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { parseTicker, RELAY_EARNINGS_PATH, RELAY_SNAPSHOTS_PATH, relayErrorBodyOf } from "../src/market";
import type { EarningsHistory, ProviderName, RelayErrorBody, SnapshotResult, SnapshotStore, Ticker, TickerSnapshot } from "../src/market";
import { BATCH_BODY_LIMIT_BYTES, readBatchSymbols } from "./batch-route";
import { isMarketDataError, sendError, sendMarketError } from "./errors";
import { HISTORY_MAX_AGE_SECONDS, storeFor } from "./history-route";
import type { KnownSecrets } from "./known-secrets";

/** What the relay needs from a snapshot store: SnapshotStore, or anything shaped like it (tests). */
export type SnapshotStoreLike = Pick<SnapshotStore, "snapshot" | "earnings" | "stats"> &
  Partial<Pick<SnapshotStore, "statsByKind" | "clear" | "flush">>;

/** One snapshot store per provider, shared by every client of this server. */
export type SnapshotStores = ReadonlyMap<ProviderName, SnapshotStoreLike>;

export interface SnapshotRoutesDeps {
  stores: SnapshotStores;
  secrets: KnownSecrets;
}

type Outcome = { snapshot: TickerSnapshot } | { error: RelayErrorBody };

async function snapshotOutcome(store: SnapshotStoreLike, ticker: Ticker, apiKey: string | null, log: FastifyBaseLogger): Promise<Outcome> {
  try {
    return { snapshot: await store.snapshot(ticker, { apiKey }) };
  } catch (error) {
    // A refusal keeps its retryAfterSeconds: a batch's results have no Retry-After header of their own.
    if (isMarketDataError(error)) return { error: relayErrorBodyOf(error, error.message) };
    log.error({ err: error }, "snapshot symbol failed");
    return { error: { error: "unavailable", message: `The data server failed for ${ticker}` } };
  }
}

/**
 * POST /api/snapshots/:provider {symbols} -> 200 SnapshotBatchResponse: one result per symbol as sent,
 * in order, `{symbol, snapshot}` or `{symbol, error}` (a refusal with retryAfterSeconds). Each distinct
 * ticker is one store call however often (and in whatever case) it appears, all at once: the store
 * batches them into the provider's requests. A malformed ticker is answered invalid-symbol there and
 * never goes upstream. Whole-request errors as the history batch: 404 unknown provider, 400 malformed
 * body or more than MAX_BATCH_SYMBOLS symbols, 413 body too large, 415 not JSON, 429 rate limited.
 *
 * GET /api/earnings/:provider/:symbol -> 200 EarningsHistory, or the JSON error of its MarketDataError
 * (its kind's status; a refusal with Retry-After and retryAfterSeconds), 400 invalid symbol, 404 unknown provider.
 */
export function registerSnapshotRoutes(app: FastifyInstance, deps: SnapshotRoutesDeps): void {
  const { stores, secrets } = deps;

  app.post<{ Params: { provider: string }; Body: unknown }>(
    `${RELAY_SNAPSHOTS_PATH}/:provider`,
    { bodyLimit: BATCH_BODY_LIMIT_BYTES },
    async (request, reply) => {
      const store = storeFor(stores, request.params.provider, reply);
      if (store === null) return reply;
      const parsed = readBatchSymbols(request.body);
      if ("problem" in parsed) return sendError(reply, 400, { error: "bad-request", message: parsed.problem });

      const outcomeOf = new Map<string, Promise<Outcome>>();
      const byTicker = new Map<Ticker, Promise<Outcome>>();
      for (const sent of new Set(parsed.symbols)) {
        let ticker: Ticker;
        try {
          ticker = parseTicker(sent);
        } catch (error) {
          if (!isMarketDataError(error)) throw error;
          outcomeOf.set(sent, Promise.resolve({ error: { error: error.kind, message: error.message } }));
          continue;
        }
        let outcome = byTicker.get(ticker);
        if (outcome === undefined) {
          outcome = snapshotOutcome(store, ticker, request.apiKey, request.log);
          byTicker.set(ticker, outcome);
        }
        outcomeOf.set(sent, outcome);
      }
      const results: SnapshotResult[] = [];
      for (const symbol of parsed.symbols) {
        const outcome = await outcomeOf.get(symbol)!;
        results.push(
          "snapshot" in outcome
            ? { symbol, snapshot: outcome.snapshot }
            : { symbol, error: { ...outcome.error, message: secrets.redact(outcome.error.message, request.apiKey) } },
        );
      }
      return reply.header("cache-control", "no-store").type("application/json; charset=utf-8").send({ results });
    },
  );

  app.get<{ Params: { provider: string; symbol: string } }>(`${RELAY_EARNINGS_PATH}/:provider/:symbol`, async (request, reply) => {
    const store = storeFor(stores, request.params.provider, reply);
    if (store === null) return reply;
    let earnings: EarningsHistory;
    try {
      // Checked here as well as in the store, so nothing malformed can reach any store or upstream.
      earnings = await store.earnings(parseTicker(request.params.symbol), { apiKey: request.apiKey });
    } catch (error) {
      if (isMarketDataError(error)) return sendMarketError(reply, error);
      throw error; // the error handler answers 500 without details
    }
    return reply
      .header("cache-control", `private, max-age=${HISTORY_MAX_AGE_SECONDS}`)
      .type("application/json; charset=utf-8")
      .send(earnings);
  });
}
