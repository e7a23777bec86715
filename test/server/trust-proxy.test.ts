import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { buildServer, BuildServerOptions } from "../../server/app";
import { makeStaticDir, removeTempDirs } from "./helpers";

/**
 * Finding 8 (second part): behind a reverse proxy every client has the proxy's address, so they all
 * share one rate limit and the log names no one. MKT_TRUST_PROXY names the proxies (addresses,
 * CIDRs) whose X-Forwarded-For is honoured; from anyone else it is ignored (it is trivially forged).
 */

afterAll(removeTempDirs);

const PROXY = "10.1.2.3";

function server(trustProxy: readonly string[] | undefined, log?: Writable): FastifyInstance {
  // Built apart from the call so this file compiles against a server without the option too.
  const options: BuildServerOptions & { trustProxy?: readonly string[] } = {
    staticDir: makeStaticDir(),
    rateLimitPerMinute: 2,
    trustProxy,
    ...(log ? { logger: { level: "info", stream: log } } : {}),
  };
  return buildServer(options);
}

const health = (app: FastifyInstance, remoteAddress: string, forwardedFor?: string) =>
  app.inject({ url: "/api/health", remoteAddress, headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor } });

describe("MKT_TRUST_PROXY", () => {
  it("limits each client behind a named proxy by its X-Forwarded-For address", async () => {
    const app = server([`${PROXY.split(".").slice(0, 3).join(".")}.0/24`]);
    try {
      for (let i = 0; i < 2; i++) expect((await health(app, PROXY, "203.0.113.7")).statusCode).toBe(200);
      expect((await health(app, PROXY, "203.0.113.7")).statusCode).toBe(429);
      // Another client behind the same proxy has its own allowance.
      expect((await health(app, PROXY, "198.51.100.9")).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it("logs the forwarded client address of a trusted proxy's request", async () => {
    let log = "";
    const stream = new Writable({
      write(chunk, _encoding, done) {
        log += chunk.toString();
        done();
      },
    });
    const app = server([PROXY], stream);
    try {
      await health(app, PROXY, "203.0.113.7");
      expect(log).toContain('"remoteAddress":"203.0.113.7"');
    } finally {
      await app.close();
    }
  });

  it("ignores X-Forwarded-For from an address it does not name (a forged header cannot dodge the limit)", async () => {
    const app = server([PROXY]);
    try {
      expect((await health(app, "192.0.2.50", "1.1.1.1")).statusCode).toBe(200);
      expect((await health(app, "192.0.2.50", "2.2.2.2")).statusCode).toBe(200);
      expect((await health(app, "192.0.2.50", "3.3.3.3")).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });

  it("trusts nobody by default", async () => {
    const app = server(undefined);
    try {
      expect((await health(app, PROXY, "1.1.1.1")).statusCode).toBe(200);
      expect((await health(app, PROXY, "2.2.2.2")).statusCode).toBe(200);
      expect((await health(app, PROXY, "3.3.3.3")).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });
});
