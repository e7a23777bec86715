import { evaluateFormula, FormulaName } from "../src/functions";
import { useHistorySource } from "../src/addin";
import { createDirectProvider, HistoryStore, YAHOO_SPEC } from "../src/market";
import { forkSyntheticYahoo } from "./synthetic-yahoo-process";

/**
 * A workbook recalculation: 5,000 MKT calls over 500 tickers (ten functions each) against a
 * loopback Yahoo that adds 50 ms to every answer; then the same calls with the cache warm.
 */
const TICKERS = 500;
const LATENCY_MS = 50;
/** The configured limit the add-in's server uses for Yahoo. */
const CONCURRENCY = YAHOO_SPEC.plans.tiers.free.concurrency;
const WARM_REPEATS = 5;

const CALLS: readonly [FormulaName, (ticker: string) => unknown[]][] = [
  ["PRICE", (t) => [t]],
  ["TOTAL_RETURN", (t) => [t, "1M"]],
  ["TOTAL_RETURN", (t) => [t, "YTD"]],
  ["RSI", (t) => [t]],
  ["SMA", (t) => [t, 50]],
  ["SMA", (t) => [t, 200]],
  ["EMA", (t) => [t, 21]],
  ["MACD", (t) => [t]],
  ["MA_CROSS", (t) => [t]],
  ["RELATIVE_STRENGTH", (t) => [t, "SPY", "3M"]],
];

function tickerName(i: number): string {
  return `BK${String(i).padStart(3, "0")}`;
}

async function recalculate(tickers: readonly string[]): Promise<{ ms: number; errors: number; calls: number }> {
  const start = performance.now();
  const outcomes = await Promise.all(tickers.flatMap((t) => CALLS.map(([fn, args]) => evaluateFormula(fn, args(t)))));
  const ms = performance.now() - start;
  return { ms, errors: outcomes.filter((o) => !o.ok).length, calls: outcomes.length };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function verdict(ok: boolean): string {
  return ok ? "met" : "NOT MET";
}

async function main(): Promise<void> {
  const now = Date.now();
  const tickers = Array.from({ length: TICKERS - 1 }, (_, i) => tickerName(i)).concat("SPY");
  const upstream = await forkSyntheticYahoo(LATENCY_MS, now, tickers);
  // As the server builds it: Yahoo behind its configured concurrency, rate limit and retries.
  const store = new HistoryStore(createDirectProvider("yahoo", { MKT_YAHOO_URL: upstream.url }));
  useHistorySource(store);

  const cold = await recalculate(tickers);
  const upstreamStats = await upstream.stats();
  const upstreamRequests = upstreamStats.requests;
  const lowerBoundMs = Math.ceil(tickers.length / CONCURRENCY) * LATENCY_MS;
  const warm = await recalculate(tickers);
  const warmRepeats: number[] = [];
  for (let i = 0; i < WARM_REPEATS; i++) warmRepeats.push((await recalculate(tickers)).ms);
  const warmMedian = warmRepeats.sort((a, b) => a - b)[Math.floor(WARM_REPEATS / 2)];

  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  upstream.stop();

  console.log(
    `Recalculation: ${cold.calls} MKT calls over ${tickers.length} tickers, upstream latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY}`,
  );
  console.log(
    `  cold: ${cold.ms.toFixed(0)} ms wall, ${upstreamRequests} upstream requests (peak ${upstreamStats.peakInFlight} in flight), ${cold.errors} error answers`,
  );
  console.log(
    `  lower bound for concurrency ${CONCURRENCY}: ceil(${tickers.length}/${CONCURRENCY}) x ${LATENCY_MS} ms = ${lowerBoundMs} ms; cold/lower bound = ${(cold.ms / lowerBoundMs).toFixed(2)}`,
  );
  console.log(
    `  warm: first pass ${warm.ms.toFixed(1)} ms for ${warm.calls} calls (${((warm.ms * 1000) / warm.calls).toFixed(1)} µs per call, includes collecting the cold pass's garbage), ${warm.errors} error answers`,
  );
  console.log(`  warm: median of ${WARM_REPEATS} more passes ${warmMedian.toFixed(1)} ms`);
  console.log(
    `  memory with ${tickers.length} histories cached: JS heap ${megabytes(memory.heapUsed)}, typed-array buffers ${megabytes(memory.arrayBuffers)}, total ${megabytes(memory.heapUsed + memory.arrayBuffers)}${(globalThis as { gc?: unknown }).gc ? " (after gc)" : ""}`,
  );
  console.log("Targets:");
  console.log(
    `  upstream requests <= distinct tickers: ${upstreamRequests} <= ${tickers.length} ${verdict(upstreamRequests <= tickers.length)}`,
  );
  console.log(
    `  cold wall time <= 1.5x lower bound: ${cold.ms.toFixed(0)} <= ${(1.5 * lowerBoundMs).toFixed(0)} ms ${verdict(cold.ms <= 1.5 * lowerBoundMs)}`,
  );
  console.log(
    `  warm total <= 100 ms: first pass ${warm.ms.toFixed(1)} ms ${verdict(warm.ms <= 100)}; median ${warmMedian.toFixed(1)} ms ${verdict(warmMedian <= 100)}`,
  );
  console.log(
    `  heap + buffers < 256 MB: ${megabytes(memory.heapUsed + memory.arrayBuffers)} ${verdict(memory.heapUsed + memory.arrayBuffers < 256 * 1024 * 1024)}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
