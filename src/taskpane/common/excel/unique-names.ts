import { MAX_NAME_LENGTH } from "../../../baskets";

const MAX_SHEET_NAME = 31;

/** `base`, else `base2`, `base3`…: the first not in `taken` (lower-case names; Excel ignores case). */
export function uniqueTableName(base: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const tail = n === 1 ? "" : String(n);
    const candidate = base.slice(0, MAX_NAME_LENGTH - tail.length) + tail;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** A worksheet name Excel accepts (≤ 31 characters, none of []:*?/\), unique: "Mag_7", "Mag_7 (2)"… */
export function uniqueSheetName(base: string, taken: ReadonlySet<string>): string {
  let clean = base
    .replace(/[[\]:*?/\\]/g, "_")
    .replace(/^'+|'+$/g, "")
    .trim();
  if (clean === "" || clean.toLowerCase() === "history") clean = `${clean || "Sheet"}_`;
  for (let n = 1; ; n++) {
    const tail = n === 1 ? "" : ` (${n})`;
    const candidate = clean.slice(0, MAX_SHEET_NAME - tail.length) + tail;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
