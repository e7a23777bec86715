import type { FastifyInstance } from "fastify";
import { buildServer } from "../../server/app";
import { makeStaticDir, removeTempDirs } from "./helpers";

const HOST = "desk.internal:3000";
const OWN = `http://${HOST}`;
const LISTED = "https://excel-addin.example.com";
const FOREIGN = "https://evil.example";

describe("CORS and foreign pages", () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = buildServer({ staticDir: makeStaticDir(), allowedOrigins: [LISTED], rateLimitPerMinute: 2, allowedHosts: ["desk.internal"] });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    removeTempDirs();
  });

  const get = (url: string, origin?: string, remoteAddress = "10.0.0.1") =>
    app.inject({ url, remoteAddress, headers: { host: HOST, ...(origin === undefined ? {} : { origin }) } });

  it("allows the server's own origin, naming it (not *) and varying on Origin", async () => {
    const res = await get("/api/history/demo/IWM", OWN, "10.0.0.2");
    expect(res.statusCode).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBe(OWN);
    expect(String(res.headers.vary)).toMatch(/origin/i);
    expect(String(res.headers["access-control-expose-headers"])).toMatch(/retry-after/);
  });

  it("allows an origin listed in MKT_ALLOWED_ORIGINS", async () => {
    const res = await get("/api/health", LISTED, "10.0.0.3");
    expect(res.statusCode).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBe(LISTED);
  });

  it.each([
    ["another site", FOREIGN],
    ["the own host on another scheme", `https://${HOST}`],
    ["the own host on another port", "http://desk.internal:3001"],
    ["a sandboxed frame (null)", "null"],
    ["junk", "not an origin"],
  ])("refuses /api/ to %s with 403 JSON and no CORS headers", async (_label, origin) => {
    const res = await get("/api/history/demo/IWM", origin, "10.0.0.4");
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ error: "bad-request", message: expect.stringMatching(/MKT_ALLOWED_ORIGINS/) });
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("refuses /api/ reached through an encoded path (the router decodes /%61pi/ to /api/)", async () => {
    const res = await get("/%61pi/health", FOREIGN, "10.0.0.9");
    expect(res.statusCode).toBe(403);
  });

  it("answers an allowed preflight for the batch POST with the key header", async () => {
    const res = await app.inject({
      method: "OPTIONS",
      url: "/api/batch/demo",
      remoteAddress: "10.0.0.5",
      headers: {
        host: HOST,
        origin: LISTED,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, x-mkt-api-key",
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe(LISTED);
    expect(String(res.headers["access-control-allow-methods"])).toMatch(/POST/);
    expect(String(res.headers["access-control-allow-headers"]).toLowerCase()).toContain("x-mkt-api-key");
    expect(Number(res.headers["access-control-max-age"])).toBeGreaterThan(0);
  });

  it("lets the add-in's pages send the key's plan (x-mkt-plan) beside the key", async () => {
    const res = await app.inject({
      method: "OPTIONS",
      url: "/api/batch/tiingo",
      remoteAddress: "10.0.0.5",
      headers: {
        host: HOST,
        origin: LISTED,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, x-mkt-api-key, x-mkt-plan",
      },
    });
    expect(res.statusCode).toBe(204);
    const allowed = String(res.headers["access-control-allow-headers"])
      .toLowerCase()
      .split(/\s*,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(["content-type", "x-mkt-api-key", "x-mkt-plan"]));
  });

  it("refuses a foreign preflight", async () => {
    const res = await app.inject({
      method: "OPTIONS",
      url: "/api/batch/demo",
      headers: { host: HOST, origin: FOREIGN, "access-control-request-method": "POST" },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("leaves requests without Origin (same-origin GETs, scripts) alone, without CORS headers", async () => {
    const res = await get("/api/health", undefined, "10.0.0.6");
    expect(res.statusCode).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("serves the add-in's static files to any page, without CORS headers for foreign ones", async () => {
    const res = await get("/functions.json", FOREIGN);
    expect(res.statusCode).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("keeps CORS headers on a 429, so an allowed page can read it and its Retry-After", async () => {
    for (let i = 0; i < 2; i++) await get("/api/health", LISTED, "10.0.0.7");
    const res = await get("/api/health", LISTED, "10.0.0.7");
    expect(res.statusCode).toBe(429);
    expect(res.headers["access-control-allow-origin"]).toBe(LISTED);
    expect(res.headers["retry-after"]).toBeDefined();
  });

  it("keeps CORS headers on a refused key (401)", async () => {
    const res = await app.inject({
      url: "/api/health",
      remoteAddress: "10.0.0.8",
      headers: { host: HOST, origin: OWN, "x-mkt-api-key": "has space" },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe("invalid-key");
    expect(res.headers["access-control-allow-origin"]).toBe(OWN);
  });
});
