import type { FastifyInstance } from "fastify";
import { buildServer } from "../../server/app";
import type { HistoryStoreLike } from "../../server/history-route";
import { MarketDataError } from "../../src/market";
import { makeStaticDir, removeTempDirs } from "./helpers";

afterAll(removeTempDirs);

const STATS = { requests: 0, cacheHits: 0, coalesced: 0, errors: 0 };

/** A store whose answers the test decides, so every error path can be reached. */
function scriptedStore(get: (symbol: string) => Promise<never>): HistoryStoreLike {
  return { get, stats: () => STATS } as unknown as HistoryStoreLike;
}

function expectJsonError(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  error: string,
): Record<string, unknown> {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers["content-type"])).toMatch(/^application\/json/);
  const body = JSON.parse(res.body) as Record<string, unknown>;
  expect(body.error).toBe(error);
  expect(typeof body.message).toBe("string");
  // A refusal also says when it could be served (RelayErrorBody.retryAfterSeconds), when it knows.
  const keys = error === "rate-limited" || error === "plan-limit" ? ["error", "message", "retryAfterSeconds"] : ["error", "message"];
  expect(keys).toEqual(expect.arrayContaining(Object.keys(body).sort()));
  expect(Object.keys(body)).toEqual(expect.arrayContaining(["error", "message"]));
  expect(res.body).not.toMatch(/\bat .+:\d+:\d+/); // no stack frames
  return body;
}

describe("error answers", () => {
  let app: FastifyInstance;
  const failures: Record<string, () => Error | MarketDataError> = {
    BOOM: () => new TypeError("Cannot read properties of undefined (reading 'close') at /srv/secret/path.js:1:2"),
    SLOW: () => new MarketDataError("rate-limited", "Yahoo asked us to slow down", "SLOW", 30),
    DOWN: () => new MarketDataError("unavailable", "Yahoo did not answer in 10 s", "DOWN"),
    JUNK: () => new MarketDataError("bad-response", "Yahoo sent HTML instead of JSON", "JUNK"),
    NONE: () => new MarketDataError("no-data", "no daily bars", "NONE"),
  };

  beforeAll(async () => {
    app = buildServer({
      staticDir: makeStaticDir(),
      createStore: () =>
        scriptedStore(async (symbol) => {
          throw (failures[symbol] ?? failures.BOOM)();
        }),
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it("answers anything unexpected as 500 JSON without details or stack", async () => {
    const body = expectJsonError(await app.inject({ url: "/api/history/yahoo/BOOM" }), 500, "internal");
    expect(String(body.message)).not.toMatch(/secret|Cannot read/);
  });

  it.each([
    ["SLOW", 429, "rate-limited"],
    ["DOWN", 503, "unavailable"],
    ["JUNK", 502, "bad-response"],
    ["NONE", 422, "no-data"],
  ])("maps a MarketDataError for %s to %i %s", async (symbol, status, kind) => {
    const res = await app.inject({ url: `/api/history/demo/${symbol}` });
    const body = expectJsonError(res, status, kind);
    expect(body.message).toBe(failures[symbol]().message);
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("passes the provider's Retry-After on to the client", async () => {
    const res = await app.inject({ url: "/api/history/yahoo/SLOW" });
    expect(res.headers["retry-after"]).toBe("30");
  });

  it("answers an unknown route as 404 JSON", async () => {
    expectJsonError(await app.inject({ url: "/api/nothing-here" }), 404, "not-found");
    expectJsonError(await app.inject({ url: "/no/such/file.js" }), 404, "not-found");
  });

  it("answers a route with too few parts as 404 JSON", async () => {
    expectJsonError(await app.inject({ url: "/api/history/yahoo" }), 404, "not-found");
  });

  it("answers a wrong method as 404 JSON", async () => {
    expectJsonError(await app.inject({ method: "POST", url: "/api/health", payload: { a: 1 } }), 404, "not-found");
    expectJsonError(await app.inject({ method: "DELETE", url: "/api/history/demo/IWM" }), 404, "not-found");
  });

  it("answers a malformed URL as 400 JSON", async () => {
    expectJsonError(await app.inject({ url: "/api/history/demo/%E0%A4%A" }), 400, "bad-request");
    expectJsonError(await app.inject({ url: "/api/history/demo/%" }), 400, "bad-request");
  });

  it("answers a very long symbol as 400 invalid-symbol, not as some other route", async () => {
    expectJsonError(await app.inject({ url: `/api/history/demo/${"A".repeat(10_000)}` }), 400, "invalid-symbol");
  });

  it("keeps /api/ paths away from the static files", async () => {
    expectJsonError(await app.inject({ url: "/api/taskpane.html" }), 404, "not-found");
    expectJsonError(await app.inject({ method: "PUT", url: "/api/history/demo/IWM/extra" }), 404, "not-found");
  });

  it("answers a directory as 404, saying nothing about what exists", async () => {
    expectJsonError(await app.inject({ url: "/assets/" }), 404, "not-found");
    expectJsonError(await app.inject({ url: "/office-js/" }), 404, "not-found");
  });
});
