import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../../server/app";
import type { BuildServerOptions } from "../../../server/app";
import type { QuoteOptions } from "../../../server/quotes";
import type { Env, QuoteProvider } from "../../../src/market";
import { ManualClock } from "../../support/manual-clock";
import { makeStaticDir } from "../helpers";
import { LoopbackQuoteProvider } from "./quote-upstream";
import type { QuoteUpstream } from "./quote-upstream";

/** New York is UTC−5 in December: 15:00 UTC is 10:00, half an hour into the session. */
export const WEDNESDAY_10AM = Date.parse("2026-12-02T15:00:00Z");
export const WEDNESDAY_CLOSE = Date.parse("2026-12-02T21:00:00Z");
export const SATURDAY_NOON = Date.parse("2026-12-05T17:00:00Z");
/** Christmas Day 2026 is a Friday: the market is closed all day. */
export const CHRISTMAS_11AM = Date.parse("2026-12-25T16:00:00Z");
/** 03:00 in New York on a weekday. */
export const WEDNESDAY_NIGHT = Date.parse("2026-12-02T08:00:00Z");
/** Black Friday 2026 (27 November): the session ends at 13:00 New York time. */
export const EARLY_CLOSE_DAY_NOON = Date.parse("2026-11-27T17:00:00Z");

export interface QuoteTestServer {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly clock: ManualClock;
  readonly logs: string[];
  close(): Promise<void>;
}

export interface QuoteTestServerOptions {
  readonly upstream: QuoteUpstream;
  readonly clock?: ManualClock;
  readonly quotesPerRequest?: number;
  readonly quotes?: Partial<QuoteOptions>;
  readonly server?: Partial<BuildServerOptions>;
  readonly env?: Env;
  /** Replaces the loopback provider (or null: the server offers no live quotes). */
  readonly provider?: QuoteProvider | null;
}

/** A listening server whose live quotes poll `upstream` on a ManualClock (default Wednesday 10:00 New York). */
export async function startQuoteServer(options: QuoteTestServerOptions): Promise<QuoteTestServer> {
  const clock = options.clock ?? new ManualClock(WEDNESDAY_10AM);
  const provider =
    options.provider !== undefined ? options.provider : new LoopbackQuoteProvider(options.upstream.url, options.quotesPerRequest ?? 50);
  const logs: string[] = [];
  const app = buildServer({
    staticDir: makeStaticDir(),
    env: options.env ?? {},
    rateLimitPerMinute: 0,
    logger: {
      level: "warn",
      stream: {
        write: (line: string) => {
          logs.push(line);
        },
      },
    },
    ...options.server,
    quotes: {
      createProvider: () => provider,
      clock,
      intervalSeconds: 15,
      graceMs: 500,
      afterCloseDelayMs: 60_000,
      ...options.quotes,
    },
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, clock, logs, close: () => app.close() };
}
