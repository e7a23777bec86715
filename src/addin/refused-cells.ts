/**
 * Cells the plan's limits refused (rate-limited, or plan-limit for a used-up day): the functions
 * record them here with the time they can be recalculated, the pane shows them as a queue and its
 * "Retry now" recalculates only them. A cell leaves as soon as it computes (or fails for another
 * reason); a cell refused again stays with its new time.
 *
 * In Excel a cell is its address (`invocation.address`, "Sheet1!B2"). The preview's evaluated cells
 * have none: their refusals are kept in order, for the preview to learn which of its tables a
 * computation left refused (refusalMark, refusalsSince).
 */

export type RefusalKind = "rate-limited" | "plan-limit";

export interface Refusal {
  readonly kind: RefusalKind;
  /** When the cell can be recalculated (ms since 1970). */
  readonly retryAt: number;
  /** What the cell shows. */
  readonly message: string;
}

export interface RefusedCell extends Refusal {
  /** "Sheet1!B2" in Excel; null for a cell without an address (the preview's). */
  readonly address: string | null;
  /** Order of recording: later refusals have higher numbers. */
  readonly sequence: number;
}

/** Refusals of cells without an address kept at most (the preview's, per table computation). */
const MAX_UNADDRESSED = 2_000;
/** Addressed cells kept at most; the ones refused longest ago go first. */
const MAX_ADDRESSED = 50_000;

let sequence = 0;
const byAddress = new Map<string, RefusedCell>();
const unaddressed: RefusedCell[] = [];
const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of [...listeners]) {
    try {
      listener();
    } catch {
      // A listener's failure (the pane's) must not fail the cell that changed the queue.
    }
  }
}

/** Records that the cell at `address` (null: a cell without one) was refused. */
export function noteCellRefused(address: string | null, refusal: Refusal): void {
  const cell: RefusedCell = { ...refusal, address, sequence: ++sequence };
  if (address === null) {
    unaddressed.push(cell);
    if (unaddressed.length > MAX_UNADDRESSED) unaddressed.splice(0, unaddressed.length - MAX_UNADDRESSED);
  } else {
    byAddress.delete(address); // re-inserted as the newest
    byAddress.set(address, cell);
    if (byAddress.size > MAX_ADDRESSED) byAddress.delete(byAddress.keys().next().value as string);
  }
  changed();
}

/** The cell at `address` computed (or failed for a reason of its own): it leaves the queue. */
export function noteCellComputed(address: string): void {
  if (byAddress.delete(address)) changed();
}

/** Forgets cells that no longer hold what was refused (their formula was removed or replaced). */
export function forgetRefusedCells(addresses: Iterable<string>): void {
  let any = false;
  for (const address of addresses) any = byAddress.delete(address) || any;
  if (any) changed();
}

/** The addressed cells waiting to be recalculated, the earliest retry time first. */
export function refusedCells(): RefusedCell[] {
  return [...byAddress.values()].sort((a, b) => a.retryAt - b.retryAt || a.sequence - b.sequence);
}

/** A point in the order of refusals: what refusalsSince counts from. */
export function refusalMark(): number {
  return sequence;
}

/** Every refusal recorded after `mark` (addressed cells refused since, and cells without an address). */
export function refusalsSince(mark: number): RefusedCell[] {
  const addressed = [...byAddress.values()].filter((cell) => cell.sequence > mark);
  const others = unaddressed.filter((cell) => cell.sequence > mark);
  return [...addressed, ...others].sort((a, b) => a.sequence - b.sequence);
}

/** Called whenever the queue changes; returns the unsubscribe function. */
export function onRefusedCellsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** For tests: an empty queue. */
export function clearRefusedCells(): void {
  byAddress.clear();
  unaddressed.length = 0;
  changed();
}
