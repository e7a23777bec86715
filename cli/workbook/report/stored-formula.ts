import { MKT_NAMESPACE } from "../../../src/workbook";

/**
 * A formula as the layouts write it for a person (`=MKT.PRICE([@Ticker])`) in the form Excel stores
 * it in a file: no "=", our functions as `_xldudf_MKT_PRICE` (how Excel saves a JavaScript custom
 * function, namespace and id joined by "_"), and `[@Col]` as `Table[[#This Row],[Col]]`.
 */
export function storedFormula(typed: string, tableName: string | null = null): string {
  const text = typed.startsWith("=") ? typed.slice(1) : typed;
  let out = "";
  let i = 0;
  const prefix = `${MKT_NAMESPACE}.`;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      const start = i;
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') i += 2;
        else if (text[i] === '"') break;
        else i++;
      }
      out += text.slice(start, i + 1);
      i++;
      continue;
    }
    const boundary = i === 0 || !/[A-Za-z0-9_.]/.test(text[i - 1]);
    if (boundary && text.slice(i, i + prefix.length).toUpperCase() === prefix) {
      out += `_xldudf_${MKT_NAMESPACE}_`;
      i += prefix.length;
      continue;
    }
    if (char === "[" && text[i + 1] === "@" && tableName !== null) {
      const end = text.indexOf("]", i);
      out += `${tableName}[[#This Row],[${text.slice(i + 2, end)}]]`;
      i = end + 1;
      continue;
    }
    out += char;
    i++;
  }
  return out;
}
