import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../server/app";
import { PROVIDER_NAMES } from "../../src/market";
import { makeStaticDir, removeTempDirs } from "./helpers";

afterAll(removeTempDirs);

describe("the server over real HTTP on loopback", () => {
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    app = buildServer({ staticDir: makeStaticDir() });
    await app.listen({ host: "127.0.0.1", port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it("reports health with the providers and the shared cache's counters", async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body.ok).toBe(true);
    expect(body.providers).toEqual([...PROVIDER_NAMES]);
    for (const name of PROVIDER_NAMES) {
      expect(body.stats[name]).toMatchObject({
        requests: expect.any(Number),
        cacheHits: expect.any(Number),
        coalesced: expect.any(Number),
        errors: expect.any(Number),
        persistentHits: expect.any(Number),
      });
    }
  });

  it("shares one cache between separate clients (connections)", async () => {
    const before = (await (await fetch(`${base}/api/health`)).json()).stats.demo;
    const a = await fetch(`${base}/api/history/demo/XLK`, { headers: { connection: "close" } });
    const b = await fetch(`${base}/api/history/demo/XLK`, { headers: { connection: "close" } });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await a.text()).toBe(await b.text());
    const after = (await (await fetch(`${base}/api/health`)).json()).stats.demo;
    expect(after.cacheHits - before.cacheHits).toBeGreaterThanOrEqual(1);
  });

  it("answers errors as JSON over the wire too", async () => {
    const res = await fetch(`${base}/api/history/demo/..%2F..%2Fetc`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await res.json()).error).toBe("invalid-symbol");
  });
});
