// Module-level copies: in sandboxes such as jest's vm context every lookup of the global `Math`
// is slow, and these run tens of thousands of times per demo series.
const { imul, log, sqrt, sin, cos, PI } = Math;

/** 32-bit FNV-1a hash of a string's UTF-16 code units. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Mulberry32: a tiny deterministic generator of uniforms in [0, 1). */
export function uniformSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws (Box–Muller) from a uniform source. */
export function normalSource(uniform: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const u = 1 - uniform(); // (0, 1]: log stays finite
    const v = uniform();
    const radius = sqrt(-2 * log(u));
    spare = radius * sin(2 * PI * v);
    return radius * cos(2 * PI * v);
  };
}
