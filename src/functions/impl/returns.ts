import { basketReturn, relativeStrength, rotationSpread, totalReturn } from "../../analytics";
import { DailySeries } from "../../market";
import { DateArg, parseDateArg } from "../args/dates";
import { tickersArgument } from "../args/tickers";
import { badArgument } from "../errors";
import { historiesOf } from "../history";
import { barOnOrBefore, DayWindow, resolveWindow } from "../window";

interface ReturnRequest {
  start: DateArg;
  end: DateArg | null;
}

function parseWindowArgs(start: unknown, end: unknown): ReturnRequest {
  const from = parseDateArg(start, "start");
  if (from === null) throw badArgument("start", 'is required (a date, or a period such as "YTD" or "3M")');
  return { start: from, end: parseDateArg(end, "end") };
}

/** Equal-weight total return of the members over the window, from adjusted closes. */
function returnOver(series: readonly DailySeries[], window: DayWindow): number {
  const returns = series.map((s) => totalReturn(s.adjClose, barOnOrBefore(s, window.startDay), barOnOrBefore(s, window.endDay)));
  return basketReturn(returns);
}

async function basketReturns(baskets: { value: unknown; argument: string }[], request: ReturnRequest): Promise<number[]> {
  const symbols = baskets.map((b) => tickersArgument(b.value, b.argument));
  const loaded = await Promise.all(symbols.map((list) => historiesOf(list)));
  // One calendar window for every basket, so spreads compare the same days.
  const window = resolveWindow(request.start, request.end, loaded.flat());
  return loaded.map((series) => returnOver(series, window));
}

/** TOTAL_RETURN(tickers, start, [end]) */
export async function totalReturnFormula(tickers: unknown, start: unknown, end: unknown): Promise<number> {
  const request = parseWindowArgs(start, end);
  const [r] = await basketReturns([{ value: tickers, argument: "tickers" }], request);
  return r;
}

/** ROTATION_SPREAD(basketA, basketB, start, [end]) = TOTAL_RETURN(A) − TOTAL_RETURN(B) */
export async function rotationSpreadFormula(a: unknown, b: unknown, start: unknown, end: unknown): Promise<number> {
  const request = parseWindowArgs(start, end);
  const [ra, rb] = await basketReturns(
    [
      { value: a, argument: "basketA" },
      { value: b, argument: "basketB" },
    ],
    request,
  );
  return rotationSpread(ra, rb);
}

/** RELATIVE_STRENGTH(a, b, start, [end]) = (1 + TOTAL_RETURN(a)) / (1 + TOTAL_RETURN(b)) − 1 */
export async function relativeStrengthFormula(a: unknown, b: unknown, start: unknown, end: unknown): Promise<number> {
  const request = parseWindowArgs(start, end);
  const [ra, rb] = await basketReturns(
    [
      { value: a, argument: "a" },
      { value: b, argument: "b" },
    ],
    request,
  );
  return relativeStrength(ra, rb);
}
