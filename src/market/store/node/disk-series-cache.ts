import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { earningsFromJson, snapshotFromJson } from "..";
import type { PersistentCache } from "..";
import type { DailySeries, EarningsHistory, TickerSnapshot } from "../../core";

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

/** Default bound on the cache's files together (gzip-compressed). */
export const DEFAULT_DISK_CACHE_MAX_BYTES = 256 * 1024 * 1024;
const SUFFIX = ".series.gz";
const MAGIC = 0x53544b4d; // "MKTS" little-endian
const FORMAT_VERSION = 1;
const COLUMNS = ["open", "high", "low", "close", "adjClose", "volume"] as const;

interface Header {
  symbol: string;
  provider: string;
  timeZone: string;
  currency: string | null;
  adjusted: boolean;
  demo: boolean;
  fetchedAt: number;
  staleBecause?: string;
  length: number;
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8;
/** Files read and decoded at once: a run that asks for 500 histories together holds 16 files' buffers, not 500. */
const MAX_PARALLEL_READS = 16;

/**
 * A history as bytes: "MKTS", format version, header length, the header (JSON: symbol, provider,
 * flags, fetchedAt, length), then the day numbers (Int32) and the six price columns (Float64) as
 * they are in memory, each 8-byte aligned. Reading it back copies the columns instead of parsing
 * text, so a morning run reads 500 histories in about a second.
 */
export function encodeSeries(series: DailySeries): Buffer {
  const header: Header = {
    symbol: series.symbol,
    provider: series.provider,
    timeZone: series.timeZone,
    currency: series.currency,
    adjusted: series.adjusted,
    demo: series.demo,
    fetchedAt: series.fetchedAt,
    ...(series.staleBecause === undefined ? {} : { staleBecause: series.staleBecause }),
    length: series.days.length,
  };
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const n = series.days.length;
  const headerEnd = align8(12 + json.length);
  const daysEnd = headerEnd + align8(n * 4);
  const out = Buffer.alloc(daysEnd + COLUMNS.length * n * 8);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(FORMAT_VERSION, 4);
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  Buffer.from(series.days.buffer, series.days.byteOffset, n * 4).copy(out, headerEnd);
  COLUMNS.forEach((column, i) => Buffer.from(series[column].buffer, series[column].byteOffset, n * 8).copy(out, daysEnd + i * n * 8));
  return out;
}

export function decodeSeries(bytes: Buffer): DailySeries {
  if (bytes.length < 12 || bytes.readUInt32LE(0) !== MAGIC || bytes.readUInt32LE(4) !== FORMAT_VERSION)
    throw new Error("not a series file of this version");
  const jsonLength = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.subarray(12, 12 + jsonLength).toString("utf8")) as Header;
  const n = header.length;
  const headerEnd = align8(12 + jsonLength);
  const daysEnd = headerEnd + align8(n * 4);
  if (!Number.isInteger(n) || n < 0 || bytes.length !== daysEnd + COLUMNS.length * n * 8)
    throw new Error("series file has the wrong length");
  // One aligned copy of the columns (the decompressed buffer need not be 8-byte aligned); the
  // typed arrays are views into it.
  const aligned = new Uint8Array(bytes.length - headerEnd);
  aligned.set(bytes.subarray(headerEnd));
  const days = new Int32Array(aligned.buffer, 0, n);
  for (let i = 1; i < n; i++) if (days[i] <= days[i - 1]) throw new Error("series days are not strictly ascending");
  const column = (i: number): Float64Array => new Float64Array(aligned.buffer, daysEnd - headerEnd + i * n * 8, n);
  return {
    symbol: header.symbol,
    provider: header.provider,
    timeZone: header.timeZone,
    currency: header.currency,
    adjusted: header.adjusted === true,
    demo: header.demo === true,
    fetchedAt: header.fetchedAt,
    ...(typeof header.staleBecause === "string" ? { staleBecause: header.staleBecause } : {}),
    days,
    open: column(0),
    high: column(1),
    low: column(2),
    close: column(3),
    adjClose: column(4),
    volume: column(5),
  };
}

/**
 * The user's cache folder for Rotation Desk: `MKT_CACHE_DIR` when set; else `$XDG_CACHE_HOME/rotation-desk`
 * or `~/.cache/rotation-desk` (Linux), `~/Library/Caches/rotation-desk` (macOS),
 * `%LOCALAPPDATA%\rotation-desk\Cache` (Windows).
 */
export function defaultCacheDirectory(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MKT_CACHE_DIR !== undefined && env.MKT_CACHE_DIR !== "") return env.MKT_CACHE_DIR;
  const home = os.homedir();
  if (platform === "win32") return path.join(env.LOCALAPPDATA ?? path.join(home, "AppData", "Local"), "rotation-desk", "Cache");
  if (platform === "darwin") return path.join(home, "Library", "Caches", "rotation-desk");
  return path.join(
    env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== "" ? env.XDG_CACHE_HOME : path.join(home, ".cache"),
    "rotation-desk",
  );
}

export interface DiskSeriesCacheOptions {
  /** Folder of the cache; histories go in its `series/` subfolder. Default: defaultCacheDirectory(). */
  readonly directory?: string;
  /** Least recently used files are removed once the files together exceed this. */
  readonly maxBytes?: number;
}

/** How values of one kind are kept in files: a subfolder, a file suffix and the bytes (gzip'd by the cache). */
export interface DiskFormat<T> {
  readonly folder: string;
  readonly suffix: string;
  encode(value: T): Buffer;
  /** Throws on a damaged or foreign file. */
  decode(bytes: Buffer): T;
}

const SERIES_FORMAT: DiskFormat<DailySeries> = { folder: "series", suffix: SUFFIX, encode: encodeSeries, decode: decodeSeries };

interface FileInfo {
  size: number;
  used: number;
}

/**
 * Values of one kind on the analyst's disk for the command line: one gzip'd file per
 * `provider:symbol` in the format's subfolder, written through a temporary file and renamed, bounded
 * in total size (least recently used first out). Never rejects: an unreadable or damaged file is a
 * miss (and removed), a failed write is dropped.
 */
export class DiskCache<T> implements PersistentCache<T> {
  readonly directory: string;
  private readonly folder: string;
  private readonly maxBytes: number;
  private files: Map<string, FileInfo> | null = null;
  private total = 0;
  private reading = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly format: DiskFormat<T>,
    options: DiskSeriesCacheOptions = {},
  ) {
    this.directory = options.directory ?? defaultCacheDirectory();
    this.folder = path.join(this.directory, format.folder);
    this.maxBytes = options.maxBytes ?? DEFAULT_DISK_CACHE_MAX_BYTES;
  }

  private fileOf(key: string): string {
    return path.join(this.folder, `${encodeURIComponent(key)}${this.format.suffix}`);
  }

  async get(key: string): Promise<T | null> {
    if (this.reading >= MAX_PARALLEL_READS) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.reading++;
    try {
      return await this.read(key);
    } finally {
      this.reading--;
      this.waiting.shift()?.();
    }
  }

  private async read(key: string): Promise<T | null> {
    const file = this.fileOf(key);
    let bytes: Buffer;
    try {
      bytes = await fs.promises.readFile(file);
    } catch {
      return null;
    }
    try {
      const value = this.format.decode(await gunzip(bytes));
      const now = new Date();
      await fs.promises.utimes(file, now, now).catch(() => undefined);
      this.files?.set(file, { size: bytes.length, used: now.getTime() });
      return value;
    } catch {
      await this.delete(key);
      return null;
    }
  }

  async set(key: string, value: T): Promise<void> {
    try {
      const bytes = await gzip(this.format.encode(value), { level: 4 });
      await fs.promises.mkdir(this.folder, { recursive: true });
      const file = this.fileOf(key);
      const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await fs.promises.writeFile(temporary, bytes);
      await fs.promises.rename(temporary, file);
      const files = await this.index();
      this.total += bytes.length - (files.get(file)?.size ?? 0);
      files.set(file, { size: bytes.length, used: Date.now() });
      await this.evict();
    } catch {
      // Dropped: the value is still in the session's memory.
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.fileOf(key);
    await fs.promises.rm(file, { force: true }).catch(() => undefined);
    const info = this.files?.get(file);
    if (info !== undefined) {
      this.total -= info.size;
      this.files!.delete(file);
    }
  }

  async clear(): Promise<void> {
    await fs.promises.rm(this.folder, { recursive: true, force: true }).catch(() => undefined);
    this.files = new Map();
    this.total = 0;
  }

  /** Bytes the cache's files take, as last counted. */
  async size(): Promise<number> {
    await this.index();
    return this.total;
  }

  private async index(): Promise<Map<string, FileInfo>> {
    if (this.files !== null) return this.files;
    const files = new Map<string, FileInfo>();
    let total = 0;
    const names = await fs.promises.readdir(this.folder).catch(() => [] as string[]);
    for (const name of names) {
      const file = path.join(this.folder, name);
      const stat = await fs.promises.stat(file).catch(() => null);
      if (stat === null || !stat.isFile()) continue;
      if (name.endsWith(".tmp") && Date.now() - stat.mtimeMs > 3_600_000) {
        await fs.promises.rm(file, { force: true }).catch(() => undefined);
        continue;
      }
      if (!name.endsWith(this.format.suffix)) continue;
      files.set(file, { size: stat.size, used: stat.mtimeMs });
      total += stat.size;
    }
    this.files = files;
    this.total = total;
    return files;
  }

  private async evict(): Promise<void> {
    if (this.total <= this.maxBytes || this.files === null) return;
    const oldest = [...this.files.entries()].sort((a, b) => a[1].used - b[1].used);
    for (const [file, info] of oldest) {
      if (this.total <= this.maxBytes) return;
      await fs.promises.rm(file, { force: true }).catch(() => undefined);
      this.files.delete(file);
      this.total -= info.size;
    }
  }
}

/**
 * Histories on the analyst's disk for the command line (`mkt`, `mkt refresh`, `mkt report`), so a
 * scheduled refresh the next morning asks the provider only for the sessions since: one gzip'd
 * binary file per `provider:symbol` (encodeSeries) in `series/` (see DiskCache).
 */
export class DiskSeriesCache extends DiskCache<DailySeries> {
  constructor(options: DiskSeriesCacheOptions = {}) {
    super(SERIES_FORMAT, options);
  }
}

/** Files of JSON checked by `fromJson` when read. */
function jsonFormat<T>(folder: string, fromJson: (value: unknown) => T): DiskFormat<T> {
  return {
    folder,
    suffix: ".json.gz",
    encode: (value) => Buffer.from(JSON.stringify(value), "utf8"),
    decode: (bytes) => fromJson(JSON.parse(bytes.toString("utf8"))),
  };
}

/** Valuation data is small: a few KB a ticker. */
export const DEFAULT_DISK_VALUATION_MAX_BYTES = 32 * 1024 * 1024;

/**
 * The snapshot store's caches beside the histories (same folder as DiskSeriesCache): snapshots in
 * `snapshots/`, earnings histories in `earnings/`, one gzip'd JSON file per `provider:symbol`, each
 * folder bounded to `maxBytes` (default DEFAULT_DISK_VALUATION_MAX_BYTES).
 */
export function diskValuationCaches(options: DiskSeriesCacheOptions = {}): {
  snapshotCache: DiskCache<TickerSnapshot>;
  earningsCache: DiskCache<EarningsHistory>;
} {
  const settings = { ...options, maxBytes: options.maxBytes ?? DEFAULT_DISK_VALUATION_MAX_BYTES };
  return {
    snapshotCache: new DiskCache(jsonFormat("snapshots", snapshotFromJson), settings),
    earningsCache: new DiskCache(jsonFormat("earnings", earningsFromJson), settings),
  };
}
