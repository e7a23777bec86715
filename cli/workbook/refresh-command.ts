import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatStats, PROVIDER_NAMES } from "../../src/market";
import { commandLine, knownProvider } from "../command-line";
import { providerDescription, useCliDataSource } from "./data-source";
import { refreshWorkbookBytes, RefreshReport } from "./refresh/refresh";
import { Streams } from "./streams";
import { WorkbookFileError, writeFileAtomically } from "./xlsx/package";

export const REFRESH_USAGE = `Usage: mkt refresh BOOK.xlsx [-o OUT.xlsx | --in-place] [--provider ${PROVIDER_NAMES.join("|")}]
                          [--no-cache] [--no-recalc-on-open] [--json] [--stats]

Recomputes every MKT formula in a saved workbook (and the formulas that depend on them) with the
code the add-in runs, and writes the results as the cells' cached values; nothing else in the file
changes. The workbook is marked to recalculate when Excel opens it.

  -o, --output FILE   where to write (default: BOOK.refreshed.xlsx next to BOOK)
  --in-place          replace BOOK itself (through a temporary file, renamed when complete)
  --provider NAME     data source (default yahoo; demo = synthetic offline data)
  --no-cache          do not read or write the disk cache of histories
  --no-recalc-on-open leave the workbook's calculation settings alone (by default Excel is asked to
                      recalculate on open, so the add-in's cells go live; without the add-in they
                      would turn to #NAME?)
  --json              print what happened as JSON
  --stats             print data counters to stderr
  -h, --help          show this help

Exit status: 0 every MKT cell computed, 1 some cells hold errors or could not be computed (the file
is written all the same), 2 usage error or a file that cannot be refreshed (nothing written).`;

function defaultOutput(input: string): string {
  const ext = path.extname(input);
  return path.join(path.dirname(input), `${path.basename(input, ext)}.refreshed${ext === "" ? ".xlsx" : ext}`);
}

function summary(report: RefreshReport, input: string, output: string): string[] {
  const lines = [
    `mkt refresh: ${report.mktCells} MKT cell${report.mktCells === 1 ? "" : "s"} and ${report.recomputed - report.mktCells} dependent formula${report.recomputed - report.mktCells === 1 ? "" : "s"} recomputed in ${input}` +
      (report.spilledCells > 0 ? `, ${report.spilledCells} spilled cell${report.spilledCells === 1 ? "" : "s"}` : "") +
      `; wrote ${output}`,
  ];
  if (report.problems.length > 0) {
    lines.push(`mkt refresh: ${report.problems.length} cell${report.problems.length === 1 ? "" : "s"} could not be computed:`);
    for (const problem of report.problems.slice(0, 20))
      lines.push(`  ${problem.cell} ${problem.code}${problem.message === "" ? "" : ` ${problem.message}`}`);
    if (report.problems.length > 20)
      lines.push(`  … and ${report.problems.length - 20} more (all listed in the workbook name _MKT_RefreshStatus)`);
  }
  for (const note of report.notes) lines.push(`mkt refresh: note: ${note}`);
  return lines;
}

export async function refreshCommand(argv: string[], io: Streams, now: () => Date = () => new Date()): Promise<number> {
  const parsed = commandLine("mkt refresh", REFRESH_USAGE, io, () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        output: { type: "string", short: "o" },
        "in-place": { type: "boolean", default: false },
        provider: { type: "string", default: "yahoo" },
        "no-cache": { type: "boolean", default: false },
        "no-recalc-on-open": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        stats: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }),
  );
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    io.err(`mkt refresh: give one workbook${positionals.length > 1 ? ` (got ${positionals.length})` : ""}\n\n${REFRESH_USAGE}`);
    return 2;
  }
  const input = positionals[0];
  if (values["in-place"] && values.output !== undefined) {
    io.err("mkt refresh: give either -o OUT.xlsx or --in-place, not both");
    return 2;
  }
  if (!knownProvider("mkt refresh", values.provider, io)) return 2;
  const output = values["in-place"] ? input : (values.output ?? defaultOutput(input));
  if (!values["in-place"] && path.resolve(output) === path.resolve(input)) {
    io.err(`mkt refresh: -o names the input itself; use --in-place to replace ${input}`);
    return 2;
  }
  if (!/\.(xlsx|xlsm)$/i.test(output)) {
    io.err(`mkt refresh: the output ${output} should end in .xlsx (or .xlsm, as its input)`);
    return 2;
  }
  let bytes: Buffer;
  let mode: number;
  try {
    const stat = fs.statSync(input);
    if (!stat.isFile()) throw new WorkbookFileError(`${input} is not a file`);
    mode = stat.mode & 0o777;
    bytes = fs.readFileSync(input);
  } catch (error) {
    const message =
      error instanceof WorkbookFileError
        ? error.message
        : `cannot read ${input}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`;
    io.err(`mkt refresh: ${message}`);
    return 2;
  }
  if (values.provider === "demo") io.err("mkt refresh: demo provider: synthetic prices and fundamentals, not market data");
  const { store } = useCliDataSource(values.provider, { noCache: values["no-cache"] });
  let result;
  try {
    result = await refreshWorkbookBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), input, {
      provider: providerDescription(values.provider),
      now: now(),
      recalculateOnOpen: !values["no-recalc-on-open"],
    });
  } catch (error) {
    if (error instanceof WorkbookFileError) {
      io.err(`mkt refresh: ${error.message}`);
      return 2;
    }
    throw error;
  }
  try {
    writeFileAtomically(output, result.bytes, values["in-place"] ? mode : undefined);
  } catch (error) {
    io.err(`mkt refresh: cannot write ${output}: ${(error as Error).message}`);
    return 2;
  }
  await store.flush();
  const { report } = result;
  if (values.json) io.out(JSON.stringify({ input, output, ...report }));
  for (const line of summary(report, input, output)) io.err(line);
  if (values.stats) io.err(formatStats(store.stats()));
  return report.problems.length > 0 ? 1 : 0;
}
