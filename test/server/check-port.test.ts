import { execFile } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { ConfigError, readConfig } from "../../server/config";
import { REPO_ROOT } from "./helpers";

/** scripts/check-port.js, which `npm start` runs before building. */
const SCRIPT = path.join(REPO_ROOT, "scripts/check-port.js");
const checkPort = createRequire(__filename)(SCRIPT) as {
  readPortAndHost(env: NodeJS.ProcessEnv): { host: string; port: number };
};

function run(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, ...env };
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT], { env: childEnv, timeout: 10_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as NodeJS.ErrnoException & { code?: unknown }).code) : 0, stdout, stderr });
    });
  });
}

async function occupy(host: string): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("the port check before npm start builds", () => {
  it("runs first in npm start", () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).scripts;
    expect(scripts.start).toMatch(/^node scripts\/check-port\.js && npm run build && /);
  });

  it.each<[string, Record<string, string>]>([
    ["nothing set", {}],
    ["empty values", { PORT: "", HOST: "  " }],
    ["a port and host", { PORT: "8443", HOST: "0.0.0.0" }],
    ["padding", { PORT: " 3001 ", HOST: " 127.0.0.1 " }],
    ["port 0", { PORT: "0" }],
    ["the highest port", { PORT: "65535" }],
    ["a port too high", { PORT: "65536" }],
    ["a negative port", { PORT: "-1" }],
    ["a fraction", { PORT: "3000.5" }],
    ["a name", { PORT: "http" }],
  ])("reads PORT and HOST as server/config.ts does: %s", (_label, env) => {
    let server: { host: string; port: number } | string;
    try {
      const config = readConfig(env, REPO_ROOT);
      server = { host: config.host, port: config.port };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      server = error.message;
    }
    let script: { host: string; port: number } | string;
    try {
      script = checkPort.readPortAndHost(env);
    } catch (error) {
      script = (error as Error).message;
    }
    expect(script).toEqual(server);
  });

  it("passes, silently, when the port is free", async () => {
    const taken = await occupy("127.0.0.1");
    await taken.close();
    expect(await run({ PORT: String(taken.port), HOST: "127.0.0.1" })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("always passes PORT=0", async () => {
    expect(await run({ PORT: "0", HOST: "127.0.0.1" })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("stops with a message naming the port and what to do when the port is taken", async () => {
    const taken = await occupy("127.0.0.1");
    try {
      const result = await run({ PORT: String(taken.port), HOST: "127.0.0.1" });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`port ${taken.port} on 127.0.0.1 is already in use, so \`npm start\` stops before building`);
      expect(result.stderr).toContain(`lsof -iTCP:${taken.port} -sTCP:LISTEN`);
      expect(result.stderr).toContain(`PORT=${taken.port + 1} npm start`);
    } finally {
      await taken.close();
    }
  });

  it("checks every address of localhost, as the server listens on each", async () => {
    const taken = await occupy("127.0.0.1");
    try {
      const result = await run({ PORT: String(taken.port) });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`port ${taken.port} on localhost is already in use`);
    } finally {
      await taken.close();
    }
  });

  it("stops with the server's message when PORT is not a port", async () => {
    const result = await run({ PORT: "http" });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('Rotation Desk server: PORT must be a whole number from 0 to 65535, not "http"');
  });
});
