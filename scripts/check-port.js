#!/usr/bin/env node
/**
 * Run by `npm start` before the build: fails at once, naming the port and what to do, when the
 * server's port is taken, instead of after minutes of building. Reads PORT and HOST exactly as
 * server/config.ts does (test/server/check-port.test.ts holds the two to the same answers); PORT=0
 * always passes (the server picks a free port). A wrong PORT stops here with the server's message.
 *
 *   node scripts/check-port.js      exit 0: free; 1: in use or not bindable; 2: PORT is not a port
 */
"use strict";

const dns = require("node:dns");
const net = require("node:net");

const DEFAULT_PORT = 3000;
const DEFAULT_HOST = "localhost";
const MAX_PORT = 65535;

/** server/config.ts's PORT and HOST rules; throws an Error with the server's wording for a bad PORT. */
function readPortAndHost(env) {
  const raw = env.PORT;
  let port = DEFAULT_PORT;
  if (raw !== undefined && raw.trim() !== "") {
    const text = raw.trim();
    port = Number(text);
    if (!/^\d+$/.test(text) || port > MAX_PORT) {
      throw new Error(`PORT must be a whole number from 0 to ${MAX_PORT}, not "${raw}"`);
    }
  }
  return { host: (env.HOST ?? "").trim() || DEFAULT_HOST, port };
}

/** Listens on address:port and closes again; resolves null when that worked, else the error code. */
function tryListen(address, port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", (error) => resolve(error.code || String(error)));
    server.listen({ host: address, port, exclusive: true }, () => server.close(() => resolve(null)));
  });
}

function lookupAll(host) {
  return new Promise((resolve) => {
    dns.lookup(host, { all: true }, (error, addresses) => resolve(error ? [] : addresses.map((a) => a.address)));
  });
}

/**
 * Whether the server could listen on host:port: null when it could, else the error code of the
 * first address that failed. "localhost" is checked on every address it names (127.0.0.1 and ::1),
 * because fastify listens on each and a browser may reach either; an address this machine does not
 * have (no IPv6) is skipped, as fastify skips it.
 */
async function portProblem(host, port) {
  if (port === 0) return null;
  const primary = await tryListen(host, port);
  if (primary !== null || host !== "localhost") return primary;
  for (const address of await lookupAll(host)) {
    const code = await tryListen(address, port);
    if (code !== null && code !== "EADDRNOTAVAIL" && code !== "EAFNOSUPPORT") return code;
  }
  return null;
}

/** What to tell the user when host:port failed with `code`. */
function explain(code, host, port) {
  const next = port < MAX_PORT ? port + 1 : 3001;
  if (code === "EADDRINUSE") {
    return [
      `Rotation Desk: port ${port} on ${host} is already in use, so \`npm start\` stops before building.`,
      "  Another Rotation Desk server (an earlier `npm start` or `npm run serve`?) or another program listens there.",
      `  Stop it (find it with: lsof -iTCP:${port} -sTCP:LISTEN   or   ss -ltnp 'sport = :${port}'),`,
      `  or use another port: PORT=${next} npm start   (for Excel, point the manifest there too:`,
      `  PORT=${next} ADDIN_ORIGIN=https://localhost:${next} npm start).`,
    ].join("\n");
  }
  if (code === "EACCES") {
    return [
      `Rotation Desk: not allowed to listen on port ${port} on ${host} (ports below 1024 need privileges).`,
      `  Use a higher port, e.g. PORT=${DEFAULT_PORT} npm start`,
    ].join("\n");
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EADDRNOTAVAIL") {
    return [
      `Rotation Desk: cannot listen on ${host}:${port}: ${code === "EADDRNOTAVAIL" ? "this machine has no such address" : "host name not found"}.`,
      `  Set HOST to one of this machine's addresses or names (default ${DEFAULT_HOST}; 0.0.0.0 for every interface).`,
    ].join("\n");
  }
  return `Rotation Desk: cannot listen on ${host}:${port} (${code}). Set PORT or HOST to another value.`;
}

async function main() {
  let target;
  try {
    target = readPortAndHost(process.env);
  } catch (error) {
    console.error(`Rotation Desk server: ${error.message}`);
    process.exitCode = 2;
    return;
  }
  const code = await portProblem(target.host, target.port);
  if (code !== null) {
    console.error(explain(code, target.host, target.port));
    process.exitCode = 1;
  }
}

if (require.main === module) main();

module.exports = { readPortAndHost, portProblem, explain };
