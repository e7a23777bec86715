import { promisify } from "node:util";
import zlib from "node:zlib";
import { seriesToJson } from "../src/market";
import type { DailySeries } from "../src/market";
import type { BodyEncoding } from "./accept-encoding";
import { DeflatePiece, deflatePiece, gzipOf, pieceOf } from "./gzip-pieces";

const brotli = promisify(zlib.brotliCompress);

/**
 * Done once per series, so a better ratio than per-response compression can afford: on a 10-year
 * history (~250 KB of JSON) brotli 6 takes ~5 ms for ~4.9x, gzip 6 ~4 ms for ~4x.
 */
const BROTLI_QUALITY = 6;
const GZIP_LEVEL = 6;

/** One series' wire forms, each made when first asked for. */
interface Forms {
  readonly json: Buffer;
  br?: Promise<Buffer>;
  /** A gzip member whose deflate data is also the series' piece of gzip batch answers. */
  gzip?: Promise<Buffer>;
}

export interface SeriesBodiesStats {
  /** Series serialised to SeriesJson bytes. */
  serialised: number;
  /** Compressions started, by encoding. */
  compressed: Record<BodyEncoding, number>;
}

/**
 * The wire forms of cached series: the SeriesJson as UTF-8 bytes (~250 KB for a 10-year history,
 * a few ms to serialise) and its brotli and gzip compressions (a few ms each, in libuv's thread
 * pool, off the event loop). Each is made once per series object, when first asked for, however
 * many requests ask at once (they share one promise), and lives as long as the series does: the
 * store's entry holds the series, and these forms hang off it in a WeakMap. A failed compression
 * is forgotten, so the next request tries again. A cached history then costs a lookup per
 * request, not a serialisation, an encoding or a compression.
 */
export class SeriesBodies {
  private readonly forms = new WeakMap<DailySeries, Forms>();
  private readonly counts = { serialised: 0, br: 0, gzip: 0 };

  json(series: DailySeries): Buffer {
    return this.formsOf(series).json;
  }

  /** The compressed JSON. */
  encoded(series: DailySeries, encoding: BodyEncoding): Promise<Buffer> {
    const forms = this.formsOf(series);
    let body = forms[encoding];
    if (body === undefined) {
      this.counts[encoding]++;
      body =
        encoding === "br"
          ? brotli(forms.json, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: forms.json.length,
              },
            })
          : deflatePiece(forms.json, GZIP_LEVEL).then(gzipOf);
      const made = body;
      forms[encoding] = made;
      made.catch(() => {
        if (forms[encoding] === made) forms[encoding] = undefined;
      });
    }
    return body;
  }

  /** The series' piece of a gzip batch answer: the deflate data of its gzip form, not a copy. */
  async piece(series: DailySeries): Promise<DeflatePiece> {
    return pieceOf(await this.encoded(series, "gzip"));
  }

  stats(): SeriesBodiesStats {
    return { serialised: this.counts.serialised, compressed: { br: this.counts.br, gzip: this.counts.gzip } };
  }

  private formsOf(series: DailySeries): Forms {
    let forms = this.forms.get(series);
    if (forms === undefined) {
      this.counts.serialised++;
      forms = { json: Buffer.from(JSON.stringify(seriesToJson(series)), "utf8") };
      this.forms.set(series, forms);
    }
    return forms;
  }
}
