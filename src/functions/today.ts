import { tradingDayOf } from "../market";

let clock: () => number = Date.now;
/** null: this computer's time zone, looked up on each call (Intl's default zone). */
let zone: string | null = null;

/**
 * For tests: the instant "now" is read from (default Date.now) and, optionally, the time zone that
 * stands for this computer's. Returns a function that puts back the previous ones.
 */
export function setClock(now: () => number, timeZone: string | null = null): () => void {
  const previous = { clock, zone };
  clock = now;
  zone = timeZone;
  return () => {
    clock = previous.clock;
    zone = previous.zone;
  };
}

/**
 * Today as a day number: the calendar date on this computer, in its own time zone, which is what
 * Excel's TODAY() returns on the same machine (the webview that runs the functions shares Excel's
 * clock and zone; the CLI uses Node's, set by TZ). Chosen over the exchange's date so that a date
 * cell holding TODAY() is never "in the future": an analyst in Tokyo on Tuesday morning asks about
 * New York's Monday session with Tuesday's date, which means the last session on or before it.
 */
export function today(): number {
  return tradingDayOf(clock(), zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
}
