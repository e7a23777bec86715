import { isRecord, MarketDataError, tryParseJson } from "../../core";

/** A provider's reading of an answer that is not data (a refusal, a notice, an outage): the MarketDataError it stands for, else null. */
export type FailureOf<R> = (symbol: string, response: R, what: string) => MarketDataError | null;

/** The JSON object of an answer `failureOf` finds no failure in, `{}` when its body is not an object; the failure is thrown. */
export function answerObject<R extends { readonly body: string }>(
  failureOf: FailureOf<R>,
  symbol: string,
  response: R,
  what: string,
): Record<string, unknown> {
  const failure = failureOf(symbol, response, what);
  if (failure !== null) throw failure;
  const parsed = tryParseJson(response.body);
  return parsed.ok && isRecord(parsed.value) ? parsed.value : {};
}

/** The JSON list of an answer `failureOf` finds no failure in, null when its body is not a list; the failure is thrown. */
export function answerList<R extends { readonly body: string }>(
  failureOf: FailureOf<R>,
  symbol: string,
  response: R,
  what: string,
): unknown[] | null {
  const failure = failureOf(symbol, response, what);
  if (failure !== null) throw failure;
  const parsed = tryParseJson(response.body);
  return parsed.ok && Array.isArray(parsed.value) ? parsed.value : null;
}
