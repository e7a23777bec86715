import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { replayOf, yahooRecording } from "../support/recordings";
import { startReplayServer, type ReplayServer } from "../support/replay-server";
import { REFERENCE_DIR } from "../support/fixture-paths";

/** The built `mkt` command (npm test builds first), run as a user would, against recorded Yahoo answers. */
const MKT = path.resolve(__dirname, "../../bin/mkt.js");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function mkt(args: string[], yahooUrl: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [MKT, ...args],
      { env: { ...process.env, MKT_YAHOO_URL: yahooUrl }, timeout: 15000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const tslaReference = JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, "talib/yahoo-TSLA-adjclose.json"), "utf8")) as {
  dates: string[];
  rsi14: (number | null)[];
  sma50: (number | null)[];
};
const lastRsi = tslaReference.rsi14[tslaReference.rsi14.length - 1] as number;

let yahoo: ReplayServer;
beforeAll(async () => {
  yahoo = await startReplayServer([
    { path: "/v8/finance/chart/TSLA", respond: replayOf(yahooRecording("historical-via-chart-dividends-TSLA-no-dividends.json")) },
    { path: "/v8/finance/chart/MDLY", respond: replayOf(yahooRecording("historicalv8-MDLY-2020-01-01-to-2021-01-04.json")) },
  ]);
});
afterAll(() => yahoo.close());

describe("the mkt command", () => {
  it("prints RSI equal to TA-Lib's on the recorded TSLA history, fetching it once for two formulas", async () => {
    const before = yahoo.requestsTo("/v8/finance/chart/TSLA").length;
    const run = await mkt(['RSI("TSLA",14,"2023-08-11")', 'MKT.SMA("TSLA", 50)'], yahoo.url);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const [rsi, sma] = run.stdout.trim().split("\n").map(Number);
    expect(Math.abs(rsi - lastRsi)).toBeLessThan(1e-9);
    expect(Math.abs(sma - (tslaReference.sma50[tslaReference.sma50.length - 1] as number))).toBeLessThan(1e-9);
    expect(yahoo.requestsTo("/v8/finance/chart/TSLA").length - before).toBe(1);
  });

  it("prints JSON with numbers, spilled rows and errors", async () => {
    const run = await mkt(["--json", 'RSI("TSLA")', 'MACD("TSLA")', 'RSI("MDLY")', 'RSI("TSLA", -1)'], yahoo.url);
    expect(run.code).toBe(1);
    const [rsi, macd, unknown, bad] = JSON.parse(run.stdout) as unknown[];
    expect(Math.abs((rsi as number) - lastRsi)).toBeLessThan(1e-9);
    expect(macd).toHaveLength(1);
    expect((macd as number[][])[0]).toHaveLength(3);
    expect(unknown).toEqual({ error: "#N/A", message: expect.stringMatching(/MDLY/) });
    expect(bad).toEqual({ error: "#VALUE!", message: expect.stringMatching(/^period: /) });
  });

  it("prints an unknown ticker as #N/A with Yahoo's reason and exits 1", async () => {
    const run = await mkt(['PRICE("MDLY")'], yahoo.url);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^#N\/A .*MDLY/);
  });

  it("answers from synthetic data with --provider demo, without calling Yahoo, and says so", async () => {
    const before = yahoo.requests.length;
    const run = await mkt(["--provider", "demo", 'ROTATION_SPREAD("IWM","QQQ","YTD")'], yahoo.url);
    expect(run.code).toBe(0);
    expect(Number.isFinite(Number(run.stdout.trim()))).toBe(true);
    expect(run.stderr).toMatch(/demo/);
    expect(yahoo.requests.length).toBe(before);
  });

  it("rejects bad command lines with exit status 2 and usage", async () => {
    const noFormula = await mkt([], yahoo.url);
    expect(noFormula.code).toBe(2);
    expect(noFormula.stderr).toMatch(/Usage: mkt/);
    const badProvider = await mkt(["--provider", "bloomberg", 'RSI("IWM")'], yahoo.url);
    expect(badProvider.code).toBe(2);
    expect(badProvider.stderr).toMatch(/unknown provider "bloomberg"/);
    const badSyntax = await mkt(['RSI("IWM"'], yahoo.url);
    expect(badSyntax.code).toBe(1);
    expect(badSyntax.stdout).toMatch(/^#VALUE!/);
  });
});
