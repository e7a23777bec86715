import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { excelLikeWorkbook } from "../workbook/support/excel-like-workbook";

/** The built `mkt` (npm test builds first), run as a scheduled job would run it. */
const MKT = path.resolve(__dirname, "../../bin/mkt.js");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function mkt(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MKT, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr });
    });
  });
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mkt-cli-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, bytes: Uint8Array | string): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};

describe("mkt refresh", () => {
  it("writes BOOK.refreshed.xlsx next to the input and leaves the input untouched", async () => {
    const input = write("book.xlsx", excelLikeWorkbook());
    const before = fs.readFileSync(input);
    const run = await mkt(["refresh", input, "--provider", "demo"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("mkt refresh: demo provider: synthetic prices and fundamentals, not market data");
    expect(run.stderr).toMatch(
      /11 MKT cells and 8 dependent formulas recomputed in .*book\.xlsx, 2 spilled cells; wrote .*book\.refreshed\.xlsx/,
    );
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    const out = unzipSync(new Uint8Array(fs.readFileSync(path.join(dir, "book.refreshed.xlsx"))));
    expect(new TextDecoder().decode(out["xl/workbook.xml"])).toContain('fullCalcOnLoad="1"');
    expect(fs.readdirSync(dir).sort()).toEqual(["book.refreshed.xlsx", "book.xlsx"]);
  });

  it("replaces the input with --in-place, keeping its permissions, and prints JSON with --json", async () => {
    const input = write("book.xlsx", excelLikeWorkbook());
    fs.chmodSync(input, 0o640);
    const run = await mkt(["refresh", input, "--in-place", "--provider", "demo", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ input, output: input, mktCells: 11, problems: [] });
    expect(fs.statSync(input).mode & 0o777).toBe(0o640);
    expect(new TextDecoder().decode(unzipSync(new Uint8Array(fs.readFileSync(input)))["xl/workbook.xml"])).toContain("_MKT_RefreshedAt");
    expect(fs.readdirSync(dir)).toEqual(["book.xlsx"]);
  });

  it.each([
    ["a text file", "notes.xlsx", "Ticker\nIWM\n", /is not an \.xlsx workbook/],
    [
      "an .xls",
      "old.xls",
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]),
      /Excel 97-2003 workbook/,
    ],
    [
      "an encrypted workbook",
      "locked.xlsx",
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.from("EncryptedPackage", "utf16le")]),
      /password-protected/,
    ],
    ["a damaged zip", "broken.xlsx", Buffer.from(excelLikeWorkbook().slice(0, 500)), /damaged zip file/],
  ])("refuses %s with exit status 2 and writes nothing", async (_what, name, bytes, message) => {
    const input = write(name, bytes);
    const run = await mkt(["refresh", input, "-o", path.join(dir, "out.xlsx"), "--provider", "demo"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(fs.readdirSync(dir)).toEqual([name]);
  });

  it("exit status 2 for usage errors: no file, a missing file, -o naming the input, -o with --in-place", async () => {
    const input = write("book.xlsx", excelLikeWorkbook());
    expect((await mkt(["refresh"])).code).toBe(2);
    expect((await mkt(["refresh", path.join(dir, "nope.xlsx")])).stderr).toMatch(/no such file/);
    expect((await mkt(["refresh", input, "-o", input])).stderr).toMatch(/use --in-place/);
    expect((await mkt(["refresh", input, "-o", "x.xlsx", "--in-place"])).code).toBe(2);
    expect((await mkt(["refresh", "--help"])).stdout).toMatch(/^Usage: mkt refresh BOOK\.xlsx/);
  });
});

describe("mkt report", () => {
  it("builds a workbook with the sector table, the rotation view and the Baskets sheet", async () => {
    const out = path.join(dir, "morning.xlsx");
    const run = await mkt([
      "report",
      "--provider",
      "demo",
      "--basket",
      "Chips=NVDA,AMD,AVGO",
      "--benchmark",
      "QQQ",
      "--metrics",
      "price,rsi,returnYTD",
      "--rotation",
      "Chips,Mag_7",
      "--span",
      "6M",
      "-o",
      out,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/wrote .*morning\.xlsx: Chips, Rotation, Baskets; \d+ MKT cells computed/);
    const parts = unzipSync(new Uint8Array(fs.readFileSync(out)));
    const workbook = new TextDecoder().decode(parts["xl/workbook.xml"]);
    expect(workbook).toContain(
      '<definedName name="Chips" comment="Basket saved by Rotation Desk; its members are in the table on the Baskets sheet.">Basket_Chips[Ticker]</definedName>',
    );
    expect(new TextDecoder().decode(parts["xl/worksheets/sheet1.xml"])).toContain(
      "<f>_xldudf_MKT_PRICE(Chips_Sector[[#This Row],[Ticker]])</f>",
    );
    expect(Object.keys(parts)).toEqual(
      expect.arrayContaining(["xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/tables/table1.xml"]),
    );
  });

  it("lays out valuation and live columns asked for by name or group, computed (demo)", async () => {
    const out = path.join(dir, "valuation.xlsx");
    const run = await mkt([
      "report",
      "--provider",
      "demo",
      "--tickers",
      "AAPL,MSFT,AMZN,GOOGL",
      "--metrics",
      "price,valuation,livePrice",
      "-o",
      out,
    ]);
    expect(run.code).toBe(0);
    const sheet = new TextDecoder().decode(unzipSync(new Uint8Array(fs.readFileSync(out)))["xl/worksheets/sheet1.xml"]);
    expect(sheet).toContain('_xldudf_MKT_VALUATION(Tickers_Sector[[#This Row],[Ticker]],"forward_pe")');
    expect(sheet).toContain('_xldudf_MKT_QUOTE(Tickers_Sector[[#This Row],[Ticker]],"price")');
    // The cells were computed (these four are profitable in the demo data): no error values cached.
    expect(sheet).not.toMatch(/t="e"/);
  });

  it("exit status 2, nothing written, for unknown baskets, metrics, benchmarks and a missing -o", async () => {
    const out = path.join(dir, "r.xlsx");
    expect((await mkt(["report", "--provider", "demo", "--basket", "Nope", "-o", out])).stderr).toMatch(
      /--basket Nope: no preset of that name/,
    );
    expect((await mkt(["report", "--provider", "demo", "--tickers", "IWM", "--metrics", "pe", "-o", out])).stderr).toMatch(
      /unknown metric "pe"/,
    );
    expect((await mkt(["report", "--provider", "demo", "--tickers", "IWM", "--benchmark", "not a ticker!", "-o", out])).code).toBe(2);
    expect((await mkt(["report", "--provider", "demo", "--tickers", "IWM"])).stderr).toMatch(/-o REPORT\.xlsx/);
    expect((await mkt(["report", "--provider", "demo", "-o", out])).stderr).toMatch(/nothing to report/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
