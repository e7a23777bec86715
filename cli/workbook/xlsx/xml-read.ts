import { XMLParser } from "fast-xml-parser";

/**
 * Parts the refresh only reads (relationships, the workbook's sheet list and names, tables, shared
 * strings, cell metadata) go through fast-xml-parser: namespace prefixes dropped, attributes as
 * plain properties, text kept exactly (shared strings keep their spaces).
 */
const REPEATED = new Set([
  "si",
  "r",
  "t",
  "Relationship",
  "Override",
  "Default",
  "sheet",
  "definedName",
  "tableColumn",
  "bk",
  "rc",
  "metadataType",
  "futureMetadata",
  "ext",
  "tablePart",
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  removeNSPrefix: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATED.has(name),
});

export type XmlNode = Record<string, unknown>;

export function parseXml(text: string): XmlNode {
  return parser.parse(text) as XmlNode;
}

/** A child element (or the first of several), as an object; null when absent. */
export function child(node: unknown, name: string): XmlNode | null {
  if (typeof node !== "object" || node === null) return null;
  const value = (node as XmlNode)[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === null) return null;
  return typeof first === "object" ? (first as XmlNode) : { "#text": first };
}

/** Every child element of that name, as objects. */
export function children(node: unknown, name: string): XmlNode[] {
  if (typeof node !== "object" || node === null) return [];
  const value = (node as XmlNode)[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((item) => (typeof item === "object" && item !== null ? (item as XmlNode) : { "#text": item }));
}

export function attribute(node: XmlNode | null, name: string): string | null {
  const value = node?.[name];
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : null;
}

/** An element's own text. */
export function textOf(node: unknown): string {
  if (typeof node === "string") return node;
  if (typeof node === "number") return String(node);
  if (typeof node === "object" && node !== null && "#text" in node) return String((node as XmlNode)["#text"]);
  return "";
}
