import path from "node:path";
import type { TableInfo } from "../formula/evaluate";
import { entryText, WorkbookFileError, XlsxPackage } from "./package";
import { readSheetXml, SheetXml } from "./sheet-xml";
import { decodeXstring, XmlError } from "./xml";
import { attribute, child, children, parseXml, textOf, XmlNode } from "./xml-read";

/** What the refresh needs to know about a workbook package, read once. */

export const REL_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
export const REL_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
export const REL_SHARED_STRINGS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";
export const REL_TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table";
export const REL_SHEET_METADATA = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata";
const STRICT_PREFIX = "http://purl.oclc.org/ooxml/officeDocument/relationships/";
const XLSB_MAIN = "application/vnd.ms-excel.sheet.binary.macroEnabled.main";
/** The extension Excel writes around a dynamic array's cell metadata. */
export const DYNAMIC_ARRAY_EXT_URI = "{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}";

export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** Package path of the target ("xl/worksheets/sheet1.xml"); external targets keep their URL. */
  readonly target: string;
  readonly external: boolean;
}

export interface SheetPart {
  readonly index: number;
  readonly name: string;
  readonly path: string;
  readonly xml: SheetXml;
}

export interface DefinedName {
  readonly name: string;
  /** Index of the sheet the name is local to; null for a workbook name. */
  readonly localSheet: number | null;
  readonly formula: string;
}

export interface WorkbookFile {
  readonly pkg: XlsxPackage;
  readonly workbookPath: string;
  readonly workbookXml: string;
  readonly sheets: readonly SheetPart[];
  readonly names: readonly DefinedName[];
  readonly tables: readonly TableInfo[];
  readonly sharedStrings: readonly string[];
  /** Path of xl/metadata.xml when the workbook has one. */
  readonly metadataPath: string | null;
  /** `cm` values (1-based) that mark dynamic-array formulas; the first is reused for new spills. */
  readonly dynamicArrayCm: readonly number[];
}

const normalizeType = (type: string): string =>
  type.startsWith(STRICT_PREFIX)
    ? `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type.slice(STRICT_PREFIX.length)}`
    : type;

/** The rels part of `part`: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels". */
export function relsPath(part: string): string {
  const dir = path.posix.dirname(part);
  return path.posix.join(dir === "." ? "" : dir, "_rels", `${path.posix.basename(part)}.rels`);
}

export function readRelationships(pkg: XlsxPackage, part: string): Relationship[] {
  const text = entryText(pkg, relsPath(part));
  if (text === null) return [];
  const base = path.posix.dirname(part);
  return children(child(parseXml(text), "Relationships"), "Relationship").map((rel) => {
    const target = attribute(rel, "Target") ?? "";
    const external = attribute(rel, "TargetMode") === "External";
    const resolved = external
      ? target
      : target.startsWith("/")
        ? target.slice(1)
        : path.posix.normalize(path.posix.join(base === "." ? "" : base, target));
    return { id: attribute(rel, "Id") ?? "", type: normalizeType(attribute(rel, "Type") ?? ""), target: resolved, external };
  });
}

function required(pkg: XlsxPackage, part: string, label: string): string {
  const text = entryText(pkg, part);
  if (text === null) throw new WorkbookFileError(`${label} is damaged: its part ${part} is missing`);
  return text;
}

function sharedStringText(item: XmlNode): string {
  const runs = children(item, "r");
  if (runs.length === 0) return children(item, "t").map(textOf).join("");
  return runs.map((run) => children(run, "t").map(textOf).join("")).join("");
}

function readTable(pkg: XlsxPackage, part: string, sheet: number, label: string): TableInfo {
  const table = child(parseXml(required(pkg, part, label)), "table");
  const ref = attribute(table, "ref") ?? "";
  const match = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref);
  if (match === null) throw new WorkbookFileError(`${label} is damaged: table part ${part} has no valid ref`);
  const column = (letters: string): number => [...letters.toUpperCase()].reduce((n, char) => n * 26 + char.charCodeAt(0) - 64, 0) - 1;
  return {
    name: attribute(table, "displayName") ?? attribute(table, "name") ?? "",
    sheet,
    top: Number(match[2]) - 1,
    left: column(match[1]),
    bottom: Number(match[4] ?? match[2]) - 1,
    right: column(match[3] ?? match[1]),
    headerRows: attribute(table, "headerRowCount") === "0" ? 0 : 1,
    totalsRows: Number(attribute(table, "totalsRowCount") ?? "0") > 0 ? 1 : 0,
    columns: children(child(table, "tableColumns"), "tableColumn").map((col) => decodeXstring(attribute(col, "name") ?? "")),
  };
}

/** `cm` indexes whose cell metadata is Excel's dynamic-array flag (XLDAPR with fDynamic="1"). */
function dynamicArrayCm(text: string): number[] {
  const metadata = child(parseXml(text), "metadata");
  const types = children(child(metadata, "metadataTypes"), "metadataType").map((type) => attribute(type, "name"));
  const future = children(metadata, "futureMetadata").find((block) => attribute(block, "name") === "XLDAPR");
  const dynamicBlocks = children(future, "bk").map((bk) => {
    const ext = children(child(bk, "extLst"), "ext").find((e) => attribute(e, "uri")?.toLowerCase() === DYNAMIC_ARRAY_EXT_URI);
    return attribute(child(ext, "dynamicArrayProperties"), "fDynamic") === "1";
  });
  const found: number[] = [];
  children(child(metadata, "cellMetadata"), "bk").forEach((bk, i) => {
    const rc = child(bk, "rc");
    const type = types[Number(attribute(rc, "t") ?? "0") - 1];
    if (type === "XLDAPR" && dynamicBlocks[Number(attribute(rc, "v") ?? "-1")] === true) found.push(i + 1);
  });
  return found;
}

/** Opens the package as a workbook: sheets, names, tables, shared strings, cell metadata. */
export function readWorkbookFile(pkg: XlsxPackage, label: string): WorkbookFile {
  const contentTypes = required(pkg, "[Content_Types].xml", label);
  if (
    contentTypes.includes(XLSB_MAIN) ||
    [...pkg.entries.keys()].some((name) => name.endsWith(".bin") && name.startsWith("xl/worksheets/"))
  ) {
    throw new WorkbookFileError(`${label} is a binary workbook (.xlsb); save it as .xlsx first`);
  }
  const office = readRelationships(pkg, "").find((rel) => rel.type === REL_OFFICE_DOCUMENT);
  if (office === undefined || !contentTypes.includes("spreadsheetml")) {
    throw new WorkbookFileError(`${label} is an Office file but not an Excel workbook`);
  }
  const workbookPath = office.target;
  const workbookXml = required(pkg, workbookPath, label);
  const workbook = child(parseXml(workbookXml), "workbook");
  if (attribute(child(workbook, "workbookPr"), "date1904") === "1" || attribute(child(workbook, "workbookPr"), "date1904") === "true") {
    throw new WorkbookFileError(
      `${label} uses the 1904 date system; MKT dates are 1900-system serials (File → Options → Advanced: untick "Use 1904 date system")`,
    );
  }
  const rels = readRelationships(pkg, workbookPath);
  const byId = new Map(rels.map((rel) => [rel.id, rel]));
  const sharedPath = rels.find((rel) => rel.type === REL_SHARED_STRINGS)?.target ?? null;
  const sharedText = sharedPath === null ? null : entryText(pkg, sharedPath);
  const sharedStrings = sharedText === null ? [] : children(child(parseXml(sharedText), "sst"), "si").map(sharedStringText);
  const metadataPath = rels.find((rel) => rel.type === REL_SHEET_METADATA)?.target ?? null;
  const metadataText = metadataPath === null ? null : entryText(pkg, metadataPath);

  const sheets: SheetPart[] = [];
  const tables: TableInfo[] = [];
  for (const sheet of children(child(workbook, "sheets"), "sheet")) {
    const rel = byId.get(attribute(sheet, "id") ?? "");
    if (rel === undefined || rel.type !== REL_WORKSHEET) continue; // chart sheets, dialogs, macro sheets
    const index = sheets.length;
    let xml;
    try {
      xml = readSheetXml(required(pkg, rel.target, label));
    } catch (error) {
      if (error instanceof XmlError) throw new WorkbookFileError(`${label} is damaged: ${rel.target}: ${error.message}`);
      throw error;
    }
    sheets.push({ index, name: attribute(sheet, "name") ?? `Sheet${index + 1}`, path: rel.target, xml });
    for (const tableRel of readRelationships(pkg, rel.target).filter((r) => r.type === REL_TABLE)) {
      tables.push(readTable(pkg, tableRel.target, index, label));
    }
  }
  // localSheetId counts every sheet in <sheets>, chart sheets too.
  const allSheetNames = children(child(workbook, "sheets"), "sheet").map((sheet) => attribute(sheet, "name") ?? "");
  const names = children(child(workbook, "definedNames"), "definedName").map((name) => {
    const local = attribute(name, "localSheetId");
    const sheetName = local === null ? null : allSheetNames[Number(local)];
    const localSheet = sheetName === null || sheetName === undefined ? null : sheets.findIndex((sheet) => sheet.name === sheetName);
    return { name: attribute(name, "name") ?? "", localSheet: localSheet === -1 ? null : localSheet, formula: textOf(name) };
  });
  return {
    pkg,
    workbookPath,
    workbookXml,
    sheets,
    names,
    tables,
    sharedStrings,
    metadataPath,
    dynamicArrayCm: metadataText === null ? [] : dynamicArrayCm(metadataText),
  };
}
