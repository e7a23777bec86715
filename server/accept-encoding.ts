/** The compressions this server sends, best first. */
export type BodyEncoding = "br" | "gzip";
const PREFERENCE: readonly BodyEncoding[] = ["br", "gzip"];

/**
 * The encoding to answer with for an Accept-Encoding header, or null for none (identity): the
 * client's highest q-value wins, brotli before gzip when they tie; q=0 refuses; "*" means any.
 */
export function preferredEncoding(header: string | string[] | undefined): BodyEncoding | null {
  if (header === undefined) return null;
  const weights = new Map<string, number>();
  for (const item of (Array.isArray(header) ? header.join(",") : header).split(",")) {
    const [name, ...params] = item.trim().toLowerCase().split(";");
    if (name === "") continue;
    let q = 1;
    for (const param of params) {
      const match = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(param);
      if (match) q = Number(match[1]);
    }
    weights.set(name === "x-gzip" ? "gzip" : name, Number.isFinite(q) ? q : 0);
  }
  let best: BodyEncoding | null = null;
  let bestWeight = 0;
  for (const encoding of PREFERENCE) {
    const weight = weights.get(encoding) ?? weights.get("*") ?? 0;
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}
