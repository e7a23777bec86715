import { ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { REDIS_SERVER_BIN } from "./services";

/** The system's redis-server (Debian package); tests that need one start their own (see ./services). */
export { REDIS_SERVER_BIN };

export interface TestRedis {
  /** redis://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGKILL: as abrupt as a crash) and waits for it to exit; idempotent. */
  stop(): Promise<void>;
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

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Resolves once the server logs that it accepts connections; rejects with its output if it exits first. */
function whenReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => finish(new Error(`redis-server did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/Ready to accept connections/i.test(output)) finish();
    };
    const onExit = (): void => finish(new Error(`redis-server exited:\n${output}`));
    function finish(error?: Error): void {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve();
    }
    child.stdout?.on("data", onData);
    child.once("exit", onExit);
  });
}

/** A throwaway redis-server on a free loopback port: no persistence, its folder removed on stop. */
export async function startRedisServer(): Promise<TestRedis> {
  let lastError: unknown;
  // Another process may take the free port between the probe and redis binding it: try again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rotation-desk-redis-"));
    const child = spawn(
      REDIS_SERVER_BIN,
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--loglevel", "notice"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child.stderr?.resume();
    const stop = async (): Promise<void> => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited(child);
      fs.rmSync(dir, { recursive: true, force: true });
    };
    try {
      await whenReady(child, 10_000);
      return { url: `redis://127.0.0.1:${port}`, port, stop };
    } catch (error) {
      lastError = error;
      await stop();
    }
  }
  throw lastError;
}
