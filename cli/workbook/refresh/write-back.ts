import { areaAddress, cellAddress } from "../../../src/workbook";
import { ExcelError, Scalar } from "../formula/values";
import { entryText, setEntryText } from "../xlsx/package";
import type { SheetCell, SheetRow } from "../xlsx/sheet-xml";
import { DYNAMIC_ARRAY_EXT_URI, REL_SHEET_METADATA, relsPath, SheetPart, WorkbookFile } from "../xlsx/workbook-file";
import { attributes, escapeText, Splice, withAttribute } from "../xlsx/xml";
import { Area, keyCell } from "./cell-keys";
import { parseArea } from "./file-model";
import type { RecalcResult } from "./recalc";

/**
 * Writes recalculated values into the sheet XML as the cells' cached values, editing each changed
 * `<c>` element in place: formulas, styles and every other character stay as they were. Spills get
 * their range on the formula (`t="array" ref`) and Excel's dynamic-array cell metadata (`cm`).
 */

export interface WriteBackResult {
  /** Parts rewritten (sheets; the metadata part, content types and workbook relationships when a first spill needed them). */
  readonly changedParts: readonly string[];
  /** Cells whose spill could not be written as a spill (see the reason); their first value was written. */
  readonly notes: readonly string[];
}

/** A value as a cell stores it: the `t` attribute (null for a number) and the `<v>` text. */
export function storedValue(value: Scalar): { type: string | null; text: string } {
  if (value === null) return { type: null, text: "0" };
  if (value instanceof ExcelError) return { type: "e", text: value.code };
  if (typeof value === "boolean") return { type: "b", text: value ? "1" : "0" };
  if (typeof value === "number") return { type: null, text: String(value) };
  return { type: "str", text: escapeText(value) };
}

function valueElement(prefix: string, value: Scalar): { type: string | null; xml: string } {
  const stored = storedValue(value);
  return { type: stored.type, xml: `<${prefix}v>${stored.text}</${prefix}v>` };
}

interface CellEdit {
  value: Scalar | undefined;
  /** Remove the value (a spill cell no longer covered). */
  clear: boolean;
  /** The spill range to record on the anchor's formula. */
  spill: Area | null | undefined;
}

/** A cell element with a new value (or none), its formula kept character for character. */
function rewriteCell(xml: string, cell: SheetCell, prefix: string, edit: CellEdit, cm: number | null): string {
  const element = xml.slice(cell.start, cell.end);
  const offset = cell.start;
  const inner = new Splice();
  let open = cell.openText;
  let valueXml = "";
  if (edit.clear) {
    open = withAttribute(open, "t", null);
  } else if (edit.value !== undefined) {
    const v = valueElement(prefix, edit.value);
    open = withAttribute(open, "t", v.type);
    valueXml = v.xml;
  }
  if (edit.spill !== undefined && cell.formula !== null) {
    const f = cell.formula;
    let fOpen = f.openText;
    if (edit.spill !== null) {
      fOpen = withAttribute(
        withAttribute(fOpen, "t", "array"),
        "ref",
        areaAddress(edit.spill.top, edit.spill.left, edit.spill.bottom - edit.spill.top + 1, edit.spill.right - edit.spill.left + 1),
      );
      if (cm !== null && cell.cm === null) open = withAttribute(open, "cm", String(cm));
    }
    if (fOpen !== f.openText) inner.replace(f.start - offset, f.openEnd - offset, fOpen);
  }
  if (cell.value !== null) inner.replace(cell.value.start - offset, cell.value.end - offset, "");
  if (cell.inline !== null) inner.replace(cell.inline.start - offset, cell.inline.end - offset, "");
  const selfClosing = element.endsWith("/>") && cell.end === cell.openEnd;
  if (selfClosing) {
    if (valueXml === "") return open;
    return `${open.slice(0, -2).trimEnd()}>${valueXml}</${prefix}c>`;
  }
  const afterFormula = cell.formula !== null ? cell.formula.end - offset : cell.openEnd - offset;
  if (valueXml !== "") inner.insert(afterFormula, valueXml);
  inner.replace(0, cell.openEnd - offset, open);
  const rewritten = inner.apply(element);
  // A cell left with no value, formula or style is dropped rather than kept empty.
  if (edit.clear && cell.formula === null && [...attributes(open).keys()].every((name) => name === "r")) return "";
  return rewritten;
}

function newCell(prefix: string, row: number, column: number, value: Scalar): string {
  const v = valueElement(prefix, value);
  return `<${prefix}c r="${cellAddress(row, column)}"${v.type === null ? "" : ` t="${v.type}"`}>${v.xml}</${prefix}c>`;
}

function closingTagStart(xml: string, end: number): number {
  return xml.lastIndexOf("<", end - 1);
}

function unionArea(ref: string, sheet: number, cells: readonly { row: number; column: number }[]): string {
  const area = parseArea(sheet, ref) ?? { sheet, top: cells[0].row, left: cells[0].column, bottom: cells[0].row, right: cells[0].column };
  let { top, left, bottom, right } = area;
  for (const cell of cells) {
    top = Math.min(top, cell.row);
    left = Math.min(left, cell.column);
    bottom = Math.max(bottom, cell.row);
    right = Math.max(right, cell.column);
  }
  return areaAddress(top, left, bottom - top + 1, right - left + 1);
}

function rewriteSheet(sheet: SheetPart, edits: Map<number, CellEdit>, cm: number | null): string {
  const { xml, rows, prefix } = sheet.xml;
  const splice = new Splice();
  const byRow = new Map<number, SheetRow>(rows.map((row) => [row.row, row]));
  const added: { row: number; column: number; value: Scalar }[] = [];
  for (const [key, edit] of edits) {
    const { row, column } = keyCell(key);
    const record = byRow.get(row)?.cells.find((cell) => cell.column === column);
    if (record !== undefined) splice.replace(record.start, record.end, rewriteCell(xml, record, prefix, edit, cm));
    else if (!edit.clear && edit.value !== undefined) added.push({ row, column, value: edit.value });
  }
  added.sort((a, b) => a.row - b.row || a.column - b.column);
  const newRows = new Map<number, string[]>();
  for (const cell of added) {
    const row = byRow.get(cell.row);
    const text = newCell(prefix, cell.row, cell.column, cell.value);
    if (row === undefined) {
      newRows.set(cell.row, [...(newRows.get(cell.row) ?? []), text]);
      continue;
    }
    const rowOpen = xml.slice(row.start, row.openEnd);
    const unspanned = withAttribute(rowOpen, "spans", null);
    if (row.selfClosing) {
      // Several cells may go into one empty row: they are collected under its start tag.
      continue;
    }
    if (unspanned !== rowOpen && !splice.replaces(row.start)) splice.replace(row.start, row.openEnd, unspanned);
    const after = row.cells.find((existing) => existing.column > cell.column);
    splice.insert(after === undefined ? closingTagStart(xml, row.end) : after.start, text);
  }
  for (const row of rows.filter((r) => r.selfClosing)) {
    const cells = added.filter((cell) => cell.row === row.row);
    if (cells.length === 0) continue;
    const open = withAttribute(xml.slice(row.start, row.end), "spans", null);
    splice.replace(
      row.start,
      row.end,
      `${open.slice(0, -2).trimEnd()}>${cells.map((c) => newCell(prefix, c.row, c.column, c.value)).join("")}</${prefix}row>`,
    );
  }
  const rowNumbers = [...newRows.keys()].sort((a, b) => a - b);
  const sd = sheet.xml.sheetData;
  for (const number of rowNumbers) {
    const text = `<${prefix}row r="${number + 1}">${newRows.get(number)!.join("")}</${prefix}row>`;
    if (sd.selfClosing) continue;
    const after = rows.find((row) => row.row > number);
    splice.insert(after === undefined ? closingTagStart(xml, sd.end) : after.start, text);
  }
  if (sd.selfClosing && rowNumbers.length > 0) {
    const open = xml.slice(sd.start, sd.end);
    const body = rowNumbers.map((n) => `<${prefix}row r="${n + 1}">${newRows.get(n)!.join("")}</${prefix}row>`).join("");
    splice.replace(sd.start, sd.end, `${open.slice(0, -2).trimEnd()}>${body}</${prefix}sheetData>`);
  }
  if (sheet.xml.dimension !== null && added.length > 0) {
    const dim = sheet.xml.dimension;
    const open = xml.slice(dim.start, dim.end);
    const updated = withAttribute(open, "ref", unionArea(dim.ref, sheet.index, added));
    if (updated !== open) splice.replace(dim.start, dim.end, updated);
  }
  return splice.apply(xml);
}

const METADATA_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
  '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">' +
  '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>' +
  `<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="${DYNAMIC_ARRAY_EXT_URI}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>` +
  '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>';

/** Adds Excel's dynamic-array metadata part (as Excel writes it) when the workbook has none; returns the `cm` to use, or null. */
function ensureDynamicArrayMetadata(file: WorkbookFile, changed: string[]): number | null {
  if (file.dynamicArrayCm.length > 0) return file.dynamicArrayCm[0];
  if (file.metadataPath !== null) return null;
  const dir = file.workbookPath.includes("/") ? file.workbookPath.slice(0, file.workbookPath.lastIndexOf("/") + 1) : "";
  const metadataPath = `${dir}metadata.xml`;
  if (file.pkg.entries.has(metadataPath)) return null;
  const types = entryText(file.pkg, "[Content_Types].xml")!;
  setEntryText(
    file.pkg,
    "[Content_Types].xml",
    types.replace(
      /<\/(\w+:)?Types>\s*$/,
      (close) =>
        `<Override PartName="/${metadataPath}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/>${close}`,
    ),
  );
  const relsName = relsPath(file.workbookPath);
  const rels = entryText(file.pkg, relsName) ?? "";
  const ids = new Set([...rels.matchAll(/\sId="([^"]+)"/g)].map((m) => m[1]));
  let n = ids.size + 1;
  while (ids.has(`rId${n}`)) n++;
  setEntryText(
    file.pkg,
    relsName,
    rels.replace(
      /<\/(\w+:)?Relationships>\s*$/,
      (close) => `<Relationship Id="rId${n}" Type="${REL_SHEET_METADATA}" Target="metadata.xml"/>${close}`,
    ),
  );
  setEntryText(file.pkg, metadataPath, METADATA_XML);
  changed.push("[Content_Types].xml", relsName, metadataPath);
  return 1;
}

/** Applies a recalculation to the package's sheets (and, for a first spill, its metadata). */
export function writeBack(file: WorkbookFile, result: RecalcResult): WriteBackResult {
  const changed: string[] = [];
  const notes: string[] = [];
  const edits = new Map<number, Map<number, CellEdit>>();
  const editFor = (key: number): CellEdit => {
    const { sheet } = keyCell(key);
    const sheetEdits = edits.get(sheet) ?? new Map<number, CellEdit>();
    edits.set(sheet, sheetEdits);
    let edit = sheetEdits.get(key);
    if (edit === undefined) {
      edit = { value: undefined, clear: false, spill: undefined };
      sheetEdits.set(key, edit);
    }
    return edit;
  };
  let needsMetadata = false;
  for (const [key, outcome] of result.formulas) {
    if (outcome.kind !== "value") continue;
    const edit = editFor(key);
    edit.value = outcome.value;
    if (outcome.spill !== null) {
      edit.spill = outcome.spill.area;
      needsMetadata = true;
    }
  }
  for (const [key, value] of result.spilled) {
    const edit = editFor(key);
    edit.value = value;
  }
  for (const key of result.cleared) {
    const edit = editFor(key);
    if (edit.value === undefined) edit.clear = true;
  }
  const cm = needsMetadata ? ensureDynamicArrayMetadata(file, changed) : null;
  if (needsMetadata && cm === null)
    notes.push("the workbook's cell metadata has no dynamic-array entry: spills are written as array formulas");
  for (const [sheetIndex, sheetEdits] of edits) {
    const sheet = file.sheets[sheetIndex];
    setEntryText(file.pkg, sheet.path, rewriteSheet(sheet, sheetEdits, cm));
    changed.push(sheet.path);
  }
  return { changedParts: changed, notes };
}
