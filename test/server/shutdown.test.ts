import { ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { ReplayServer, startReplayServer } from "../support/replay-server";
import { makeStaticDir, removeTempDirs, REPO_ROOT } from "./helpers";

/**
 * Finding 6 of the probe: with a slow upstream, SIGTERM waited for the forced exit after 10 s,
 * exited with code 1 and reset the connections of the requests in flight. Now the server stops
 * accepting, aborts its upstream calls, answers what is in flight with 503 JSON and exits 0.
 *
 * Runs the built server (`npm run build:node`), as `npm start` and `npm run serve` do.
 */

const MAIN = path.join(REPO_ROOT, "dist/node/server/main.js");
const IN_FLIGHT = 5;

interface Answer {
  status: number | null;
  body: string;
  error: string | null;
}

function get(url: string): Promise<Answer> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? null, body, error: null }));
      res.on("error", (error: NodeJS.ErrnoException) =>
        resolve({ status: res.statusCode ?? null, body, error: error.code ?? error.message }),
      );
    });
    request.on("error", (error: NodeJS.ErrnoException) => resolve({ status: null, body: "", error: error.code ?? error.message }));
  });
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the built server on SIGTERM with requests waiting on a slow upstream", () => {
  let upstream: ReplayServer;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build:node first`);
    // Never answers a chart request: every history request waits on it.
    upstream = await startReplayServer([{ path: /^\/v8\/finance\/chart\//, respond: { hang: "before-headers" } }]);
  });
  afterAll(async () => {
    if (child !== null && child.exitCode === null) child.kill("SIGKILL");
    await upstream.close();
    removeTempDirs();
  });

  it(`answers the ${IN_FLIGHT} requests in flight with 503 JSON and exits 0 well within the 10 s forced exit`, async () => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      PORT: "0",
      HOST: "127.0.0.1",
      MKT_HTTP: "1",
      MKT_STATIC_DIR: makeStaticDir(),
      MKT_YAHOO_URL: upstream.url,
      MKT_RATE_LIMIT_PER_MINUTE: "0",
    };
    const server = spawn(process.execPath, [MAIN], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    child = server;
    let output = "";
    server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      server.once("exit", (code, signal) => resolve({ code, signal })),
    );

    await until(() => /serving the add-in at http:\/\/127\.0\.0\.1:\d+\//.test(output), 15_000, `the banner (output so far: ${output})`);
    const base = /serving the add-in at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)![1];

    const answers = Array.from({ length: IN_FLIGHT }, (_, i) => get(`${base}/api/history/yahoo/SLOW${i}`));
    await until(() => upstream.requestsTo(/\/SLOW\d$/).length === IN_FLIGHT, 10_000, "the requests to reach the upstream");

    const signalledAt = Date.now();
    server.kill("SIGTERM");
    const [{ code, signal }, results] = await Promise.all([exited, Promise.all(answers)]);
    const tookMs = Date.now() - signalledAt;
    const resets = results.filter((r) => r.error !== null).length;
    console.log(
      `SIGTERM with ${IN_FLIGHT} requests waiting: exit code ${code} after ${tookMs} ms; ` +
        `answers ${JSON.stringify(results.map((r) => r.status ?? r.error))}; ${resets} connection errors`,
    );

    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(5_000);
    for (const result of results) {
      expect(result.error).toBeNull();
      expect(result.status).toBe(503);
      expect(JSON.parse(result.body)).toEqual({ error: "unavailable", message: expect.stringMatching(/shutting down/) });
    }
    // Stopped accepting: nothing listens any more.
    expect((await get(`${base}/api/health`)).error).toBe("ECONNREFUSED");
  }, 30_000);
});
