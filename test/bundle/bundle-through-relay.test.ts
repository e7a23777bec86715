import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../server/app";
import { HistoryStore, YahooProvider } from "../../src/market";
import { DIST_DIR, loadFunctionsBundle, ShimError } from "../support/custom-functions-shim";
import { replayOf, yahooRecording } from "../support/recordings";
import { startReplayServer, type ReplayServer } from "../support/replay-server";
import { REFERENCE_DIR } from "../support/fixture-paths";

/** The path a cell takes in Excel: dist/functions.js → the add-in's server relay → Yahoo (replayed). */
const tsla = JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, "talib/yahoo-TSLA-adjclose.json"), "utf8")) as {
  rsi14: (number | null)[];
  macd: (number | null)[];
};

let yahoo: ReplayServer;
let server: FastifyInstance;
let origin: string;

beforeAll(async () => {
  yahoo = await startReplayServer([
    {
      path: "/v8/finance/chart/TSLA",
      respond: replayOf(yahooRecording("historical-via-chart-dividends-TSLA-no-dividends.json"), { delayMs: 100 }),
    },
    { path: "/v8/finance/chart/MDLY", respond: replayOf(yahooRecording("historicalv8-MDLY-2020-01-01-to-2021-01-04.json")) },
  ]);
  server = buildServer({ staticDir: DIST_DIR, createStore: () => new HistoryStore(new YahooProvider({ baseUrl: yahoo.url })) });
  origin = await server.listen({ host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await server.close();
  await yahoo.close();
});

describe("the functions bundle through the relay server", () => {
  it("computes TA-Lib's RSI and MACD from one upstream fetch shared by concurrent cells", async () => {
    const bundle = loadFunctionsBundle({ origin });
    const cells = [
      bundle.registered.get("RSI")!("TSLA", 14, "2023-08-11"),
      bundle.registered.get("MACD")!("tsla", null, null, null, null),
      bundle.registered.get("RSI")!([["TSLA"]], null, null),
    ] as Promise<unknown>[];
    const [rsi, macd, rsiAgain] = await Promise.all(cells);
    expect(Math.abs((rsi as number) - (tsla.rsi14.at(-1) as number))).toBeLessThan(1e-9);
    expect(rsiAgain).toBe(rsi);
    expect(Math.abs((macd as number[][])[0][0] - (tsla.macd.at(-1) as number))).toBeLessThan(1e-9);
    expect(yahoo.requestsTo("/v8/finance/chart/TSLA")).toHaveLength(1);
  });

  it("turns the upstream's unknown-symbol answer into #N/A with its reason", async () => {
    const bundle = loadFunctionsBundle({ origin });
    const cell = bundle.registered.get("PRICE")!("MDLY", null, null) as Promise<unknown>;
    await expect(cell).rejects.toBeInstanceOf(ShimError);
    await expect(cell).rejects.toMatchObject({ code: "#N/A", message: expect.stringMatching(/MDLY/) });
  });
});
