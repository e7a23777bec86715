/**
 * A small XML scanner that keeps character offsets, so a part can be edited in place: the refresh
 * replaces a cell's value and leaves every other character of the sheet as it was (round-tripping
 * through a DOM would re-quote attributes, reorder namespaces and drop what it does not model).
 * Parts we only read go through fast-xml-parser (xml-read.ts).
 */

export interface Tag {
  /** Offset of `<`. */
  readonly start: number;
  /** Offset just after `>`. */
  readonly end: number;
  /** Qualified name as written (`x:c`). */
  readonly name: string;
  /** Name without its prefix (`c`). */
  readonly local: string;
  readonly kind: "open" | "close" | "empty";
}

export class XmlError extends Error {}

/** The next element tag at or after `from`, skipping comments, CDATA, processing instructions and declarations. */
export function nextTag(xml: string, from: number): Tag | null {
  let i = xml.indexOf("<", from);
  while (i >= 0) {
    if (xml.startsWith("<!--", i)) {
      const end = xml.indexOf("-->", i + 4);
      if (end < 0) throw new XmlError("unterminated comment");
      i = xml.indexOf("<", end + 3);
      continue;
    }
    if (xml.startsWith("<![CDATA[", i)) {
      const end = xml.indexOf("]]>", i + 9);
      if (end < 0) throw new XmlError("unterminated CDATA section");
      i = xml.indexOf("<", end + 3);
      continue;
    }
    if (xml.startsWith("<?", i) || xml.startsWith("<!", i)) {
      const end = xml.indexOf(">", i + 2);
      if (end < 0) throw new XmlError("unterminated declaration");
      i = xml.indexOf("<", end + 1);
      continue;
    }
    const end = tagEnd(xml, i);
    const closing = xml[i + 1] === "/";
    const nameMatch = /^[^\s/>]+/.exec(xml.slice(i + (closing ? 2 : 1), Math.min(end, i + 200)));
    if (nameMatch === null) throw new XmlError(`malformed tag at ${i}`);
    const name = nameMatch[0];
    const colon = name.indexOf(":");
    return {
      start: i,
      end,
      name,
      local: colon < 0 ? name : name.slice(colon + 1),
      kind: closing ? "close" : xml[end - 2] === "/" ? "empty" : "open",
    };
  }
  return null;
}

/** Offset after the `>` closing the tag that starts at `start`, skipping `>` inside quoted attribute values. */
function tagEnd(xml: string, start: number): number {
  let quote: string | null = null;
  for (let i = start + 1; i < xml.length; i++) {
    const char = xml[i];
    if (quote !== null) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === ">") {
      return i + 1;
    }
  }
  throw new XmlError(`unterminated tag at ${start}`);
}

/** The attributes of a start tag's text, by qualified name, values unescaped. */
export function attributes(tagText: string): Map<string, string> {
  const found = new Map<string, string>();
  const pattern = /([^\s=/<>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  const body = tagText.replace(/^<\/?[^\s/>]+/, "");
  for (const match of body.matchAll(pattern)) found.set(match[1], unescapeXml(match[3] ?? match[4] ?? ""));
  return found;
}

/** The matching close tag of the element opened by `open`; for an empty element, the element itself. */
export function elementEnd(xml: string, open: Tag): number {
  if (open.kind === "empty") return open.end;
  let depth = 0;
  let at = open.end;
  for (;;) {
    const tag = nextTag(xml, at);
    if (tag === null) throw new XmlError(`<${open.name}> at ${open.start} is never closed`);
    if (tag.name === open.name) {
      if (tag.kind === "open") depth++;
      else if (tag.kind === "close") {
        if (depth === 0) return tag.end;
        depth--;
      }
    }
    at = tag.end;
  }
}

/** The first element named `local` (any prefix) at or after `from`, with its extent; null when none. */
export function findElement(xml: string, local: string, from = 0, before = xml.length): { open: Tag; end: number } | null {
  let at = from;
  for (;;) {
    const tag = nextTag(xml, at);
    if (tag === null || tag.start >= before) return null;
    if (tag.local === local && tag.kind !== "close") return { open: tag, end: elementEnd(xml, tag) };
    at = tag.end;
  }
}

/** Text content between an element's start tag and its end tag (no child elements expected), unescaped. */
export function elementText(xml: string, element: { open: Tag; end: number }): string {
  if (element.open.kind === "empty") return "";
  const inner = xml.slice(element.open.end, xml.lastIndexOf("<", element.end - 1));
  return unescapeXml(inner.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, text: string) => escapeText(text)));
}

const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity] ?? whole;
  });
}

/** Characters XML 1.0 cannot carry at all; Excel writes them as `_xHHHH_` in strings. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeText(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(INVALID_XML, (char) => `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}

/** OOXML's escape for characters in strings (ST_Xstring): `_x000A_` → "\n". */
export function decodeXstring(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Sets (or, with null, removes) one attribute in a start tag's text, keeping the rest as written. */
export function withAttribute(tagText: string, name: string, value: string | null): string {
  const pattern = new RegExp(`(\\s)${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*=\\s*("[^"]*"|'[^']*')`);
  if (pattern.test(tagText)) {
    return value === null
      ? tagText.replace(pattern, "")
      : tagText.replace(pattern, (_, space: string) => `${space}${name}="${escapeAttribute(value)}"`);
  }
  if (value === null) return tagText;
  const close = tagText.endsWith("/>") ? tagText.length - 2 : tagText.length - 1;
  return `${tagText.slice(0, close)} ${name}="${escapeAttribute(value)}"${tagText.slice(close)}`;
}

/** Edits to one string, applied together: each replaces [start, end) with text; they must not overlap. */
export class Splice {
  private readonly edits: { start: number; end: number; text: string; order: number }[] = [];

  replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text, order: this.edits.length });
  }

  insert(at: number, text: string): void {
    this.replace(at, at, text);
  }

  /** Whether an edit replaces text starting at `start` (not a bare insertion). */
  replaces(start: number): boolean {
    return this.edits.some((edit) => edit.start === start && edit.end > start);
  }

  get size(): number {
    return this.edits.length;
  }

  apply(source: string): string {
    const sorted = [...this.edits].sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
    let out = "";
    let at = 0;
    for (const edit of sorted) {
      if (edit.start < at) throw new XmlError(`overlapping edits at ${edit.start}`);
      out += source.slice(at, edit.start) + edit.text;
      at = edit.end;
    }
    return out + source.slice(at);
  }
}
