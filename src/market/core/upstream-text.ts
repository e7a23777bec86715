const SNIPPET_LIMIT = 160;
/** C0 and C1 control characters: they must not reach a message or a log line. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]+/g;

/** Upstream text made safe for an error message: one line, no control characters, bounded. */
export function snippet(text: string, limit = SNIPPET_LIMIT): string {
  const flat = text.replace(CONTROL_CHARACTERS, " ").replace(/\s+/g, " ").trim();
  return flat.length > limit ? `${flat.slice(0, limit)}…` : flat;
}

/** What a body that is not the expected JSON looks like, for a message. */
export function describeNonJson(body: string): string {
  const start = body.trimStart();
  if (start === "") return "an empty body";
  if (start.startsWith("<")) return "an HTML page";
  if (start.startsWith("{") || start.startsWith("[")) return "incomplete or invalid JSON";
  return `text "${snippet(start)}"`;
}

export function tryParseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

/** A JSON object (not null, not an array): what an answer's fields are read from. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
