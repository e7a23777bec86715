import { spawnSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const ESLINT = path.join(ROOT, "node_modules/.bin/eslint");

/** Lints `code` as if it were the file at `file` (a path in the repository; the file need not exist). */
function lint(file: string, code: string): { status: number | null; output: string } {
  const run = spawnSync(ESLINT, ["--max-warnings", "0", "--stdin", "--stdin-filename", file], { cwd: ROOT, input: code, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("npm run lint enforces the import boundaries", () => {
  it.each([
    [
      "src/analytics imports nothing of ours",
      "src/analytics/probe.ts",
      'import { parseTicker } from "../market";',
      /src\/analytics imports nothing of ours/,
    ],
    [
      "nothing under src/ imports server/",
      "src/functions/probe.ts",
      'import { buildServer } from "../../server/app";',
      /src\/ must not import server\//,
    ],
    ["nothing under src/ imports cli/", "src/taskpane/probe.ts", 'import { main } from "../../cli/main";', /src\/ must not import cli\//],
    [
      "browser code never imports store/node",
      "src/addin/probe.ts",
      'import { RedisSeriesCache } from "../market/store/node";',
      /Node-only code/,
    ],
    ["nor Redis itself", "src/market/store/probe.ts", 'import Redis from "ioredis";', /src\/market\/store\/node \(server only\)/],
    [
      "a market part is entered through its index",
      "src/market/relay/probe.ts",
      'import { snippet } from "../core/upstream-text";',
      /through its index\.ts/,
    ],
    [
      "a provider reaches shared code through its index",
      "src/market/providers/yahoo/probe.ts",
      'import { providerSettings } from "../shared/provider-client";',
      /through its index\.ts/,
    ],
    [
      "other layers enter the market through its front door",
      "src/functions/probe.ts",
      'import { HistoryStore } from "../market/store/history-store";',
      /enter src\/market through its front door/,
    ],
    [
      "tests too import market parts through their index",
      "test/market/probe.test.ts",
      'import { parseTicker } from "../../src/market/core/ticker";',
      /tests import the market part/,
    ],
    [
      "layers depend downward only",
      "src/functions/probe.ts",
      'import { App } from "../taskpane/App";',
      /must not import src\/taskpane, a layer above it/,
    ],
    [
      "a layer is entered through its front door",
      "cli/probe.ts",
      'import { evaluateFormula } from "../src/functions/catalog";',
      /enter src\/functions through its front door/,
    ],
  ])("%s", (_rule, file, code, message) => {
    const result = lint(file, `${code}\nexport const used = [${code.match(/import \{? ?(\w+)/)![1]}];\n`);
    expect(result.output).toMatch(message);
    expect(result.status).toBe(1);
  });

  it.each([
    ["a layer's front door", "src/functions/probe.ts", 'import { parseTicker } from "../market";'],
    ["a market part's index from another part", "src/market/relay/probe.ts", 'import { snippet } from "../core";'],
    ["the Node-only store from the server", "server/probe.ts", 'import { RedisSeriesCache } from "../src/market/store/node";'],
    [
      "a layer's internals from its own tests",
      "test/functions/probe.test.ts",
      'import { parseDateArg } from "../../src/functions/args/dates";',
    ],
  ])("allows %s", (_case, file, code) => {
    const result = lint(file, `${code}\nexport const used = [${code.match(/import \{? ?(\w+)/)![1]}];\n`);
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  });
});
