import zlib from "node:zlib";
import compress from "@fastify/compress";
import type { FastifyInstance } from "fastify";

/**
 * Settings for answers compressed as they are sent: static files and the odd larger JSON answer.
 * Speed over ratio. History data is never compressed here (its routes set compress: false): a
 * single history is sent as its cached brotli or gzip copy (series-bodies), a batch as gzip joined
 * from those cached copies (batch-route). Compressing them here cost every request the time of a
 * compression: a 25-history batch (~6 MB) took ~20 ms of brotli 1, streamed through the plugin.
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
