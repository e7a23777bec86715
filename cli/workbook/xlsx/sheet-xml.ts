import { parseCellAddress } from "../../../src/workbook";
import { attributes, elementText, findElement, nextTag, Tag, unescapeXml, XmlError } from "./xml";

/**
 * The cells of a worksheet part, read with their character offsets so the refresh can replace a
 * cached value without touching anything else: `<c r="B2" s="3" t="str"><f>…</f><v>…</v></c>`.
 */

export interface CellFormula {
  /** Formula text (unescaped); empty for a shared formula's followers. */
  readonly text: string;
  readonly type: "normal" | "shared" | "array" | "dataTable";
  /** Shared index (t="shared"). */
  readonly sharedIndex: number | null;
  /** Range of an array formula, or of a shared formula's master. */
  readonly ref: string | null;
  /** The `<f …>` start tag, and where the whole element starts and ends. */
  readonly openText: string;
  readonly start: number;
  readonly end: number;
  readonly openEnd: number;
}

export interface SheetCell {
  readonly row: number;
  readonly column: number;
  /** The `<c>` element's extent and its start tag's end. */
  readonly start: number;
  readonly end: number;
  readonly openEnd: number;
  readonly openText: string;
  readonly type: string | null;
  readonly style: string | null;
  /** Cell metadata index (`cm`): 1-based into the metadata part's cellMetadata (dynamic arrays). */
  readonly cm: number | null;
  readonly formula: CellFormula | null;
  /** The `<v>` element, if any. */
  readonly value: { readonly start: number; readonly end: number; readonly text: string } | null;
  /** `<is>` inline string text, if any. */
  readonly inline: { readonly start: number; readonly end: number; readonly text: string } | null;
}

export interface SheetRow {
  readonly row: number;
  readonly start: number;
  readonly end: number;
  readonly openEnd: number;
  readonly selfClosing: boolean;
  readonly cells: SheetCell[];
}

export interface SheetXml {
  readonly xml: string;
  /** Where `<sheetData>` opens and closes (its prefix, as written: "" or "x:"). */
  readonly sheetData: { readonly start: number; readonly end: number; readonly openEnd: number; readonly selfClosing: boolean };
  readonly prefix: string;
  readonly rows: SheetRow[];
  /** `<dimension ref>` start tag, when present. */
  readonly dimension: { readonly start: number; readonly end: number; readonly ref: string } | null;
}

function inlineText(xml: string, start: number, end: number): string {
  let text = "";
  let at = start;
  for (;;) {
    const tag = findElement(xml, "t", at, end);
    if (tag === null) return text;
    // Phonetic runs (<rPh><t>) are not part of the value.
    const before = xml.lastIndexOf("<", tag.open.start - 1);
    if (!/^<[^>]*rPh[\s>]/.test(xml.slice(before, tag.open.start))) text += elementText(xml, tag);
    at = tag.end;
  }
}

function readCell(xml: string, open: Tag, end: number, row: number, fallbackColumn: number): SheetCell {
  const openText = xml.slice(open.start, open.end);
  const attrs = attributes(openText);
  const address = attrs.get("r");
  const position = address === undefined ? null : parseCellAddress(address);
  const column = position?.column ?? fallbackColumn;
  let formula: CellFormula | null = null;
  let value: SheetCell["value"] = null;
  let inline: SheetCell["inline"] = null;
  if (open.kind === "open") {
    let at = open.end;
    for (;;) {
      const tag = nextTag(xml, at);
      if (tag === null || tag.start >= end) break;
      if (tag.kind === "close") {
        at = tag.end;
        continue;
      }
      const element = { open: tag, end: tag.kind === "empty" ? tag.end : findElement(xml, tag.local, tag.start)!.end };
      if (tag.local === "f") {
        const fText = xml.slice(tag.start, tag.end);
        const fAttrs = attributes(fText);
        const type = (fAttrs.get("t") ?? "normal") as CellFormula["type"];
        formula = {
          text: elementText(xml, element),
          type,
          sharedIndex: fAttrs.has("si") ? Number(fAttrs.get("si")) : null,
          ref: fAttrs.get("ref") ?? null,
          openText: fText,
          start: tag.start,
          end: element.end,
          openEnd: tag.end,
        };
      } else if (tag.local === "v") {
        value = { start: tag.start, end: element.end, text: elementText(xml, element) };
      } else if (tag.local === "is") {
        inline = { start: tag.start, end: element.end, text: inlineText(xml, tag.start, element.end) };
      }
      at = element.end;
    }
  }
  return {
    row: position?.row ?? row,
    column,
    start: open.start,
    end,
    openEnd: open.end,
    openText,
    type: attrs.get("t") ?? null,
    style: attrs.get("s") ?? null,
    cm: attrs.has("cm") ? Number(attrs.get("cm")) : null,
    formula,
    value,
    inline,
  };
}

/** Reads a worksheet part's rows and cells (sheetData only). */
export function readSheetXml(xml: string): SheetXml {
  const data = findElement(xml, "sheetData");
  if (data === null) throw new XmlError("the worksheet has no <sheetData>");
  const prefix = data.open.name.slice(0, data.open.name.length - "sheetData".length);
  const dimensionElement = findElement(xml, "dimension", 0, data.open.start);
  const dimension =
    dimensionElement === null
      ? null
      : {
          start: dimensionElement.open.start,
          end: dimensionElement.end,
          ref: attributes(xml.slice(dimensionElement.open.start, dimensionElement.open.end)).get("ref") ?? "",
        };
  const rows: SheetRow[] = [];
  if (data.open.kind === "open") {
    let at = data.open.end;
    let rowNumber = -1;
    for (;;) {
      const tag = nextTag(xml, at);
      if (tag === null || tag.start >= data.end) break;
      if (tag.local !== "row" || tag.kind === "close") {
        at = tag.end;
        continue;
      }
      const rowEnd = tag.kind === "empty" ? tag.end : findElement(xml, "row", tag.start)!.end;
      const r = attributes(xml.slice(tag.start, tag.end)).get("r");
      rowNumber = r === undefined ? rowNumber + 1 : Number(r) - 1;
      const cells: SheetCell[] = [];
      let cellAt = tag.end;
      let column = -1;
      while (tag.kind === "open") {
        const cellTag = nextTag(xml, cellAt);
        if (cellTag === null || cellTag.start >= rowEnd) break;
        if (cellTag.local !== "c" || cellTag.kind === "close") {
          cellAt = cellTag.end;
          continue;
        }
        const cellEnd = cellTag.kind === "empty" ? cellTag.end : findElement(xml, "c", cellTag.start)!.end;
        const cell = readCell(xml, cellTag, cellEnd, rowNumber, column + 1);
        column = cell.column;
        cells.push(cell);
        cellAt = cellEnd;
      }
      rows.push({ row: rowNumber, start: tag.start, end: rowEnd, openEnd: tag.end, selfClosing: tag.kind === "empty", cells });
      at = rowEnd;
    }
  }
  return {
    xml,
    sheetData: { start: data.open.start, end: data.end, openEnd: data.open.end, selfClosing: data.open.kind === "empty" },
    prefix,
    rows,
    dimension,
  };
}

/** A cell's cached value as the file holds it; shared strings resolved. `date1904` files are refused earlier. */
export function cachedValue(cell: SheetCell, sharedStrings: readonly string[]): CachedValue {
  const text = cell.value?.text;
  switch (cell.type) {
    case "s": {
      const index = Number(text);
      return { kind: "string", value: sharedStrings[index] ?? "" };
    }
    case "str":
      return { kind: "string", value: text ?? "" };
    case "inlineStr":
      return { kind: "string", value: cell.inline?.text ?? text ?? "" };
    case "b":
      return text === undefined ? { kind: "blank" } : { kind: "boolean", value: text.trim() === "1" || /^true$/i.test(text.trim()) };
    case "e":
      return { kind: "error", value: (text ?? "#N/A").trim() };
    case "d":
      return text === undefined ? { kind: "blank" } : { kind: "date", value: text };
    default: {
      if (text === undefined || text.trim() === "") return { kind: "blank" };
      const number = Number(text);
      return Number.isFinite(number) ? { kind: "number", value: number } : { kind: "string", value: unescapeXml(text) };
    }
  }
}

export type CachedValue =
  | { kind: "blank" }
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "error"; value: string }
  | { kind: "date"; value: string };
