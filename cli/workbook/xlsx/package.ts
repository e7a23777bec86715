import fs from "node:fs";
import path from "node:path";
import { unzipSync, zipSync, Zippable } from "fflate";

/**
 * An .xlsx file is a zip of XML parts. This reads one into its entries (in their order, with how
 * each was stored) and writes entries back, so parts the refresh does not touch come out with the
 * same bytes inside. fflate does the (de)compression; the central directory is read here only for
 * each entry's method, time and encryption flag, which fflate does not report.
 */

/** A file we cannot work on (not an .xlsx, encrypted, damaged): exit status 2 with this message. */
export class WorkbookFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkbookFileError";
  }
}

export interface PackageEntry {
  data: Uint8Array;
  /** Deflated (as almost every entry of an .xlsx) or stored. */
  readonly compressed: boolean;
  readonly modified: Date | null;
}

export interface XlsxPackage {
  /** Entries by name, in the file's order. */
  readonly entries: Map<string, PackageEntry>;
}

const ZIP_LOCAL = 0x04034b50;
const ZIP_END = 0x06054b50;
const ZIP_CENTRAL = 0x02014b50;
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function isCompoundFile(bytes: Uint8Array): boolean {
  return CFB_SIGNATURE.every((byte, i) => bytes[i] === byte);
}

/** Encrypted OOXML files are OLE compound files holding an "EncryptedPackage" stream (name in UTF-16LE). */
function holdsEncryptedPackage(bytes: Uint8Array): boolean {
  const name = Buffer.from("EncryptedPackage", "utf16le");
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(name);
}

interface CentralEntry {
  readonly compressed: boolean;
  readonly encrypted: boolean;
  readonly modified: Date | null;
}

function dosTime(date: number, time: number): Date | null {
  if (date === 0) return null;
  const year = 1980 + (date >> 9);
  const month = ((date >> 5) & 0x0f) - 1;
  const day = date & 0x1f;
  return new Date(year, month, day, time >> 11, (time >> 5) & 0x3f, (time & 0x1f) * 2);
}

/** The central directory's view of each entry; empty when it cannot be read (fflate then decides). */
function centralDirectory(bytes: Uint8Array): Map<string, CentralEntry> {
  const found = new Map<string, CentralEntry>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === ZIP_END) {
      end = i;
      break;
    }
  }
  if (end < 0) return found;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  for (let n = 0; n < count && at + 46 <= bytes.length; n++) {
    if (view.getUint32(at, true) !== ZIP_CENTRAL) break;
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const time = view.getUint16(at + 12, true);
    const date = view.getUint16(at + 14, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    found.set(name, { compressed: method !== 0, encrypted: (flags & 1) === 1, modified: dosTime(date, time) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return found;
}

/** Reads an .xlsx's entries; a WorkbookFileError naming the problem when it is not one we can refresh. */
export function readPackage(bytes: Uint8Array, label: string): XlsxPackage {
  if (bytes.length === 0) throw new WorkbookFileError(`${label} is empty`);
  if (isCompoundFile(bytes)) {
    if (holdsEncryptedPackage(bytes)) {
      throw new WorkbookFileError(
        `${label} is password-protected (encrypted); open it in Excel, remove the password, save, and refresh that copy`,
      );
    }
    throw new WorkbookFileError(`${label} is an Excel 97-2003 workbook (.xls); open it in Excel and save it as .xlsx first`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4 || (view.getUint32(0, true) !== ZIP_LOCAL && view.getUint32(0, true) !== ZIP_END)) {
    throw new WorkbookFileError(`${label} is not an .xlsx workbook (an .xlsx is a zip package; this file is something else)`);
  }
  const central = centralDirectory(bytes);
  const encrypted = [...central.entries()].find(([, entry]) => entry.encrypted);
  if (encrypted !== undefined) throw new WorkbookFileError(`${label} has encrypted zip entries (${encrypted[0]}); it cannot be read`);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw new WorkbookFileError(
      `${label} is a damaged zip file (${error instanceof Error ? error.message : String(error)}); Excel may be able to repair it`,
    );
  }
  const entries = new Map<string, PackageEntry>();
  for (const [name, data] of Object.entries(files)) {
    const known = central.get(name);
    entries.set(name, { data, compressed: known?.compressed ?? true, modified: known?.modified ?? null });
  }
  if (!entries.has("[Content_Types].xml")) {
    throw new WorkbookFileError(`${label} is a zip file but not an Office document (no [Content_Types].xml)`);
  }
  return { entries };
}

/** The package as zip bytes, entries in order; each deflated or stored as it was. */
export function writePackage(pkg: XlsxPackage): Uint8Array {
  const files: Zippable = {};
  for (const [name, entry] of pkg.entries) {
    files[name] = [entry.data, { level: entry.compressed ? 6 : 0, ...(entry.modified === null ? {} : { mtime: entry.modified }) }];
  }
  return zipSync(files);
}

/**
 * Writes `bytes` to `target` through a temporary file in the same folder, flushed and then renamed
 * over the target, so a reader never sees half a file and a failure leaves the target as it was.
 * `mode` keeps the permissions of a file refreshed in place.
 */
export function writeFileAtomically(target: string, bytes: Uint8Array, mode?: number): void {
  const directory = path.dirname(path.resolve(target));
  const temporary = path.join(directory, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let handle: number | null = null;
  try {
    handle = fs.openSync(temporary, "wx", mode ?? 0o644);
    fs.writeSync(handle, bytes);
    fs.fsyncSync(handle);
    fs.closeSync(handle);
    handle = null;
    if (mode !== undefined) fs.chmodSync(temporary, mode);
    fs.renameSync(temporary, target);
  } catch (error) {
    if (handle !== null) fs.closeSync(handle);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

export function entryText(pkg: XlsxPackage, name: string): string | null {
  const entry = pkg.entries.get(name);
  return entry === undefined ? null : decoder.decode(entry.data);
}

export function setEntryText(pkg: XlsxPackage, name: string, text: string): void {
  const existing = pkg.entries.get(name);
  pkg.entries.set(name, { data: encoder.encode(text), compressed: existing?.compressed ?? true, modified: existing?.modified ?? null });
}
