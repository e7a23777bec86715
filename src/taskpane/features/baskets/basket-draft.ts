import type { Basket } from "../../../baskets";
import { parseTickerList, TickerProblem, validateBasketName } from "../../../baskets";
import type { Ticker } from "../../../market";

/** What the basket editor holds while the analyst types. */
export interface BasketDraft {
  readonly name: string;
  readonly label: string;
  readonly tickersText: string;
}

export interface BasketDraftCheck {
  readonly nameMessage: string | null;
  /** Bad syntax and duplicates, one sentence per problem, in the order typed. */
  readonly tickerMessages: readonly string[];
  readonly tickers: readonly Ticker[];
  readonly problems: readonly TickerProblem[];
  /** The basket to save, or null while something must be fixed first. */
  readonly basket: Basket | null;
}

export function emptyDraft(): BasketDraft {
  return { name: "", label: "", tickersText: "" };
}

export function draftOf(basket: Basket): BasketDraft {
  return { name: basket.name, label: basket.label, tickersText: basket.tickers.join(", ") };
}

/** "Entry 3 "12$": …" — where the problem is, as the analyst counts. */
export function tickerProblemText(problem: TickerProblem): string {
  return `Entry ${problem.index + 1}: ${problem.message}`;
}

/**
 * Checks a draft against Excel's name rules and the ticker syntax. `otherNames` are the names the
 * basket may not take (every other basket, presets included); the basket's own name is allowed.
 */
export function checkBasketDraft(draft: BasketDraft, otherNames: readonly string[]): BasketDraftCheck {
  const name = draft.name.trim();
  const nameProblem = validateBasketName(name, otherNames);
  const parsed = parseTickerList(draft.tickersText);
  const tickerMessages = parsed.problems.map(tickerProblemText);
  const emptyList = parsed.tickers.length === 0 && parsed.problems.length === 0;
  const messages = emptyList ? ["Enter at least one ticker (paste a list: commas, spaces or new lines)."] : tickerMessages;
  const ok = nameProblem === null && messages.length === 0;
  return {
    nameMessage: nameProblem?.message ?? null,
    tickerMessages: messages,
    tickers: parsed.tickers,
    problems: parsed.problems,
    basket: ok ? { name, label: draft.label.trim() || name, tickers: parsed.tickers, preset: false } : null,
  };
}
