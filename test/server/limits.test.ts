import type { AddressInfo } from "node:net";
import net from "node:net";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../server/app";
import { DEFAULT_RATE_LIMIT_PER_MINUTE } from "../../server/rate-limit";
import { makeStaticDir, removeTempDirs } from "./helpers";
import { rawRequest } from "./raw-http";

afterAll(removeTempDirs);

async function listening(app: FastifyInstance): Promise<number> {
  await app.listen({ host: "127.0.0.1", port: 0 });
  return (app.server.address() as AddressInfo).port;
}

describe("time limits", () => {
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    app = buildServer({
      staticDir: makeStaticDir(),
      timeouts: { headersMs: 300, requestMs: 600, idleSocketMs: 2_000, checkIntervalMs: 100 },
    });
    port = await listening(app);
  });
  afterAll(() => app.close());

  it("answers 408 JSON and closes when the headers do not arrive in time", async () => {
    const res = await rawRequest(port, "GET /api/health HTTP/1.1\r\nhost: 127.0.0.1\r\n");
    expect(res.status).toBe(408);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toEqual({ error: "bad-request", message: expect.stringMatching(/did not arrive in time/) });
    expect(res.closedAfterMs).toBeGreaterThanOrEqual(250);
    expect(res.closedAfterMs).toBeLessThan(1_500);
  });

  it("closes a connection whose body does not arrive in time", async () => {
    const res = await rawRequest(
      port,
      'POST /api/batch/demo HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"symbols":',
    );
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body).error).toBe("bad-request");
    expect(res.closedAfterMs).toBeGreaterThanOrEqual(550);
    expect(res.closedAfterMs).toBeLessThan(2_000);
  });

  it("closes a connection that sends nothing, soon after the headers' limit", async () => {
    const started = Date.now();
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.on("error", () => undefined);
      socket.on("close", () => resolve());
      setTimeout(() => reject(new Error("still open after 3 s")), 3_000).unref();
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("still answers a prompt request on time", async () => {
    const res = await rawRequest(port, "GET /api/health HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n");
    expect(res.status).toBe(200);
  });
});

describe("the per-client rate limit", () => {
  it(`defaults to ${DEFAULT_RATE_LIMIT_PER_MINUTE} /api/ requests a minute per address`, async () => {
    const app = buildServer({ staticDir: makeStaticDir() });
    try {
      const res = await app.inject({ url: "/api/health" });
      expect(res.headers["x-ratelimit-limit"]).toBe(String(DEFAULT_RATE_LIMIT_PER_MINUTE));
    } finally {
      await app.close();
    }
  });

  it("answers 429 JSON rate-limited with Retry-After past the limit, per client address", async () => {
    const app = buildServer({ staticDir: makeStaticDir(), rateLimitPerMinute: 3 });
    try {
      for (let i = 0; i < 3; i++) expect((await app.inject({ url: "/api/history/demo/IWM" })).statusCode).toBe(200);
      const limited = await app.inject({ url: "/api/history/demo/IWM" });
      expect(limited.statusCode).toBe(429);
      expect(limited.headers["content-type"]).toMatch(/^application\/json/);
      expect(limited.json()).toEqual({ error: "rate-limited", message: expect.stringMatching(/at most 3 a minute/) });
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
      expect(Number(limited.headers["retry-after"])).toBeLessThanOrEqual(60);

      // The batch route counts too, and another address has its own allowance.
      expect((await app.inject({ method: "POST", url: "/api/batch/demo", payload: { symbols: ["IWM"] } })).statusCode).toBe(429);
      expect((await app.inject({ url: "/api/history/demo/IWM", remoteAddress: "10.1.2.3" })).statusCode).toBe(200);
      // The router decodes /%61pi/ to /api/: no way around the limit.
      expect((await app.inject({ url: "/%61pi/history/demo/IWM" })).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });

  it("does not count the add-in's static files", async () => {
    const app = buildServer({ staticDir: makeStaticDir(), rateLimitPerMinute: 2 });
    try {
      for (let i = 0; i < 10; i++) expect((await app.inject({ url: "/taskpane.html" })).statusCode).toBe(200);
      expect((await app.inject({ url: "/api/health" })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it("is off with 0", async () => {
    const app = buildServer({ staticDir: makeStaticDir(), rateLimitPerMinute: 0 });
    try {
      for (let i = 0; i < 20; i++) expect((await app.inject({ url: "/api/health" })).statusCode).toBe(200);
      expect((await app.inject({ url: "/api/health" })).headers["x-ratelimit-limit"]).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
