import { isValidTicker, MarketDataError, MAX_TICKER_LENGTH, parseTicker } from "../../../src/market/core";

function failure(raw: string): MarketDataError {
  try {
    parseTicker(raw);
  } catch (error) {
    if (error instanceof MarketDataError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
}

describe("parseTicker", () => {
  it.each([
    ["IWM", "IWM"],
    ["  iwm ", "IWM"],
    ["brk-b", "BRK-B"],
    ["WSU.DE", "WSU.DE"],
    ["eurusd=x", "EURUSD=X"],
    ["BTC-USD", "BTC-USD"],
    ["GC=F", "GC=F"],
    ["^GSPC", "^GSPC"],
    ["^tnx", "^TNX"],
    ["DX-Y.NYB", "DX-Y.NYB"],
    ["M&M.NS", "M&M.NS"],
    ["7203.T", "7203.T"],
    ["\tQQQ\n", "QQQ"],
    ["BRK/B", "BRK-B"],
    ["brk/a", "BRK-A"],
  ])("accepts %j as %s", (raw, expected) => {
    expect(parseTicker(raw)).toBe(expected);
  });

  it("accepts exactly the maximum length", () => {
    const longest = "A".repeat(MAX_TICKER_LENGTH);
    expect(parseTicker(longest)).toBe(longest);
  });

  it.each([
    ["", /empty/],
    ["   ", /empty/],
    ["BRK B", /letters and digits/],
    ["../etc", /letters and digits/],
    ["AAPL/xyz", /letters and digits/],
    ["http://x", /letters and digits/],
    ["AAPL?x=1", /letters and digits/],
    ["%2e%2e", /letters and digits/],
    ["A..B", /letters and digits/],
    ["BRK-", /letters and digits/],
    [".DE", /letters and digits/],
    ["GC^F", /letters and digits/],
    ["ÄPPLE", /letters and digits/],
    ["A".repeat(MAX_TICKER_LENGTH + 1), /longer than 20/],
  ])("rejects %j", (raw, reason) => {
    const error = failure(raw);
    expect(error.kind).toBe("invalid-symbol");
    expect(error.message).toMatch(reason);
    expect(error.message).toContain("Invalid ticker");
  });

  it("quotes the bad text in the message", () => {
    expect(failure("AAPL/xyz").message).toContain('"AAPL/xyz"');
    expect(failure("../etc").message).toContain('"../etc"');
  });

  it("shows control and invisible characters escaped, never raw", () => {
    const message = failure("AA\u0000PL\u0007\u001b[31m\u200b").message;
    expect(message).toContain("\\u0000");
    expect(message).toContain("\\u0007");
    expect(message).toContain("\\u001b");
    expect(message).toContain("\\u200b");
    // eslint-disable-next-line no-control-regex
    expect(message).not.toMatch(/[\u0000-\u001f\u007f\u200b]/);
  });

  it("cuts very long text short in the message", () => {
    const message = failure("X".repeat(5000)).message;
    expect(message.length).toBeLessThan(200);
    expect(message).toContain("…");
  });

  it("isValidTicker mirrors parseTicker", () => {
    expect(isValidTicker(" spy ")).toBe(true);
    expect(isValidTicker("SPY/../x")).toBe(false);
  });
});

describe("Ticker: the one parse at the edge", () => {
  // Once parsed, a Ticker is trusted by the store, the relay client and every provider, which no
  // longer re-check it: their signatures take a Ticker, so none of these texts can reach a URL.
  it.each([
    "../etc",
    "a/b/c",
    "a/../b",
    "../x",
    "AAPL?apikey=x",
    "IWM/../../admin",
    "A%2FB",
    "IWM?x=1",
    "I W M",
    "IWM#frag",
    "\u202eIWM",
    "",
    "X".repeat(21),
  ])("%j never becomes a Ticker", (raw) => {
    expect(failure(raw).kind).toBe("invalid-symbol");
    expect(failure(raw).message).toMatch(/^Invalid ticker /);
  });

  it("a Ticker is the parsed text itself, usable wherever a string is", () => {
    const ticker = parseTicker(" brk-b ");
    expect(ticker).toBe("BRK-B");
    expect(`${ticker}.json`).toBe("BRK-B.json");
  });
});
