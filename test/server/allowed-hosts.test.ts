import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../server/app";
import { ReplayServer } from "../support/replay-server";
import { makeStaticDir, removeTempDirs } from "./helpers";
import { rawRequest, RawResponse } from "./raw-http";
import { startYahoo, yahooEnv } from "./yahoo-upstream";

/**
 * Finding 7 of the probe (DNS rebinding): `Host: evil.example` with a matching `Origin` was served,
 * the batch route included. A page on evil.example whose name is rebound to this machine would so
 * spend the team's keys and quota. Only the server's own host names (or MKT_ALLOWED_HOSTS) are
 * answered, and Origin is compared with them.
 *
 * Finding 8 (first part): an HTTP/1.1 request without Host got Node's empty 400, not the server's
 * JSON error body.
 */

afterAll(removeTempDirs);

function expectJsonRefusal(res: RawResponse, statuses: number[]): { error: string; message: string } {
  expect(statuses).toContain(res.status);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  const body = JSON.parse(res.body) as { error: string; message: string };
  expect(Object.keys(body).sort()).toEqual(["error", "message"]);
  return body;
}

describe("host names the server answers for (DNS rebinding)", () => {
  let yahoo: ReplayServer;
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    yahoo = await startYahoo();
    app = buildServer({ staticDir: makeStaticDir(), env: yahooEnv(yahoo), rateLimitPerMinute: 0 });
    await app.listen({ host: "127.0.0.1", port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
    await yahoo.close();
  });

  const request = (lines: string) => rawRequest(port, `${lines}connection: close\r\n\r\n`);

  it("refuses Host: evil.example with a matching Origin, on the history and batch routes, without calling upstream", async () => {
    const before = yahoo.requests.length;
    const history = await request(
      `GET /api/history/yahoo/REBIND HTTP/1.1\r\nhost: evil.example:${port}\r\norigin: http://evil.example:${port}\r\n`,
    );
    expectJsonRefusal(history, [421, 403]);
    const body = '{"symbols":["REBIND2"]}';
    const batch = await rawRequest(
      port,
      `POST /api/batch/yahoo HTTP/1.1\r\nhost: evil.example:${port}\r\norigin: http://evil.example:${port}\r\n` +
        `content-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
    );
    expectJsonRefusal(batch, [421, 403]);
    expect(yahoo.requests.length).toBe(before);
  });

  it("refuses a foreign Host even without Origin (and for the static files)", async () => {
    expectJsonRefusal(await request("GET /api/health HTTP/1.1\r\nhost: evil.example\r\n"), [421, 403]);
    expectJsonRefusal(await request("GET /taskpane.html HTTP/1.1\r\nhost: evil.example\r\n"), [421, 403]);
  });

  it.each(["localhost", "127.0.0.1", "[::1]"])("answers Host: %s with or without a port, and its own Origin", async (host) => {
    expect((await request(`GET /api/health HTTP/1.1\r\nhost: ${host}\r\n`)).status).toBe(200);
    const res = await request(`GET /api/history/yahoo/OWN HTTP/1.1\r\nhost: ${host}:${port}\r\norigin: http://${host}:${port}\r\n`);
    expect(res.status).toBe(200);
  });

  it("refuses an Origin naming another host even when Host is the server's", async () => {
    const res = await request(`GET /api/health HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\norigin: http://evil.example:${port}\r\n`);
    expectJsonRefusal(res, [403]);
  });

  it("answers an HTTP/1.1 request without Host with the server's JSON error", async () => {
    const res = await request("GET /api/health HTTP/1.1\r\n");
    const body = expectJsonRefusal(res, [400]);
    expect(body.error).toBe("bad-request");
    expect(body.message).toMatch(/Host/);
  });
});

describe("HTTP/1.0 without Host", () => {
  it("is answered (it may leave Host out), but no Origin is its own", async () => {
    const app = buildServer({ staticDir: makeStaticDir(), rateLimitPerMinute: 0 });
    await app.listen({ host: "127.0.0.1", port: 0 });
    try {
      const port = (app.server.address() as AddressInfo).port;
      expect((await rawRequest(port, "GET /api/health HTTP/1.0\r\n\r\n")).status).toBe(200);
      const res = await rawRequest(port, "GET /api/health HTTP/1.0\r\norigin: http://undefined\r\n\r\n");
      expectJsonRefusal(res, [403]);
    } finally {
      await app.close();
    }
  });
});

describe("MKT_ALLOWED_HOSTS", () => {
  it("answers only the listed names", async () => {
    const app = buildServer({ staticDir: makeStaticDir(), allowedHosts: ["desk.example.com"], rateLimitPerMinute: 0 });
    try {
      const ok = await app.inject({ url: "/api/health", headers: { host: "desk.example.com" } });
      expect(ok.statusCode).toBe(200);
      const cased = await app.inject({ url: "/api/health", headers: { host: "DESK.example.com:3000" } });
      expect(cased.statusCode).toBe(200);
      const local = await app.inject({ url: "/api/health", headers: { host: "localhost" } });
      expect([421, 403]).toContain(local.statusCode);
      expect(local.json().error).toBe("bad-request");
    } finally {
      await app.close();
    }
  });
});
