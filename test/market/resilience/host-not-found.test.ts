import { DailySeries, HistoryProvider, MarketDataError, parseTicker, Ticker } from "../../../src/market/core";
import { ResilientProvider } from "../../../src/market/resilience";
import { createDirectProvider } from "../../../src/market";
import { keySafeError } from "../../../src/market/providers/shared";
import { rejection } from "../../support/market-errors";
import { ManualClock } from "../../support/manual-clock";

/** How Node's fetch fails when DNS cannot resolve the host: TypeError("fetch failed") with the system error as its cause. */
function dnsFailure(code: "ENOTFOUND" | "EAI_AGAIN"): TypeError {
  const cause = Object.assign(new Error(`getaddrinfo ${code} does-not-exist.invalid`), { code, hostname: "does-not-exist.invalid" });
  return new TypeError("fetch failed", { cause });
}

/** Replaces the global fetch for one test; every call is counted and rejected as `failure()` says. */
function failingFetch(failure: () => Error) {
  const calls: string[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = ((input: string | URL | Request) => {
    calls.push(String(input));
    return Promise.reject(failure());
  }) as typeof fetch;
  return { calls, restore: () => (globalThis.fetch = original) };
}

const UNRESOLVABLE = { MKT_YAHOO_URL: "http://does-not-exist.invalid" };
const CLI_CONTEXT = { hostNotFoundHint: "offline? try --provider demo" };
const TICKERS = ["IWM", "QQQ", "SPY", "DIA", "XLK", "XLF", "XLE", "XLV"].map(parseTicker);

describe("a provider host that does not resolve (DNS)", () => {
  let fetchStub: ReturnType<typeof failingFetch>;
  afterEach(() => fetchStub?.restore());

  it.each(["ENOTFOUND", "EAI_AGAIN"] as const)(
    "%s is an unavailable error marked hostNotFound, worded as before on the server",
    async (code) => {
      fetchStub = failingFetch(() => dnsFailure(code));
      const error = await rejection(createDirectProvider("yahoo", UNRESOLVABLE).fetchHistory(parseTicker("IWM")));
      expect(error).toMatchObject({ kind: "unavailable", hostNotFound: true, symbol: "IWM" });
      expect(error.message).toBe("Could not reach Yahoo for IWM: host name not found");
      expect(fetchStub.calls).toHaveLength(1); // not retried
    },
  );

  it("carries the hint of the program that built the provider", async () => {
    fetchStub = failingFetch(() => dnsFailure("ENOTFOUND"));
    const error = await rejection(createDirectProvider("yahoo", UNRESOLVABLE, null, CLI_CONTEXT).fetchHistory(parseTicker("IWM")));
    expect(error.message).toBe("Could not reach Yahoo for IWM: host name not found — offline? try --provider demo");
  });

  it("stays marked when a keyed provider scrubs its key from the message", () => {
    const leaky = new MarketDataError("unavailable", "Could not reach Tiingo for IWM (token sekrit): host name not found", "IWM", null, {
      hostNotFound: true,
    });
    const safe = keySafeError(leaky, ["sekrit"], "Tiingo");
    expect(safe).toMatchObject({ hostNotFound: true, message: "Could not reach Tiingo for IWM (token [redacted]): host name not found" });
  });

  it("a keyed provider is not retried either", async () => {
    fetchStub = failingFetch(() => dnsFailure("ENOTFOUND"));
    const provider = createDirectProvider(
      "tiingo",
      { MKT_TIINGO_URL: "http://does-not-exist.invalid", MKT_TIINGO_KEY: "k" },
      null,
      CLI_CONTEXT,
    );
    const error = await rejection(provider.fetchHistory(parseTicker("IWM")));
    expect(error.message).toBe("Could not reach Tiingo for IWM: host name not found — offline? try --provider demo");
    expect(fetchStub.calls).toHaveLength(1);
  });

  it("other network failures keep their retries and get no hint", async () => {
    fetchStub = failingFetch(() => new TypeError("fetch failed", { cause: Object.assign(new Error("refused"), { code: "ECONNREFUSED" }) }));
    const provider = createDirectProvider("yahoo", UNRESOLVABLE, null, CLI_CONTEXT) as ResilientProvider;
    const error = await rejection(provider.fetchHistory(parseTicker("IWM")));
    expect(error).toMatchObject({ kind: "unavailable", hostNotFound: false, message: "Could not reach Yahoo for IWM: connection refused" });
    expect(provider.stats().retries).toBe(2);
  }, 10_000);

  it("eight tickers at once: one attempt each at most, no retries, every answer says why", async () => {
    fetchStub = failingFetch(() => dnsFailure("ENOTFOUND"));
    const provider = createDirectProvider("yahoo", UNRESOLVABLE, null, CLI_CONTEXT) as ResilientProvider;
    const errors = await Promise.all(TICKERS.map((ticker) => rejection(provider.fetchHistory(ticker))));
    expect(errors.map((e) => e.message)).toEqual(
      TICKERS.map((ticker) => `Could not reach Yahoo for ${ticker}: host name not found — offline? try --provider demo`),
    );
    expect(fetchStub.calls.length).toBeLessThanOrEqual(TICKERS.length);
    expect(provider.stats().retries).toBe(0);
    // Within the next few seconds nobody asks DNS again.
    const before = fetchStub.calls.length;
    const again = await rejection(provider.fetchHistory(parseTicker("MDY")));
    expect(again).toMatchObject({
      hostNotFound: true,
      symbol: "MDY",
      message: "Could not reach Yahoo for MDY: host name not found — offline? try --provider demo",
    });
    expect(fetchStub.calls.length).toBe(before);
  });

  it("against the real resolver, with a name that can never resolve (RFC 6761 .invalid)", async () => {
    const provider = createDirectProvider("yahoo", UNRESOLVABLE, null, CLI_CONTEXT) as ResilientProvider;
    const started = Date.now();
    const errors = await Promise.all(TICKERS.slice(0, 2).map((ticker) => rejection(provider.fetchHistory(ticker))));
    for (const error of errors) expect(error).toMatchObject({ kind: "unavailable", hostNotFound: true });
    expect(errors[0].message).toMatch(/^Could not reach Yahoo for IWM: host name not found — offline\? try --provider demo$/);
    expect(provider.stats()).toMatchObject({ retries: 0 });
    expect(provider.stats().requests).toBeLessThanOrEqual(2);
    // No backoff: the answer takes one DNS lookup, not three attempts with waits between them.
    expect(Date.now() - started).toBeLessThan(8_000);
  }, 15_000);
});

describe("ResilientProvider: remembering a host that was not found", () => {
  const notFound = (symbol: string) =>
    new MarketDataError("unavailable", `Could not reach Upstream for ${symbol}: host name not found`, symbol, null, { hostNotFound: true });

  class CountingProvider implements HistoryProvider {
    readonly name = "counting";
    calls: string[] = [];
    constructor(private readonly answer: (symbol: Ticker) => Promise<DailySeries>) {}
    fetchHistory(symbol: Ticker): Promise<DailySeries> {
      this.calls.push(symbol);
      return this.answer(symbol);
    }
  }

  function setup(options: { concurrency?: number; hostNotFoundMemoryMs?: number } = {}) {
    const clock = new ManualClock(1_000_000);
    const upstream = new CountingProvider((symbol) => Promise.reject(notFound(symbol)));
    const provider = new ResilientProvider(upstream, {
      limits: { concurrency: options.concurrency ?? 4, perMinute: 6000 },
      clock,
      random: () => 0.5,
      hostNotFoundMemoryMs: options.hostNotFoundMemoryMs,
    });
    return { clock, upstream, provider };
  }

  it("is not retried", async () => {
    const { upstream, provider } = setup();
    const error = await rejection(provider.fetchHistory(parseTicker("IWM")));
    expect(error.message).toBe("Could not reach Upstream for IWM: host name not found");
    expect(upstream.calls).toEqual(["IWM"]);
    expect(provider.stats()).toEqual({ requests: 1, retries: 0, rateLimitWaits: 0 });
  });

  it("answers calls queued behind it, and calls in the next 5 s, without asking again", async () => {
    const { clock, upstream, provider } = setup({ concurrency: 1 });
    const pending = Promise.all(["IWM", "QQQ", "SPY"].map((s) => rejection(provider.fetchHistory(parseTicker(s)))));
    await clock.advance(100); // the per-minute bucket spaces the queued calls 10 ms apart
    const errors = await pending;
    expect(upstream.calls).toEqual(["IWM"]);
    expect(errors.map((e) => [e.symbol, e.hostNotFound, e.message])).toEqual([
      ["IWM", true, "Could not reach Upstream for IWM: host name not found"],
      ["QQQ", true, "Could not reach Upstream for QQQ: host name not found"],
      ["SPY", true, "Could not reach Upstream for SPY: host name not found"],
    ]);
    await clock.advance(4_899); // 4.999 s after the failure
    await rejection(provider.fetchHistory(parseTicker("DIA")));
    expect(upstream.calls).toEqual(["IWM"]);
    await clock.advance(1);
    await rejection(provider.fetchHistory(parseTicker("DIA")));
    expect(upstream.calls).toEqual(["IWM", "DIA"]); // remembered for 5 s only: the network may be back
  });

  it("can be told not to remember", async () => {
    const { upstream, provider } = setup({ hostNotFoundMemoryMs: 0 });
    await rejection(provider.fetchHistory(parseTicker("IWM")));
    await rejection(provider.fetchHistory(parseTicker("QQQ")));
    expect(upstream.calls).toEqual(["IWM", "QQQ"]);
  });
});
