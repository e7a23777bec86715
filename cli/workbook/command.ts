import { refreshCommand } from "./refresh-command";
import { reportCommand } from "./report-command";
import { STDIO, Streams } from "./streams";

/** The workbook subcommands of `mkt`: `mkt refresh BOOK.xlsx …` and `mkt report -o REPORT.xlsx …`. */
export const WORKBOOK_COMMANDS = ["refresh", "report"] as const;

export function isWorkbookCommand(word: string | undefined): boolean {
  return word !== undefined && (WORKBOOK_COMMANDS as readonly string[]).includes(word);
}

export function runWorkbookCommand(argv: string[], io: Streams = STDIO): Promise<number> {
  const [command, ...rest] = argv;
  return command === "refresh" ? refreshCommand(rest, io) : reportCommand(rest, io);
}
