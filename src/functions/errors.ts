import { MarketDataError } from "../market";

/** The two Excel errors our functions return; both always carry a message. */
export type FormulaErrorCode = "#VALUE!" | "#N/A";

/**
 * A cell the plan's limits refused (rate-limited, or plan-limit for a used-up day): it can be
 * recalculated at `retryAt` (ms since 1970), or at once (`retryAt` = when it was refused) when the
 * refusal did not say.
 */
export interface CellRefusal {
  readonly kind: "rate-limited" | "plan-limit";
  readonly retryAt: number;
  /** Whether the refusal said when (retryAfterSeconds); else `retryAt` is the time of the refusal. */
  readonly known: boolean;
}

/** A failure meant for the cell: the functions entry turns it into a CustomFunctions.Error. */
export class FormulaError extends Error {
  constructor(
    readonly code: FormulaErrorCode,
    message: string,
    /** Set when the limits refused the cell: it may be recalculated later. */
    readonly refusal: CellRefusal | null = null,
  ) {
    super(message);
    this.name = "FormulaError";
  }
}

/** `#VALUE!` naming the argument that is wrong. */
export function badArgument(argument: string, problem: string): FormulaError {
  return new FormulaError("#VALUE!", `${argument}: ${problem}`);
}

export function notAvailable(message: string): FormulaError {
  return new FormulaError("#N/A", message);
}

/**
 * When a market failure lets the cell be recalculated later, and when: a rate-limited refusal
 * always (at once when it did not say when), a plan-limit one only with a time (a used-up day; a
 * plan that does not cover the request at all will not change by waiting). Null otherwise.
 */
export function refusalOf(error: MarketDataError, now: number): CellRefusal | null {
  const seconds = error.retryAfterSeconds;
  const known = typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0;
  if (error.kind === "rate-limited") return { kind: "rate-limited", retryAt: known ? now + seconds * 1000 : now, known };
  if (error.kind === "plan-limit" && known) return { kind: "plan-limit", retryAt: now + seconds * 1000, known };
  return null;
}

/** Maps anything thrown below the functions layer to a FormulaError with a readable message. */
export function toFormulaError(error: unknown, now: number = Date.now()): FormulaError {
  if (error instanceof FormulaError) return error;
  if (error instanceof MarketDataError) {
    if (error.kind === "invalid-symbol") return new FormulaError("#VALUE!", error.message);
    return new FormulaError("#N/A", error.message, refusalOf(error, now));
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new FormulaError("#N/A", `Unexpected failure: ${detail}`);
}
