import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import { main } from "../../cli/main";
import { marketTimeText, runWatch } from "../../cli/watch";
import { excelLikeWorkbook } from "../workbook/support/excel-like-workbook";
import { MovingQuoteProvider, runningClock, SESSION_START, waitFor, WEEKEND } from "../functions/quote-support";

/** Runs `mkt watch` in this process until `stopWhen` holds for its output lines; resolves with its exit status and output. */
async function watch(args: string[], stopWhen: (lines: string[]) => boolean, start = SESSION_START) {
  const out: string[] = [];
  const err: string[] = [];
  const clock = runningClock(start);
  const provider = new MovingQuoteProvider("yahoo", 20, clock);
  const stop = new AbortController();
  const done = runWatch(
    args,
    { out: (text) => out.push(text), err: (text) => err.push(text) },
    {
      env: {},
      clock,
      stop: stop.signal,
      createProvider: () => provider,
    },
  );
  await waitFor("the expected output", () => stopWhen(out), 10_000);
  stop.abort();
  return { code: await done, out, err, provider };
}

describe("mkt watch", () => {
  it("prints a line per change of each formula until stopped, polling each ticker once per interval", async () => {
    const run = await watch(
      ["--interval", "1", 'QUOTE("IWM")', 'MKT.QUOTE("iwm", "change_pct")', 'QUOTE("QQQ","time")'],
      (lines) => lines.filter((line) => line.includes('\tQUOTE("IWM")\t')).length >= 3,
    );
    expect(run.code).toBe(0);
    const prices = run.out.filter((line) => line.includes('\tQUOTE("IWM")\t')).map((line) => line.split("\t"));
    for (const [time, , value] of prices) {
      expect(time).toMatch(/^\d\d:\d\d:\d\d$/);
      expect(Number.isFinite(Number(value))).toBe(true);
    }
    expect(new Set(prices.map((line) => line[2])).size).toBe(prices.length);
    expect(run.out.some((line) => /\tMKT\.QUOTE\("iwm", "change_pct"\)\t0\.000\d+$/.test(line))).toBe(true);
    expect(run.out.find((line) => line.includes('QUOTE("QQQ","time")'))).toMatch(/\t2026-03-04 10:00:\d\d ET$/);
    const slots = new Map<number, number>();
    for (const call of run.provider.calls) slots.set(Math.floor(call.at / 1000), (slots.get(Math.floor(call.at / 1000)) ?? 0) + 1);
    expect(Math.max(...slots.values())).toBe(1);
    expect(run.provider.calls.every((call) => call.tickers.length === 2)).toBe(true);
  });

  it("prints JSON lines with --json, errors included", async () => {
    const run = await watch(["--json", "--interval", "1", 'QUOTE("IWM","volume")', 'QUOTE("NOPE")'], (lines) => lines.length >= 3);
    const lines = run.out.map((line) => JSON.parse(line));
    expect(lines).toContainEqual({ at: expect.any(String), formula: 'QUOTE("IWM","volume")', value: expect.any(Number) });
    expect(lines).toContainEqual({
      at: expect.any(String),
      formula: 'QUOTE("NOPE")',
      error: "#N/A",
      message: expect.stringMatching(/NOPE/),
    });
    expect(lines.filter((line) => line.formula === 'QUOTE("NOPE")')).toHaveLength(1);
    expect(run.code).toBe(0);
  });

  it("outside market hours prints each formula's one quote and asks nothing more", async () => {
    const run = await watch(["--interval", "1", 'QUOTE("IWM")', 'QUOTE("QQQ","change")'], (lines) => lines.length >= 2, WEEKEND);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(run.out).toHaveLength(2);
    expect(run.provider.polls).toBe(1);
  });

  it("refuses what it cannot watch with exit status 2 (usage) or 1 (no formula could be watched)", async () => {
    const io = () => {
      const err: string[] = [];
      return { err, streams: { out: () => undefined, err: (text: string) => err.push(text) } };
    };
    const cases: [string[], number, RegExp][] = [
      [[], 2, /give at least one QUOTE formula/],
      [['RSI("IWM")'], 2, /watches QUOTE formulas, not RSI/],
      [['QUOTE("IWM", "price", 3)'], 2, /at most 2 arguments/],
      [["QUOTE(Mag_7)"], 2, /not the name Mag_7/],
      [["--interval", "0", 'QUOTE("IWM")'], 2, /--interval "0"/],
      [["--provider", "bloomberg", 'QUOTE("IWM")'], 2, /unknown provider "bloomberg"/],
    ];
    for (const [args, code, message] of cases) {
      const { err, streams } = io();
      expect(await runWatch(args, streams, { env: {} })).toBe(code);
      expect(err.join("\n")).toMatch(message);
    }
    const out: string[] = [];
    expect(await runWatch(['QUOTE("IWM","bid")'], { out: (text) => out.push(text), err: () => undefined }, { env: {} })).toBe(1);
    expect(out).toEqual([expect.stringMatching(/\t#VALUE! field: "bid" is not a quote field/)]);
  });

  it("reads a quote time serial as New York wall-clock text", () => {
    expect(marketTimeText(46085 + (15 * 3600 + 59 * 60 + 58) / 86_400)).toBe("2026-03-04 15:59:58 ET");
  });
});

describe("mkt QUOTE(…) once", () => {
  it("gives the demo's current quote of each formula", async () => {
    const out: string[] = [];
    const code = await main(["--provider", "demo", "--json", 'QUOTE("IWM")', 'QUOTE("IWM","prev_close")'], {
      out: (text) => out.push(text),
      err: () => undefined,
    });
    expect(code).toBe(0);
    const [price, prevClose] = JSON.parse(out[0]) as number[];
    expect(price).toBeGreaterThan(0);
    expect(prevClose).toBeGreaterThan(0);
  });
});

const MKT = path.resolve(__dirname, "../../bin/mkt.js");

describe("mkt refresh of a workbook with QUOTE cells", () => {
  it("fills each QUOTE cell with the current quote", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mkt-quote-"));
    try {
      const parts = unzipSync(new Uint8Array(excelLikeWorkbook()));
      // The sector table's Last column as live prices: =MKT.QUOTE([@Ticker]) instead of =MKT.PRICE([@Ticker]).
      for (const part of ["xl/worksheets/sheet1.xml", "xl/tables/table1.xml"]) {
        parts[part] = strToU8(new TextDecoder().decode(parts[part]).replaceAll("_xldudf_MKT_PRICE(", "_xldudf_MKT_QUOTE("));
      }
      const input = path.join(dir, "live.xlsx");
      fs.writeFileSync(input, zipSync(parts));
      const run = await new Promise<{ code: number; stderr: string }>((resolve) =>
        execFile(process.execPath, [MKT, "refresh", input, "--provider", "demo"], { timeout: 60_000 }, (error, _stdout, stderr) =>
          resolve({ code: error === null ? 0 : Number(error.code), stderr }),
        ),
      );
      expect(run.stderr).not.toMatch(/#N\/A|#VALUE!|#NAME\?/);
      expect(run.code).toBe(0);
      const refreshed = new TextDecoder().decode(
        unzipSync(new Uint8Array(fs.readFileSync(path.join(dir, "live.refreshed.xlsx"))))["xl/worksheets/sheet1.xml"],
      );
      const values = [...refreshed.matchAll(/<f>_xldudf_MKT_QUOTE\([^)]*\)<\/f><v>([^<]*)<\/v>/g)].map((match) => Number(match[1]));
      expect(values).toHaveLength(3);
      for (const value of values) expect(value).toBeGreaterThan(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("mkt watch as a command", () => {
  it("prints the demo's quotes and exits 0 on Ctrl-C (SIGINT)", async () => {
    const child = spawn(
      process.execPath,
      [MKT, "watch", "--provider", "demo", "--interval", "1", 'QUOTE("IWM")', 'QUOTE("QQQ","change_pct")'],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await waitFor("a line per formula", () => stdout.trim().split("\n").length >= 2, 15_000);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => line.split("\t"));
    expect(lines.map((line) => line[1]).sort()).toEqual(['QUOTE("IWM")', 'QUOTE("QQQ","change_pct")']);
    expect(lines.every((line) => Number.isFinite(Number(line[2])))).toBe(true);
    expect(stderr).toMatch(/demo provider: synthetic quotes/);
  }, 30_000);
});
