import { fork } from "node:child_process";
import path from "node:path";
import { startSyntheticYahoo } from "./synthetic-yahoo";

/**
 * The synthetic Yahoo in its own process, as a real upstream would be: its bodies do not count
 * in the client's memory and its work does not share the client's event loop.
 */
export interface UpstreamProcess {
  readonly url: string;
  stats(): Promise<{ requests: number; distinct: number; peakInFlight: number }>;
  stop(): void;
}

interface Ready {
  url: string;
}
interface Stats {
  requests: number;
  distinct: number;
  peakInFlight: number;
}

export function forkSyntheticYahoo(latencyMs: number, nowMs: number, symbols: readonly string[]): Promise<UpstreamProcess> {
  const child = fork(path.join(__dirname, "synthetic-yahoo-process.js"), ["--child"], { stdio: "inherit" });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("message", (ready: Ready) => {
      resolve({
        url: ready.url,
        stats: () =>
          new Promise((resolveStats) => {
            child.once("message", (stats: Stats) => resolveStats(stats));
            child.send("stats");
          }),
        stop: () => child.kill(),
      });
    });
    child.send({ latencyMs, nowMs, symbols });
  });
}

async function runChild(): Promise<void> {
  process.once("message", async (setup: { latencyMs: number; nowMs: number; symbols: string[] }) => {
    const upstream = await startSyntheticYahoo(setup.latencyMs, setup.nowMs);
    await upstream.prepare(setup.symbols);
    process.on("message", () => {
      const counts = [...upstream.requests.values()];
      process.send!({ requests: counts.reduce((a, b) => a + b, 0), distinct: counts.length, peakInFlight: upstream.peakInFlight() });
    });
    process.send!({ url: upstream.url });
  });
}

if (process.argv.includes("--child")) void runChild();
