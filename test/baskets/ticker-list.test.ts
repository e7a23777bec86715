import { parseTickerList } from "../../src/baskets/ticker-list";

describe("parseTickerList", () => {
  it("splits on commas, semicolons, spaces, tabs and new lines, and upper-cases", () => {
    expect(parseTickerList("aapl, MSFT;nvda  amzn\tgoogl\nmeta\r\nTSLA").tickers).toEqual([
      "AAPL",
      "MSFT",
      "NVDA",
      "AMZN",
      "GOOGL",
      "META",
      "TSLA",
    ]);
  });

  it("reads a column pasted from Excel, blank cells and trailing new line included", () => {
    const parsed = parseTickerList("CAT\r\nDCI\r\n\r\nTTMI\r\n");
    expect(parsed).toEqual({ tickers: ["CAT", "DCI", "TTMI"], problems: [] });
  });

  it("keeps Yahoo-style symbols", () => {
    expect(parseTickerList("BRK-B WSU.DE ^GSPC EURUSD=X").tickers).toEqual(["BRK-B", "WSU.DE", "^GSPC", "EURUSD=X"]);
  });

  it("flags every bad token with its position and the reason", () => {
    const text = "AAPL, $TSLA, MSFT, a/b/c";
    const parsed = parseTickerList(text);
    expect(parsed.tickers).toEqual(["AAPL", "MSFT"]);
    expect(parsed.problems).toHaveLength(2);
    const [dollar, slash] = parsed.problems;
    expect(dollar).toMatchObject({ kind: "syntax", token: "$TSLA", index: 1, start: 6, end: 11 });
    expect(text.slice(dollar.start, dollar.end)).toBe("$TSLA");
    expect(dollar.message).toMatch(/^Invalid ticker "\$TSLA": use letters and digits/);
    expect(slash).toMatchObject({ kind: "syntax", token: "a/b/c", index: 3 });
  });

  it("flags repeats, ignoring case, pointing at the first entry", () => {
    const parsed = parseTickerList("IWM qqq iwm IWM");
    expect(parsed.tickers).toEqual(["IWM", "QQQ"]);
    expect(parsed.problems.map((problem) => [problem.kind, problem.token, problem.index, problem.start])).toEqual([
      ["duplicate", "iwm", 2, 8],
      ["duplicate", "IWM", 3, 12],
    ]);
    expect(parsed.problems[0].message).toBe("IWM is already in the list (entry 1).");
  });

  it("flags over-long tokens", () => {
    const parsed = parseTickerList("A".repeat(21));
    expect(parsed.tickers).toEqual([]);
    expect(parsed.problems[0].message).toContain("longer than 20 characters");
  });

  it("returns nothing for blank text", () => {
    expect(parseTickerList(" \n\t,;")).toEqual({ tickers: [], problems: [] });
  });
});
