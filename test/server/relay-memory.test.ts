import type { FastifyInstance } from "fastify";
import { buildServer, BuildServerOptions } from "../../server/app";
import type { ProviderFactory } from "../../server/key-routing-provider";
import type { BatchResponse, DailySeries } from "../../src/market";
import { weekdays } from "../support/series-builder";
import { makeStaticDir, removeTempDirs } from "./helpers";

/**
 * Finding 4 of the probe (second half), through the server: 2,000 distinct symbols through the batch
 * route took it from 94 MB to 1.27 GB, every history (and its JSON) kept until the cache expiry.
 * The stores now share MKT_MEMORY_CACHE_MB, histories and their wire forms counted together.
 */

afterAll(removeTempDirs);

const MB = 1024 * 1024;
const BARS = 3_300;
const BUDGET_MB = 32;
const SYMBOLS = Array.from({ length: 2_000 }, (_, i) => `M${i}`);

function synthetic(symbol: string): DailySeries {
  const column = (): Float64Array => new Float64Array(BARS).fill(50 + (symbol.length % 7));
  const close = column();
  return {
    symbol,
    provider: "yahoo",
    timeZone: "America/New_York",
    currency: "USD",
    days: weekdays(12_000, BARS),
    open: column(),
    high: column(),
    low: column(),
    close,
    adjClose: close.slice(),
    volume: column(),
    adjusted: true,
    demo: false,
    fetchedAt: Date.now(),
  };
}

async function memoryInUse(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; gc && i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

describe("the relay's memory", () => {
  let app: FastifyInstance;
  const calls: string[] = [];

  beforeAll(async () => {
    const factory: ProviderFactory = (name) => ({
      name,
      async fetchHistory(ticker) {
        calls.push(ticker);
        return synthetic(ticker);
      },
    });
    // Built apart from the call so this file compiles against a server without the option too.
    const options: BuildServerOptions & { memoryCacheMb?: number } = {
      staticDir: makeStaticDir(),
      createProvider: factory,
      rateLimitPerMinute: 0,
      memoryCacheMb: BUDGET_MB,
    };
    app = buildServer(options);
    await app.ready();
  });
  afterAll(() => app.close());

  const batch = async (symbols: string[]): Promise<BatchResponse> => {
    const res = await app.inject({ method: "POST", url: "/api/batch/yahoo", payload: { symbols } });
    expect(res.statusCode).toBe(200);
    return res.json() as BatchResponse;
  };

  it(`keeps 2,000 synthetic histories sent through the batch route within MKT_MEMORY_CACHE_MB=${BUDGET_MB}`, async () => {
    const before = await memoryInUse();
    for (let i = 0; i < SYMBOLS.length; i += 100) {
      const { results } = await batch(SYMBOLS.slice(i, i + 100));
      expect(results.every((result) => "series" in result)).toBe(true);
    }
    const grown = (await memoryInUse()) - before;
    expect(calls).toHaveLength(SYMBOLS.length);

    // Which histories are still held: ask again, newest first, until one goes to the provider.
    let held = 0;
    for (const symbol of [...SYMBOLS].reverse()) {
      const asked = calls.length;
      await batch([symbol]);
      if (calls.length !== asked) break;
      held++;
    }
    const columns = 7 * BARS * 8;
    const json = JSON.stringify((await batch([SYMBOLS[0]])).results[0]).length;
    const perHistory = columns + json;
    console.log(
      `2,000 histories through /api/batch: ${held} held, ${((held * perHistory) / MB).toFixed(1)} MB with their JSON ` +
        `(${(perHistory / 1024).toFixed(0)} KB each); heap+arrayBuffers grew ${(grown / MB).toFixed(0)} MB` +
        `${"gc" in globalThis ? "" : " (no --expose-gc: garbage included)"}`,
    );
    // Each held history costs its columns (~180 KB) and the JSON the relay keeps for it (~300 KB).
    expect(held * perHistory).toBeLessThanOrEqual(BUDGET_MB * MB);
    expect(held).toBeGreaterThan(10);
  }, 60_000);
});
