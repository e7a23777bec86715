import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Debian's headless LibreOffice Calc (`libreoffice-calc-nogui`, installed by `.ci/run`) as a second,
 * independent reader of the workbooks `mkt refresh` and `mkt report` write. Like the suites in
 * test/support/services.ts: skipped with one line naming the package when `soffice` is missing,
 * a failure instead when MKT_REQUIRE_SERVICES=1.
 */
export const SOFFICE_BIN = process.env.SOFFICE_BIN ?? "/usr/bin/soffice";
const APT_PACKAGE = "libreoffice-calc-nogui";
const REPO_ROOT = path.resolve(__dirname, "../../..");

function isInstalled(bin: string): boolean {
  try {
    fs.accessSync(bin, fs.constants.X_OK);
    return fs.statSync(bin).isFile() || fs.lstatSync(bin).isSymbolicLink();
  } catch {
    return false;
  }
}

export function withLibreOffice(): { describe: jest.Describe; it: jest.It } {
  if (isInstalled(SOFFICE_BIN)) return { describe, it };
  const testPath = expect.getState().testPath;
  const suite = testPath === undefined ? "this suite" : path.relative(REPO_ROOT, testPath);
  const missing = `LibreOffice is not installed (no ${SOFFICE_BIN}; apt-get install ${APT_PACKAGE})`;
  if (process.env.MKT_REQUIRE_SERVICES === "1")
    throw new Error(`${suite} cannot run: ${missing}, and MKT_REQUIRE_SERVICES=1 makes that a failure`);
  process.stderr.write(`skipped ${suite}: ${missing}\n`);
  return { describe: describe.skip, it: it.skip };
}

export interface Conversion {
  readonly files: string[];
  readonly stderr: string;
}

/** Runs `soffice --headless --convert-to <filter>` on `file` into `outDir`, with a profile of its own. */
export function convert(file: string, filter: string, outDir: string): Promise<Conversion> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "mkt-lo-profile-"));
  return new Promise((resolve, reject) => {
    execFile(
      SOFFICE_BIN,
      [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", filter, "--outdir", outDir, file],
      { timeout: 120_000 },
      (error, _stdout, stderr) => {
        fs.rmSync(profile, { recursive: true, force: true });
        if (error !== null) {
          reject(new Error(`soffice failed: ${error.message}\n${stderr}`));
          return;
        }
        resolve({ files: fs.readdirSync(outDir), stderr });
      },
    );
  });
}

/** Every sheet as CSV (LibreOffice 7.2+: the filter's 12th option -1), by sheet name. */
export async function sheetsAsCsv(file: string, outDir: string): Promise<Map<string, string[][]>> {
  // 44 = comma, 34 = double quote, 76 = UTF-8, from line 1; cells as stored, not as shown; all sheets.
  await convert(file, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", outDir);
  const base = path.basename(file, path.extname(file));
  const sheets = new Map<string, string[][]>();
  for (const name of fs.readdirSync(outDir)) {
    if (!name.startsWith(`${base}-`) || !name.endsWith(".csv")) continue;
    sheets.set(name.slice(base.length + 1, -4), parseCsv(fs.readFileSync(path.join(outDir, name), "utf8")));
  }
  return sheets;
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A number as the CSV shows it: "1,736.47", "-21.58%". */
export function csvNumber(text: string): number {
  const clean = text.replace(/,/g, "").trim();
  return clean.endsWith("%") ? Number(clean.slice(0, -1)) / 100 : Number(clean);
}

/** The cell at an A1 address of a CSV grid ("" when outside). */
export function at(grid: readonly string[][], address: string): string {
  const match = /^([A-Z]+)(\d+)$/.exec(address)!;
  const column = [...match[1]].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
  return grid[Number(match[2]) - 1]?.[column] ?? "";
}
