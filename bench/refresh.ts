import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { useHistorySource } from "../src/addin";
import { createDirectProvider, HistoryStore, Ticker, YAHOO_SPEC } from "../src/market";
import { DiskSeriesCache } from "../src/market/store/node";
import { refreshWorkbookBytes } from "../cli/workbook/refresh/refresh";
import { forkSyntheticYahoo } from "./synthetic-yahoo-process";

/**
 * `mkt refresh` at scale: a workbook of 5,000 MKT cells over 500 tickers (ten formulas a row, the
 * calls a sector table makes, plus a column of ordinary formulas over them) refreshed against a
 * loopback Yahoo that adds 50 ms to every answer, as the CLI runs it (the provider behind Yahoo's
 * configured concurrency, no disk cache); then a second process-like run with the disk cache warm.
 * Prints upstream requests, wall time against the concurrency lower bound, and peak memory.
 */
const TICKERS = 500;
const LATENCY_MS = 50;
const CONCURRENCY = YAHOO_SPEC.plans.tiers.free.concurrency;
const MAX_UPSTREAM_REQUESTS = 500;

const FORMULAS: readonly ((row: number) => string)[] = [
  (r) => `_xldudf_MKT_PRICE(A${r})`,
  (r) => `_xldudf_MKT_TOTAL_RETURN(A${r},"1M")`,
  (r) => `_xldudf_MKT_TOTAL_RETURN(A${r},"YTD")`,
  (r) => `_xldudf_MKT_RSI(A${r})`,
  (r) => `_xldudf_MKT_SMA(A${r},50)`,
  (r) => `_xldudf_MKT_SMA(A${r},200)`,
  (r) => `_xldudf_MKT_EMA(A${r},21)`,
  (r) => `INDEX(_xldudf_MKT_MACD(A${r}),1,1)`,
  (r) => `INDEX(_xldudf_MKT_MA_CROSS(A${r},50,200),1,2)`,
  (r) => `_xldudf_MKT_RELATIVE_STRENGTH(A${r},"SPY","3M")`,
];
const COLUMNS = "BCDEFGHIJK";

function tickerName(i: number): string {
  return `BK${String(i).padStart(3, "0")}`;
}

/** The benchmark workbook, written as Excel lays one out (shared strings for the tickers). */
function benchmarkWorkbook(tickers: readonly string[]): Uint8Array {
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
  const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const rows = tickers
    .map((_, i) => {
      const r = i + 2;
      const cells = FORMULAS.map((formula, c) => `<c r="${COLUMNS[c]}${r}"><f>${formula(r).replace(/"/g, "&quot;")}</f><v>0</v></c>`).join(
        "",
      );
      return `<row r="${r}"><c r="A${r}" t="s"><v>${i}</v></c>${cells}<c r="L${r}"><f>B${r}*(1+C${r})</f><v>0</v></c></row>`;
    })
    .join("");
  const last = tickers.length + 1;
  const sheet = `${head}<worksheet xmlns="${main}" xmlns:r="${rel}"><dimension ref="A1:L${last + 1}"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Ticker</t></is></c></row>${rows}<row r="${last + 1}"><c r="B${last + 1}"><f>AVERAGE(B2:B${last})</f><v>0</v></c></row></sheetData></worksheet>`;
  const ct = "application/vnd.openxmlformats-officedocument.spreadsheetml";
  return zipSync({
    "[Content_Types].xml": strToU8(
      `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${ct}.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.sharedStrings+xml"/></Types>`,
    ),
    "_rels/.rels": strToU8(
      `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(
      `${head}<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="Book" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    "xl/worksheets/sheet1.xml": strToU8(sheet),
    "xl/sharedStrings.xml": strToU8(
      `${head}<sst xmlns="${main}" count="${tickers.length}" uniqueCount="${tickers.length}">${tickers.map((t) => `<si><t>${t}</t></si>`).join("")}</sst>`,
    ),
  });
}

/** Peak resident memory and peak JS heap + typed-array buffers, sampled while `work` runs. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; peakHeapBytes: number }> {
  let peak = 0;
  const sample = (): void => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.heapUsed + usage.arrayBuffers);
  };
  const timer = setInterval(sample, 5);
  const start = performance.now();
  try {
    const result = await work();
    sample();
    return { result, ms: performance.now() - start, peakHeapBytes: peak };
  } finally {
    clearInterval(timer);
  }
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const verdict = (ok: boolean): string => (ok ? "met" : "NOT MET");

async function main(): Promise<void> {
  const now = Date.now();
  const tickers = Array.from({ length: TICKERS - 1 }, (_, i) => tickerName(i)).concat("SPY");
  const book = benchmarkWorkbook(tickers);
  if (process.env.MKT_BENCH_SAVE !== undefined) fs.writeFileSync(process.env.MKT_BENCH_SAVE, book);
  const upstream = await forkSyntheticYahoo(LATENCY_MS, now, tickers);
  const env = { MKT_YAHOO_URL: upstream.url };
  try {
    // Baseline: the same 500 histories fetched by a bare store, no workbook (as bench:recalc's cold pass).
    const fetchStart = performance.now();
    {
      const bare = new HistoryStore(createDirectProvider("yahoo", env), { supportsSince: true });
      await Promise.all(tickers.map((ticker) => bare.get(ticker as Ticker)));
    }
    const fetchOnlyMs = performance.now() - fetchStart;
    const afterBaseline = (await upstream.stats()).requests;
    (globalThis as { gc?: () => void }).gc?.();

    // Cold: what `mkt refresh --no-cache` does.
    const cold = await measured(async () => {
      useHistorySource(new HistoryStore(createDirectProvider("yahoo", env), { supportsSince: true }));
      return refreshWorkbookBytes(book, "bench.xlsx", { provider: "yahoo", now: new Date() });
    });
    const coldStats = await upstream.stats();
    const coldRequests = coldStats.requests - afterBaseline;
    const lowerBoundMs = Math.ceil(tickers.length / CONCURRENCY) * LATENCY_MS;
    (globalThis as { gc?: () => void }).gc?.();

    // With the disk cache: a first run fills it, a second (a new store, as a new process) reads it.
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "mkt-bench-cache-"));
    const cli = { supportsSince: true, cacheTimeoutMs: 60_000 };
    {
      const fill = new HistoryStore(createDirectProvider("yahoo", env), { cache: new DiskSeriesCache({ directory: cacheDir }), ...cli });
      useHistorySource(fill);
      await refreshWorkbookBytes(book, "bench.xlsx", { provider: "yahoo", now: new Date() });
      await fill.flush();
    }
    const beforeWarm = (await upstream.stats()).requests;
    useHistorySource(new HistoryStore(createDirectProvider("yahoo", env), { cache: new DiskSeriesCache({ directory: cacheDir }), ...cli }));
    (globalThis as { gc?: () => void }).gc?.();
    const warm = await measured(() => refreshWorkbookBytes(book, "bench.xlsx", { provider: "yahoo", now: new Date() }));
    const warmRequests = (await upstream.stats()).requests - beforeWarm;
    const cacheBytes = await new DiskSeriesCache({ directory: cacheDir }).size();
    fs.rmSync(cacheDir, { recursive: true, force: true });

    const report = cold.result.report;
    console.log(
      `mkt refresh: ${report.mktCells} MKT cells (+${report.recomputed - report.mktCells} dependent formulas) over ${tickers.length} tickers, workbook ${(book.length / 1024).toFixed(0)} KB, upstream latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY}`,
    );
    console.log(
      `  cold: ${cold.ms.toFixed(0)} ms wall, ${coldRequests} upstream requests (peak ${coldStats.peakInFlight} in flight), ${report.problems.length} cells not computed`,
    );
    console.log(
      `  the same 500 histories fetched alone on this machine now: ${fetchOnlyMs.toFixed(0)} ms (refresh - fetch alone = ${(cold.ms - fetchOnlyMs).toFixed(0)} ms)`,
    );
    console.log(
      `  lower bound for concurrency ${CONCURRENCY}: ceil(${tickers.length}/${CONCURRENCY}) x ${LATENCY_MS} ms = ${lowerBoundMs} ms; cold/lower bound = ${(cold.ms / lowerBoundMs).toFixed(2)}`,
    );
    console.log(
      `  warm disk cache (next run, fresh histories): ${warm.ms.toFixed(0)} ms wall, ${warmRequests} upstream requests; cache ${mb(cacheBytes)} on disk`,
    );
    console.log(
      `  memory: peak JS heap + buffers ${mb(cold.peakHeapBytes)} (cold), ${mb(warm.peakHeapBytes)} (warm); peak RSS of the process ${mb(process.resourceUsage().maxRSS * 1024)}`,
    );
    console.log("Targets:");
    console.log(`  upstream requests <= ${MAX_UPSTREAM_REQUESTS}: ${coldRequests} ${verdict(coldRequests <= MAX_UPSTREAM_REQUESTS)}`);
    console.log(
      `  cold wall time <= 1.5x lower bound: ${cold.ms.toFixed(0)} <= ${(1.5 * lowerBoundMs).toFixed(0)} ms ${verdict(cold.ms <= 1.5 * lowerBoundMs)}`,
    );
    console.log(`  every cell computed: ${verdict(report.problems.length === 0)}`);
  } finally {
    upstream.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
