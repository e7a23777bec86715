import { MarketDataError } from "../market";

/** The two Excel errors our functions return; both always carry a message. */
export type FormulaErrorCode = "#VALUE!" | "#N/A";

/** A failure meant for the cell: the functions entry turns it into a CustomFunctions.Error. */
export class FormulaError extends Error {
  constructor(
    readonly code: FormulaErrorCode,
    message: string,
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

/** Maps anything thrown below the functions layer to a FormulaError with a readable message. */
export function toFormulaError(error: unknown): FormulaError {
  if (error instanceof FormulaError) return error;
  if (error instanceof MarketDataError) {
    return error.kind === "invalid-symbol" ? new FormulaError("#VALUE!", error.message) : new FormulaError("#N/A", error.message);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new FormulaError("#N/A", `Unexpected failure: ${detail}`);
}
