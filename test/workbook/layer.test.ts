import { spawnSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const ESLINT = path.join(ROOT, "node_modules/.bin/eslint");

function lint(file: string, code: string): { status: number | null; output: string } {
  const run = spawnSync(ESLINT, ["--max-warnings", "0", "--stdin", "--stdin-filename", file], { cwd: ROOT, input: code, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("src/workbook sits between src/addin and src/baskets", () => {
  it("may use baskets and market data", () => {
    expect(
      lint("src/workbook/probe.ts", 'import { PRESET_BASKETS } from "../baskets";\nexport const n = PRESET_BASKETS.length;\n').status,
    ).toBe(0);
  });

  it("must not import the functions, the add-in runtime or the pane above it", () => {
    expect(lint("src/workbook/probe.ts", 'import { FORMULAS } from "../functions";\nexport const f = FORMULAS;\n').output).toMatch(
      /src\/workbook must not import src\/functions, a layer above it/,
    );
    expect(lint("src/workbook/probe.ts", 'import { readSettings } from "../addin";\nexport const r = readSettings;\n').output).toMatch(
      /a layer above it/,
    );
  });

  it("is entered through its front door", () => {
    expect(
      lint("src/taskpane/probe.ts", 'import { seriesStyle } from "../workbook/series-style";\nexport const s = seriesStyle;\n').output,
    ).toMatch(/enter src\/workbook through its front door \(src\/workbook\/index\.ts\)/);
    expect(lint("src/taskpane/probe.ts", 'import { seriesStyle } from "../workbook";\nexport const s = seriesStyle;\n').status).toBe(0);
  });
});
