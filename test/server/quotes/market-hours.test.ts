import type { QuoteStreamStatus } from "../../../src/market";
import { ManualClock } from "../../support/manual-clock";
import { removeTempDirs } from "../helpers";
import { QuoteUpstream } from "./quote-upstream";
import { CHRISTMAS_11AM, EARLY_CLOSE_DAY_NOON, SATURDAY_NOON, startQuoteServer, WEDNESDAY_CLOSE, WEDNESDAY_NIGHT } from "./quote-server";
import type { QuoteTestServer } from "./quote-server";
import { QuoteStreamClient, settle, until } from "./sse-client";

afterAll(removeTempDirs);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let upstream: QuoteUpstream;
let server: QuoteTestServer | null = null;
let client: QuoteStreamClient | null = null;

beforeEach(async () => {
  upstream = await new QuoteUpstream().start();
});

afterEach(async () => {
  client?.close();
  client = null;
  await server?.close();
  server = null;
  await upstream.close();
});

/** Moves the market clock in steps (the poller sleeps at most five minutes at a time), letting each poll finish. */
async function advance(ms: number, stepMs = 15_000): Promise<void> {
  for (let done = 0; done < ms; done += stepMs) {
    await server!.clock.advance(Math.min(stepMs, ms - done));
    await settle(2);
  }
  await settle(80);
}

async function watchFrom(start: number, tickers: readonly string[]): Promise<QuoteStreamClient> {
  server = await startQuoteServer({ upstream, clock: new ManualClock(start) });
  client = await QuoteStreamClient.open(server.url);
  await client.subscribe(tickers);
  return client;
}

describe("outside regular hours", () => {
  it.each([
    ["a Saturday", SATURDAY_NOON, "closed", 38 * HOUR],
    ["Christmas Day", CHRISTMAS_11AM, "closed", 60 * HOUR],
    ["a weekday night", WEDNESDAY_NIGHT, "pre-open", 6 * HOUR],
  ])("polls nothing on %s, after one first quote for tickers that have none since the last close", async (_when, start, phase, span) => {
    const a = await watchFrom(start, ["IWM", "SPY"]);
    expect(a.hello!.status.phase).toBe(phase);
    await until(() => a.quotes().length === 2, "the first quotes");
    expect(upstream.requests).toEqual([["IWM", "SPY"]]);

    // Another add-in watching the same tickers is given the quotes known: no request.
    const b = await QuoteStreamClient.open(server!.url);
    await b.subscribe(["IWM", "SPY"]);
    await until(() => b.quotes().length === 2, "the known quotes");
    b.close();

    upstream.move();
    await advance(span, 5 * MINUTE);
    expect(upstream.requests).toHaveLength(1);
    expect(a.quotes()).toHaveLength(2);
  });

  it("starts polling at the open after a weekend", async () => {
    // Saturday 12:00 + 45.5 h = Monday 09:30 New York.
    const a = await watchFrom(SATURDAY_NOON, ["IWM"]);
    await until(() => a.quotes().length === 1, "the first quote");
    await advance(45.5 * HOUR - MINUTE, 5 * MINUTE);
    expect(upstream.requests).toHaveLength(1);
    upstream.move();
    await advance(2 * MINUTE);
    expect(upstream.requests.length).toBeGreaterThanOrEqual(2);
    await until(() => a.quotes().length === 2, "the opening quote");
  });
});

describe("the close", () => {
  it("polls every interval to the close, once after it, then nothing until the next open", async () => {
    const a = await watchFrom(WEDNESDAY_CLOSE - MINUTE, ["IWM"]);
    // 15:59:00 is a slot itself: it and 15:59:15, :30, :45 are in the session; 16:00:00 is not.
    await advance(MINUTE - 1);
    const duringSession = upstream.requests.length;
    expect(duringSession).toBe(3);
    upstream.move();
    await advance(MINUTE + 1); // the after-close poll is due at 16:01
    expect(upstream.requests).toHaveLength(duringSession + 1);
    await until(() => a.quotes().length === 2, "the closing quote");
    const status = a.named("status").at(-1)!.json as QuoteStreamStatus;
    expect(status.phase).toBe("closed");

    upstream.move();
    await advance(17.5 * HOUR - 2 * MINUTE, 5 * MINUTE); // to 09:29 on Thursday
    expect(upstream.requests).toHaveLength(duringSession + 1);
    await advance(2 * MINUTE);
    expect(upstream.requests.length).toBeGreaterThan(duringSession + 1);
  });

  it("closes at 13:00 on an early-close day, with the after-close poll then", async () => {
    await watchFrom(EARLY_CLOSE_DAY_NOON + 59 * MINUTE, ["IWM"]); // 12:59
    await advance(MINUTE - 1);
    const duringSession = upstream.requests.length;
    expect(duringSession).toBe(3);
    await advance(5 * MINUTE);
    expect(upstream.requests).toHaveLength(duringSession + 1);
    await advance(3 * HOUR, 5 * MINUTE);
    expect(upstream.requests).toHaveLength(duringSession + 1);
  });
});
