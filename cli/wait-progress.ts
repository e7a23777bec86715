import { formatWait } from "../src/market";
import type { LimitWait } from "../src/market";

/** Where the progress line goes: stderr, rewritten in place on a terminal. */
export interface ProgressStream {
  write(text: string): void;
  /** A terminal: the line is rewritten in place; otherwise a new line only when the reason changes or every 30 s. */
  readonly tty: boolean;
}

/** How often a terminal line counts down; how often a log gets the same line again. */
const TTY_REFRESH_MS = 1_000;
const LOG_REPEAT_MS = 30_000;
/** Shorter waits (a one-a-second limit) pass without a word. */
const SHOW_FROM_MS = 5_000;

/**
 * The one line `mkt` shows while formulas wait for a provider's plan limits, e.g. "waiting 38 s for
 * Alpha Vantage's 5-a-minute limit; 3 of 9 tickers fetched": the longest wait still ahead, what
 * it is for, and how far the fetching got. Updated in place, never a line per request; waits under
 * five seconds pass without a word.
 */
export class WaitProgress {
  private readonly waits = new Map<string, { readonly untilMs: number; readonly reason: string }>();
  private readonly requested = new Set<string>();
  private readonly fetched = new Set<string>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private showing = false;
  private lastLine = "";
  private lastReason = "";
  private lastPrintedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly stream: ProgressStream,
    private readonly now: () => number = Date.now,
  ) {}

  /** A request started waiting for a limit (ResilientProvider's onWait). */
  readonly onWait = (wait: LimitWait): void => {
    this.waits.set(wait.symbol, { untilMs: wait.untilMs, reason: wait.reason });
    if (this.stream.tty && this.timer === null) {
      this.timer = setInterval(() => this.render(), TTY_REFRESH_MS);
      this.timer.unref?.();
    }
    this.render();
  };

  /** A formula asked for a ticker's history. */
  requestedTicker(symbol: string): void {
    this.requested.add(symbol);
  }

  /** A ticker's history arrived (or failed for good). */
  settledTicker(symbol: string): void {
    this.fetched.add(symbol);
    this.waits.delete(symbol);
    if (this.showing || this.waits.size > 0) this.render();
  }

  /** The text shown now, or null when nothing waits. */
  line(): string | null {
    const now = this.now();
    let longest: { readonly untilMs: number; readonly reason: string } | null = null;
    for (const [symbol, wait] of this.waits) {
      if (wait.untilMs <= now) this.waits.delete(symbol);
      else if (longest === null || wait.untilMs > longest.untilMs) longest = wait;
    }
    if (longest === null || longest.untilMs - now < SHOW_FROM_MS) return null;
    const tickers = this.requested.size === 1 ? "ticker" : "tickers";
    return `waiting ${formatWait(longest.untilMs - now)} for ${longest.reason}; ${this.fetched.size} of ${this.requested.size} ${tickers} fetched`;
  }

  /** Clears the line (on a terminal) and stops counting down. */
  finish(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (this.stream.tty && this.showing) this.stream.write("\r\x1b[K");
    this.showing = false;
  }

  private render(): void {
    const line = this.line();
    if (this.stream.tty) {
      if (line === null) {
        if (this.showing) this.stream.write("\r\x1b[K");
        this.showing = false;
      } else if (line !== this.lastLine || !this.showing) {
        this.stream.write(`\r${line}\x1b[K`);
        this.showing = true;
      }
      this.lastLine = line ?? "";
      return;
    }
    if (line === null) return;
    const reason = line.slice(line.indexOf(" for ") + 5, line.lastIndexOf(";"));
    if (reason === this.lastReason && this.now() - this.lastPrintedAt < LOG_REPEAT_MS) return;
    this.stream.write(`mkt: ${line}\n`);
    this.lastReason = reason;
    this.lastPrintedAt = this.now();
  }
}
