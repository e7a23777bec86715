import type { LiveQuoteStats } from "../../../../src/addin";
import { ageText, liveConnectionText, liveStatusItems } from "../../../../src/taskpane/features/status/live-status-items";

const NOW = Date.parse("2026-03-04T15:10:00Z");

const live = (over: Partial<LiveQuoteStats> = {}): LiveQuoteStats => ({
  connection: "connected",
  phase: "regular",
  upstreamPollsPerMinute: 8,
  message: null,
  tickersWatched: 2,
  watchers: 5,
  quotesPerMinute: 7,
  newestQuoteAt: NOW - 4_000,
  ...over,
});

describe("the status's live quotes", () => {
  it("says connected during the session, with tickers watched, quotes and upstream polls per minute", () => {
    expect(liveStatusItems(live(), NOW).map((item) => [item.label, item.value, item.attention])).toEqual([
      ["Live quotes", "live: connected", false],
      ["Tickers watched", "2", false],
      ["Quotes/min", "7", false],
      ["Upstream polls/min", "8", false],
    ]);
  });

  it("says reconnecting with the age of the newest quote, and flags it", () => {
    expect(liveConnectionText(live({ connection: "reconnecting", message: null, newestQuoteAt: NOW - 125_000 }), NOW)).toEqual({
      text: "live: reconnecting · newest quote 2 min old",
      attention: true,
    });
    expect(
      liveConnectionText(live({ connection: "reconnecting", newestQuoteAt: null, message: "lost the data server: fetch failed" }), NOW),
    ).toEqual({
      text: "live: reconnecting · no quote yet · lost the data server: fetch failed",
      attention: true,
    });
  });

  it("says when the market is closed, before the open and after the close", () => {
    expect(liveConnectionText(live({ phase: "closed" }), NOW).text).toBe("live: market closed");
    expect(liveConnectionText(live({ phase: "pre-open" }), NOW).text).toBe("live: market closed (before the open)");
    expect(liveConnectionText(live({ phase: "after-close" }), NOW).text).toBe("live: after the close (one more poll)");
  });

  it("says off without QUOTE cells, refused with the server's reason, and what the server notes", () => {
    expect(liveConnectionText(live({ connection: "idle", tickersWatched: 0 }), NOW)).toEqual({
      text: "live: off (no QUOTE cells)",
      attention: false,
    });
    expect(liveConnectionText(live({ connection: "refused", message: "Polygon refused the key" }), NOW)).toEqual({
      text: "live: refused · Polygon refused the key",
      attention: true,
    });
    expect(liveConnectionText(live({ message: "Yahoo answered 503" }), NOW)).toEqual({
      text: "live: connected · Yahoo answered 503",
      attention: true,
    });
    expect(liveConnectionText(live({ connection: "connecting" }), NOW).text).toBe("live: connecting…");
    expect(liveConnectionText(live({ connection: "local", phase: "closed" }), NOW).text).toBe(
      "live: demo quotes, computed here · market closed",
    );
  });

  it("shows upstream polls as not reported until the server says", () => {
    expect(liveStatusItems(live({ upstreamPollsPerMinute: null }), NOW)[3].value).toBe("not reported");
  });

  it("words ages in seconds, minutes, then hours", () => {
    expect([ageText(0), ageText(59_999), ageText(60_000), ageText(119 * 60_000), ageText(3 * 3_600_000)]).toEqual([
      "0 s",
      "59 s",
      "1 min",
      "119 min",
      "3 h",
    ]);
  });
});
