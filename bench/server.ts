import { ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import zlib from "node:zlib";
import autocannon from "autocannon";
import { realisticChartBody, startHistoryUpstream, TEN_YEARS_OF_BARS } from "./realistic-histories";

/**
 * Throughput of the relay's cached path under a realistic load. A loopback Yahoo in this process
 * serves SYMBOL_COUNT distinct ~10-year daily histories (TEN_YEARS_OF_BARS bars, ~250 KB of
 * SeriesJson each, generated once); the built server (dist/node/server/main.js) runs in its own
 * process over plain HTTP; autocannon runs in this process. The cache is filled first (one
 * browser-like request per symbol, CONNECTIONS at a time: the cold fill), then autocannon requests
 * the symbols round-robin over CONNECTIONS keep-alive connections for DURATION_S seconds with
 * `Accept-Encoding: br, gzip` (the targets), then with `identity`, then as the add-in's 25-symbol
 * batches. Server and load generator share this machine's cores: the figures are both together.
 *
 * BENCH_SYMBOLS, BENCH_DURATION_S, BENCH_CONNECTIONS change the load; BENCH_SERVER_NODE_ARGS passes
 * flags to the server's node (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it);
 * BENCH_SERVER_ENTRY runs another build of the server (a path from the repository root).
 */
const REPO_ROOT = path.resolve(__dirname, "../../..");
const SERVER_ENTRY = path.resolve(REPO_ROOT, process.env.BENCH_SERVER_ENTRY ?? "dist/node/server/main.js");
const SYMBOL_COUNT = Number(process.env.BENCH_SYMBOLS ?? 500);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter((arg) => arg !== "");
/** What the browser sends (Chromium adds deflate and zstd, which change nothing here). */
const BROWSER_ENCODING = "br, gzip";
/** Symbols per batch request: what the add-in sends (src/addin/data-source.ts). */
const BATCH_SYMBOLS = 25;
const TARGET_RPS = 1_500;
const TARGET_P99_MS = 100;
/** USER_HZ: 100 on Linux everywhere that matters. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Symbols that look like tickers: B000 … B499. */
const SYMBOLS = Array.from({ length: SYMBOL_COUNT }, (_, i) => `B${String(i).padStart(3, "0")}`);
/** The batches: consecutive runs of BATCH_SYMBOLS symbols. */
const BATCHES = Array.from({ length: Math.max(1, Math.floor(SYMBOL_COUNT / BATCH_SYMBOLS)) }, (_, i) =>
  SYMBOLS.slice(i * BATCH_SYMBOLS, (i + 1) * BATCH_SYMBOLS),
);

interface Server {
  url: string;
  child: ChildProcess;
}

/** Starts the built server and resolves with its base URL once it says where it listens. */
function startServer(yahooUrl: string): Promise<Server> {
  if (!fs.existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: run npm run build:node first`);
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, SERVER_ENTRY], {
    env: {
      ...process.env,
      MKT_HTTP: "1",
      HOST: "127.0.0.1",
      PORT: "0",
      MKT_YAHOO_URL: yahooUrl,
      // One benchmarking client would exceed the per-client limit at once; a huge limit keeps its cost in the figures.
      MKT_RATE_LIMIT_PER_MINUTE: "10000000",
      MKT_LOG_LEVEL: "warn",
      // Nothing emptied mid-run.
      MKT_CACHE_SECONDS: "0",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`the server did not start within 20 s:\n${output}`)), 20_000);
    child.once("exit", (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving the add-in at (http:\/\/\S+?)\/?\s/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners("data");
        child.stdout?.resume();
        resolve({ url: match[1], child });
      }
    });
  });
}

/** Stops the server with SIGTERM and waits for it (so a --cpu-prof profile gets written). */
function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/**
 * autocannon 9 keeps every response body as a string (PipelinedRequestsQueue.addBody does
 * `body += chunk`) for its expectBody, verifyBody and onResponse options, which this bench does not
 * use. Decoding each compressed chunk as UTF-8 took ~90% of this process's CPU, so the load
 * generator, not the server, set the pace (~1,300 requests/s with the server ~90% idle). Bodies are
 * still read and counted (bytes/s); they are just not kept.
 */
function discardResponseBodies(): void {
  const queue = createRequire(require.resolve("autocannon"))("./lib/pipelinedRequestsQueue.js") as { prototype: Record<string, unknown> };
  if (typeof queue.prototype.addBody !== "function")
    throw new Error("autocannon changed: PipelinedRequestsQueue has no addBody to replace");
  queue.prototype.addBody = () => undefined;
}

/** CPU seconds a process has used so far (Linux /proc), or null elsewhere. */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND; // utime and stime
  } catch {
    return null;
  }
}

/** Resident memory of a process in MB (Linux /proc), or null elsewhere. */
function rssMb(pid: number | undefined): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function mb(value: number | null): string {
  return value === null ? "n/a" : `${value.toFixed(0)} MB`;
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });

/** A GET, or a POST of `json`, whose body arrives as sent (fetch would decompress it). */
function requestRaw(url: string, acceptEncoding: string, json?: unknown): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { "accept-encoding": acceptEncoding };
    if (json !== undefined) headers["content-type"] = "application/json";
    const request = http.request(url, { agent, method: json === undefined ? "GET" : "POST", headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(json === undefined ? undefined : JSON.stringify(json));
  });
}

/** Runs `work` over `items`, CONNECTIONS at a time; resolves with the total of what it returns. */
async function eachAtOnce<T>(items: readonly T[], work: (item: T) => Promise<number>): Promise<number> {
  let next = 0;
  let total = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const done = await work(items[next++]);
      total += done;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECTIONS, items.length) }, worker));
  return total;
}

/** Requests every symbol's history once; resolves with the body bytes received. */
function getAll(url: string, acceptEncoding: string): Promise<number> {
  return eachAtOnce(SYMBOLS, async (symbol) => {
    const answer = await requestRaw(`${url}/api/history/yahoo/${symbol}`, acceptEncoding);
    if (answer.status !== 200) throw new Error(`${symbol} (${acceptEncoding}): HTTP ${answer.status} ${answer.body.toString()}`);
    return answer.body.length;
  });
}

/** Posts every batch once; resolves with the body bytes received. */
function postAll(url: string, acceptEncoding: string): Promise<number> {
  return eachAtOnce(BATCHES, async (symbols) => {
    const answer = await requestRaw(`${url}/api/batch/yahoo`, acceptEncoding, { symbols });
    if (answer.status !== 200) throw new Error(`batch from ${symbols[0]}: HTTP ${answer.status} ${answer.body.toString()}`);
    return answer.body.length;
  });
}

function decode(answer: RawAnswer): Buffer {
  const encoding = answer.headers["content-encoding"];
  if (encoding === "br") return zlib.brotliDecompressSync(answer.body);
  if (encoding === "gzip") return zlib.gunzipSync(answer.body);
  if (encoding === undefined) return answer.body;
  throw new Error(`unexpected content-encoding ${encoding}`);
}

/**
 * Compressed answers decode to the identity answer and say what they are: single histories with
 * the encoding the client prefers and their length, batches in whichever encoding the server picks.
 */
async function checkAnswers(url: string): Promise<void> {
  for (const symbol of [SYMBOLS[0], SYMBOLS[SYMBOLS.length >> 1], SYMBOLS[SYMBOLS.length - 1]]) {
    const target = `${url}/api/history/yahoo/${symbol}`;
    const plain = await requestRaw(target, "identity");
    if (plain.headers["content-encoding"] !== undefined)
      throw new Error(`${symbol}: identity answer in ${plain.headers["content-encoding"]}`);
    for (const [header, encoding] of [
      [BROWSER_ENCODING, "br"],
      ["gzip", "gzip"],
    ] as const) {
      const packed = await requestRaw(target, header);
      const problems: string[] = [];
      if (packed.headers["content-encoding"] !== encoding) problems.push(`content-encoding ${packed.headers["content-encoding"]}`);
      if (!/accept-encoding/i.test(String(packed.headers.vary))) problems.push(`vary ${packed.headers.vary}`);
      if (packed.headers["content-length"] !== String(packed.body.length))
        problems.push(`content-length ${packed.headers["content-length"]}`);
      if (!decode(packed).equals(plain.body)) problems.push("body differs from the identity answer");
      if (problems.length > 0) throw new Error(`${symbol} with Accept-Encoding "${header}": ${problems.join("; ")}`);
    }
  }
  const plain = await requestRaw(`${url}/api/batch/yahoo`, "identity", { symbols: BATCHES[0] });
  const packed = await requestRaw(`${url}/api/batch/yahoo`, BROWSER_ENCODING, { symbols: BATCHES[0] });
  if (packed.headers["content-encoding"] === undefined || !decode(packed).equals(plain.body)) {
    throw new Error(`batch with Accept-Encoding "${BROWSER_ENCODING}": not compressed, or not the identity answer once decoded`);
  }
}

interface Run {
  label: string;
  rps: number;
  p50: number;
  p975: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  bytesPerSecond: number;
  total: number;
  upstream: number;
  rssAfter: number | null;
  /** Cores busy on average during the run: the server's process, and this one (the load generator). */
  serverCores: number | null;
  loadCores: number;
}

/** The requests of one timed run: a template whose path or body moves on at every request, across all connections. */
type RequestPlan = autocannon.Request;

function historyRequests(): RequestPlan {
  let turn = 0;
  return { method: "GET", setupRequest: (request) => ({ ...request, path: `/api/history/yahoo/${SYMBOLS[turn++ % SYMBOLS.length]}` }) };
}

function batchRequests(): RequestPlan {
  let turn = 0;
  return {
    method: "POST",
    path: "/api/batch/yahoo",
    headers: { "content-type": "application/json" },
    setupRequest: (request) => ({ ...request, body: JSON.stringify({ symbols: BATCHES[turn++ % BATCHES.length] }) }),
  };
}

async function load(
  server: Server,
  label: string,
  acceptEncoding: string,
  plan: RequestPlan,
  upstreamRequests: () => number,
): Promise<Run> {
  const before = upstreamRequests();
  const serverCpu = cpuSeconds(server.child.pid);
  const ownCpu = process.cpuUsage();
  const started = performance.now();
  const result = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { "accept-encoding": acceptEncoding },
    requests: [plan],
  });
  const elapsed = (performance.now() - started) / 1000;
  const serverCpuAfter = cpuSeconds(server.child.pid);
  const own = process.cpuUsage(ownCpu);
  return {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    bytesPerSecond: result.throughput.average,
    total: result.requests.total,
    upstream: upstreamRequests() - before,
    rssAfter: rssMb(server.child.pid),
    serverCores: serverCpu === null || serverCpuAfter === null ? null : (serverCpuAfter - serverCpu) / elapsed,
    loadCores: (own.user + own.system) / 1e6 / elapsed,
  };
}

function printRun(run: Run): void {
  console.log(`  ${run.label}`);
  console.log(
    `    ${run.rps.toFixed(0)} requests/s (${run.total} in ${DURATION_S} s); latency p50 ${run.p50} ms, p97.5 ${run.p975} ms, ` +
      `p99 ${run.p99} ms, max ${run.max} ms`,
  );
  console.log(
    `    errors ${run.errors}, timeouts ${run.timeouts}, non-2xx ${run.non2xx}; ${(run.bytesPerSecond / 1024 / 1024).toFixed(0)} MB/s; ` +
      `upstream requests during the run: ${run.upstream}`,
  );
  const serverCores = run.serverCores === null ? "n/a" : run.serverCores.toFixed(2);
  console.log(
    `    server RSS after: ${mb(run.rssAfter)}; CPU: server ${serverCores} cores, load generator (this process) ${run.loadCores.toFixed(2)} cores`,
  );
}

function verdict(ok: boolean): string {
  return ok ? "met" : "NOT MET";
}

async function main(): Promise<void> {
  discardResponseBodies();
  const generating = performance.now();
  const endMs = Date.now();
  const bodies = new Map(SYMBOLS.map((symbol) => [symbol, Buffer.from(realisticChartBody(symbol, TEN_YEARS_OF_BARS, endMs))]));
  const upstreamBytes = [...bodies.values()].reduce((sum, body) => sum + body.length, 0);
  console.log(
    `Upstream: ${SYMBOL_COUNT} distinct synthetic Yahoo histories of ${TEN_YEARS_OF_BARS} daily bars, ` +
      `${(upstreamBytes / SYMBOL_COUNT / 1024).toFixed(0)} KB each, made in ${seconds(generating)} s`,
  );

  const yahoo = await startHistoryUpstream(bodies);
  const server = await startServer(yahoo.url);
  try {
    const rssStart = rssMb(server.child.pid);
    const upstreamBefore = yahoo.requests();
    const filling = performance.now();
    const browserBytes = await getAll(server.url, BROWSER_ENCODING);
    console.log(
      `Cold fill: ${SYMBOL_COUNT} histories with Accept-Encoding: ${BROWSER_ENCODING}, ${CONNECTIONS} at a time, in ${seconds(filling)} s ` +
        `(${yahoo.requests() - upstreamBefore} upstream requests, including the server's start-up probe)`,
    );
    const batching = performance.now();
    const batchBytes = await postAll(server.url, BROWSER_ENCODING);
    console.log(`First pass of the ${BATCHES.length} batches (${BATCH_SYMBOLS} symbols each): ${seconds(batching)} s`);
    const jsonBytes = await getAll(server.url, "identity");
    await checkAnswers(server.url);
    agent.destroy();
    console.log(
      `Answers: a history is ${(jsonBytes / SYMBOL_COUNT / 1024).toFixed(0)} KB of JSON, ${(browserBytes / SYMBOL_COUNT / 1024).toFixed(0)} KB ` +
        `as sent to a browser; a batch ${(batchBytes / BATCHES.length / 1024).toFixed(0)} KB as sent to a browser`,
    );
    console.log(`Server RSS: ${mb(rssStart)} at start, ${mb(rssMb(server.child.pid))} with the cache warm`);

    console.log(
      `Cached GET /api/history/yahoo/{symbol}, ${SYMBOL_COUNT} symbols round-robin, ${CONNECTIONS} connections, ${DURATION_S} s each:`,
    );
    const browser = await load(server, `Accept-Encoding: ${BROWSER_ENCODING}`, BROWSER_ENCODING, historyRequests(), yahoo.requests);
    printRun(browser);
    const plain = await load(server, "Accept-Encoding: identity", "identity", historyRequests(), yahoo.requests);
    printRun(plain);
    console.log(
      `Cached POST /api/batch/yahoo, ${BATCH_SYMBOLS} symbols a request (as the add-in sends), ${CONNECTIONS} connections, ${DURATION_S} s:`,
    );
    const batch = await load(server, `Accept-Encoding: ${BROWSER_ENCODING}`, BROWSER_ENCODING, batchRequests(), yahoo.requests);
    printRun(batch);
    console.log(`    = ${(batch.rps * BATCH_SYMBOLS).toFixed(0)} histories/s`);

    const runs = [browser, plain, batch];
    const failures = runs.reduce((sum, run) => sum + run.errors + run.timeouts + run.non2xx, 0);
    const upstream = runs.reduce((sum, run) => sum + run.upstream, 0);
    console.log(`Targets (GET, Accept-Encoding: ${BROWSER_ENCODING}):`);
    console.log(`  >= ${TARGET_RPS} requests/s: ${browser.rps.toFixed(0)} ${verdict(browser.rps >= TARGET_RPS)}`);
    console.log(`  p99 < ${TARGET_P99_MS} ms: ${browser.p99} ms ${verdict(browser.p99 < TARGET_P99_MS)}`);
    console.log(`  no failed answers and no upstream requests in any run: ${verdict(failures === 0 && upstream === 0)}`);
  } finally {
    agent.destroy();
    await stopServer(server.child);
    await yahoo.close();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
