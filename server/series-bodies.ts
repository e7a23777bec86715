import { promisify } from "node:util";
import zlib from "node:zlib";
import { seriesToJson } from "../src/market";
import type { DailySeries } from "../src/market";
import type { BodyEncoding } from "./accept-encoding";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Done once per series, so a better ratio than per-response compression can afford. */
const BROTLI_QUALITY = 6;
const GZIP_LEVEL = 6;

function compress(json: Buffer, encoding: BodyEncoding): Promise<Buffer> {
  return encoding === "br"
    ? brotli(json, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: json.length },
      })
    : gzip(json, { level: GZIP_LEVEL });
}

/**
 * The wire forms of cached series: the SeriesJson as UTF-8 bytes (~350 KB for a long history,
 * several ms to serialise) and its brotli/gzip compressions (several ms each), made once per
 * series object and dropped with it. A cached history then costs a lookup per request, not a
 * serialisation or even a string-to-bytes encoding.
 */
export class SeriesBodies {
  private readonly texts = new WeakMap<DailySeries, Buffer>();
  private readonly compressed = new WeakMap<DailySeries, Map<BodyEncoding, Promise<Buffer>>>();

  json(series: DailySeries): Buffer {
    let bytes = this.texts.get(series);
    if (bytes === undefined) {
      bytes = Buffer.from(JSON.stringify(seriesToJson(series)), "utf8");
      this.texts.set(series, bytes);
    }
    return bytes;
  }

  /** The compressed JSON (compressed off the event loop, in libuv's thread pool). */
  encoded(series: DailySeries, encoding: BodyEncoding): Promise<Buffer> {
    let forms = this.compressed.get(series);
    if (forms === undefined) {
      forms = new Map();
      this.compressed.set(series, forms);
    }
    let body = forms.get(encoding);
    if (body === undefined) {
      body = compress(this.json(series), encoding);
      const kept = forms;
      body.catch(() => kept.delete(encoding));
      forms.set(encoding, body);
    }
    return body;
  }
}
