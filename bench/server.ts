import { ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import autocannon from "autocannon";

/**
 * Throughput of the relay's cached path: the built server (dist/node/server/main.js) in its own
 * process over plain HTTP, its Yahoo a loopback replay of a recorded full history (TSLA, ~3,300
 * daily bars, ~350 KB of SeriesJson per answer). After one request per symbol fills the shared
 * cache, autocannon drives GET /api/history/yahoo/{symbol} for DURATION_S seconds.
 */
const REPO_ROOT = path.resolve(__dirname, "../../..");
const SERVER_ENTRY = path.join(REPO_ROOT, "dist/node/server/main.js");
const FIXTURE = path.join(REPO_ROOT, "test/fixtures/providers/yahoo/historical-via-chart-dividends-TSLA-no-dividends.json");
const SYMBOLS = Array.from({ length: 20 }, (_, i) => `BENCH${i}`);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const TARGET_RPS = 2_000;
const TARGET_P99_MS = 20;

/** A loopback Yahoo that answers every chart request with the recorded body. */
async function startReplayYahoo(): Promise<{ url: string; requests: () => number; close: () => void }> {
  const recording = JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as { response: { bodyJson?: unknown; body?: string } };
  const body = recording.response.bodyJson !== undefined ? JSON.stringify(recording.response.bodyJson) : String(recording.response.body);
  let requests = 0;
  const server = http.createServer((request, response) => {
    requests++;
    if (!/^\/v8\/finance\/chart\//.test(request.url ?? "")) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** Starts the built server and resolves with its base URL once it says where it listens. */
function startServer(yahooUrl: string): Promise<{ url: string; child: ChildProcess }> {
  if (!fs.existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: run npm run build:node first`);
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: {
      ...process.env,
      MKT_HTTP: "1",
      HOST: "127.0.0.1",
      PORT: "0",
      MKT_YAHOO_URL: yahooUrl,
      // One benchmarking client would exceed the per-client limit at once; a huge limit keeps its cost in the figures.
      MKT_RATE_LIMIT_PER_MINUTE: "10000000",
      MKT_LOG_LEVEL: "warn",
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

async function warm(url: string): Promise<number> {
  let bytes = 0;
  for (const symbol of SYMBOLS) {
    const response = await fetch(`${url}/api/history/yahoo/${symbol}`);
    if (response.status !== 200) throw new Error(`warm-up of ${symbol}: HTTP ${response.status} ${await response.text()}`);
    bytes = (await response.arrayBuffer()).byteLength;
  }
  return bytes;
}

function verdict(ok: boolean): string {
  return ok ? "met" : "NOT MET";
}

async function main(): Promise<void> {
  const yahoo = await startReplayYahoo();
  const { url, child } = await startServer(yahoo.url);
  try {
    const answerBytes = await warm(url);
    const upstreamAfterWarmUp = yahoo.requests();
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests: SYMBOLS.map((symbol) => ({ method: "GET" as const, path: `/api/history/yahoo/${symbol}` })),
    });
    const rps = result.requests.average;
    const { p50, p99 } = result.latency;
    const failures = result.non2xx + result.errors + result.timeouts;

    console.log(
      `Relay, cached GET /api/history/yahoo/{symbol}: ${SYMBOLS.length} symbols, ${(answerBytes / 1024).toFixed(0)} KB SeriesJson each, ` +
        `${CONNECTIONS} connections for ${DURATION_S} s, uncompressed`,
    );
    console.log(
      `  ${rps.toFixed(0)} requests/s, latency p50 ${p50} ms, p99 ${p99} ms, ${(result.throughput.average / 1024 / 1024).toFixed(0)} MB/s`,
    );
    console.log(
      `  ${result.requests.total} answers, ${failures} failed (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}); upstream requests during the run: ${yahoo.requests() - upstreamAfterWarmUp}`,
    );
    console.log("Targets:");
    console.log(`  >= ${TARGET_RPS} requests/s: ${rps.toFixed(0)} ${verdict(rps >= TARGET_RPS)}`);
    console.log(`  p99 < ${TARGET_P99_MS} ms: ${p99} ms ${verdict(p99 < TARGET_P99_MS)}`);
    console.log(`  no failed answers, no upstream requests: ${verdict(failures === 0 && yahoo.requests() === upstreamAfterWarmUp)}`);
  } finally {
    child.kill("SIGTERM");
    yahoo.close();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
