/**
 * Rotation Desk's import boundaries (see README "Layout"), as one ESLint rule that resolves every
 * relative import against the importing file:
 *  - layers depend downward only: bench/cli/server → src/taskpane → src/functions → src/addin →
 *    src/workbook → src/baskets → src/market → src/analytics; src/analytics imports nothing of ours;
 *  - nothing under src/ imports server/, cli/, bench/ or test/;
 *  - a layer is entered through its front door (its index.ts; for the market layer also the
 *    Node-only store/node and the browser-only store/browser);
 *  - inside src/market, a part (core, providers, providers/<name>, providers/shared, resilience,
 *    store, store/browser, store/node, relay, quotes) is imported only through its index.ts;
 *  - no file under src/ reaches src/market/store/node: Node-only code never enters the add-in's bundles.
 * Tests may open a layer's internals (unit tests), but market parts only through their index.
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const rel = (file) => path.relative(ROOT, file).split(path.sep).join("/");

/** Top layer first; a file may import its own layer and the ones after it. */
const LAYERS = [
  "bench",
  "cli",
  "server",
  "src/taskpane",
  "src/functions",
  "src/addin",
  "src/workbook",
  "src/baskets",
  "src/market",
  "src/analytics",
];
/** Front doors of each layer, for importers outside it. */
const FRONT_DOORS = {
  "src/functions": ["src/functions/index.ts"],
  "src/addin": ["src/addin/index.ts"],
  "src/workbook": ["src/workbook/index.ts"],
  "src/baskets": ["src/baskets/index.ts"],
  "src/market": ["src/market/index.ts", "src/market/store/node/index.ts", "src/market/store/browser/index.ts"],
  "src/analytics": ["src/analytics/index.ts"],
};
const MARKET_PARTS = [
  "src/market/core",
  "src/market/providers",
  "src/market/providers/shared",
  ...["yahoo", "alphavantage", "polygon", "tiingo", "twelvedata", "fmp", "demo"].map((name) => `src/market/providers/${name}`),
  "src/market/resilience",
  "src/market/store",
  "src/market/store/browser",
  "src/market/store/node",
  "src/market/relay",
  "src/market/quotes",
];
const OUTSIDE_SRC = ["server", "cli", "bench", "test"];

const within = (file, dir) => file === dir || file.startsWith(`${dir}/`);
const layerOf = (file) => LAYERS.find((layer) => within(file, layer)) ?? null;
const partOf = (file) => MARKET_PARTS.filter((part) => within(file, part)).sort((a, b) => b.length - a.length)[0] ?? null;

function resolve(fromFile, specifier) {
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx"), base]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return rel(candidate);
  }
  // Not there (yet): judge the path as written; the compiler reports the missing file itself.
  return `${rel(base)}.ts`;
}

/** The first boundary `importer` → `target` (repository paths) breaks, as a message; null when none. */
export function boundaryProblem(importer, target) {
  const isTest = within(importer, "test");
  if (within(importer, "src")) {
    const outside = OUTSIDE_SRC.find((dir) => within(target, dir));
    if (outside !== undefined) return `src/ must not import ${outside}/ (${target})`;
    if (within(target, "src/market/store/node") && !within(importer, "src/market/store/node")) {
      return `Node-only code (${target}) must not be imported under src/: it would reach the add-in's bundles`;
    }
  }
  const fromPart = partOf(importer);
  const toPart = partOf(target);
  if (toPart !== null && fromPart !== toPart && target !== `${toPart}/index.ts` && within(importer, "src/market")) {
    return `import the market part ${toPart} through its index.ts, not ${target}`;
  }
  if (toPart !== null && isTest && target !== `${toPart}/index.ts` && target !== "src/market/index.ts") {
    return `tests import the market part ${toPart} through its index.ts, not ${target}`;
  }
  if (isTest) return null;
  const fromLayer = layerOf(importer);
  const toLayer = layerOf(target);
  if (fromLayer === null || toLayer === null || fromLayer === toLayer) return null;
  if (fromLayer === "src/analytics") return `src/analytics imports nothing of ours (${target})`;
  if (LAYERS.indexOf(toLayer) < LAYERS.indexOf(fromLayer)) return `${fromLayer} must not import ${toLayer}, a layer above it (${target})`;
  const doors = FRONT_DOORS[toLayer];
  if (doors !== undefined && !doors.includes(target) && !(toLayer === "src/market" && toPart !== null && target === `${toPart}/index.ts`)) {
    return `enter ${toLayer} through its front door (${doors.join(" or ")}), not ${target}`;
  }
  return null;
}

export const layerBoundaries = {
  meta: {
    type: "problem",
    docs: { description: "Rotation Desk's layer and market-part import boundaries" },
    schema: [],
  },
  create(context) {
    const importer = rel(context.filename);
    function check(node, source) {
      if (typeof source !== "string" || !source.startsWith(".")) return;
      const target = resolve(context.filename, source);
      const problem = boundaryProblem(importer, target);
      if (problem !== null) context.report({ node, message: problem });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === "Literal" && check(node, node.source.value),
    };
  },
};

export default { rules: { "layer-boundaries": layerBoundaries } };
