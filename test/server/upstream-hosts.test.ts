import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../server/app";
import type { BatchResponse } from "../../src/market";
import { ReplayServer } from "../support/replay-server";
import { makeStaticDir, removeTempDirs } from "./helpers";
import { rawRequest } from "./raw-http";
import { CHART, startYahoo, yahooEnv } from "./yahoo-upstream";

/**
 * The relay calls only its configured providers' hosts: a request chooses a provider by name and
 * a ticker, and a ticker is letters, digits and . - = & ^ only, checked before any store or
 * upstream call. Whatever else a request carries answers 4xx JSON and reaches no upstream.
 */
describe("no request can choose the upstream host", () => {
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
    removeTempDirs();
  });

  let before: number;
  beforeEach(() => {
    before = yahoo.requests.length;
  });

  function get(target: string, extraHeaders = ""): ReturnType<typeof rawRequest> {
    return rawRequest(port, `GET ${target} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n${extraHeaders}connection: close\r\n\r\n`);
  }

  function expectRefusedWithoutUpstream(res: Awaited<ReturnType<typeof rawRequest>>): { error: string; message: string } {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    const body = JSON.parse(res.body) as { error: string; message: string };
    expect(Object.keys(body).sort()).toEqual(["error", "message"]);
    expect(yahoo.requests.length).toBe(before);
    return body;
  }

  it.each([
    ["an absolute URL", "http:%2F%2Fevil.example%2Fv8"],
    ["a scheme-relative URL", "%2F%2Fevil.example"],
    ["an encoded traversal", "%2F..%2F..%2Fv8%2Ffinance"],
    ["a dot-dot", ".."],
    ["userinfo", "user@evil.example"],
    ["an encoded CR/LF with a header", "IWM%0D%0AHost:%20evil.example"],
    ["a NUL byte", "IWM%00"],
    ["a bell character", "IWM%07"],
    ["a query", "IWM%3Fhost%3Devil.example"],
    ["a fragment", "IWM%23x"],
    ["a backslash", "IWM%5C..%5C"],
    ["a 10,000-character ticker", "A".repeat(10_000)],
  ])("a symbol with %s: 400 invalid-symbol", async (_label, symbol) => {
    const body = expectRefusedWithoutUpstream(await get(`/api/history/yahoo/${symbol}`));
    expect(body.error).toBe("invalid-symbol");
  });

  it.each([
    ["an absolute-form target naming another host", "http://evil.example/api/history/yahoo/IWM"],
    ["a scheme-relative path", "//evil.example/api/history/yahoo/IWM"],
    ["extra path segments after the symbol", "/api/history/yahoo/IWM/..%2F..%2Fx"],
    ["a raw traversal", "/api/history/yahoo/../../v8/finance/chart/IWM"],
    ["a provider that is a host", "/api/history/evil.example/IWM"],
    ["an encoded provider URL", "/api/history/http%3A%2F%2Fevil.example/IWM"],
  ])("%s: 4xx JSON", async (_label, target) => {
    expectRefusedWithoutUpstream(await get(target));
  });

  it.each([
    ["a raw control byte in the target", "GET /api/history/yahoo/IW\x07M HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n"],
    ["a raw space in the target", "GET /api/history/yahoo/IWM HOST HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n"],
    [
      "a URL beyond Node's 16 KiB header limit",
      `GET /api/history/yahoo/${"A".repeat(20_000)} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`,
    ],
  ])("%s: refused by the HTTP parser as 4xx JSON", async (_label, text) => {
    expectRefusedWithoutUpstream(await rawRequest(port, text));
  });

  it("a raw CR/LF in the request line adds at most a header here, never one upstream", async () => {
    const res = await rawRequest(
      port,
      "GET /api/history/yahoo/CRLF\r\nHost: evil.example HTTP/1.1\r\nx-evil: 1\r\nconnection: close\r\n\r\n",
    );
    expect(res.status).toBeLessThan(500);
    const upstream = yahoo.requests.slice(before);
    expect(
      upstream.every((r) => r.path === `${CHART}CRLF` && r.headers.host === new URL(yahoo.url).host && r.headers["x-evil"] === undefined),
    ).toBe(true);
  });

  it("batch symbols of any such kind are answered invalid-symbol one by one, none sent upstream", async () => {
    const symbols = [
      "http://evil.example/x",
      "//evil.example",
      "%2F..%2F",
      "../..",
      "user@evil.example",
      "IWM\r\nHost: evil.example",
      "A\u0000B",
      "A\u0007B",
      "IWM?host=evil.example",
      "A".repeat(5_000),
    ];
    const res = await app.inject({ method: "POST", url: "/api/batch/yahoo", payload: { symbols } });
    expect(res.statusCode).toBe(200);
    const { results } = res.json() as BatchResponse;
    expect(results.map((r) => r.symbol)).toEqual(symbols);
    for (const result of results) expect("error" in result && result.error.error).toBe("invalid-symbol");
    expect(yahoo.requests.length).toBe(before);
  });

  it("Host and X-Forwarded-Host headers do not move the upstream: it is always the configured one", async () => {
    const res = await get("/api/history/yahoo/HOSTCHECK", "x-forwarded-host: evil.example\r\nforwarded: host=evil.example\r\n");
    expect(res.status).toBe(200);
    const evilHost = await rawRequest(
      port,
      "GET /api/history/yahoo/HOSTCHECK2 HTTP/1.1\r\nhost: evil.example\r\nconnection: close\r\n\r\n",
    );
    // A Host that is not one of the server's names is not answered at all (DNS rebinding; allowed-hosts.test.ts).
    expect(evilHost.status).toBe(421);
    // The first reached the loopback replay (the configured MKT_YAHOO_URL), and on Yahoo's path only.
    expect(yahoo.requests.slice(before).map((r) => r.path)).toEqual([`${CHART}HOSTCHECK`]);
    expect(yahoo.requests.slice(before).every((r) => r.headers.host === new URL(yahoo.url).host)).toBe(true);
  });
});
