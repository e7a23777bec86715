import zlib from "node:zlib";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { buildServer } from "../../server/app";
import { crc32Combine, deflatePiece, gzipOf, gzipParts, pieceOf, storedPiece } from "../../server/gzip-pieces";
import { SeriesBodies } from "../../server/series-bodies";
import { demoSeries, MarketDataError, seriesToJson } from "../../src/market";
import type { BatchResponse, DailySeries } from "../../src/market";
import type { HistoryStoreLike } from "../../server/history-route";
import { makeStaticDir, removeTempDirs } from "./helpers";

const NOW = Date.UTC(2026, 0, 5);

function decode(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === "br") return zlib.brotliDecompressSync(body);
  // gunzip checks the trailer's CRC-32 and length too.
  if (encoding === "gzip") return zlib.gunzipSync(body);
  return body;
}

/** Byte equality without jest's element-by-element diff of megabyte buffers. */
function expectSameBytes(actual: Buffer, expected: Buffer): void {
  expect(actual.length).toBe(expected.length);
  expect(actual.equals(expected)).toBe(true);
}

/** The SeriesJson bytes the relay should send for a symbol. */
function jsonOf(symbol: string): Buffer {
  return Buffer.from(JSON.stringify(seriesToJson(demoSeries(symbol, NOW))), "utf8");
}

/** A store answering every known symbol with the same series object, as a warm cache does. */
function cachedStore(symbols: readonly string[]): HistoryStoreLike {
  const held = new Map<string, DailySeries>(symbols.map((symbol) => [symbol, demoSeries(symbol, NOW)]));
  return {
    get: async (ticker) => {
      const series = held.get(ticker);
      if (series === undefined) throw new MarketDataError("unknown-symbol", `Unknown symbol ${ticker}`, ticker);
      return series;
    },
    stats: () => ({ requests: 0, cacheHits: 0, coalesced: 0, errors: 0, retries: 0, staleAnswers: 0, persistentHits: 0 }),
  };
}

describe("gzip pieces", () => {
  const bytes = (length: number, seed: number): Buffer => Buffer.from(Array.from({ length }, (_, i) => (i * 31 + seed * 7) % 251));

  it("combines CRC-32s as zlib computes them over the concatenation", () => {
    for (const [a, b] of [
      [0, 0],
      [10, 0],
      [0, 10],
      [1, 1],
      [1000, 3],
      [70_000, 123_457],
    ]) {
      const first = bytes(a, 1);
      const second = bytes(b, 2);
      expect(crc32Combine(zlib.crc32(first), zlib.crc32(second), b)).toBe(zlib.crc32(Buffer.concat([first, second])));
    }
  });

  it("joins compressed and stored pieces into one gzip member that gunzip accepts", async () => {
    const texts = [bytes(200_000, 3), Buffer.from('{"a":'), bytes(0, 0), bytes(140_000, 5), Buffer.from("é}")];
    const pieces = await Promise.all(texts.map((text, i) => (i % 2 === 0 ? deflatePiece(text, 6) : storedPiece(text))));
    expectSameBytes(zlib.gunzipSync(Buffer.concat(gzipParts(pieces))), Buffer.concat(texts));
  });

  it("a gzip member made of one piece gives that piece back", async () => {
    const text = bytes(50_000, 9);
    const piece = await deflatePiece(text, 6);
    const gzip = gzipOf(piece);
    expectSameBytes(zlib.gunzipSync(gzip), text);
    const back = pieceOf(gzip);
    expectSameBytes(back.data, piece.data);
    expect([back.crc, back.length]).toEqual([piece.crc, piece.length]);
  });
});

describe("SeriesBodies", () => {
  it("serialises a series once and compresses it once per encoding, however many ask at once", async () => {
    const bodies = new SeriesBodies();
    const series = demoSeries("IWM", NOW);
    const asked = await Promise.all(Array.from({ length: 30 }, (_, i) => bodies.encoded(series, i % 2 === 0 ? "br" : "gzip")));
    expect(bodies.stats()).toEqual({ serialised: 1, compressed: { br: 1, gzip: 1 } });
    expect(new Set(asked).size).toBe(2);
    const json = bodies.json(series);
    expectSameBytes(json, Buffer.from(JSON.stringify(seriesToJson(series)), "utf8"));
    expectSameBytes(decode(asked[0], "br"), json);
    expectSameBytes(decode(asked[1], "gzip"), json);
    // The batch piece is the gzip form's deflate data, not another compression.
    expectSameBytes(zlib.inflateRawSync((await bodies.piece(series)).data, { finishFlush: zlib.constants.Z_SYNC_FLUSH }), json);
    expect(bodies.stats().compressed).toEqual({ br: 1, gzip: 1 });
  });

  it("keeps the forms per series object: a new version of the series is compressed anew", async () => {
    const bodies = new SeriesBodies();
    const series = demoSeries("IWM", NOW);
    await bodies.encoded(series, "br");
    await bodies.encoded({ ...series, fetchedAt: series.fetchedAt + 1 }, "br");
    expect(bodies.stats()).toEqual({ serialised: 2, compressed: { br: 2, gzip: 0 } });
  });
});

describe("cached history answers", () => {
  const SYMBOLS = ["IWM", "QQQ", "SPY", "NVDA"];
  let app: FastifyInstance;
  let bodies: SeriesBodies;

  beforeEach(async () => {
    bodies = new SeriesBodies();
    app = buildServer({ staticDir: makeStaticDir(), createStore: () => cachedStore(SYMBOLS), rateLimitPerMinute: 0, bodies });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
  });
  afterAll(() => removeTempDirs());

  const get = (symbol: string, acceptEncoding?: string): Promise<LightMyRequestResponse> =>
    app.inject({ url: `/api/history/yahoo/${symbol}`, headers: acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding } });

  function expectEncoded(res: LightMyRequestResponse, encoding: string | undefined, json: Buffer): void {
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.headers["content-encoding"]).toBe(encoding);
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(res.headers["content-length"]).toBe(String(res.rawPayload.length));
    expectSameBytes(decode(res.rawPayload, encoding), json);
  }

  it("compresses a cached history at most once per encoding under concurrent first requests", async () => {
    const headers = ["br, gzip", "gzip, deflate, br, zstd", "gzip", "identity", undefined];
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => get("IWM", headers[i % headers.length])));
    expect(bodies.stats()).toEqual({ serialised: 1, compressed: { br: 1, gzip: 1 } });

    const json = jsonOf("IWM");
    const expected = ["br", "br", "gzip", undefined, undefined];
    answers.forEach((res, i) => expectEncoded(res, expected[i % expected.length], json));
    // The same bytes every time: the cached form, not a fresh compression.
    expectSameBytes(answers[0].rawPayload, answers[5].rawPayload);
    expectSameBytes(answers[2].rawPayload, answers[7].rawPayload);
    // Brotli is the smaller form, and several times smaller than the JSON.
    expect(answers[0].rawPayload.length * 3).toBeLessThan(json.length);
    expect(answers[0].rawPayload.length).toBeLessThan(answers[2].rawPayload.length);
  });

  it("answers identity requests with the JSON itself", async () => {
    for (const header of [undefined, "identity", "br;q=0, gzip;q=0", "deflate"]) {
      const res = await get("SPY", header);
      expect(res.headers["content-encoding"]).toBeUndefined();
      expect(res.headers["content-length"]).toBe(String(res.rawPayload.length));
      expectSameBytes(res.rawPayload, jsonOf("SPY"));
    }
    expect(bodies.stats().compressed).toEqual({ br: 0, gzip: 0 });
  });

  describe("batches", () => {
    const post = (symbols: string[], acceptEncoding?: string): Promise<LightMyRequestResponse> =>
      app.inject({
        method: "POST",
        url: "/api/batch/yahoo",
        headers: { "content-type": "application/json", ...(acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding }) },
        payload: JSON.stringify({ symbols }),
      });
    const sent = ["IWM", "qqq", "BAD/ONE", "SPY", "IWM", "MDLY", "NVDA"];

    it("are gzip joined from each history's cached compression, equal to the plain answer", async () => {
      const plain = await post(sent);
      expect(plain.headers["content-encoding"]).toBeUndefined();
      const results = (plain.json() as BatchResponse).results;
      expect(results.map((result) => ("series" in result ? result.series.symbol : result.error.error))).toEqual([
        "IWM",
        "QQQ",
        "invalid-symbol",
        "SPY",
        "IWM",
        "unknown-symbol",
        "NVDA",
      ]);

      const packed = await Promise.all(Array.from({ length: 8 }, () => post(sent, "gzip, deflate, br, zstd")));
      for (const res of packed) expectEncoded(res, "gzip", plain.rawPayload);
      // Four distinct histories, each compressed once for all eight answers; brotli never.
      expect(bodies.stats()).toEqual({ serialised: 4, compressed: { br: 0, gzip: 4 } });
      expect(packed[0].rawPayload.length * 2.5).toBeLessThan(plain.rawPayload.length);

      // A single history's gzip answer reuses the same compression.
      expectEncoded(await get("NVDA", "gzip"), "gzip", jsonOf("NVDA"));
      expect(bodies.stats().compressed.gzip).toBe(4);
    });

    it("follow the client's preference for brotli, and send errors-only answers plain", async () => {
      const plain = await post(sent);
      expectEncoded(await post(sent, "br"), "br", plain.rawPayload);
      expectEncoded(await post(sent, "gzip;q=0.5, br"), "br", plain.rawPayload);
      const errorsOnly = await post(["MDLY", "BAD/ONE"], "gzip, br");
      expect(errorsOnly.statusCode).toBe(200);
      expect(errorsOnly.headers["content-encoding"]).toBeUndefined();
      expect((errorsOnly.json() as BatchResponse).results).toHaveLength(2);
    });
  });
});
