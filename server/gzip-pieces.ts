import { promisify } from "node:util";
import zlib from "node:zlib";

/**
 * gzip answers assembled from pieces compressed beforehand, so a batch of cached histories is
 * compressed once per history, not once per request. A piece is raw deflate data ending on a byte
 * boundary without a final block (a sync flush), so pieces can follow one another in a deflate
 * stream: each piece's back-references stay inside the piece. This is how pigz joins blocks
 * compressed in parallel (RFC 1951 §3.2.3, §3.2.4; the gzip frame is RFC 1952).
 */
export interface DeflatePiece {
  /** Raw deflate data: byte-aligned, no final block. */
  readonly data: Buffer;
  /** CRC-32 of the uncompressed bytes. */
  readonly crc: number;
  /** Length of the uncompressed bytes. */
  readonly length: number;
}

const deflateRaw = promisify(zlib.deflateRaw);

/** gzip header: deflate, no flags, no time stamp, no extra flags, OS unknown. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]);
/** An empty final block with fixed codes: BFINAL 1, BTYPE 01, end-of-block; what zlib writes at Z_FINISH after a flush. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);
/** CRC-32 and ISIZE. */
const TRAILER_LENGTH = 8;
/** Largest stored block (LEN is 16 bits). */
const MAX_STORED = 0xffff;

/** Compresses `bytes` into a piece, in libuv's thread pool. */
export async function deflatePiece(bytes: Buffer, level: number): Promise<DeflatePiece> {
  const data = await deflateRaw(bytes, { level, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  return { data, crc: zlib.crc32(bytes), length: bytes.length };
}

/** `bytes` as stored (uncompressed) blocks: for the few bytes between histories, where compressing costs more than it saves. */
export function storedPiece(bytes: Buffer): DeflatePiece {
  const blocks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += MAX_STORED) {
    const block = bytes.subarray(start, start + MAX_STORED);
    // BFINAL 0, BTYPE 00, padded to the byte; then LEN and its one's complement, little-endian.
    const head = Buffer.from([0x00, 0, 0, 0, 0]);
    head.writeUInt16LE(block.length, 1);
    head.writeUInt16LE(~block.length & 0xffff, 3);
    blocks.push(head, block);
  }
  return { data: Buffer.concat(blocks), crc: zlib.crc32(bytes), length: bytes.length };
}

/** The gzip member holding the pieces' bytes in order, as buffers to concatenate. */
export function gzipParts(pieces: readonly DeflatePiece[]): Buffer[] {
  let crc = 0;
  let length = 0;
  for (const piece of pieces) {
    crc = crc32Combine(crc, piece.crc, piece.length);
    length += piece.length;
  }
  const trailer = Buffer.alloc(TRAILER_LENGTH);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 0x1_0000_0000, 4); // ISIZE: the length modulo 2^32
  return [GZIP_HEADER, ...pieces.map((piece) => piece.data), FINAL_BLOCK, trailer];
}

/** The gzip member of one piece, in one buffer. */
export function gzipOf(piece: DeflatePiece): Buffer {
  return Buffer.concat(gzipParts([piece]));
}

/** The piece inside a gzip member made by gzipOf: a view of its data, with the CRC and length from its trailer. */
export function pieceOf(gzip: Buffer): DeflatePiece {
  const trailer = gzip.length - TRAILER_LENGTH;
  return {
    data: gzip.subarray(GZIP_HEADER.length, trailer - FINAL_BLOCK.length),
    crc: gzip.readUInt32LE(trailer),
    length: gzip.readUInt32LE(trailer + 4),
  };
}

// CRC-32 of a concatenation from the CRCs of its parts, as zlib's crc32_combine: multiplying by
// x^(8·len2) modulo the CRC polynomial appends len2 zero bytes to the first part's CRC.
const POLY = 0xedb88320;

/** a·b modulo the CRC polynomial (reflected bit order). */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if ((a & m) !== 0) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the CRC polynomial, for k = 0…31. */
const X2N = ((): number[] => {
  const table: number[] = [];
  let p = 0x40000000; // x^1
  table.push(p);
  for (let k = 1; k < 32; k++) table.push((p = multModP(p, p)));
  return table;
})();

/** x^(n·2^k) modulo the CRC polynomial. */
function x2nModP(n: number, k: number): number {
  let p = 0x80000000; // x^0
  while (n > 0) {
    if (n % 2 === 1) p = multModP(X2N[k & 31], p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

/** The CRC-32 of A followed by B, from crc(A), crc(B) and B's length. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multModP(x2nModP(lengthB, 3), crcA) ^ crcB) >>> 0;
}
