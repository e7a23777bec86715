import { noteCellComputed, noteCellRefused } from "../addin";
import { formatWait } from "../market";
import { FormulaError } from "./errors";

/**
 * The add-in's cells (in Excel, and the preview's evaluated cells) when the plan's limits refuse
 * them: the #N/A says when the cell can be recalculated, in the analyst's local time ("Tiingo allows
 * 50 requests an hour on the free plan; recalculate after 14:32 (in 61 min)", where the data server
 * says "try again in 61 min"), and the cell is recorded in the add-in's runtime for the pane's
 * "Retry now"; a cell that computes leaves that record. Off by default: the CLI keeps the market
 * layer's "try again in …" and records nothing.
 */
export interface AddinCellOptions {
  readonly now?: () => number;
  /** How times are written (tests); default the runtime's locale and time zone. */
  readonly locale?: string;
  readonly timeZone?: string;
}

interface AddinCells {
  readonly now: () => number;
  readonly locale: string | undefined;
  readonly timeZone: string | undefined;
}

let addinCells: AddinCells | null = null;

/** Turns the add-in's cell behaviour on (src/functions/entry.ts, which only the add-in's pages load). */
export function useAddinCells(options: AddinCellOptions = {}): void {
  addinCells = { now: options.now ?? Date.now, locale: options.locale, timeZone: options.timeZone };
}

/** The time as the add-in's cells see it (their clock when on, else the system's). */
export function cellNow(): number {
  return addinCells?.now() ?? Date.now();
}

/** Back to the CLI's behaviour (tests). */
export function stopAddinCells(): void {
  addinCells = null;
}

/** Waits shorter than this say the time to the second ("14:32:05"); longer ones to the minute. */
const SECONDS_BELOW_MS = 120_000;
const MS_PER_MINUTE = 60_000;

function dayOf(ms: number, timeZone: string | undefined): string {
  // en-CA writes dates as YYYY-MM-DD: a sortable day in the given zone.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
}

/**
 * When a refused cell can be recalculated, in local time: "14:32" (rounded up to the minute, so never
 * before it can), "14:32:05" for a wait under two minutes, "tomorrow 02:00" or "Tue 02:00" on another day.
 */
export function describeRetryTime(retryAt: number, now: number, options: Pick<AddinCellOptions, "locale" | "timeZone"> = {}): string {
  const { locale, timeZone } = options;
  const withSeconds = retryAt - now < SECONDS_BELOW_MS;
  const at = withSeconds ? Math.ceil(retryAt / 1000) * 1000 : Math.ceil(retryAt / MS_PER_MINUTE) * MS_PER_MINUTE;
  const time = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    ...(withSeconds ? { second: "2-digit" as const } : {}),
  }).format(at);
  const day = dayOf(at, timeZone);
  if (day === dayOf(now, timeZone)) return time;
  if (day === dayOf(now + 86_400_000, timeZone)) return `tomorrow ${time}`;
  return `${new Intl.DateTimeFormat(locale, { timeZone, weekday: "short" }).format(at)} ${time}`;
}

/** The limits' own wording of the wait at the end of a refusal ("try again in 61 min", "try again in a minute"). */
const TRY_AGAIN = /try again in [^;:]*$/;

/**
 * A refusal's message as a cell says it: the wait becomes "recalculate after 14:32 (in 61 min)",
 * in place of the limits' "try again in …" or after the message.
 */
export function recalculateAfterText(
  message: string,
  retryAt: number,
  now: number,
  options: Pick<AddinCellOptions, "locale" | "timeZone"> = {},
): string {
  const when = `recalculate after ${describeRetryTime(retryAt, now, options)} (in ${formatWait(retryAt - now)})`;
  return TRY_AGAIN.test(message) ? message.replace(TRY_AGAIN, when) : `${message.replace(/[.\s]+$/, "")}; ${when}`;
}

/** The cell at `address` computed: in the add-in, it leaves the queue of refused cells. */
export function cellComputed(address: string | null): void {
  if (addinCells !== null && address !== null) noteCellComputed(address);
}

/**
 * What the cell at `address` (null: a cell without one, the preview's) shows for `error`, and what
 * the add-in's runtime learns from it: a refusal is recorded with its retry time (and its wait
 * worded as a local time), any other failure takes the cell out of the queue, as a value does.
 * Outside the add-in `error` is returned as it is.
 */
export function cellFailed(address: string | null, error: FormulaError): FormulaError {
  const cells = addinCells;
  if (cells === null) return error;
  const refusal = error.refusal;
  if (refusal === null) {
    cellComputed(address);
    return error;
  }
  const now = cells.now();
  const message = refusal.known ? recalculateAfterText(error.message, refusal.retryAt, now, cells) : error.message;
  noteCellRefused(address, { kind: refusal.kind, retryAt: Math.max(refusal.retryAt, now), message });
  return new FormulaError(error.code, message, refusal);
}
