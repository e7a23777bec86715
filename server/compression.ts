import zlib from "node:zlib";
import compress from "@fastify/compress";
import type { FastifyInstance } from "fastify";

/**
 * Settings for answers compressed as they are sent: batch answers (megabytes of history JSON made
 * for one request) and static files. Speed over ratio. Measured on 100 distinct ~350 KB histories
 * (35.8 MB): brotli 1 gives 12.5 MB in ~0.2 s of extra time on loopback; brotli 4 gives 11.0 MB
 * in ~0.8 s and gzip 1 16.6 MB in ~0.5 s. So brotli 1: a 100-symbol batch arrives in ~1.3 s instead
 * of ~2.9 s over 100 Mbit/s, about even at 1 Gbit/s, ~0.2 s later on localhost. Single histories
 * are not compressed here: history-route sends cached compressed copies.
 */
const BROTLI_QUALITY = 1;
const GZIP_LEVEL = 1;
/** Smaller answers (errors, health) are not worth a compressor. */
const THRESHOLD_BYTES = 1024;

/** Compresses responses for clients that accept brotli or gzip; request bodies are never inflated. */
export function registerCompression(app: FastifyInstance): void {
  app.register(compress, {
    globalCompression: true,
    globalDecompression: false,
    encodings: ["br", "gzip"],
    threshold: THRESHOLD_BYTES,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
    zlibOptions: { level: GZIP_LEVEL },
  });
}
