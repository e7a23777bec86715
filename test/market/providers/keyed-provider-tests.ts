import type { ProviderOptions } from "../../../src/market/providers";
import { MarketDataError } from "../../../src/market/core";
import { ReplayServer, Route, ScriptedResponse, startReplayServer } from "../../support/replay-server";
import { expectSecretAbsent } from "../../support/secret-check";

/**
 * A `rejection(promise)` for a keyed provider's test file: the MarketDataError `promise` rejects
 * with, checked for `key`. Every rejection seen is kept and checked once more after the file's
 * last test, which also fails when fewer than `atLeast` were seen, so no error path is forgotten.
 */
export function keySafeRejections(key: string, atLeast: number): (promise: Promise<unknown>) => Promise<MarketDataError> {
  const rejections: MarketDataError[] = [];
  afterAll(() => {
    expect(rejections.length).toBeGreaterThanOrEqual(atLeast);
    for (const error of rejections) expect(error.message).not.toContain(key);
  });
  return async (promise) => {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(MarketDataError);
      expectSecretAbsent(error, key);
      rejections.push(error as MarketDataError);
      return error as MarketDataError;
    }
    throw new Error("expected a rejection");
  };
}

/** A route on `path` that answers by the `symbol` query parameter; a 500 "no script" for any other symbol. */
export function bySymbolQuery(path: string, answers: Record<string, ScriptedResponse>): Route {
  return { path, respond: (request) => answers[request.query.get("symbol") ?? ""] ?? { status: 500, body: "no script" } };
}

/** One replay server a test at a time, and the keyed provider under test pointed at it. */
export interface ProviderReplay<P> {
  /** The current test's replay server, once one was started; closed and cleared after each test. */
  server: ReplayServer | undefined;
  /** Starts a replay server on `routes` and a provider on it: `apiKey` (the file's key by default), its fixed clock, a 2 s timeout. */
  readonly serve: (routes: Route[], apiKey?: string | null) => Promise<P>;
}

/**
 * The replay harness of a keyed provider's test file: `create` builds the provider, `key` is its
 * default key and `now` its clock. After each test, mocks are restored and the server is closed.
 */
export function providerReplay<P>(create: (options: ProviderOptions) => P, key: string, now: number): ProviderReplay<P> {
  const replay: ProviderReplay<P> = {
    server: undefined,
    serve: async (routes, apiKey = key) => {
      const server = await startReplayServer(routes);
      replay.server = server;
      return create({ baseUrl: server.url, apiKey, now: () => now, timeoutMs: 2000 });
    },
  };
  afterEach(async () => {
    jest.restoreAllMocks();
    await replay.server?.close();
    replay.server = undefined;
  });
  return replay;
}
