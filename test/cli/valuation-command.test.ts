import { execFile } from "node:child_process";
import path from "node:path";
import { ReplayServer, startReplayServer } from "../support/replay-server";
import { replayWrapper } from "../market/providers/valuation/recordings";
import { crumbFlowRoutes, FLOW_REQUESTS } from "../market/providers/valuation/yahoo-flow";

/** The built `mkt` (npm run build:node) evaluating VALUATION and VALUATION_GAP as a user runs it. */
const MKT = path.resolve(__dirname, "../../bin/mkt.js");

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function mkt(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MKT, ...args], { env: { ...process.env, ...env }, timeout: 20000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr });
    });
  });
}

describe("mkt VALUATION_GAP on demo data", () => {
  it('prints a number for VALUATION_GAP("Mag_7","MidCaps"), labelled as demo data, with how Excel wants the names', async () => {
    const run = await mkt(["--provider", "demo", 'VALUATION_GAP("Mag_7","MidCaps")']);
    expect(run.code).toBe(0);
    const gap = Number(run.stdout.trim());
    expect(Number.isFinite(gap)).toBe(true);
    expect(gap).toBeGreaterThan(-1);
    expect(run.stderr.split("\n").filter((line) => line !== "")).toEqual([
      "mkt: demo provider: synthetic prices and fundamentals, not market data",
      'mkt: "Mag_7" read as the basket Mag_7 (7 tickers); in Excel write the name without quotes',
      'mkt: "MidCaps" read as the basket MidCaps (8 tickers); in Excel write the name without quotes',
    ]);
    const bare = await mkt(["--provider", "demo", "VALUATION_GAP(Mag_7,MidCaps)"]);
    expect(Number(bare.stdout.trim())).toBe(gap);
  });

  it("--json gives the same numbers and errors as objects; the gap is VALUATION(A) ÷ VALUATION(B) − 1", async () => {
    const run = await mkt([
      "--provider",
      "demo",
      "--json",
      "VALUATION_GAP(Mag_7,MidCaps)",
      "VALUATION(Mag_7)",
      "VALUATION(MidCaps)",
      'VALUATION(Mag_7,"eps_ttm")',
      'VALUATION("AAPL","forward_pe",,"2024-01-02")',
    ]);
    expect(run.code).toBe(1);
    const [gap, a, b, eps, dated] = JSON.parse(run.stdout) as unknown[];
    expect(typeof gap).toBe("number");
    expect(gap as number).toBeCloseTo((a as number) / (b as number) - 1, 12);
    expect(eps).toEqual({ error: "#VALUE!", message: expect.stringMatching(/^measure: eps_ttm is per share, so a basket has none/) });
    expect(dated).toEqual({ error: "#VALUE!", message: expect.stringMatching(/^date: forward_pe rests on forward \(consensus\) EPS/) });
  });

  it("a --basket name in quotes is that basket too", async () => {
    const run = await mkt([
      "--provider",
      "demo",
      "--basket",
      "Chips=NVDA,AMD",
      "--json",
      'VALUATION("Chips","market_cap")',
      'VALUATION("NVDA,AMD","market_cap")',
    ]);
    const [quoted, listed] = JSON.parse(run.stdout) as number[];
    expect(quoted).toBe(listed);
    expect(run.stderr).toContain('mkt: "Chips" read as the basket Chips (2 tickers)');
  });
});

describe("mkt VALUATION against a loopback Yahoo (MKT_YAHOO_URL)", () => {
  let yahoo: ReplayServer;
  beforeAll(async () => {
    yahoo = await startReplayServer([
      ...crumbFlowRoutes(),
      { path: "/v7/finance/quote", respond: replayWrapper("quotes/yahoo/quote-AAPL-BABA.json") },
    ]);
  });
  afterAll(() => yahoo.close());

  it("gives price ÷ EPS from the recorded quote, through the cookie-and-crumb flow, one quote request for three formulas", async () => {
    const run = await mkt(["--json", 'VALUATION("AAPL")', 'VALUATION("AAPL","trailing_pe")', 'VALUATION("AAPL,BABA","coverage")'], {
      MKT_YAHOO_URL: yahoo.url,
    });
    expect(run.stderr).toBe("");
    const [forward, trailing, coverage] = JSON.parse(run.stdout) as number[];
    expect(forward).toBeCloseTo(244.6 / 8.31, 10);
    expect(trailing).toBeCloseTo(244.6 / 6.31, 10);
    expect(coverage).toBe(1);
    expect(yahoo.requests.map((r) => `${r.method} ${r.path}`)).toEqual([...FLOW_REQUESTS, "GET /v7/finance/quote"]);
  });
});
