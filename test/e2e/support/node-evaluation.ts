import { evaluateFormula, FormulaName } from "../../../src/functions/catalog";
import { useHistorySource } from "../../../src/addin";
import { HistoryStore, YahooProvider } from "../../../src/market";

/** What the MKT functions give in Node for the same recorded upstream answers the page sees. */
export async function evaluateInNode(yahooUrl: string, name: FormulaName, args: unknown[]): Promise<unknown> {
  useHistorySource(new HistoryStore(new YahooProvider({ baseUrl: yahooUrl })));
  const outcome = await evaluateFormula(name, args);
  if (!outcome.ok) throw new Error(`${name} failed in Node: ${outcome.error.message}`);
  return outcome.value;
}
