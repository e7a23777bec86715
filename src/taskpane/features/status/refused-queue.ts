import { describeRetryTime } from "../../../functions";
import { formatWait } from "../../../market";
import type { RecalculateResult, RefusedQueue } from "../../common/workbook";

/** How the status words the queue of refused cells, at `now`. */
export interface RefusedQueueText {
  /** "12 cells refused by the plan's limits". */
  readonly summary: string;
  /** "the first can be recalculated after 14:32 (in 3 min)", or "they can be recalculated now". */
  readonly when: string;
}

/** Time-formatting options for tests (default: the browser's locale and time zone). */
export interface TimeText {
  readonly locale?: string;
  readonly timeZone?: string;
}

const cellsText = (n: number): string => `${n} cell${n === 1 ? "" : "s"}`;

export function refusedQueueText(queue: RefusedQueue, now: number, time: TimeText = {}): RefusedQueueText | null {
  if (queue.cells === 0 || queue.firstRetryAt === null) return null;
  const summary = `${cellsText(queue.cells)} refused by the plan's limits`;
  const last = queue.lastRetryAt ?? queue.firstRetryAt;
  if (last <= now) return { summary, when: queue.cells === 1 ? "it can be recalculated now" : "they can be recalculated now" };
  const at = (ms: number): string => `${describeRetryTime(ms, now, time)} (in ${formatWait(ms - now)})`;
  if (queue.cells === 1) return { summary, when: `it can be recalculated after ${at(queue.firstRetryAt)}` };
  if (queue.firstRetryAt <= now) return { summary, when: `some can be recalculated now, all after ${at(last)}` };
  if (last - queue.firstRetryAt < 1_000) return { summary, when: `they can be recalculated after ${at(queue.firstRetryAt)}` };
  return { summary, when: `the first can be recalculated after ${at(queue.firstRetryAt)}, all after ${at(last)}` };
}

/** What "Retry now" did: "Recalculated 12 refused cells: 10 computed, 2 still show errors". */
export function retryOutcomeText(result: RecalculateResult): string {
  if (result.formulas === 0) return "No refused cells were left to recalculate.";
  const { cells, errors, pending } = result.outcome;
  const computed = cells - errors - pending;
  const parts = [`${computed} computed`];
  if (errors > 0) parts.push(`${errors} still show${errors === 1 ? "s" : ""} errors`);
  if (pending > 0) parts.push(`${pending} still calculating`);
  return `Recalculated ${cellsText(result.formulas)}: ${parts.join(", ")}.`;
}
