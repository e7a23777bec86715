import { loadFunctionsBundle, ShimError } from "../support/custom-functions-shim";
import type { LoadedBundle } from "../support/custom-functions-shim";
import { pause, runningClock, SESSION_START, startQuoteServer, waitFor, WEEKEND } from "./quote-support";
import type { QuoteServer } from "./quote-support";

/**
 * dist/functions.js in a CustomFunctions shim, its streaming QUOTE cells against a real data server on
 * loopback whose quote provider's prices move with every upstream request (counted), on a market
 * clock that is always in a session (or always on a weekend).
 */

interface Cell {
  readonly values: unknown[];
  cancel(): void;
  readonly latest: unknown;
}

interface Requests {
  streams: number;
  posts: { add: string[]; remove: string[] }[];
}

/** The bundle with its own fetch, counting the stream's GETs and the subscription POSTs. */
function loadCounting(origin: string): { bundle: LoadedBundle; requests: Requests } {
  const requests: Requests = { streams: 0, posts: [] };
  const realFetch = globalThis.fetch;
  const counting: typeof fetch = (input, init) => {
    const url = String(input);
    if (url.includes("/api/quotes/") && url.endsWith("/stream")) requests.streams++;
    if (url.includes("/subscriptions/")) requests.posts.push(JSON.parse(String(init?.body)));
    return realFetch(input, init);
  };
  globalThis.fetch = counting;
  try {
    return { bundle: loadFunctionsBundle({ origin, storage: { "rotation-desk.provider": "demo" } }), requests };
  } finally {
    globalThis.fetch = realFetch;
  }
}

/** Starts a streaming QUOTE cell as Excel does: the arguments, then the invocation. */
function quoteCell(bundle: LoadedBundle, ...args: unknown[]): Cell {
  const values: unknown[] = [];
  const invocation: { setResult: (value: unknown) => void; onCanceled?: () => void } = { setResult: (value) => values.push(value) };
  bundle.registered.get("QUOTE")!(...args, invocation);
  return {
    values,
    cancel: () => invocation.onCanceled?.(),
    get latest() {
      return values.at(-1);
    },
  };
}

const numbers = (cell: Cell) => cell.values.filter((value): value is number => typeof value === "number");

async function liveHealth(origin: string): Promise<{ connections: number; tickersWatched: number }> {
  const health = (await (await fetch(`${origin}/api/health`)).json()) as {
    quotes: { providers: { demo?: { connections: number; tickersWatched: number } } };
  };
  return health.quotes.providers.demo ?? { connections: 0, tickersWatched: 0 };
}

describe("QUOTE streaming from the functions bundle through a real data server", () => {
  let server: QuoteServer;
  afterEach(async () => {
    await server?.close();
  });

  it("updates cells as the upstream's prices move, each field a finite number", async () => {
    server = await startQuoteServer({ clock: runningClock(SESSION_START) });
    const { bundle } = loadCounting(server.origin);
    const price = quoteCell(bundle, "IWM", null);
    const change = quoteCell(bundle, "iwm", "change_pct");
    const time = quoteCell(bundle, "IWM", "time");
    await waitFor("three prices", () => new Set(numbers(price)).size >= 3);
    expect(numbers(price).every(Number.isFinite)).toBe(true);
    expect(numbers(price)[2]).toBeGreaterThan(numbers(price)[0]);
    expect(change.latest).toBeCloseTo(((price.latest as number) - 173) / 173, 9);
    // 10:00 New York time on 4 March 2026, as an Excel date-time serial (46085 is that day).
    expect(Math.floor(time.latest as number)).toBe(46085);
    expect(((time.latest as number) % 1) * 24).toBeGreaterThanOrEqual(10);
    expect(((time.latest as number) % 1) * 24).toBeLessThan(10.1);
    for (const cell of [price, change, time]) cell.cancel();
  });

  it("gives bad arguments the other functions' errors at once, and an unknown ticker #N/A once", async () => {
    server = await startQuoteServer({ clock: runningClock(SESSION_START) });
    const { bundle } = loadCounting(server.origin);
    const empty = quoteCell(bundle, "", null);
    const field = quoteCell(bundle, "IWM", "bid");
    const unknown = quoteCell(bundle, "NOPE", null);
    expect(empty.values).toEqual([expect.any(ShimError)]);
    expect(empty.latest).toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/^ticker: no ticker given/) });
    expect(field.latest).toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/^field: "bid" is not a quote field/) });
    await waitFor("the unknown ticker's error", () => unknown.values.length > 0);
    await pause(3_000);
    expect(unknown.values).toEqual([expect.objectContaining({ code: "#N/A", message: expect.stringMatching(/NOPE/) })]);
    expect(server.provider.asked("NOPE")).toBe(1);
    unknown.cancel();
  });

  it("stops polling upstream when the last cell of the tickers is cancelled", async () => {
    server = await startQuoteServer({ clock: runningClock(SESSION_START) });
    const { bundle } = loadCounting(server.origin);
    const cells = [quoteCell(bundle, "QQQ", null), quoteCell(bundle, "QQQ", "change"), quoteCell(bundle, "XLK", null)];
    await waitFor("two polls", () => server.provider.polls >= 2 && cells.every((cell) => numbers(cell).length > 0));
    cells[0].cancel();
    cells[2].cancel();
    // QQQ still has a cell: it is still polled, XLK is not.
    await pause(1_500);
    const xlk = server.provider.asked("XLK");
    const qqq = server.provider.asked("QQQ");
    await pause(2_200);
    expect(server.provider.asked("XLK")).toBe(xlk);
    expect(server.provider.asked("QQQ")).toBeGreaterThanOrEqual(qqq + 2);
    cells[1].cancel();
    await pause(1_500);
    const polls = server.provider.polls;
    await pause(2_200);
    expect(server.provider.polls).toBe(polls);
    expect(await liveHealth(server.origin)).toMatchObject({ tickersWatched: 0 });
  });

  it("polls 200 cells over 50 tickers at most ⌈50 ÷ quotes per request⌉ times an interval, subscribed in one request", async () => {
    server = await startQuoteServer({ clock: runningClock(SESSION_START), quotesPerRequest: 10 });
    const { bundle, requests } = loadCounting(server.origin);
    const tickers = Array.from({ length: 50 }, (_, i) => `T${String.fromCharCode(65 + (i % 26))}${i < 26 ? "" : "X"}`);
    const fields = [null, "change", "change_pct", "volume"];
    const cells = tickers.flatMap((ticker) => fields.map((field) => quoteCell(bundle, ticker, field)));
    expect(cells).toHaveLength(200);
    await waitFor("every cell's first value", () => cells.every((cell) => numbers(cell).length > 0), 15_000);
    await pause(3_200);
    const slots = new Map<number, { requests: number; tickers: string[] }>();
    for (const call of server.provider.calls) {
      const slot = Math.floor(call.at / 1_000);
      const seen = slots.get(slot) ?? { requests: 0, tickers: [] };
      seen.requests++;
      seen.tickers.push(...call.tickers);
      slots.set(slot, seen);
    }
    expect(slots.size).toBeGreaterThanOrEqual(3);
    for (const { requests: perSlot, tickers: asked } of slots.values()) {
      expect(perSlot).toBeLessThanOrEqual(Math.ceil(50 / 10));
      expect(new Set(asked).size).toBe(asked.length);
    }
    expect(requests.streams).toBe(1);
    expect(requests.posts).toHaveLength(1);
    expect(requests.posts[0].add.sort()).toEqual([...tickers].sort());
    expect(await liveHealth(server.origin)).toMatchObject({ connections: 1, tickersWatched: 50 });
    for (const cell of cells) cell.cancel();
  }, 30_000);

  it("after a dropped connection resumes its subscriptions without posting them again; cells keep their values meanwhile", async () => {
    server = await startQuoteServer({ clock: runningClock(SESSION_START) });
    const { bundle, requests } = loadCounting(server.origin);
    const cells = ["IWM", "QQQ", "XLK"].map((ticker) => quoteCell(bundle, ticker, null));
    await waitFor("first values", () => cells.every((cell) => numbers(cell).length > 0));
    expect(requests.posts).toHaveLength(1);
    server.dropConnections();
    const counts = cells.map((cell) => cell.values.length);
    await waitFor("a new stream", () => requests.streams === 2);
    await waitFor("values after the reconnect", () => cells.every((cell, i) => cell.values.length > counts[i] + 1));
    // Nothing but numbers reached the cells: no error while the stream was down.
    expect(cells.every((cell) => cell.values.every((value) => typeof value === "number"))).toBe(true);
    expect(requests.posts).toHaveLength(1);
    expect(await liveHealth(server.origin)).toMatchObject({ connections: 1, tickersWatched: 3 });
    for (const cell of cells) cell.cancel();
  });

  it("after the server forgot the dropped stream subscribes its tickers again in one request", async () => {
    server = await startQuoteServer({ clock: runningClock(SESSION_START), graceMs: 1 });
    const { bundle, requests } = loadCounting(server.origin);
    const cells = ["IWM", "QQQ", "IWM"].map((ticker, i) => quoteCell(bundle, ticker, i === 2 ? "change" : null));
    await waitFor("first values", () => cells.every((cell) => numbers(cell).length > 0));
    server.dropConnections();
    const counts = cells.map((cell) => cell.values.length);
    await waitFor("values after the reconnect", () => cells.every((cell, i) => cell.values.length > counts[i] + 1));
    expect(requests.streams).toBe(2);
    expect(requests.posts.map((post) => post.add.sort())).toEqual([
      ["IWM", "QQQ"],
      ["IWM", "QQQ"],
    ]);
    expect(cells.every((cell) => cell.values.every((value) => typeof value === "number"))).toBe(true);
    expect(await liveHealth(server.origin)).toMatchObject({ connections: 1, tickersWatched: 2 });
    // One poll per ticker and interval, as before the drop.
    const before = server.provider.calls.length;
    await pause(2_100);
    const recent = server.provider.calls.slice(before);
    expect(recent.length).toBeLessThanOrEqual(3);
    expect(recent.every((call) => call.tickers.length === 2)).toBe(true);
    for (const cell of cells) cell.cancel();
  });

  it("outside market hours gives each ticker one quote and polls nothing after it", async () => {
    server = await startQuoteServer({ clock: runningClock(WEEKEND) });
    const { bundle } = loadCounting(server.origin);
    const cells = [quoteCell(bundle, "IWM", null), quoteCell(bundle, "QQQ", null)];
    await waitFor("the first quotes", () => cells.every((cell) => numbers(cell).length > 0));
    const polls = server.provider.polls;
    expect(polls).toBe(1);
    await pause(3_500);
    expect(server.provider.polls).toBe(polls);
    expect(cells.map((cell) => cell.values.length)).toEqual([1, 1]);
    for (const cell of cells) cell.cancel();
  });
});
