"use strict";
/**
 * Minified and gzipped sizes of the add-in's bundles, and the budget of functions.js.
 * Used as a webpack plugin (webpack.config.js) and on its own: `node scripts/bundle-sizes.js [distDir]`.
 * The functions bundle runs in every workbook calculation, so it stays small and free of React.
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const BUNDLES = ["functions.js", "taskpane.js"];
/** Budget of functions.js, minified. */
const FUNCTIONS_LIMIT_BYTES = 100 * 1024;

function measure(name, source) {
  const bytes = Buffer.isBuffer(source) ? source : Buffer.from(source);
  return { name, minified: bytes.length, gzipped: zlib.gzipSync(bytes, { level: 9 }).length };
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function report(sizes) {
  const width = Math.max(...sizes.map((s) => s.name.length));
  return sizes
    .map((s) => `  ${s.name.padEnd(width)}  ${kb(s.minified).padStart(9)} minified  ${kb(s.gzipped).padStart(8)} gzipped`)
    .join("\n");
}

/** The budget problem, or null when the bundles fit. */
function budgetProblem(sizes, limitBytes = FUNCTIONS_LIMIT_BYTES) {
  const functions = sizes.find((s) => s.name === "functions.js");
  if (functions === undefined) return "functions.js was not built";
  if (functions.minified > limitBytes) {
    return `functions.js is ${kb(functions.minified)} minified, over its budget of ${kb(limitBytes)}: keep React and other UI code out of it`;
  }
  return null;
}

/** Prints the sizes after every build; in production mode an over-budget functions.js fails the build. */
class BundleSizesPlugin {
  constructor(options = {}) {
    this.enforceBudget = options.enforceBudget !== false;
    this.limitBytes = options.limitBytes ?? FUNCTIONS_LIMIT_BYTES;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap("BundleSizesPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "BundleSizesPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        (assets) => {
          const sizes = BUNDLES.filter((name) => assets[name] !== undefined).map((name) => measure(name, assets[name].buffer()));
          console.log(`Bundle sizes:\n${report(sizes)}`);
          const problem = this.enforceBudget ? budgetProblem(sizes, this.limitBytes) : null;
          if (problem !== null) {
            compilation.errors.push(new compiler.webpack.WebpackError(problem));
          }
        },
      );
    });
  }
}

function measureDist(distDir) {
  return BUNDLES.map((name) => measure(name, fs.readFileSync(path.join(distDir, name))));
}

if (require.main === module) {
  const distDir = path.resolve(process.argv[2] || path.join(__dirname, "..", "dist"));
  const sizes = measureDist(distDir);
  console.log(`Bundle sizes in ${distDir}:\n${report(sizes)}`);
  const problem = budgetProblem(sizes);
  if (problem !== null) {
    console.error(problem);
    process.exitCode = 1;
  }
}

module.exports = { BundleSizesPlugin, measureDist, budgetProblem, FUNCTIONS_LIMIT_BYTES };
