import { fork } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { useHistorySource } from "../src/addin";
import { evaluateFormula } from "../src/functions";
import { createDirectProvider, YAHOO_SPEC } from "../src/market";
import { directStores } from "../cli/workbook/data-source";

/**
 * VALUATION's aggregate forward P/E of a 500-member basket, cold, against a loopback Yahoo that adds
 * 50 ms to every answer: the cookie page, the crumb and v7 quote (each quote result built from the
 * recorded quote-AAPL.json, one per symbol asked), served from its own process as a real upstream
 * would be. Prints upstream requests against the target (⌈500 ÷ symbols per request⌉ quote requests
 * plus the two of the cookie-and-crumb flow) and wall time against the lower bound the plan's
 * concurrency allows (the flow's two round trips, then the quote requests `concurrency` at a time).
 */
const MEMBERS = 500;
const LATENCY_MS = 50;
const CONCURRENCY = YAHOO_SPEC.plans.tiers.free.concurrency;
const PER_REQUEST = YAHOO_SPEC.snapshots.snapshotsPerRequest;
const CRUMB = "benchCrumb42";
const RUNS = 5;

const memberSymbol = (i: number): string => `BV${String(i).padStart(3, "0")}`;

/** A member's quote: the recorded AAPL quote with its own symbol, price, EPS and market cap (deterministic). */
function quoteOf(template: Record<string, unknown>, symbol: string, i: number): Record<string, unknown> {
  const price = 20 + (i % 97) * 3;
  const eps = price / (12 + (i % 23));
  return {
    ...template,
    symbol,
    regularMarketPrice: price,
    epsTrailingTwelveMonths: eps * 0.9,
    epsForward: eps,
    trailingPE: price / (eps * 0.9),
    forwardPE: price / eps,
    marketCap: 1e9 * (1 + (i % 50)),
  };
}

interface Counts {
  readonly byPath: Record<string, number>;
  readonly peakInFlight: number;
}

/** The child: serves Yahoo's three paths with LATENCY_MS added, counting requests, until killed. */
function serveYahoo(): void {
  const recorded = JSON.parse(fs.readFileSync(path.join(process.cwd(), "test/fixtures/quotes/yahoo/quote-AAPL.json"), "utf8")) as {
    response: { bodyJson: { quoteResponse: { result: Record<string, unknown>[] } } };
  };
  const template = recorded.response.bodyJson.quoteResponse.result[0];
  const quotes = new Map(Array.from({ length: MEMBERS }, (_, i) => [memberSymbol(i), quoteOf(template, memberSymbol(i), i)]));
  let byPath: Record<string, number> = {};
  let inFlight = 0;
  let peakInFlight = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://bench.invalid");
    byPath[url.pathname] = (byPath[url.pathname] ?? 0) + 1;
    peakInFlight = Math.max(peakInFlight, ++inFlight);
    const symbols = (url.searchParams.get("symbols") ?? "").split(",");
    const body =
      url.pathname === "/v7/finance/quote" && url.searchParams.get("crumb") === CRUMB
        ? JSON.stringify({ quoteResponse: { result: symbols.flatMap((s) => quotes.get(s) ?? []), error: null } })
        : null;
    setTimeout(() => {
      inFlight--;
      if (url.pathname === "/quote/AAPL") {
        res.writeHead(200, { "content-type": "text/html", "set-cookie": "A3=d=bench; Path=/; Domain=.yahoo.com" });
        res.end("<html>quote page</html>");
      } else if (url.pathname === "/v1/test/getcrumb") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end(CRUMB);
      } else if (body !== null) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(body);
      } else {
        res.writeHead(404, { "content-type": "application/json" });
        res.end('{"error":"not in the benchmark"}');
      }
    }, LATENCY_MS);
  });
  process.on("message", (message) => {
    if (message !== "counts") return;
    process.send!({ byPath, peakInFlight } satisfies Counts);
    byPath = {};
    peakInFlight = 0;
  });
  server.listen(0, "127.0.0.1", () => process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
}

interface Upstream {
  readonly url: string;
  counts(): Promise<Counts>;
  stop(): void;
}

function forkYahoo(): Promise<Upstream> {
  const child = fork(__filename, ["--serve"], { stdio: "inherit" });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("message", (ready: { url: string }) =>
      resolve({
        url: ready.url,
        counts: () =>
          new Promise((done) => {
            child.once("message", (counts: Counts) => done(counts));
            child.send("counts");
          }),
        stop: () => child.kill(),
      }),
    );
  });
}

/** One cold run: a new provider and new stores (no cookie, no crumb, nothing in memory). */
async function coldRun(url: string): Promise<{ value: number; wallMs: number }> {
  const provider = createDirectProvider("yahoo", { MKT_YAHOO_URL: url });
  const stores = directStores(provider);
  useHistorySource({ get: (t) => stores.get(t), snapshot: (t) => stores.snapshot(t), earnings: (t) => stores.earnings(t) });
  const members = Array.from({ length: MEMBERS }, (_, i) => [memberSymbol(i)]);
  const t0 = performance.now();
  const outcome = await evaluateFormula("VALUATION", [members, "forward_pe", "aggregate", null]);
  const wallMs = performance.now() - t0;
  if (!outcome.ok) throw new Error(`VALUATION failed: ${outcome.error.code} ${outcome.error.message}`);
  return { value: Number(outcome.value), wallMs };
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function main(): Promise<void> {
  const yahoo = await forkYahoo();
  try {
    const walls: number[] = [];
    let first: { counts: Counts; value: number; wallMs: number } | null = null;
    for (let run = 0; run < RUNS; run++) {
      const { value, wallMs } = await coldRun(yahoo.url);
      const counts = await yahoo.counts();
      first ??= { counts, value, wallMs };
      walls.push(wallMs);
    }
    const { counts, value, wallMs } = first!;
    const quoteRequests = counts.byPath["/v7/finance/quote"] ?? 0;
    const flowRequests = (counts.byPath["/quote/AAPL"] ?? 0) + (counts.byPath["/v1/test/getcrumb"] ?? 0);
    const total = Object.values(counts.byPath).reduce((a, b) => a + b, 0);
    const targetQuotes = Math.ceil(MEMBERS / PER_REQUEST);
    const target = targetQuotes + 2;
    const lowerBoundMs = (2 + Math.ceil(targetQuotes / CONCURRENCY)) * LATENCY_MS;
    const lines = [
      `VALUATION(<${MEMBERS} tickers>, "forward_pe", "aggregate"), cold, loopback Yahoo (own process) with ${LATENCY_MS} ms per answer`,
      `  result                  ${value.toFixed(4)} (aggregate forward P/E)`,
      `  upstream requests       ${total} = ${quoteRequests} v7 quote + ${flowRequests} cookie page and crumb (+${total - quoteRequests - flowRequests} other)`,
      `  target                  ${target} = ⌈${MEMBERS} ÷ ${PER_REQUEST}⌉ quote + 2 flow -> ${total <= target ? "met" : "MISSED"}`,
      `  concurrency bound       ${lowerBoundMs} ms = (2 flow round trips + ⌈${targetQuotes} ÷ ${CONCURRENCY}⌉ quote rounds) × ${LATENCY_MS} ms`,
      `  wall time, first run    ${wallMs.toFixed(0)} ms (${(wallMs / lowerBoundMs).toFixed(2)} × bound; includes the JIT warming up)`,
      `  wall time, median of ${RUNS} ${median(walls).toFixed(0)} ms (${(median(walls) / lowerBoundMs).toFixed(2)} × bound; each run cold: new provider, stores, cookie and crumb)`,
      `  peak requests in flight ${counts.peakInFlight} (plan concurrency ${CONCURRENCY})`,
    ];
    console.log(lines.join("\n"));
    if (total > target) process.exitCode = 1;
  } finally {
    yahoo.stop();
  }
}

if (process.argv.includes("--serve")) serveYahoo();
else void main();
