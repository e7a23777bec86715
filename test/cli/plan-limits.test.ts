import { main } from "../../cli/main";
import { parseMaxWait } from "../../cli/main";
import type { Clock } from "../../src/market/resilience";
import { systemClock } from "../../src/market/resilience";
import { fixtureText } from "../support/recordings";
import { ReplayServer, startReplayServer } from "../support/replay-server";

/**
 * `mkt` on a rate-limited plan, in-process against a loopback Alpha Vantage: formulas wait for the
 * plan's limits (on a clock running 200 times faster than the wall's), with one progress line.
 */

/** `count` tickers of their own for each test ("WA", "WB"…): a refused formula's other fetches may still be landing. */
const tickers = (prefix: string, count = 9): string[] => Array.from({ length: count }, (_, i) => `${prefix}${String.fromCharCode(65 + i)}`);
/** The tickers' equal-weight return over the three sessions the recording holds. */
const formula = (symbols: readonly string[]): string => `TOTAL_RETURN("${symbols.join(",")}", "2018-05-08", "2018-05-10")`;
const SPEED = 200;

function fastClock(): Clock {
  const start = Date.now();
  return { now: () => start + (Date.now() - start) * SPEED, sleep: (ms, signal) => systemClock.sleep(ms / SPEED, signal) };
}

let alphaVantage: ReplayServer;
beforeAll(async () => {
  const body = fixtureText("alphavantage/kirlut_daily-not-adjusted.json");
  alphaVantage = await startReplayServer([{ path: "/query", respond: { headers: { "content-type": "application/json" }, body } }]);
});
afterAll(() => alphaVantage.close());

async function mkt(prefix: string, args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const code = await main(
    ["--provider", "alphavantage", ...args],
    { out: (text) => out.push(text), err: (text) => err.push(text), progress: { write: (text) => progress.push(text), tty: false } },
    { env: { MKT_ALPHAVANTAGE_URL: alphaVantage.url, MKT_ALPHAVANTAGE_KEY: "DEMOKEY123456789", ...env }, clock: fastClock() },
  );
  const requests = alphaVantage.requests.filter((request) => request.query.get("symbol")?.startsWith(prefix)).length;
  return { code, out, err, progress, requests };
}

describe("mkt on a rate-limited plan", () => {
  it("waits for Alpha Vantage's five-a-minute limit instead of refusing, saying so on one line", async () => {
    const run = await mkt("W", [formula(tickers("W"))]);
    expect(run.code).toBe(0);
    expect(Number.isFinite(Number(run.out[0]))).toBe(true);
    expect(run.requests).toBe(9);
    // A line when the wait begins (and one when its reason changes or half a minute passes), not one per request.
    expect(run.progress.length).toBeLessThanOrEqual(4);
    expect(run.progress).toContainEqual(
      expect.stringMatching(/^mkt: waiting 6\d s for Alpha Vantage's 5-a-minute limit; \d of \d tickers fetched\n$/),
    );
  });

  it("refuses at once with --max-wait 0, saying when to try again in the plan's unit", async () => {
    const run = await mkt("Z", ["--max-wait", "0", formula(tickers("Z", 6))], {
      MKT_ALPHAVANTAGE_PER_SECOND: "none",
    });
    expect(run.code).toBe(1);
    expect(run.out[0]).toBe("#N/A Alpha Vantage allows 5 requests a minute on the configured plan; try again in 61 s");
    expect(run.progress).toEqual([]);
  });

  it("keeps to a paid plan named with --plan: nine tickers at once, no wait", async () => {
    const run = await mkt("P", ["--plan", "premium-75", formula(tickers("P"))]);
    expect(run.code).toBe(0);
    expect(run.progress).toEqual([]);
    expect(run.requests).toBe(9);
  });

  it("takes the plan from MKT_ALPHAVANTAGE_PLAN", async () => {
    const run = await mkt("E", [formula(tickers("E"))], { MKT_ALPHAVANTAGE_PLAN: "premium-150" });
    expect(run.code).toBe(0);
    expect(run.progress).toEqual([]);
  });

  it.each([
    [
      ["--plan", "gold"],
      {},
      'mkt: --plan must be one of free, premium-75, premium-150, premium-300, premium-600 or premium-1200 for Alpha Vantage, not "gold"',
    ],
    [[], { MKT_ALPHAVANTAGE_PLAN: "gold" }, "mkt: MKT_ALPHAVANTAGE_PLAN must be one of free"],
    [[], { MKT_ALPHAVANTAGE_PER_MINUTE: "lots" }, "mkt: MKT_ALPHAVANTAGE_PER_MINUTE must be a whole number of requests"],
    [
      [],
      { MKT_ALPHAVANTAGE_PER_HOUR: "10" },
      "mkt: MKT_ALPHAVANTAGE_PER_HOUR does not apply: Alpha Vantage does not count requests per hour",
    ],
    [["--max-wait", "soon"], {}, 'mkt: --max-wait "soon": give seconds (90, 90s) or minutes (5m), at most a day'],
  ])("a wrong plan setting is a usage error (exit 2): %j %j", async (args, env, message) => {
    const run = await mkt("U", [...args, formula(tickers("U"))], env);
    expect(run.code).toBe(2);
    expect(run.err[0]).toContain(message);
    expect(run.requests).toBe(0);
  });
});

describe("--max-wait", () => {
  it("reads seconds and minutes, defaulting to five minutes", () => {
    expect(parseMaxWait(undefined)).toBe(300_000);
    expect(parseMaxWait("90")).toBe(90_000);
    expect(parseMaxWait("90s")).toBe(90_000);
    expect(parseMaxWait("5m")).toBe(300_000);
    expect(parseMaxWait("0")).toBe(0);
    expect(() => parseMaxWait("-1")).toThrow(/--max-wait/);
    expect(() => parseMaxWait("2h")).toThrow(/--max-wait/);
  });
});
