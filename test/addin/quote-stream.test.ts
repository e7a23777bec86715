import { boardQuoteSource, createQuoteBoard, createQuoteStreamFeed } from "../../src/addin";
import type { QuoteEvent } from "../../src/addin";
import { liveConnectionText, liveStatusItems } from "../../src/taskpane/features/status/live-status-items";
import type { Ticker } from "../../src/market";
import { pause, runningClock, SESSION_START, startQuoteServer, waitFor } from "../functions/quote-support";
import type { QuoteServer } from "../functions/quote-support";

const IWM = "IWM" as Ticker;
const QQQ = "QQQ" as Ticker;

describe("the add-in's quote stream client", () => {
  let server: QuoteServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it("reports its connection, tickers watched, quotes and upstream polls per minute, and says when it reconnects", async () => {
    server = await startQuoteServer({ clock: runningClock(SESSION_START), heartbeatMs: 200 });
    const board = createQuoteBoard();
    const feed = createQuoteStreamFeed({ serverUrl: server.origin, provider: "demo", apiKey: null, plan: null, random: () => 0 });
    board.useFeed(feed);
    expect(board.stats()).toMatchObject({ connection: "idle", tickersWatched: 0, quotesPerMinute: 0, newestQuoteAt: null });
    const events: QuoteEvent[] = [];
    const stops = [board.watch(IWM, (event) => events.push(event)), board.watch(IWM, () => undefined), board.watch(QQQ, () => undefined)];
    await waitFor("connected with quotes and a ping's figures", () => {
      const stats = board.stats();
      return stats.connection === "connected" && stats.quotesPerMinute >= 4 && (stats.upstreamPollsPerMinute ?? 0) >= 2;
    });
    const stats = board.stats();
    expect(stats).toMatchObject({ tickersWatched: 2, watchers: 3, phase: "regular", message: null });
    expect(liveConnectionText(stats, Date.now())).toEqual({ text: "live: connected", attention: false });
    expect(events.every((event) => "quote" in event && event.quote.symbol === "IWM")).toBe(true);

    await server.close();
    server = null;
    await waitFor("reconnecting", () => board.stats().connection === "reconnecting");
    const newest = board.stats().newestQuoteAt!;
    const line = liveConnectionText(board.stats(), newest + 125_000);
    expect(line.attention).toBe(true);
    expect(line.text).toMatch(/^live: reconnecting · newest quote 2 min old/);
    expect(liveStatusItems(board.stats(), newest).map((item) => item.label)).toEqual([
      "Live quotes",
      "Tickers watched",
      "Quotes/min",
      "Upstream polls/min",
    ]);
    // Nothing reached the cells while the server was gone.
    const count = events.length;
    await pause(300);
    expect(events).toHaveLength(count);
    for (const stop of stops) stop();
    board.close();
  });

  it("sends the analyst's key in a header, never in the URL, and a refused key reaches every cell once as #N/A's reason", async () => {
    const requests: { url: string; headers: Record<string, string> }[] = [];
    const refusing: typeof fetch = async (input, init) => {
      requests.push({ url: String(input), headers: { ...(init?.headers as Record<string, string>) } });
      return new Response(JSON.stringify({ error: "invalid-key", message: "Alpha Vantage refused the key" }), {
        status: 401,
        headers: { "content-type": "application/json" },
      });
    };
    const board = createQuoteBoard();
    board.useFeed(
      createQuoteStreamFeed({
        serverUrl: "https://desk.example",
        provider: "alphavantage",
        apiKey: "SECRET123KEY",
        plan: "premium-75",
        fetch: refusing,
      }),
    );
    const events: QuoteEvent[] = [];
    board.watch(IWM, (event) => events.push(event));
    board.watch(QQQ, (event) => events.push(event));
    await waitFor("the refusal", () => events.length === 2);
    await pause(200);
    expect(requests).toHaveLength(1);
    expect(requests[0].url).toBe("https://desk.example/api/quotes/alphavantage/stream");
    expect(requests[0].url).not.toContain("SECRET");
    expect(requests[0].headers).toMatchObject({ "x-mkt-api-key": "SECRET123KEY", "x-mkt-plan": "premium-75", accept: "text/event-stream" });
    expect(events).toEqual([
      { error: { symbol: "IWM", error: "invalid-key", message: "Alpha Vantage refused the key", final: true } },
      { error: { symbol: "QQQ", error: "invalid-key", message: "Alpha Vantage refused the key", final: true } },
    ]);
    expect(board.stats()).toMatchObject({ connection: "refused", message: "Alpha Vantage refused the key" });
    expect(liveConnectionText(board.stats(), 0)).toEqual({ text: "live: refused · Alpha Vantage refused the key", attention: true });
    board.close();
  });

  it("answers a one-shot quote with the first quote and stops watching", async () => {
    server = await startQuoteServer({ clock: runningClock(SESSION_START) });
    const board = createQuoteBoard();
    board.useFeed(createQuoteStreamFeed({ serverUrl: server.origin, provider: "demo", apiKey: null, plan: null }));
    const quote = await boardQuoteSource(board).current(QQQ);
    expect(quote).toMatchObject({ symbol: "QQQ", provider: "demo" });
    await waitFor("the ticker unwatched", () => board.stats().tickersWatched === 0);
    await expect(boardQuoteSource(board).current("NOPE" as Ticker)).rejects.toMatchObject({ kind: "unknown-symbol" });
    board.close();
  });
});
