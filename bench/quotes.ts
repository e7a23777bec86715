import { ChildProcess, fork, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildServer } from "../server/app";
import { MarketDataError, quoteStreamPath, quoteSubscriptionsPath, SseParser } from "../src/market";
import type { Clock, LiveQuote, QuoteHello, QuoteOutcome, QuoteProvider, QuoteRequest, Ticker } from "../src/market";

/**
 * Live quotes under load (issue 12): BENCH_CLIENTS simulated add-ins (default 1,000), each one SSE
 * stream over its own loopback HTTP connection watching BENCH_WATCH (100) of BENCH_TICKERS (500)
 * tickers, through one server, then through two servers sharing a Redis (clients split between them,
 * as a load balancer would). The servers run in child processes (so their CPU and memory are theirs
 * alone) on an always-open market clock with a BENCH_INTERVAL_S (1 s) interval; their quote provider
 * asks a loopback upstream in this process for up to BENCH_PER_REQUEST (50) tickers a request.
 *
 * The upstream moves the price of every ticker it is asked for and stamps the quote with the moment
 * it answers: push latency is from that moment (the change, as the server can first see it) to the
 * moment a client here has read the quote off its stream. (A change upstream also waits for the next
 * poll, up to one interval, which no server can shorten without polling more.) Measured over
 * BENCH_MEASURE_S (10) seconds after BENCH_WARMUP_S (4) of settling.
 */

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1_000);
const TICKERS = Number(process.env.BENCH_TICKERS ?? 500);
const WATCH = Number(process.env.BENCH_WATCH ?? 100);
const INTERVAL_S = Number(process.env.BENCH_INTERVAL_S ?? 1);
const PER_REQUEST = Number(process.env.BENCH_PER_REQUEST ?? 50);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 4);
const MEASURE_S = Number(process.env.BENCH_MEASURE_S ?? 10);
/** Every how many add-ins one parses its stream fully and measures latency (the others count quotes). */
const SAMPLE_EVERY = Math.max(1, Number(process.env.BENCH_SAMPLE_EVERY ?? 10));
const REDIS_SERVER_BIN = process.env.REDIS_SERVER_BIN ?? "/usr/bin/redis-server";
/** A Wednesday, 10:00 in New York: the market clock starts there and runs at real speed. */
const MARKET_OPEN_AT = Date.parse("2026-12-02T15:00:00Z");

const SYMBOLS = Array.from({ length: TICKERS }, (_, i) => `Q${String(i).padStart(3, "0")}`);

/** Milliseconds since 1970 with sub-millisecond precision, comparable between processes of this machine. */
function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

// ---------------------------------------------------------------------------------------------
// The server child process
// ---------------------------------------------------------------------------------------------

interface ServerConfig {
  readonly upstreamUrl: string;
  readonly redisUrl: string | null;
  readonly instanceId: string;
  /** Added to the real time to make the market clock (the same in every child). */
  readonly offsetMs: number;
}

type ChildMessage =
  | { readonly type: "listening"; readonly port: number }
  | { readonly type: "usage"; readonly cpu: NodeJS.CpuUsage; readonly memory: NodeJS.MemoryUsage }
  | { readonly type: "requests"; readonly requests: readonly [at: number, symbols: string][] };

/** The provider of the servers under test: one GET to the loopback upstream per batch. */
class UpstreamQuoteProvider implements QuoteProvider {
  readonly name = "bench";
  readonly quotesPerRequest = PER_REQUEST;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly url: string) {}

  fetchQuotes(tickers: readonly Ticker[], request?: QuoteRequest): Promise<ReadonlyMap<Ticker, QuoteOutcome>> {
    return new Promise((resolve, reject) => {
      const get = http.get(`${this.url}/quote?symbols=${tickers.join(",")}`, { agent: this.agent, signal: request?.signal }, (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => {
          const body = JSON.parse(text) as Record<string, { price: number; time: number }>;
          const fetchedAt = Date.now();
          const out = new Map<Ticker, QuoteOutcome>();
          for (const ticker of tickers) {
            const raw = body[ticker];
            out.set(
              ticker,
              raw === undefined ? new MarketDataError("unknown-symbol", `no ${ticker}`, ticker) : benchQuote(ticker, raw, fetchedAt),
            );
          }
          resolve(out);
        });
        response.on("error", reject);
      });
      get.on("error", reject);
    });
  }
}

function benchQuote(symbol: string, raw: { price: number; time: number }, fetchedAt: number): LiveQuote {
  return {
    symbol,
    provider: "bench",
    currency: "USD",
    price: raw.price,
    change: raw.price - 100,
    changePct: (raw.price - 100) / 100,
    prevClose: 100,
    open: 100,
    dayHigh: Math.max(100, raw.price),
    dayLow: Math.min(100, raw.price),
    volume: 1_000_000,
    time: raw.time,
    delayMinutes: 0,
    fetchedAt,
    demo: false,
  };
}

async function serveChild(): Promise<void> {
  const config = JSON.parse(process.env.BENCH_QUOTES_SERVER ?? "{}") as ServerConfig;
  const clock: Clock = {
    now: () => Date.now() + config.offsetMs,
    sleep: (ms, signal) =>
      new Promise((resolve) => {
        if (signal?.aborted) return resolve();
        const timer = setTimeout(done, ms);
        function done(): void {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          resolve();
        }
        signal?.addEventListener("abort", done, { once: true });
      }),
  };
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), "rotation-desk-bench-quotes-"));
  const provider = new UpstreamQuoteProvider(config.upstreamUrl);
  const app = buildServer({
    staticDir,
    env: {},
    redisUrl: config.redisUrl ?? undefined,
    rateLimitPerMinute: 0,
    logger: { level: "warn" },
    quotes: { createProvider: () => provider, clock, intervalSeconds: INTERVAL_S, instanceId: config.instanceId },
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const send = (message: ChildMessage): void => void process.send?.(message);
  send({ type: "listening", port: (app.server.address() as net.AddressInfo).port });
  process.on("message", (message: { type: string }) => {
    if (message.type === "usage") send({ type: "usage", cpu: process.cpuUsage(), memory: process.memoryUsage() });
    if (message.type === "stop") {
      void app.close().finally(() => {
        fs.rmSync(staticDir, { recursive: true, force: true });
        process.exit(0);
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The bench: upstream, Redis, servers and clients
// ---------------------------------------------------------------------------------------------

/**
 * The loopback upstream, in a process of its own (so the add-ins' reading never delays its answers):
 * every ticker asked moves, stamped with the moment of the answer. Tells its parent every request.
 */
async function upstreamChild(): Promise<void> {
  const prices = new Map<string, number>();
  const requests: [at: number, symbols: string][] = [];
  const server = http.createServer((request, response) => {
    const symbols = (new URL(request.url ?? "/", "http://upstream").searchParams.get("symbols") ?? "").split(",");
    const time = preciseNow();
    requests.push([time, symbols.join(",")]);
    const body: Record<string, { price: number; time: number }> = {};
    for (const symbol of symbols) {
      const price = Math.round(((prices.get(symbol) ?? 100) + (Math.random() < 0.5 ? -0.01 : 0.01)) * 100) / 100;
      prices.set(symbol, price);
      body[symbol] = { price, time };
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const send = (message: ChildMessage): void => void process.send?.(message);
  send({ type: "listening", port: (server.address() as net.AddressInfo).port });
  process.on("message", (message: { type: string }) => {
    if (message.type === "requests") send({ type: "requests", requests });
    if (message.type === "stop") process.exit(0);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startRedis(): Promise<{ url: string; stop: () => void }> {
  if (!fs.existsSync(REDIS_SERVER_BIN)) throw new Error(`${REDIS_SERVER_BIN} is missing (apt-get install redis-server)`);
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rotation-desk-bench-redis-"));
  const child = spawn(REDIS_SERVER_BIN, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ready to accept connections/i.test(output)) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners("data");
        child.stdout?.resume();
        resolve();
      }
    });
    child.once("exit", () => reject(new Error(`redis-server exited:\n${output}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => {
      child.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface ChildProcessHandle {
  readonly url: string;
  /** Sends `type` and resolves with the first answer of the same type. */
  ask<T extends ChildMessage["type"]>(type: T): Promise<Extract<ChildMessage, { type: T }>>;
  stop(): Promise<void>;
}

/** This script again in a child process, as `role`; resolves once it listens. */
function startChild(role: "--server" | "--upstream", env: Record<string, string> = {}): Promise<ChildProcessHandle> {
  const child: ChildProcess = fork(__filename, [role], { env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the ${role.slice(2)} process exited (${code})`)));
    child.once("message", (message: ChildMessage) => {
      if (message.type !== "listening") return;
      resolve({
        url: `http://127.0.0.1:${message.port}`,
        ask: <T extends ChildMessage["type"]>(type: T) =>
          new Promise<Extract<ChildMessage, { type: T }>>((done) => {
            const onMessage = (reply: ChildMessage): void => {
              if (reply.type !== type) return;
              child.off("message", onMessage);
              done(reply as Extract<ChildMessage, { type: T }>);
            };
            child.on("message", onMessage);
            child.send({ type });
          }),
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners("exit");
            child.once("exit", () => done());
            child.send({ type: "stop" });
          }),
      });
    });
  });
}

/** Push latencies (ms), kept only while measuring. */
class Latencies {
  measuring = false;
  private samples = new Float64Array(1 << 20);
  private fetchSamples = new Float64Array(1 << 20);
  private count = 0;
  received = 0;

  /** Quotes read by add-ins that do not measure. */
  countUnmeasured(quotes: number): void {
    this.received += quotes;
  }

  /** Of the whole `ms`, `fetchMs` passed before the server had the upstream's answer. */
  add(ms: number, fetchMs: number): void {
    this.received++;
    if (!this.measuring) return;
    if (this.count === this.samples.length) {
      const bigger = new Float64Array(this.samples.length * 2);
      bigger.set(this.samples);
      this.samples = bigger;
      const biggerFetch = new Float64Array(this.fetchSamples.length * 2);
      biggerFetch.set(this.fetchSamples);
      this.fetchSamples = biggerFetch;
    }
    this.fetchSamples[this.count] = fetchMs;
    this.samples[this.count++] = ms;
  }

  fetchPercentile(p: number): number {
    if (this.count === 0) return Number.NaN;
    const sorted = this.fetchSamples.slice(0, this.count).sort();
    return sorted[Math.min(this.count - 1, Math.floor((p / 100) * this.count))];
  }

  get measured(): number {
    return this.count;
  }

  percentile(p: number): number {
    if (this.count === 0) return Number.NaN;
    const sorted = this.samples.slice(0, this.count).sort();
    return sorted[Math.min(this.count - 1, Math.floor((p / 100) * this.count))];
  }
}

const QUOTE_MARK = Buffer.from('{"symbol":"');

/** Occurrences of QUOTE_MARK in a stream's chunks, also across chunk boundaries. */
class QuoteCounter {
  private carry: Buffer = Buffer.alloc(0);

  count(chunk: Buffer): number {
    let found = 0;
    if (this.carry.length > 0) {
      const seam = Buffer.concat([this.carry, chunk.subarray(0, QUOTE_MARK.length - 1)]);
      if (seam.indexOf(QUOTE_MARK) >= 0) found++;
    }
    for (let at = chunk.indexOf(QUOTE_MARK); at >= 0; at = chunk.indexOf(QUOTE_MARK, at + QUOTE_MARK.length)) found++;
    this.carry = Buffer.from(chunk.subarray(Math.max(0, chunk.length - (QUOTE_MARK.length - 1))));
    return found;
  }
}

/**
 * One simulated add-in: a stream over its own connection. A measuring one parses every event as the
 * add-in does (SseParser, JSON) and records each quote's latency; the others count the quotes in the
 * bytes they read, so the load generator, which shares the machine with the servers, keeps up.
 */
class SimulatedAddin {
  private request: http.ClientRequest | null = null;
  hello: QuoteHello | null = null;

  constructor(
    readonly serverUrl: string,
    readonly tickers: readonly string[],
    private readonly latencies: Latencies,
    private readonly measuring: boolean,
  ) {}

  open(): Promise<void> {
    const parser = new SseParser();
    const counter = new QuoteCounter();
    return new Promise((resolve, reject) => {
      this.request = http.get(
        `${this.serverUrl}${quoteStreamPath("yahoo")}`,
        { agent: false, headers: { accept: "text/event-stream" } },
        (response) => {
          if (response.statusCode !== 200) return reject(new Error(`stream answered ${response.statusCode}`));
          response.on("data", (chunk: Buffer) => {
            if (this.hello !== null && !this.measuring) {
              this.latencies.countUnmeasured(counter.count(chunk));
              return;
            }
            const receivedAt = preciseNow();
            for (const event of parser.push(chunk.toString("utf8"))) {
              if (event.event === "quotes") {
                for (const quote of (JSON.parse(event.data) as { quotes: LiveQuote[] }).quotes) {
                  this.latencies.add(receivedAt - (quote.time ?? receivedAt), quote.fetchedAt - (quote.time ?? quote.fetchedAt));
                }
              } else if (event.event === "hello") {
                this.hello = JSON.parse(event.data) as QuoteHello;
                resolve();
              }
            }
          });
          response.on("error", () => undefined);
        },
      );
      this.request.on("error", reject);
    });
  }

  subscribe(agent: http.Agent): Promise<void> {
    const body = JSON.stringify({ add: this.tickers });
    return new Promise((resolve, reject) => {
      const post = http.request(
        `${this.serverUrl}${quoteSubscriptionsPath("yahoo", this.hello!.connectionId)}`,
        { method: "POST", agent, headers: { "content-type": "application/json" } },
        (response) => {
          response.resume();
          response.on("end", () =>
            response.statusCode === 200 ? resolve() : reject(new Error(`subscribe answered ${response.statusCode}`)),
          );
        },
      );
      post.on("error", reject);
      post.end(body);
    });
  }

  close(): void {
    this.request?.destroy();
  }
}

/** The tickers of add-in `i`: WATCH distinct ones, every ticker watched by about CLIENTS × WATCH ÷ TICKERS add-ins. */
function watchedBy(i: number): string[] {
  const start = (i * 13) % TICKERS;
  return Array.from({ length: WATCH }, (_, k) => SYMBOLS[(start + k * Math.floor(TICKERS / WATCH)) % TICKERS]);
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

/** The upstream requests of each whole interval (market-clock slot) within the measurement. */
function perSlot(
  requests: readonly [at: number, symbols: string][],
  offsetMs: number,
  from: number,
  to: number,
): { requests: number; distinct: number; repeated: number }[] {
  const intervalMs = INTERVAL_S * 1000;
  const slotOf = (at: number): number => Math.floor((at + offsetMs) / intervalMs);
  const first = slotOf(from) + 1;
  const last = slotOf(to) - 1;
  const slots = new Map<number, string[][]>();
  for (let slot = first; slot <= last; slot++) slots.set(slot, []);
  for (const [at, symbols] of requests) slots.get(slotOf(at))?.push(symbols.split(","));
  return [...slots.values()].map((asked) => {
    const all = asked.flat();
    const distinct = new Set(all).size;
    return { requests: asked.length, distinct, repeated: all.length - distinct };
  });
}

interface Figures {
  readonly servers: number;
  /** Whole intervals measured. */
  readonly slots: number;
  readonly requestsPerInterval: number;
  readonly maxRequestsPerInterval: number;
  readonly tickersAskedPerInterval: number;
  /** Tickers asked more than once within one interval, over all intervals measured. */
  readonly tickersAskedTwice: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly fetchP50: number;
  /** Quotes whose latency was measured (those of every SAMPLE_EVERY-th add-in). */
  readonly measuredQuotes: number;
  readonly quotesPerSecond: number;
  readonly expectedQuotesPerSecond: number;
  /** Per server: CPU over the measurement (% of one core), RSS and heap used (MB) at its end. */
  readonly usage: { cpuPercent: number; rssMb: number; heapMb: number; baselineRssMb: number }[];
  readonly connectSeconds: number;
  /** The machine's 1-minute load average at the end (other work on a shared machine shows in the latencies). */
  readonly load: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function runScenario(serverCount: 1 | 2): Promise<Figures> {
  const upstream = await startChild("--upstream");
  const redis = serverCount === 2 ? await startRedis() : null;
  const offsetMs = MARKET_OPEN_AT - Date.now();
  const servers: ChildProcessHandle[] = [];
  for (let i = 0; i < serverCount; i++) {
    const config: ServerConfig = { upstreamUrl: upstream.url, redisUrl: redis?.url ?? null, instanceId: `bench-${i}`, offsetMs };
    servers.push(await startChild("--server", { BENCH_QUOTES_SERVER: JSON.stringify(config) }));
  }
  if (redis !== null) await sleep(500); // the servers' Redis connections
  const baseline = await Promise.all(servers.map((server) => server.ask("usage")));

  const latencies = new Latencies();
  const addins = Array.from(
    { length: CLIENTS },
    (_, i) => new SimulatedAddin(servers[i % serverCount].url, watchedBy(i), latencies, i % SAMPLE_EVERY === 0),
  );
  const postAgent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const connectStarted = performance.now();
  await inBatches(addins, 100, (addin) => addin.open());
  await inBatches(addins, 100, (addin) => addin.subscribe(postAgent));
  const connectSeconds = (performance.now() - connectStarted) / 1000;

  await sleep(WARMUP_S * 1000);
  const before = await Promise.all(servers.map((server) => server.ask("usage")));
  const startedAt = preciseNow();
  const receivedBefore = latencies.received;
  latencies.measuring = true;
  await sleep(MEASURE_S * 1000);
  latencies.measuring = false;
  const endedAt = preciseNow();
  const after = await Promise.all(servers.map((server) => server.ask("usage")));
  const received = latencies.received - receivedBefore;
  const { requests } = await upstream.ask("requests");

  const slots = perSlot(requests, offsetMs, startedAt, endedAt);
  const figures: Figures = {
    servers: serverCount,
    slots: slots.length,
    requestsPerInterval: slots.reduce((sum, slot) => sum + slot.requests, 0) / slots.length,
    maxRequestsPerInterval: Math.max(...slots.map((slot) => slot.requests)),
    tickersAskedPerInterval: slots.reduce((sum, slot) => sum + slot.distinct, 0) / slots.length,
    tickersAskedTwice: slots.reduce((sum, slot) => sum + slot.repeated, 0),
    p50: latencies.percentile(50),
    p99: latencies.percentile(99),
    max: latencies.percentile(100),
    fetchP50: latencies.fetchPercentile(50),
    measuredQuotes: latencies.measured,
    quotesPerSecond: received / ((endedAt - startedAt) / 1000),
    expectedQuotesPerSecond: (CLIENTS * WATCH) / INTERVAL_S,
    usage: servers.map((_, i) => {
      const cpuMicros = after[i].cpu.user + after[i].cpu.system - (before[i].cpu.user + before[i].cpu.system);
      return {
        cpuPercent: (cpuMicros / 1000 / (endedAt - startedAt)) * 100,
        rssMb: after[i].memory.rss / 2 ** 20,
        heapMb: after[i].memory.heapUsed / 2 ** 20,
        baselineRssMb: baseline[i].memory.rss / 2 ** 20,
      };
    }),
    connectSeconds,
    load: os.loadavg()[0],
  };

  for (const addin of addins) addin.close();
  postAgent.destroy();
  for (const server of servers) await server.stop();
  redis?.stop();
  await upstream.stop();
  return figures;
}

function printTable(results: readonly Figures[]): void {
  const target = Math.ceil(TICKERS / PER_REQUEST);
  const columns = results.map((r) => (r.servers === 1 ? "one server" : "two servers + Redis"));
  const rows: [string, ...string[]][] = [
    ["intervals measured", ...results.map((r) => String(r.slots))],
    ["upstream requests / interval (mean, max)", ...results.map((r) => `${r.requestsPerInterval.toFixed(2)}, ${r.maxRequestsPerInterval}`)],
    [`  target ⌈${TICKERS} ÷ ${PER_REQUEST}⌉`, ...results.map(() => String(target))],
    ["distinct tickers asked / interval", ...results.map((r) => r.tickersAskedPerInterval.toFixed(1))],
    ["tickers asked twice in an interval", ...results.map((r) => String(r.tickersAskedTwice))],
    ["push latency p50", ...results.map((r) => `${r.p50.toFixed(1)} ms`)],
    ["push latency p99", ...results.map((r) => `${r.p99.toFixed(1)} ms`)],
    ["push latency max", ...results.map((r) => `${r.max.toFixed(1)} ms`)],
    ["  of which upstream answer → server, p50", ...results.map((r) => `${r.fetchP50.toFixed(1)} ms`)],
    ["  quotes measured", ...results.map((r) => String(r.measuredQuotes))],
    ["quotes received / s (all add-ins)", ...results.map((r) => `${Math.round(r.quotesPerSecond)} of ${r.expectedQuotesPerSecond}`)],
    ["server CPU (% of one core)", ...results.map((r) => r.usage.map((u) => u.cpuPercent.toFixed(0)).join(" + "))],
    ["server RSS", ...results.map((r) => r.usage.map((u) => `${u.rssMb.toFixed(0)} MB`).join(" + "))],
    ["  before the add-ins connected", ...results.map((r) => r.usage.map((u) => `${u.baselineRssMb.toFixed(0)} MB`).join(" + "))],
    ["server heap used", ...results.map((r) => r.usage.map((u) => `${u.heapMb.toFixed(0)} MB`).join(" + "))],
    ["connect + subscribe all add-ins", ...results.map((r) => `${r.connectSeconds.toFixed(1)} s`)],
    [`machine load (1 min, ${os.cpus().length} cores)`, ...results.map((r) => r.load.toFixed(1))],
  ];
  const widths = [
    Math.max(...rows.map((row) => row[0].length)),
    ...columns.map((c, i) => Math.max(c.length, ...rows.map((row) => row[i + 1].length))),
  ];
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[i]))).join("   ");
  console.log(line(["", ...columns]));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  console.log(
    `Live quotes: ${CLIENTS} add-ins, each one SSE stream watching ${WATCH} of ${TICKERS} tickers; interval ${INTERVAL_S} s, ` +
      `${PER_REQUEST} tickers per upstream request; every asked ticker changes every poll; measured over ${MEASURE_S} s ` +
      `(node ${process.version}, ${os.cpus().length} cores)`,
  );
  const results: Figures[] = [];
  results.push(await runScenario(1));
  if (fs.existsSync(REDIS_SERVER_BIN)) results.push(await runScenario(2));
  else console.log(`(no ${REDIS_SERVER_BIN}: the two-server run is skipped)`);
  console.log("");
  printTable(results);
  console.log(
    "\nPush latency: from the upstream's answer (each answer moves every price it carries) to the add-in reading the quote; " +
      "a change upstream also waits up to one interval for the next poll. CPU and memory: the server processes alone " +
      "(process.cpuUsage, process.memoryUsage); the add-ins and the upstream run in this process.",
  );
}

if (process.argv[2] === "--server") {
  void serveChild();
} else if (process.argv[2] === "--upstream") {
  void upstreamChild();
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
