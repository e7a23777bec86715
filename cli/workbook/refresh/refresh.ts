import { ExcelError } from "../formula/values";
import { entryText, readPackage, setEntryText, writePackage } from "../xlsx/package";
import { readWorkbookFile } from "../xlsx/workbook-file";
import { fileModel } from "./file-model";
import { describeCell, recalculate } from "./recalc";
import { updateWorkbookXml } from "./workbook-xml";
import { writeBack } from "./write-back";

/** `mkt refresh` without the files: workbook bytes in, refreshed bytes and what happened out. */

export interface RefreshProblem {
  /** "Sheet1!B4" */
  readonly cell: string;
  /** "#N/A", or "not computed" when the refresh left the cell's value as it was. */
  readonly code: string;
  readonly message: string;
}

export interface RefreshReport {
  readonly mktCells: number;
  /** Formula cells recomputed: MKT cells and the formulas that depend on them. */
  readonly recomputed: number;
  readonly spilledCells: number;
  readonly problems: readonly RefreshProblem[];
  readonly changedParts: readonly string[];
  readonly notes: readonly string[];
}

export interface RefreshOptions {
  /** Who supplied the data, as the provenance says it. */
  readonly provider: string;
  readonly now: Date;
  /** Mark the workbook to recalculate when Excel opens it (default true). */
  readonly recalculateOnOpen?: boolean;
}

const MAX_LISTED = 50;

/** "2026-12-01T08:30:00+01:00": local time with its offset. */
export function isoWithOffset(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const pad = (n: number): string => String(Math.trunc(Math.abs(n))).padStart(2, "0");
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  return `${local}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** Excel serial of the computer's local date and time. */
export function localSerial(date: Date): number {
  return (date.getTime() - date.getTimezoneOffset() * 60_000) / 86_400_000 + 25_569;
}

export function statusText(report: Omit<RefreshReport, "changedParts" | "notes">): string {
  const others = report.recomputed - report.mktCells;
  const head = `${report.mktCells} MKT cell${report.mktCells === 1 ? "" : "s"}${others > 0 ? ` and ${others} dependent formula${others === 1 ? "" : "s"}` : ""} recomputed`;
  if (report.problems.length === 0) return `${head}; every cell computed.`;
  const listed = report.problems.slice(0, MAX_LISTED).map((p) => `${p.cell} ${p.code}${p.message === "" ? "" : `: ${p.message}`}`);
  const more = report.problems.length > MAX_LISTED ? `; and ${report.problems.length - MAX_LISTED} more` : "";
  return `${head}; ${report.problems.length} could not be computed: ${listed.join("; ")}${more}.`;
}

export async function refreshWorkbookBytes(
  bytes: Uint8Array,
  label: string,
  options: RefreshOptions,
): Promise<{ bytes: Uint8Array; report: RefreshReport }> {
  const pkg = readPackage(bytes, label);
  const file = readWorkbookFile(pkg, label);
  const { model } = fileModel(file);
  const serial = localSerial(options.now);
  const result = await recalculate(model, { today: Math.floor(serial), now: serial });
  const problems: RefreshProblem[] = [];
  for (const [key, outcome] of [...result.formulas].sort((a, b) => a[0] - b[0])) {
    if (outcome.kind === "not-computed") problems.push({ cell: describeCell(model, key), code: "not computed", message: outcome.reason });
    else if (outcome.value instanceof ExcelError && result.mktCells.has(key)) {
      problems.push({ cell: describeCell(model, key), code: outcome.value.code, message: outcome.value.message });
    }
  }
  const written = writeBack(file, result);
  const summary = { mktCells: result.mktCells.size, recomputed: result.formulas.size, spilledCells: result.spilled.size, problems };
  const workbookXml = entryText(pkg, file.workbookPath)!;
  setEntryText(
    pkg,
    file.workbookPath,
    updateWorkbookXml(
      workbookXml,
      { refreshedAt: isoWithOffset(options.now), provider: options.provider, status: statusText(summary) },
      options.recalculateOnOpen ?? true,
    ),
  );
  return {
    bytes: writePackage(pkg),
    report: { ...summary, changedParts: [...written.changedParts, file.workbookPath], notes: written.notes },
  };
}
