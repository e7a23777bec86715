import { setMaxListeners } from "node:events";
import Fastify, { FastifyInstance, FastifyServerOptions } from "fastify";
import { type Env, processEnv, PROVIDER_NAMES, ProviderName } from "../src/market";
import { RedisQuotaCounter, RedisSeriesCache, redisValuationCaches } from "../src/market/store/node";
import { LOOPBACK_HOST_NAMES, registerAllowedHosts } from "./allowed-hosts";
import { registerApiKeyHeader } from "./api-key-header";
import { BATCH_BODY_LIMIT_BYTES, registerBatchRoute } from "./batch-route";
import { DEFAULT_CACHE_SECONDS, expireCachesEvery } from "./cache-expiry";
import { registerCompression } from "./compression";
import { registerCors } from "./cors";
import { clientErrorHandler, frameworkErrorHandler, installErrorHandling } from "./errors";
import { registerHealthRoute } from "./health-route";
import { HistoryStoreLike, registerApiFallback, registerHistoryRoute } from "./history-route";
import type { ProviderFactory } from "./key-routing-provider";
import { KnownSecrets, teamKeys } from "./known-secrets";
import { redactingLogger } from "./log-redaction";
import { DEFAULT_MEMORY_CACHE_MB, relayMemory, relayValuationMemory } from "./memory-budget";
import { KeyPlans, registerPlanHeader } from "./plan-header";
import { createQuoteService, QuoteOptions, registerQuoteRoutes } from "./quotes";
import { createRelayStores } from "./provider-stores";
import { DEFAULT_RATE_LIMIT_PER_MINUTE, registerRateLimit } from "./rate-limit";
import { SeriesBodies } from "./series-bodies";
import { registerRequestTargetCheck } from "./request-target";
import { registerShutdown } from "./shutdown";
import { registerSnapshotRoutes, SnapshotStoreLike } from "./snapshot-routes";
import { closeSilentConnections } from "./silent-connections";
import { registerStaticRoutes, resolveOfficeJsDir } from "./static-routes";
import { DEFAULT_TIMEOUTS, ServerTimeouts } from "./timeouts";
import { uncheckedStatus, UpstreamProbe } from "./upstream-probe";

export interface BuildServerOptions {
  /** The built add-in to serve at / (normally the repo's dist/). */
  staticDir: string;
  /** Office.js files to serve at /office-js/; defaults to the @microsoft/office-js package. */
  officeJsDir?: string;
  /** Certificate and key to serve HTTPS; null or absent serves plain HTTP. */
  tls?: { cert: string; key: string } | null;
  /** fastify's logger option (secrets are always redacted from it); off by default. */
  logger?: FastifyServerOptions["logger"];
  /** Provider URLs and team keys (MKT_<NAME>_URL, MKT_<NAME>_KEY); defaults to process.env. */
  env?: Env;
  /**
   * How a provider is made for a key (tests); defaults to createDirectProvider over `env`. Where what it
   * makes is a SnapshotProvider too, it also serves the valuation routes, within the same limits.
   */
  createProvider?: ProviderFactory;
  /** The shared store of one provider (tests); replaces the provider stores and the Redis cache. */
  createStore?: (provider: ProviderName) => HistoryStoreLike;
  /** The shared snapshot store of one provider (tests); replaces the snapshot stores and their Redis caches. */
  createSnapshotStore?: (provider: ProviderName) => SnapshotStoreLike;
  /** The cached wire forms of series (tests count its work); defaults to a new SeriesBodies. */
  bodies?: SeriesBodies;
  /** Seconds between emptying the shared caches (default 15 minutes); 0 keeps series until restart. */
  cacheSeconds?: number;
  /** REDIS_URL: keep fetched series in Redis too, shared by every server instance using it. */
  redisUrl?: string | null;
  /** Browser origins besides the server's own that may call /api/ (MKT_ALLOWED_ORIGINS, normalised). */
  allowedOrigins?: readonly string[];
  /** /api/ requests per minute per client address (default 600); 0 turns the limit off. */
  rateLimitPerMinute?: number;
  /** Host names the server answers for (MKT_ALLOWED_HOSTS, or the server's own names); default the loopback names. */
  allowedHosts?: readonly string[];
  /** Proxies (addresses, CIDRs) whose X-Forwarded-For/-Host/-Proto are believed (MKT_TRUST_PROXY); default none. */
  trustProxy?: readonly string[];
  /** Megabytes of histories (with their wire forms) kept in memory by all stores together (MKT_MEMORY_CACHE_MB, default 256). */
  memoryCacheMb?: number;
  timeouts?: Partial<ServerTimeouts>;
  /** Live quotes (issue 12): the quote clients, interval and market clock (tests, the bench); see server/quotes. */
  quotes?: QuoteOptions;
  /**
   * The start-up probe of the default provider, reported as `upstream` by /api/health. The server
   * only reads it (main.ts runs it alongside start-up); absent, health reports it as not checked.
   */
  upstream?: Pick<UpstreamProbe, "outcome">;
}

/**
 * As long as any URL Node accepts (its 16 KiB header limit), so an over-long symbol always
 * reaches the symbol check (400 invalid-symbol) instead of falling through to another route.
 */
const MAX_PARAM_LENGTH = 16 * 1024;

function createFastify(options: BuildServerOptions, secrets: KnownSecrets): FastifyInstance {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const nodeServerOptions = {
    headersTimeout: timeouts.headersMs,
    connectionsCheckingInterval: timeouts.checkIntervalMs,
    // Node would answer a missing Host with an empty 400; registerAllowedHosts answers it in JSON.
    requireHostHeader: false,
  };
  const common = {
    logger: redactingLogger(options.logger ?? false, secrets),
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    trustProxy: options.trustProxy !== undefined && options.trustProxy.length > 0 ? [...options.trustProxy] : false,
    // registerShutdown answers requests during close itself, in JSON (fastify's 503 body is its own shape).
    return503OnClosing: false,
    forceCloseConnections: "idle" as const,
    // Only the batch route takes a body; it sets the same limit explicitly.
    bodyLimit: BATCH_BODY_LIMIT_BYTES,
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleSocketMs,
    keepAliveTimeout: timeouts.keepAliveMs,
  };
  // fastify types HTTP and HTTPS instances apart; the routes below work on either.
  const app = options.tls
    ? (Fastify({
        ...common,
        https: { cert: options.tls.cert, key: options.tls.key, handshakeTimeout: timeouts.headersMs, ...nodeServerOptions },
      }) as unknown as FastifyInstance)
    : Fastify({ ...common, http: nodeServerOptions });
  const stopClosing = closeSilentConnections(app.server, timeouts.headersMs, timeouts.checkIntervalMs);
  app.addHook("onClose", async () => stopClosing());
  return app;
}

/**
 * The add-in's web server, built but not listening: the built add-in and Office.js as static
 * files, and the /api data relay (single and batch histories, batched valuation snapshots and earnings
 * histories) with one store of each per provider shared by every client, in memory and, with a Redis
 * URL, in Redis.
 */
export function buildServer(options: BuildServerOptions): FastifyInstance {
  const env = options.env ?? processEnv();
  const secrets = new KnownSecrets(teamKeys(env, PROVIDER_NAMES));
  const app = createFastify(options, secrets);

  // Aborted when the server starts closing: every store's upstream calls end at once (registerShutdown).
  const upstreamAbort = new AbortController();
  // One listener per upstream call in flight (hundreds in a cold batch), not a leak.
  setMaxListeners(0, upstreamAbort.signal);
  let cache: RedisSeriesCache | null = null;
  // Daily quotas, counted once for every server instance sharing the Redis.
  let quota: RedisQuotaCounter | null = null;
  const keyPlans = new KeyPlans();
  if (options.redisUrl && !(options.createStore && options.createSnapshotStore)) {
    cache = new RedisSeriesCache({
      url: options.redisUrl,
      log: (message) => app.log.warn(message),
      outageEffect:
        "serving without the shared series and valuation caches, and counting daily quotas and polling live quotes in this instance alone,",
    });
    // Over the cache's connection: one connection, and one log line per outage for all of them.
    quota = new RedisQuotaCounter({ client: cache.connection });
  }
  const relay = createRelayStores({
    env,
    cache,
    createProvider: options.createProvider,
    quotaCounter: quota,
    keyPlans,
    memory: relayMemory(options.memoryCacheMb ?? DEFAULT_MEMORY_CACHE_MB),
    ...(cache === null ? {} : redisValuationCaches(cache.connection)),
    valuationMemory: relayValuationMemory(options.memoryCacheMb ?? DEFAULT_MEMORY_CACHE_MB),
    signal: upstreamAbort.signal,
  });
  const createStore = options.createStore;
  const stores: Map<ProviderName, HistoryStoreLike> = createStore
    ? new Map(PROVIDER_NAMES.map((name) => [name, createStore(name)]))
    : relay.histories;
  const createSnapshotStore = options.createSnapshotStore;
  const snapshotStores: Map<ProviderName, SnapshotStoreLike> = createSnapshotStore
    ? new Map(PROVIDER_NAMES.map((name) => [name, createSnapshotStore(name)]))
    : relay.valuation;
  const bodies = options.bodies ?? new SeriesBodies();
  // Live quotes, polled once per ticker and interval for every client (and every instance sharing the Redis).
  const quotes = createQuoteService(app, {
    env,
    options: options.quotes,
    redis: cache?.connection ?? null,
    signal: upstreamAbort.signal,
    sharing: {
      shared: relay.shared ?? undefined,
      histories: (name, apiKey) => relay.routers.get(name)?.instanceFor(apiKey),
    },
  });

  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("x-content-type-options", "nosniff");
    // Error messages may quote upstream text; no key the server knows leaves in one.
    if (reply.statusCode >= 400 && typeof payload === "string") return secrets.redact(payload, request.apiKey ?? null);
    return payload;
  });

  const stopExpiry = expireCachesEvery([...stores.values()], (options.cacheSeconds ?? DEFAULT_CACHE_SECONDS) * 1000);
  app.addHook("onReady", async () => {
    // Connected before the first request when Redis is up; a miss-only cache after the timeout when not.
    await cache?.ready();
  });
  app.addHook("onClose", async () => {
    stopExpiry();
    for (const store of [...stores.values(), ...snapshotStores.values()]) await store.flush?.(); // pending Redis writes
    await cache?.close();
    await quota?.close();
  });

  registerShutdown(app, upstreamAbort);
  installErrorHandling(app);
  registerRequestTargetCheck(app);
  registerAllowedHosts(app, options.allowedHosts ?? LOOPBACK_HOST_NAMES);
  // Order matters: origin check and CORS headers first (so refusals below are readable by allowed
  // pages), then the rate limit (route hooks), then the key header.
  registerCors(app, options.allowedOrigins ?? []);
  registerRateLimit(app, options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE);
  registerCompression(app);
  app.register(async (api) => {
    registerApiKeyHeader(api, secrets);
    registerPlanHeader(api, keyPlans);
    registerHistoryRoute(api, stores, bodies);
    registerBatchRoute(api, { stores, bodies, secrets });
    registerSnapshotRoutes(api, { stores: snapshotStores, secrets });
    const upstream = options.upstream;
    registerQuoteRoutes(api, quotes, keyPlans);
    registerHealthRoute(
      api,
      stores,
      () => (upstream ? upstream.outcome().status : uncheckedStatus()),
      snapshotStores,
      () => quotes.status(),
    );
    registerApiFallback(api);
  });
  registerStaticRoutes(app, { staticDir: options.staticDir, officeJsDir: options.officeJsDir ?? resolveOfficeJsDir() });
  return app;
}
