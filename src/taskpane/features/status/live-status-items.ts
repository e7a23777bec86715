import type { LiveQuoteStats } from "../../../addin";
import type { StatusItem } from "./status-items";

/** "40 s", "2 min", "3 h": how old the newest quote is. */
export function ageText(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h`;
}

function newestQuoteText(live: LiveQuoteStats, now: number): string {
  return live.newestQuoteAt === null ? "no quote yet" : `newest quote ${ageText(now - live.newestQuoteAt)} old`;
}

/** The market's phase where it stops or limits polling; null during regular hours (or not known). */
function phaseText(live: LiveQuoteStats): string | null {
  switch (live.phase) {
    case "closed":
      return "market closed";
    case "pre-open":
      return "market closed (before the open)";
    case "after-close":
      return "after the close (one more poll)";
    default:
      return null;
  }
}

/**
 * The live-quote line: "live: connected", "live: reconnecting · newest quote 2 min old",
 * "live: market closed"…, and whether it needs the analyst's attention.
 */
export function liveConnectionText(live: LiveQuoteStats, now: number): { text: string; attention: boolean } {
  const phase = phaseText(live);
  switch (live.connection) {
    case "idle":
      return { text: live.tickersWatched === 0 ? "live: off (no QUOTE cells)" : "live: waiting", attention: false };
    case "connecting":
      return { text: "live: connecting…", attention: false };
    case "reconnecting": {
      const why = live.message === null ? "" : ` · ${live.message}`;
      return { text: `live: reconnecting · ${newestQuoteText(live, now)}${why}`, attention: true };
    }
    case "refused":
      return { text: `live: refused · ${live.message ?? "the data server refused the stream"}`, attention: true };
    case "local":
      return { text: `live: demo quotes, computed here${phase === null ? "" : ` · ${phase}`}`, attention: false };
    case "connected":
      if (live.message !== null) return { text: `live: connected · ${live.message}`, attention: true };
      return { text: phase === null ? "live: connected" : `live: ${phase}`, attention: false };
  }
}

/** The live quotes' part of the status: connection, tickers watched, quotes and upstream polls per minute. */
export function liveStatusItems(live: LiveQuoteStats, now: number): StatusItem[] {
  const line = liveConnectionText(live, now);
  return [
    { label: "Live quotes", value: line.text, attention: line.attention, wide: true },
    { label: "Tickers watched", value: String(live.tickersWatched), attention: false },
    { label: "Quotes/min", value: String(live.quotesPerMinute), attention: false },
    {
      label: "Upstream polls/min",
      value: live.upstreamPollsPerMinute === null ? "not reported" : String(live.upstreamPollsPerMinute),
      attention: false,
    },
  ];
}
