import { strToU8, unzipSync, zipSync } from "fflate";

/**
 * Small .xlsx packages built in tests, part by part, the way Excel lays them out: content types,
 * relationships, a workbook with sheets and names, worksheets, and optional tables, styles, shared
 * strings, charts, calcChain and document properties.
 */

export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument.spreadsheetml";

export interface FixtureSheet {
  readonly name: string;
  /** The `<sheetData>` content (rows). */
  readonly rows: string;
  /** Extra XML after </sheetData> (conditionalFormatting, drawing, tableParts…), in schema order. */
  readonly after?: string;
  /** Relationships of the sheet: [id, type suffix, target]. */
  readonly rels?: readonly (readonly [string, string, string])[];
}

export interface FixtureOptions {
  readonly sheets: readonly FixtureSheet[];
  /** `<definedName>` elements. */
  readonly names?: string;
  readonly calcPr?: string | null;
  /** Extra parts: path → [content type or null for a Default, xml]. */
  readonly parts?: Readonly<Record<string, readonly [string | null, string]>>;
  readonly sharedStrings?: readonly string[];
  /** Include Excel's dynamic-array cell metadata (cm="1" marks a dynamic array). */
  readonly dynamicArrays?: boolean;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

export function buildXlsx(options: FixtureOptions): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const overrides: string[] = [
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>`,
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>`,
  ];
  const workbookRels: string[] = [];
  options.sheets.forEach((sheet, i) => {
    const path = `xl/worksheets/sheet${i + 1}.xml`;
    overrides.push(`<Override PartName="/${path}" ContentType="${CT}.worksheet+xml"/>`);
    workbookRels.push(`<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
    files[path] = strToU8(
      `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>${sheet.rows}</sheetData>${sheet.after ?? ""}</worksheet>`,
    );
    if (sheet.rels !== undefined && sheet.rels.length > 0) {
      files[`xl/worksheets/_rels/sheet${i + 1}.xml.rels`] = strToU8(
        `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${sheet.rels.map(([id, type, target]) => `<Relationship Id="${id}" Type="${REL_NS}/${type}" Target="${target}"/>`).join("")}</Relationships>`,
      );
    }
  });
  const n = options.sheets.length;
  workbookRels.push(`<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>`);
  if (options.sharedStrings !== undefined) {
    workbookRels.push(`<Relationship Id="rId${n + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`);
    overrides.push(`<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>`);
    files["xl/sharedStrings.xml"] = strToU8(
      `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${options.sharedStrings.length}" uniqueCount="${options.sharedStrings.length}">${options.sharedStrings.map((s) => `<si><t xml:space="preserve">${s}</t></si>`).join("")}</sst>`,
    );
  }
  if (options.dynamicArrays === true) {
    workbookRels.push(`<Relationship Id="rId${n + 3}" Type="${REL_NS}/sheetMetadata" Target="metadata.xml"/>`);
    overrides.push(`<Override PartName="/xl/metadata.xml" ContentType="${CT}.sheetMetadata+xml"/>`);
    files["xl/metadata.xml"] = strToU8(
      `${XML_HEAD}<metadata xmlns="${MAIN_NS}" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray"><metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes><futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>`,
    );
  }
  const defaults = new Set<string>();
  for (const [path, [type, xml]] of Object.entries(options.parts ?? {})) {
    files[path] = strToU8(xml);
    if (type !== null) overrides.push(`<Override PartName="/${path}" ContentType="${type}"/>`);
    else defaults.add(path.slice(path.lastIndexOf(".") + 1));
  }
  files["[Content_Types].xml"] = strToU8(
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join("")}</Types>`,
  );
  files["_rels/.rels"] = strToU8(
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const calcPr = options.calcPr === undefined ? '<calcPr calcId="191029"/>' : (options.calcPr ?? "");
  files["xl/workbook.xml"] = strToU8(
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr defaultThemeVersion="166925"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews><sheets>${options.sheets
      .map((sheet, i) => `<sheet name="${sheet.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join("")}</sheets>${options.names === undefined ? "" : `<definedNames>${options.names}</definedNames>`}${calcPr}</workbook>`,
  );
  files["xl/_rels/workbook.xml.rels"] = strToU8(`${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${workbookRels.join("")}</Relationships>`);
  files["xl/styles.xml"] = strToU8(
    `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="2"><dxf><font><color rgb="FF006100"/></font></dxf><dxf><font><color rgb="FF9C0006"/></font></dxf></dxfs></styleSheet>`,
  );
  void defaults;
  return zipSync(files);
}

/** Every entry's bytes, by name. */
export function entries(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

export function entryXml(bytes: Uint8Array, name: string): string {
  const data = unzipSync(bytes)[name];
  if (data === undefined) throw new Error(`no entry ${name}`);
  return new TextDecoder().decode(data);
}

/** `<c>` for a formula with a cached value: `formulaCell("B2", '_xldudf_MKT_RSI("IWM")', 55)`. */
export function formulaCell(ref: string, formula: string, cached: number | string | null = null, attrs = ""): string {
  const escaped = formula.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const t = typeof cached === "string" ? ' t="str"' : "";
  const v = cached === null ? "" : `<v>${cached}</v>`;
  return `<c r="${ref}"${attrs}${t}><f>${escaped}</f>${v}</c>`;
}

export function textCell(ref: string, text: string, attrs = ""): string {
  return `<c r="${ref}" t="inlineStr"${attrs}><is><t>${text}</t></is></c>`;
}

export function numberCell(ref: string, value: number, attrs = ""): string {
  return `<c r="${ref}"${attrs}><v>${value}</v></c>`;
}
