import { attributes, escapeAttribute, escapeText, findElement, nextTag, Splice, withAttribute } from "../xlsx/xml";

/**
 * The two edits the refresh makes to the workbook part, in place: the calculation properties
 * (`<calcPr fullCalcOnLoad="1">`, so Excel recalculates on open and the add-in's functions go live
 * again) and the provenance, as workbook names a recipient can read in the Name Manager or in a cell
 * (`=_MKT_RefreshedAt`).
 */

/** The provenance names, in the order written; a refresh replaces its earlier ones. */
export const PROVENANCE_NAMES = ["_MKT_RefreshedAt", "_MKT_RefreshProvider", "_MKT_RefreshStatus"] as const;

export interface Provenance {
  /** ISO time with the computer's offset. */
  readonly refreshedAt: string;
  /** Provider id and how to read it ("yahoo", "demo — demo data, not market prices"). */
  readonly provider: string;
  /** Counts and the cells that could not be computed, with why. */
  readonly status: string;
}

/** Excel refuses string literals longer than 255 characters and formulas longer than 8,192. */
const MAX_LITERAL = 255;
const MAX_FORMULA = 8_000;

/** A text constant as a name's formula: quoted, split into `&`-joined literals of at most 255 characters. */
export function textConstantFormula(text: string): string {
  let budget = text;
  const literal = (part: string): string => `"${part.replace(/"/g, '""')}"`;
  for (;;) {
    const parts: string[] = [];
    for (let i = 0; i < budget.length; i += MAX_LITERAL) parts.push(literal(budget.slice(i, i + MAX_LITERAL)));
    const formula = parts.length === 0 ? '""' : parts.join("&");
    if (formula.length <= MAX_FORMULA) return formula;
    budget = `${budget.slice(0, Math.floor(budget.length * 0.9))}…`;
  }
}

/** Elements that follow `<definedNames>` in a workbook part (ECMA-376 CT_Workbook order). */
const AFTER_DEFINED_NAMES = [
  "calcPr",
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
];
const AFTER_CALC_PR = AFTER_DEFINED_NAMES.slice(1);

/** Offset of the first top-level child of <workbook> named in `names`, else of </workbook>. */
function insertionPoint(xml: string, names: readonly string[]): number {
  const root = findElement(xml, "workbook");
  if (root === null) throw new Error("the workbook part has no <workbook> element");
  let at = root.open.end;
  let depth = 0;
  for (;;) {
    const tag = nextTag(xml, at);
    if (tag === null || tag.start >= root.end) return xml.lastIndexOf("<", root.end - 1);
    if (depth === 0 && tag.kind !== "close" && names.includes(tag.local)) return tag.start;
    if (tag.kind === "open") depth++;
    if (tag.kind === "close") {
      if (depth === 0) return tag.start;
      depth--;
    }
    at = tag.end;
  }
}

/** `recalculateOnOpen` false leaves the calculation properties as they are (for recipients without the add-in). */
export function updateWorkbookXml(xml: string, provenance: Provenance, recalculateOnOpen = true): string {
  const root = findElement(xml, "workbook")!;
  const prefix = root.open.name.slice(0, root.open.name.length - "workbook".length);
  const splice = new Splice();
  const values: Record<(typeof PROVENANCE_NAMES)[number], string> = {
    _MKT_RefreshedAt: provenance.refreshedAt,
    _MKT_RefreshProvider: provenance.provider,
    _MKT_RefreshStatus: provenance.status,
  };
  const ours = PROVENANCE_NAMES.map(
    (name) =>
      `<${prefix}definedName name="${name}" comment="${escapeAttribute("Written by Rotation Desk's mkt refresh")}">${escapeText(textConstantFormula(values[name]))}</${prefix}definedName>`,
  ).join("");

  const names = findElement(xml, "definedNames");
  if (names === null) {
    splice.insert(insertionPoint(xml, AFTER_DEFINED_NAMES), `<${prefix}definedNames>${ours}</${prefix}definedNames>`);
  } else if (names.open.kind === "empty") {
    splice.replace(
      names.open.start,
      names.end,
      `${xml.slice(names.open.start, names.open.end - 2).trimEnd()}>${ours}</${prefix}definedNames>`,
    );
  } else {
    let at = names.open.end;
    for (;;) {
      const entry = findElement(xml, "definedName", at, names.end);
      if (entry === null) break;
      const name = attributes(xml.slice(entry.open.start, entry.open.end)).get("name") ?? "";
      if ((PROVENANCE_NAMES as readonly string[]).includes(name)) splice.replace(entry.open.start, entry.end, "");
      at = entry.end;
    }
    splice.insert(xml.lastIndexOf("<", names.end - 1), ours);
  }

  const calc = findElement(xml, "calcPr");
  if (!recalculateOnOpen) return splice.apply(xml);
  if (calc === null) {
    splice.insert(insertionPoint(xml, AFTER_CALC_PR), `<${prefix}calcPr fullCalcOnLoad="1"/>`);
  } else {
    const open = xml.slice(calc.open.start, calc.open.end);
    splice.replace(calc.open.start, calc.open.end, withAttribute(open, "fullCalcOnLoad", "1"));
  }
  return splice.apply(xml);
}
