import zlib from "node:zlib";
import type { FastifyInstance } from "fastify";
import { preferredEncoding } from "../../server/accept-encoding";
import { buildServer } from "../../server/app";
import { SeriesBodies } from "../../server/series-bodies";
import { demoSeries, seriesFromJson } from "../../src/market";
import type { BatchResponse } from "../../src/market";
import { ReplayServer } from "../support/replay-server";
import { makeStaticDir, removeTempDirs } from "./helpers";
import { startYahoo, yahooEnv } from "./yahoo-upstream";

function decode(body: Buffer, encoding: string | undefined): string {
  if (encoding === "br") return zlib.brotliDecompressSync(body).toString("utf8");
  if (encoding === "gzip") return zlib.gunzipSync(body).toString("utf8");
  return body.toString("utf8");
}

describe("preferredEncoding", () => {
  it.each([
    [undefined, null],
    ["", null],
    ["identity", null],
    ["gzip", "gzip"],
    ["x-gzip", "gzip"],
    ["gzip, deflate, br, zstd", "br"],
    ["br;q=0.5, gzip", "gzip"],
    ["br;q=0, gzip;q=0", null],
    ["BR", "br"],
    ["*", "br"],
    ["*;q=0.1, br;q=0", "gzip"],
    ["deflate", null],
  ])("%j -> %j", (header, expected) => {
    expect(preferredEncoding(header)).toBe(expected);
  });
});

describe("SeriesBodies", () => {
  it("serialises and compresses each series once, and decodes back to the same JSON", async () => {
    const bodies = new SeriesBodies();
    const series = demoSeries("IWM", Date.UTC(2026, 0, 5));
    const bytes = bodies.json(series);
    expect(bodies.json(series)).toBe(bytes);
    const text = bytes.toString("utf8");
    expect(JSON.parse(text).symbol).toBe("IWM");
    const br = await bodies.encoded(series, "br");
    expect(await bodies.encoded(series, "br")).toBe(br);
    expect(decode(br, "br")).toBe(text);
    expect(decode(await bodies.encoded(series, "gzip"), "gzip")).toBe(text);
  });
});

describe("compressed answers", () => {
  let yahoo: ReplayServer;
  let app: FastifyInstance;

  beforeAll(async () => {
    yahoo = await startYahoo();
    app = buildServer({ staticDir: makeStaticDir(), env: yahooEnv(yahoo), rateLimitPerMinute: 0 });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await yahoo.close();
    removeTempDirs();
  });

  it.each(["br", "gzip"])("a history in %s is several times smaller and decodes to the plain answer", async (encoding) => {
    const plain = await app.inject({ url: "/api/history/yahoo/TSLA" });
    const packed = await app.inject({ url: "/api/history/yahoo/TSLA", headers: { "accept-encoding": encoding } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(packed.statusCode).toBe(200);
    expect(packed.headers["content-encoding"]).toBe(encoding);
    expect(String(packed.headers.vary)).toMatch(/accept-encoding/i);
    expect(packed.rawPayload.length * 3).toBeLessThan(plain.rawPayload.length);
    expect(decode(packed.rawPayload, encoding)).toBe(plain.body);
  });

  it("a batch answer is compressed too (gzip joined from cached pieces), and decodes to the plain answer", async () => {
    const symbols = ["TSLA", "AMD", "NVDA", "bad/one"];
    const request = (headers: Record<string, string>) =>
      app.inject({
        method: "POST",
        url: "/api/batch/yahoo",
        headers: { "content-type": "application/json", ...headers },
        payload: JSON.stringify({ symbols }),
      });
    const plain = await request({});
    const packed = await request({ "accept-encoding": "gzip, deflate, br" });
    expect(packed.statusCode).toBe(200);
    expect(packed.headers["content-encoding"]).toBe("gzip");
    expect(packed.rawPayload.length * 3).toBeLessThan(plain.rawPayload.length);
    const decoded = JSON.parse(decode(packed.rawPayload, "gzip")) as BatchResponse;
    expect(decoded).toEqual(JSON.parse(plain.body));
    const first = decoded.results[0];
    expect("series" in first && seriesFromJson(first.series).days.length).toBeGreaterThan(3000);
  });

  it("small answers (errors, health) are left alone", async () => {
    const res = await app.inject({ url: "/api/history/yahoo/MDLY", headers: { "accept-encoding": "br, gzip" } });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.json().error).toBe("unknown-symbol");
  });
});
