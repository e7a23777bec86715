import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../server/app";
import { resolveOfficeJsDir } from "../../server/static-routes";
import { makeStaticDir, removeTempDirs } from "./helpers";

afterAll(removeTempDirs);

describe("static files", () => {
  let app: FastifyInstance;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = makeStaticDir();
    app = buildServer({ staticDir });
    await app.ready();
  });
  afterAll(() => app.close());

  it("serves the task pane page", async () => {
    const res = await app.inject({ url: "/taskpane.html" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.body).toContain("Rotation Desk");
  });

  it("serves the functions metadata, script and manifest with their types", async () => {
    const json = await app.inject({ url: "/functions.json" });
    expect(json.statusCode).toBe(200);
    expect(json.headers["content-type"]).toMatch(/^application\/json/);
    const js = await app.inject({ url: "/functions.js" });
    expect(js.headers["content-type"]).toMatch(/javascript/);
    const manifest = await app.inject({ url: "/manifest.xml" });
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers["content-type"]).toMatch(/xml/);
  });

  it("serves the icons byte for byte", async () => {
    const res = await app.inject({ url: "/assets/icon-16.png" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/png");
    expect(res.rawPayload.equals(fs.readFileSync(path.join(staticDir, "assets/icon-16.png")))).toBe(true);
  });

  it("sends validators so Office revalidates rather than keeps stale files", async () => {
    const res = await app.inject({ url: "/functions.json" });
    expect(res.headers.etag).toBeDefined();
    const again = await app.inject({ url: "/functions.json", headers: { "if-none-match": String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it("redirects / to the task pane", async () => {
    const res = await app.inject({ url: "/" });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe("/taskpane.html");
  });

  it("serves the offline Office.js under /office-js/", async () => {
    const res = await app.inject({ url: "/office-js/office.js" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/javascript/);
    expect(res.body).toBe(fs.readFileSync(path.join(resolveOfficeJsDir(), "office.js"), "utf8"));
  });

  it("finds Office.js through the package, not a hard-coded path", () => {
    expect(fs.existsSync(path.join(resolveOfficeJsDir(), "office.js"))).toBe(true);
  });

  it.each([
    ["the compiled server in dist/node", "/node/server/main.js"],
    ["dist/node with encoded letters", "/%6Eode/server/main.js"],
    ["a dotfile", "/.env"],
    ["a traversal out of dist", "/..%2F..%2Fpackage.json"],
    ["a traversal with dots", "/assets/../../package.json"],
    ["a traversal out of office-js", "/office-js/..%2Fpackage.json"],
  ])("does not serve %s", async (_label, url) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.body).not.toMatch(/server internals|SECRET|rotation-desk|"version"/);
  });

  it("answers a missing file as 404 JSON", async () => {
    const res = await app.inject({ url: "/assets/icon-999.png" });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe("not-found");
  });

  it("still starts when dist/ has not been built", async () => {
    const bare = buildServer({ staticDir: path.join(staticDir, "does-not-exist") });
    try {
      await bare.ready();
      expect((await bare.inject({ url: "/taskpane.html" })).statusCode).toBe(404);
      expect((await bare.inject({ url: "/office-js/office.js" })).statusCode).toBe(200);
    } finally {
      await bare.close();
    }
  });
});

describe("response headers", () => {
  it("tell browsers not to sniff content types", async () => {
    const app = buildServer({ staticDir: makeStaticDir() });
    try {
      for (const url of ["/taskpane.html", "/api/health", "/api/history/demo/%00", "/missing"]) {
        expect((await app.inject({ url })).headers["x-content-type-options"]).toBe("nosniff");
      }
    } finally {
      await app.close();
    }
  });
});
