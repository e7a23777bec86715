import { evaluateFormula, isFormulaName } from "../src/functions";
import { CliResult } from "./output";
import { FormulaSyntaxError, parseFormula } from "./formula-parser";

/** Evaluates one formula text with the same catalog the add-in registers in Excel. */
export async function evaluateText(text: string): Promise<CliResult> {
  let parsed;
  try {
    parsed = parseFormula(text);
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return { error: "#VALUE!", message: `cannot read formula: ${error.message}` };
    throw error;
  }
  if (!isFormulaName(parsed.name)) {
    return { error: "#NAME?", message: `MKT has no function ${parsed.name}` };
  }
  const outcome = await evaluateFormula(parsed.name, parsed.args);
  return outcome.ok ? { value: outcome.value } : { error: outcome.error.code, message: outcome.error.message };
}
