/** The compressions this server sends. */
export type BodyEncoding = "br" | "gzip";
/** Best first: brotli is smaller, and single histories keep a brotli copy. */
const PREFERENCE: readonly BodyEncoding[] = ["br", "gzip"];

/**
 * The encoding to answer with for an Accept-Encoding header, or null for none (identity): the
 * client's highest q-value wins, the earlier in `preference` when they tie; q=0 refuses; "*" means any.
 */
export function preferredEncoding(
  header: string | string[] | undefined,
  preference: readonly BodyEncoding[] = PREFERENCE,
): BodyEncoding | null {
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
  for (const encoding of preference) {
    const weight = weights.get(encoding) ?? weights.get("*") ?? 0;
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}
