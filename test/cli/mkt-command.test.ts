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

function mkt(args: string[], yahooUrl: string, env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [MKT, ...args],
      { env: { ...process.env, MKT_YAHOO_URL: yahooUrl, ...env }, timeout: 15000 },
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

  it("prints dates as ISO dates, JSON as Excel serials unless --dates iso, and no row ends in a tab", async () => {
    const text = await mkt(
      [
        "--provider",
        "demo",
        'GOLDEN_CROSS("IWM")',
        'MA_CROSS("IWM")',
        'HISTORY("SPY","1M",,"date,close,volume")',
        'HISTORY("SPY","1W",,,2)',
      ],
      yahoo.url,
    );
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(lines[1]).toMatch(/^(golden|death)\t\d{4}-\d{2}-\d{2}\t\d+$/);
    expect(lines[2]).toBe("Date\tClose\tVolume");
    expect(lines[3]).toMatch(/^\d{4}-\d{2}-\d{2}\t[\d.]+\t\d+$/);
    expect(lines).toContain("SPY · demo · demo data, not market prices");
    for (const line of lines) expect(line).not.toMatch(/\t$/);

    const json = await mkt(["--provider", "demo", "--json", 'GOLDEN_CROSS("IWM")', 'MA_CROSS("IWM")'], yahoo.url);
    const [cross, regime] = JSON.parse(json.stdout) as [number, [string, number, number][]];
    expect(Number.isInteger(cross)).toBe(true);
    expect(cross).toBeGreaterThan(40000);
    const iso = await mkt(["--provider", "demo", "--json", "--dates", "iso", 'GOLDEN_CROSS("IWM")', 'MA_CROSS("IWM")'], yahoo.url);
    const [crossIso, regimeIso] = JSON.parse(iso.stdout) as [string, [string, string, number][]];
    expect(crossIso).toBe(lines[0]);
    expect(regimeIso[0][1]).toBe(lines[1].split("\t")[1]);
    expect(regimeIso[0][2]).toBe(regime[0][2]);
  });

  it("resolves basket names: the presets, ignoring case, and --basket definitions", async () => {
    const run = await mkt(
      [
        "--provider",
        "demo",
        "--basket",
        "Chips=NVDA,AMD",
        "--basket",
        "Banks=WBS, SSB",
        'TOTAL_RETURN(Mag_7,"YTD")',
        'ROTATION_SPREAD(chips, MAG_7, "1M")',
        "BREADTH(Banks, 5)",
      ],
      yahoo.url,
    );
    expect(run.stderr).not.toMatch(/Usage/);
    expect(run.code).toBe(0);
    const [mag7, spread, breadth] = run.stdout.trim().split("\n").map(Number);
    const members = await mkt(["--provider", "demo", 'TOTAL_RETURN({"AAPL";"MSFT";"NVDA";"AMZN";"GOOGL";"META";"TSLA"},"YTD")'], yahoo.url);
    expect(mag7).toBe(Number(members.stdout.trim()));
    expect(Number.isFinite(spread)).toBe(true);
    expect(breadth).toBeGreaterThanOrEqual(0);
  });

  it("says what to do with an unknown name (exit 1)", async () => {
    const run = await mkt(["--provider", "demo", 'TOTAL_RETURN(Foo,"YTD")'], yahoo.url);
    expect(run.code).toBe(1);
    expect(run.stdout.trim()).toBe('#NAME? Unknown name Foo: quote a ticker ("Foo") or define it with --basket Foo=A,B');
  });

  it.each([
    [["--basket", "Mag7=AAPL"], /^mkt: --basket "Mag7": "Mag7" is a cell address/],
    [["--basket", "Chips"], /^mkt: --basket "Chips": expected NAME=TICKER,TICKER/],
    [["--basket", "Chips=NV$DA"], /^mkt: --basket Chips: "NV\$DA": Invalid ticker/],
    [["--basket", "A_=X", "--basket", "a_=Y"], /already defined by an earlier --basket/],
    [["--dates", "excel"], /^mkt: --dates "excel": use iso or serial/],
  ])("refuses %j as a usage error (exit 2)", async (options, message) => {
    const run = await mkt([...options, "--provider", "demo", 'RSI("IWM")'], yahoo.url);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
  });

  it("tells where keys come from in a terminal", async () => {
    const run = await mkt(["--provider", "tiingo", 'RSI("IWM")'], yahoo.url, { MKT_TIINGO_KEY: "" });
    expect(run.code).toBe(1);
    expect(run.stdout.trim()).toBe("#N/A Tiingo needs an API key: set MKT_TIINGO_KEY in your environment");
  });

  it("when the provider's host is not found: no retries, and a hint to use the demo provider", async () => {
    const started = Date.now();
    const run = await mkt(["--stats", 'RSI("IWM")', 'RSI("QQQ")'], "http://does-not-exist.invalid");
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split("\n")).toEqual([
      "#N/A Could not reach Yahoo for IWM: host name not found — offline? try --provider demo",
      "#N/A Could not reach Yahoo for QQQ: host name not found — offline? try --provider demo",
    ]);
    expect(run.stderr).toMatch(/Upstream requests: 2 \(0 retries, 2 failures\)/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
