import { FailureReason, MarketErrorKind, ProviderName, providerLabel, reasonOf, TICKER_PLACEHOLDER } from "../../market";
import type { CellMessage, CellOutcome } from "./workbook";

/** Reasons named in one report; the rest only count. */
export const MAX_REASONS_SHOWN = 3;

const reasonKey = (failure: FailureReason): string => `${failure.kind}\u0000${failure.reason}`;

/**
 * What failed between two readings of the data source's reasons (before and after an action),
 * with the counts of that interval. A reason dropped from the bounded list and seen again
 * counts in full.
 */
export function failuresSince(before: readonly FailureReason[], after: readonly FailureReason[]): FailureReason[] {
  const earlier = new Map(before.map((failure) => [reasonKey(failure), failure]));
  return after
    .map((failure) => {
      const old = earlier.get(reasonKey(failure));
      if (old === undefined) return failure;
      const count = failure.count > old.count ? failure.count - old.count : failure.lastAt > old.lastAt ? failure.count : 0;
      return { ...failure, count };
    })
    .filter((failure) => failure.count > 0)
    .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt);
}

/** Tickers a grouped message names. */
const MESSAGE_TICKERS = 5;

/**
 * The error messages of evaluated cells, grouped by reason, most common first. A cell in a
 * ticker's row counts with the other tickers' cells that fail the same way ("no cross … in
 * AAPL's history" and "… in GOOG's history" are one reason).
 */
export function groupMessages(errors: readonly { readonly message: string; readonly ticker: string | null }[]): CellMessage[] {
  const groups = new Map<string, { text: string; cells: number; tickers: string[] }>();
  for (const { message, ticker } of errors) {
    const key = reasonOf(message, ticker);
    const group = groups.get(key) ?? { text: message, cells: 0, tickers: [] };
    group.cells++;
    if (ticker !== null && !group.tickers.includes(ticker) && group.tickers.length < MESSAGE_TICKERS) group.tickers.push(ticker);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.cells - a.cells);
}

export interface FailureExplanation {
  /** "Yahoo Finance could not be reached" */
  readonly headline: string;
  /** What the analyst can do about it. */
  readonly advice: string;
  /** Whether switching to demo data is a way on. */
  readonly offerDemo: boolean;
}

const CONNECTION = /could not reach|did not answer|timed out|connection|host name/i;

/** A reason as a headline and advice; `provider` is the one the settings name (labels the upstream). */
export function explainFailure(kind: MarketErrorKind, message: string, provider: ProviderName): FailureExplanation {
  const label = providerLabel(provider);
  const viaServer = /data server/i.test(message);
  switch (kind) {
    case "unavailable":
      if (viaServer)
        return {
          headline: "the data server could not be reached",
          advice:
            "Check that the data server is running and the address in Settings is right (Settings → Test connection), or use demo data.",
          offerDemo: provider !== "demo",
        };
      return {
        headline: CONNECTION.test(message) ? `${label} could not be reached` : `${label} is unavailable`,
        advice: "Check the internet connection (Settings → Test connection) and refresh later, or use demo data to work offline.",
        offerDemo: provider !== "demo",
      };
    case "unknown-symbol":
    case "invalid-symbol":
      return {
        headline: `${label} does not know some tickers`,
        advice: "Check the tickers' spelling (Baskets → Edit → Check tickers).",
        offerDemo: false,
      };
    case "no-data":
      return {
        headline: `${label} has no daily prices for some tickers`,
        advice: "Check the tickers (Baskets → Check tickers); some symbols have no price history.",
        offerDemo: false,
      };
    case "rate-limited":
      return {
        headline: `${label} is limiting requests`,
        advice:
          "The cells say when they can be recalculated; then use Retry now in the data status below, which recalculates only them. A plan with higher limits (Settings → Plan of your key) also helps.",
        offerDemo: false,
      };
    case "invalid-key":
      return { headline: "the API key was refused", advice: "Check the API key in Settings (Test connection).", offerDemo: false };
    case "plan-limit":
      return {
        headline: "the API key's plan does not cover these requests",
        advice:
          "Check the key's plan (Settings → Plan of your key), or choose another provider. A used-up day can be retried with Retry now in the data status once it is over.",
        offerDemo: false,
      };
    case "bad-response":
      return {
        headline: `${label} sent an answer that cannot be read`,
        advice: "Try refreshing data later.",
        offerDemo: false,
      };
  }
}

function tickerList(failure: FailureReason): string {
  if (failure.tickers.length === 0) return "";
  const list = failure.tickers.join(", ");
  return failure.moreTickers ? `${list} and others` : list;
}

/** A cell's message comes from a reason when it reads like it (any ticker in the placeholder). */
function explains(failure: FailureReason, text: string): boolean {
  const pattern = failure.reason
    .split(TICKER_PLACEHOLDER)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("\\S+");
  return new RegExp(pattern).test(text);
}

/** One line of the report's reasons, with the cells it accounts for when they are known. */
interface Reason {
  readonly text: string;
  /** Cells showing it (the preview); null when unknown (Excel does not expose a cell's message). */
  readonly cells: number | null;
  readonly explanation: FailureExplanation | null;
}

/**
 * The reasons, most common first: data failures (with what they mean and what to do) and the
 * cells' own messages that no failure explains. Where the cells' messages are known, each
 * failure counts the cells it explains and the order is by cells.
 */
function reasonsOf(outcome: CellOutcome, failures: readonly FailureReason[], provider: ProviderName): Reason[] {
  const known = outcome.messages.length > 0;
  const fromFailures: Reason[] = failures.map((failure) => {
    const explanation = explainFailure(failure.kind, failure.example, provider);
    const tickers = tickerList(failure);
    const cells = known ? outcome.messages.filter((m) => explains(failure, m.text)).reduce((sum, m) => sum + m.cells, 0) : null;
    const lead = cells === null || cells === 0 ? "" : `${plural(cells, "cell")} — `;
    return {
      text: `${lead}${capitalize(explanation.headline)}${tickers === "" ? "" : ` (${tickers})`}: ${failure.example}`,
      cells,
      explanation,
    };
  });
  const fromCells: Reason[] = outcome.messages
    .filter((message) => !failures.some((failure) => explains(failure, message.text)))
    .map((message) => {
      const tickers = message.tickers.length > 1 ? ` (${message.tickers.join(", ")})` : "";
      return { text: `${plural(message.cells, "cell")}${tickers}: ${message.text}`, cells: message.cells, explanation: null };
    });
  const all = [...fromFailures, ...fromCells];
  // Stable: failures keep their order (by count) among equals, and come first when cells are unknown.
  return known ? all.sort((a, b) => (b.cells ?? 0) - (a.cells ?? 0)) : all;
}

export interface OutcomeReport {
  readonly intent: "success" | "warning";
  /** "Table inserted" or "Table inserted; 30 of 63 cells have errors — Yahoo Finance could not be reached" */
  readonly title: string;
  /** Where and how much: "Sector_Growth at Sheet 'Growth' A1:K10. All 63 cells computed." */
  readonly summary: string;
  /** The most common reasons, each a sentence. */
  readonly reasons: readonly string[];
  /** What to do, one sentence per distinct piece of advice. */
  readonly advice: readonly string[];
  readonly offerDemo: boolean;
}

export interface OutcomeInput {
  /** What was done, as a title: "Table inserted", "Data refreshed". */
  readonly done: string;
  /** Where it went, for the summary; null when it says nothing useful. */
  readonly where: string | null;
  readonly outcome: CellOutcome;
  /** Failures of the data source while the action ran (failuresSince). */
  readonly failures: readonly FailureReason[];
  readonly provider: ProviderName;
  /** Where the analyst reads a cell's own message. */
  readonly workbook: "excel" | "preview";
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * The truth about an action, from the cells it wrote or recalculated: success only when every
 * one computed; otherwise a warning with counts, the most common reasons and what to do.
 */
export function reportOutcome(input: OutcomeInput): OutcomeReport {
  const { outcome, failures, provider } = input;
  const all = reasonsOf(outcome, failures, provider);
  const shown = all.slice(0, MAX_REASONS_SHOWN);
  const reasons = shown.map((reason) => reason.text);
  const advice = [...new Set(shown.flatMap((reason) => (reason.explanation === null ? [] : [reason.explanation.advice])))];
  const offerDemo = all.some((reason) => reason.explanation?.offerDemo === true);
  const where = input.where === null ? "" : `${input.where}. `;
  // The title names a cause only when it is the most common one.
  const top = all[0];
  const headline = top?.explanation != null && top.cells !== 0 ? ` — ${top.explanation.headline}` : "";

  const problems: string[] = [];
  if (outcome.errors > 0)
    problems.push(`${outcome.errors} of ${plural(outcome.cells, "cell")} ${outcome.errors === 1 ? "has an error" : "have errors"}`);
  if (outcome.pending > 0) problems.push(`${outcome.pending} of ${plural(outcome.cells, "cell")} still calculating`);

  if (problems.length === 0 && failures.length === 0) {
    const summary =
      outcome.cells === 0
        ? "No MKT formulas to calculate."
        : outcome.cells === 1
          ? "The cell computed."
          : `All ${outcome.cells} cells computed.`;
    return { intent: "success", title: input.done, summary: `${where}${summary}`, reasons: [], advice: [], offerDemo: false };
  }
  if (problems.length === 0) {
    // Every cell has a value, but some fetches failed: older copies answered, or those tickers were not in these cells.
    const failed = failures.reduce((sum, failure) => sum + failure.count, 0);
    const firstFailure = explainFailure(failures[0].kind, failures[0].example, provider);
    return {
      intent: "warning",
      title: `${input.done}; some prices could not be refreshed — ${firstFailure.headline}`,
      summary: `${where}${outcome.cells === 0 ? "" : `All ${plural(outcome.cells, "cell")} show values, `}but ${plural(
        failed,
        "data request",
      )} failed: where an older copy existed it answered (see Stale answers below).`,
      reasons,
      advice,
      offerDemo,
    };
  }
  // Where cells fail for reasons of their own (or none is known), say where each cell's reason is shown.
  const ownReasons = all.some((reason) => reason.explanation === null);
  if (outcome.errors > 0 && (ownReasons || failures.length === 0)) {
    advice.push(
      input.workbook === "preview"
        ? "Each error cell says why: point at it in the preview sheet."
        : "Each error cell says why: select it and open the error indicator (!) beside it.",
    );
  }
  if (outcome.pending > 0) advice.push("Cells still calculating fill in by themselves; refresh data if they stay busy.");
  const computed = outcome.cells - outcome.errors - outcome.pending;
  return {
    intent: "warning",
    title: `${input.done}; ${problems.join(", ")}${headline}`,
    summary: `${where}${plural(computed, "cell")} computed.`,
    reasons,
    advice,
    offerDemo,
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The report after "Freeze for sharing": how many frozen cells hold errors instead of numbers. */
export function reportFreeze(address: string, frozenCells: number, errorCells: number): OutcomeReport {
  const summary = `${plural(frozenCells, "cell")} at ${address}.`;
  if (errorCells === 0) return { intent: "success", title: "Values frozen", summary, reasons: [], advice: [], offerDemo: false };
  return {
    intent: "warning",
    title: `Values frozen; ${errorCells} of ${plural(frozenCells, "frozen cell")} ${errorCells === 1 ? "holds an error" : "hold errors"}`,
    summary: `${summary} Recipients see those errors (#N/A…), not numbers.`,
    reasons: [],
    advice: ["To share numbers there, refresh data in a live copy, fix what the error cells name, and freeze again."],
    offerDemo: false,
  };
}
