import { strToU8, zipSync, Zippable } from "fflate";
import { areaAddress, cellAddress } from "../../../src/workbook";
import { ExcelError, Scalar } from "../formula/values";
import { storedValue } from "../refresh/write-back";
import { escapeAttribute, escapeText } from "../xlsx/xml";
import { Book, BookSheet, CellStyle, COLUMNS } from "./book";
import { chartXml, drawingXml } from "./chart-xml";

/**
 * Writes a calculated Book as an .xlsx package: the parts Excel itself writes for such a workbook
 * (workbook, styles, shared strings, worksheets, tables, drawing and chart, document properties),
 * each element in the schema's order, formulas in their stored form with their values cached.
 */

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument";
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const BUILTIN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "@": 49,
};

class Styles {
  private readonly formats = new Map<string, number>();
  private readonly xfs: string[] = ["0|0"];
  private readonly dxfs: string[] = [];

  xf(style: CellStyle): number {
    let format = BUILTIN_FORMATS[style.numberFormat];
    if (format === undefined) {
      format = this.formats.get(style.numberFormat) ?? 164 + this.formats.size;
      this.formats.set(style.numberFormat, format);
    }
    const font = style.size === 14 && style.bold ? 2 : style.bold ? 1 : 0;
    const key = `${format}|${font}`;
    let index = this.xfs.indexOf(key);
    if (index < 0) {
      index = this.xfs.length;
      this.xfs.push(key);
    }
    return index;
  }

  dxf(font: string, fill: string | null): number {
    const argb = (color: string): string => `FF${color.replace(/^#/, "").toUpperCase()}`;
    const xml = `<dxf><font><color rgb="${argb(font)}"/></font>${fill === null ? "" : `<fill><patternFill><bgColor rgb="${argb(fill)}"/></patternFill></fill>`}</dxf>`;
    let index = this.dxfs.indexOf(xml);
    if (index < 0) {
      index = this.dxfs.length;
      this.dxfs.push(xml);
    }
    return index;
  }

  xml(): string {
    const numFmts = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttribute(code)}"/>`);
    const xfs = this.xfs.map((key) => {
      const [format, font] = key.split("|");
      return `<xf numFmtId="${format}" fontId="${font}" fillId="0" borderId="0" xfId="0"${format === "0" ? "" : ' applyNumberFormat="1"'}${font === "0" ? "" : ' applyFont="1"'}/>`;
    });
    return (
      `${HEAD}<styleSheet xmlns="${MAIN}">` +
      (numFmts.length === 0 ? "" : `<numFmts count="${numFmts.length}">${numFmts.join("")}</numFmts>`) +
      `<fonts count="3"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>` +
      `<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>` +
      `<font><b/><sz val="14"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
      `<dxfs count="${this.dxfs.length}">${this.dxfs.join("")}</dxfs>` +
      `<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`
    );
  }
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  private count = 0;

  add(text: string): number {
    this.count++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(text, i);
    }
    return i;
  }

  xml(): string {
    const items = [...this.index.keys()].map(
      (text) => `<si><t${/^\s|\s$/.test(text) ? ' xml:space="preserve"' : ""}>${escapeText(text)}</t></si>`,
    );
    return `${HEAD}<sst xmlns="${MAIN}" count="${this.count}" uniqueCount="${items.length}">${items.join("")}</sst>`;
  }
}

function cellXml(row: number, column: number, value: Scalar, formula: string | null, style: number, strings: SharedStrings): string {
  const r = cellAddress(row, column);
  const s = style === 0 ? "" : ` s="${style}"`;
  if (formula !== null) {
    const stored = storedValue(value);
    return `<c r="${r}"${s}${stored.type === null ? "" : ` t="${stored.type}"`}><f>${escapeText(formula)}</f><v>${stored.text}</v></c>`;
  }
  if (value === null) return `<c r="${r}"${s}/>`;
  if (typeof value === "string") return `<c r="${r}"${s} t="s"><v>${strings.add(value)}</v></c>`;
  if (value instanceof ExcelError) return `<c r="${r}"${s} t="e"><v>${value.code}</v></c>`;
  if (typeof value === "boolean") return `<c r="${r}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  return `<c r="${r}"${s}><v>${value}</v></c>`;
}

interface SheetParts {
  readonly xml: string;
  readonly rels: string[];
}

function sheetXml(
  sheet: BookSheet,
  selected: boolean,
  styles: Styles,
  strings: SharedStrings,
  tableIds: number[],
  drawingId: number | null,
): SheetParts {
  const positions = [...sheet.cells.keys()].sort((a, b) => a - b);
  const rows = new Map<number, string[]>();
  let maxRow = 0;
  let maxColumn = 0;
  for (const position of positions) {
    const row = Math.floor(position / COLUMNS);
    const column = position % COLUMNS;
    const cell = sheet.cells.get(position)!;
    maxRow = Math.max(maxRow, row);
    maxColumn = Math.max(maxColumn, column);
    const list = rows.get(row) ?? [];
    list.push(cellXml(row, column, cell.value, cell.formula, styles.xf(cell.style), strings));
    rows.set(row, list);
  }
  const rowXml = [...rows].map(([row, cells]) => `<row r="${row + 1}">${cells.join("")}</row>`).join("");
  const widths = [...sheet.widths].sort((a, b) => a[0] - b[0]);
  const cols =
    widths.length === 0
      ? ""
      : `<cols>${widths.map(([c, w]) => `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`;
  let priority = 1;
  const conditional = sheet.conditionalFormats
    .map(
      (format) =>
        `<conditionalFormatting sqref="${areaAddress(format.area.top, format.area.left, format.area.bottom - format.area.top + 1, format.area.right - format.area.left + 1)}">` +
        format.rules
          .map(
            (rule) =>
              `<cfRule type="cellIs" dxfId="${styles.dxf(rule.font, rule.fill)}" priority="${priority++}" operator="${rule.operator === "GreaterThan" ? "greaterThan" : "lessThan"}"><formula>${rule.threshold}</formula></cfRule>`,
          )
          .join("") +
        `</conditionalFormatting>`,
    )
    .join("");
  const rels: string[] = [];
  let drawing = "";
  if (drawingId !== null) {
    rels.push(`<Relationship Id="rId${rels.length + 1}" Type="${REL}/drawing" Target="../drawings/drawing${drawingId}.xml"/>`);
    drawing = `<drawing r:id="rId${rels.length}"/>`;
  }
  const tableParts = tableIds.map((id) => {
    rels.push(`<Relationship Id="rId${rels.length + 1}" Type="${REL}/table" Target="../tables/table${id}.xml"/>`);
    return `<tablePart r:id="rId${rels.length}"/>`;
  });
  const xml =
    `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
    // Printed (or exported to PDF) as one landscape page wide per sheet: a morning report on paper.
    `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<dimension ref="${positions.length === 0 ? "A1" : areaAddress(0, 0, maxRow + 1, maxColumn + 1)}"/>` +
    `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ""} workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>${rowXml}</sheetData>${conditional}` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>${drawing}` +
    (tableParts.length === 0 ? "" : `<tableParts count="${tableParts.length}">${tableParts.join("")}</tableParts>`) +
    `</worksheet>`;
  return { xml, rels };
}

function tableXml(id: number, table: BookSheet["tables"][number]): string {
  const ref = areaAddress(table.area.top, table.area.left, table.area.bottom - table.area.top + 1, table.area.right - table.area.left + 1);
  const columns = table.columns
    .map((name, i) => {
      const formula = table.calculated[i];
      const escaped = escapeAttribute(name.replace(/_x([0-9A-Fa-f]{4})_/g, "_x005F_x$1_"));
      return formula === null
        ? `<tableColumn id="${i + 1}" name="${escaped}"/>`
        : `<tableColumn id="${i + 1}" name="${escaped}"><calculatedColumnFormula>${escapeText(formula)}</calculatedColumnFormula></tableColumn>`;
    })
    .join("");
  return (
    `${HEAD}<table xmlns="${MAIN}" id="${id}" name="${escapeAttribute(table.name)}" displayName="${escapeAttribute(table.name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${table.columns.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

export interface WriteOptions {
  readonly title: string;
  readonly created: Date;
}

/** The workbook part before the refresh's provenance edit (which adds the `_MKT_Refresh*` names). */
export function writeBook(book: Book, options: WriteOptions): { files: Zippable; workbookPath: string } {
  const files: Zippable = {};
  const styles = new Styles();
  const strings = new SharedStrings();
  const overrides: string[] = [
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>`,
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>`,
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.spreadsheetml.sharedStrings+xml"/>`,
    `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`,
    `<Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/>`,
  ];
  const workbookRels: string[] = [];
  let tableId = 0;
  let drawingId = 0;
  book.sheets.forEach((sheet, i) => {
    const ids = sheet.tables.map((table) => {
      tableId++;
      files[`xl/tables/table${tableId}.xml`] = strToU8(tableXml(tableId, table));
      overrides.push(`<Override PartName="/xl/tables/table${tableId}.xml" ContentType="${CT}.spreadsheetml.table+xml"/>`);
      return tableId;
    });
    if (sheet.chart !== null) drawingId++;
    const parts = sheetXml(sheet, i === 0, styles, strings, ids, sheet.chart === null ? null : drawingId);
    if (sheet.chart !== null) {
      const drawingPath = `xl/drawings/drawing${drawingId}.xml`;
      files[drawingPath] = strToU8(drawingXml(sheet.chart, "rId1"));
      files[`xl/drawings/_rels/drawing${drawingId}.xml.rels`] = strToU8(
        `${HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/chart" Target="../charts/chart${drawingId}.xml"/></Relationships>`,
      );
      files[`xl/charts/chart${drawingId}.xml`] = strToU8(chartXml(sheet, sheet.chart));
      overrides.push(`<Override PartName="/${drawingPath}" ContentType="${CT}.drawing+xml"/>`);
      overrides.push(`<Override PartName="/xl/charts/chart${drawingId}.xml" ContentType="${CT}.drawingml.chart+xml"/>`);
    }
    const rels = parts.rels;
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(parts.xml);
    if (rels.length > 0)
      files[`xl/worksheets/_rels/sheet${i + 1}.xml.rels`] = strToU8(
        `${HEAD}<Relationships xmlns="${PKG_REL}">${rels.join("")}</Relationships>`,
      );
    overrides.push(`<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`);
    workbookRels.push(`<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  });
  const n = book.sheets.length;
  workbookRels.push(`<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/>`);
  workbookRels.push(`<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  const names = [...book.names]
    .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()))
    .map(
      (name) =>
        `<definedName name="${escapeAttribute(name.name)}"${name.comment === null ? "" : ` comment="${escapeAttribute(name.comment)}"`}>${escapeText(name.formula)}</definedName>`,
    );
  const workbook =
    `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="15000" activeTab="0"/></bookViews>` +
    `<sheets>${book.sheets.map((sheet, i) => `<sheet name="${escapeAttribute(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets>` +
    (names.length === 0 ? "" : `<definedNames>${names.join("")}</definedNames>`) +
    `<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>`;
  // Shared strings and styles are complete only once every sheet is written.
  files["xl/workbook.xml"] = strToU8(workbook);
  files["xl/_rels/workbook.xml.rels"] = strToU8(`${HEAD}<Relationships xmlns="${PKG_REL}">${workbookRels.join("")}</Relationships>`);
  files["xl/styles.xml"] = strToU8(styles.xml());
  files["xl/sharedStrings.xml"] = strToU8(strings.xml());
  const when = options.created.toISOString().replace(/\.\d{3}Z$/, "Z");
  files["docProps/core.xml"] = strToU8(
    `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:title>${escapeText(options.title)}</dc:title><dc:creator>Rotation Desk</dc:creator><cp:lastModifiedBy>Rotation Desk</cp:lastModifiedBy>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`,
  );
  // LibreOffice keeps a file's cached text results of formulas only when the generating application
  // is one it trusts (Excel, LibreOffice); otherwise it recalculates them, and an add-in function it
  // does not have becomes #NAME?. Excel-compatible writers (openpyxl, XlsxWriter) name Excel here
  // too; the creator (core.xml) and the provenance names say Rotation Desk wrote the file.
  files["docProps/app.xml"] = strToU8(
    `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application></Properties>`,
  );
  const ordered: Zippable = {
    "[Content_Types].xml": strToU8(
      `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join("")}</Types>`,
    ),
    "_rels/.rels": strToU8(
      `${HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="${PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
    ),
    ...files,
  };
  return { files: ordered, workbookPath: "xl/workbook.xml" };
}

export function zipBook(files: Zippable): Uint8Array {
  return zipSync(files, { level: 6 });
}
