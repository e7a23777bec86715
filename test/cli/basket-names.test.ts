import { BasketNames, DefinedBasket, parseBasketOption } from "../../cli/basket-names";
import { Mag7 } from "../../src/baskets";

describe("basket names on the command line", () => {
  it("knows the presets by name, ignoring case as Excel does", () => {
    const names = new BasketNames();
    expect(names.tickers("Mag_7")).toEqual(Mag7.tickers);
    expect(names.tickers("MAG_7")).toEqual(Mag7.tickers);
    expect(names.tickers("sp_500")).toEqual(["SPY"]);
    expect(names.tickers("Foo")).toBeNull();
  });

  it("lets --basket add names, and replace a preset's members", () => {
    const names = new BasketNames([
      { name: "Chips", tickers: ["NVDA", "AMD"] },
      { name: "mag_7", tickers: ["AAPL"] },
    ]);
    expect(names.tickers("CHIPS")).toEqual(["NVDA", "AMD"]);
    expect(names.tickers("Mag_7")).toEqual(["AAPL"]);
  });

  it("says what to do with an unknown name, or a cell reference", () => {
    const names = new BasketNames();
    expect(names.unknown("Foo")).toBe('Unknown name Foo: quote a ticker ("Foo") or define it with --basket Foo=A,B');
    expect(names.unknown("B2")).toBe(
      'B2 is a cell reference (column B, row 2); the command line has no cells: give the value itself, e.g. "IWM"',
    );
  });

  it("parses NAME=T1,T2 with the basket-name rules and the ticker parser", () => {
    expect(parseBasketOption("Chips=nvda, AMD ,avgo", [])).toEqual({ name: "Chips", tickers: ["NVDA", "AMD", "AVGO"] });
    expect(parseBasketOption("Small.Banks=WBS", [])).toEqual({ name: "Small.Banks", tickers: ["WBS"] });
  });

  const earlier: DefinedBasket[] = [{ name: "Chips", tickers: ["NVDA"] }];
  it.each([
    ["Chips", /^--basket "Chips": expected NAME=TICKER,TICKER… \(e\.g\. --basket Chips=NVDA,AMD,AVGO\)$/],
    ["=NVDA", /^--basket "": Give the basket a name\.$/],
    ["Mag7=AAPL", /^--basket "Mag7": "Mag7" is a cell address \(column MAG, row 7\)/],
    ["2fast=AAPL", /must start with a letter or an underscore/],
    ["My basket=AAPL", /contains a space/],
    ["TRUE=AAPL", /is reserved by Excel/],
    ["chips=AMD", /^--basket chips: Chips is already defined by an earlier --basket \(names ignore case\)$/],
    ["Bad=AA$PL,MSFT", /^--basket Bad: "AA\$PL": Invalid ticker "AA\$PL"/],
    ["Twice=MSFT,msft", /^--basket Twice: "msft": MSFT is already in the list \(entry 1\)\.$/],
    ["Empty=", /^--basket Empty: no tickers after "="/],
  ])("refuses %j", (option, message) => {
    const parsed = parseBasketOption(option, earlier);
    expect(parsed).toHaveProperty("problem");
    expect((parsed as { problem: string }).problem).toMatch(message);
  });
});

describe("a quoted basket name", () => {
  it("is the basket when the text is exactly its name, with a notice said once", () => {
    const names = new BasketNames([{ name: "Chips", tickers: ["NVDA"] }]);
    expect(names.quotedBasket("Mag_7")).toEqual({
      tickers: Mag7.tickers,
      notice: '"Mag_7" read as the basket Mag_7 (7 tickers); in Excel write the name without quotes',
    });
    expect(names.quotedBasket("Mag_7")).toEqual({ tickers: Mag7.tickers, notice: null });
    expect(names.quotedBasket("Chips")?.notice).toBe('"Chips" read as the basket Chips (1 ticker); in Excel write the name without quotes');
  });

  it("stays text when the case differs or no basket has the name (a ticker typed in quotes stays a ticker)", () => {
    const names = new BasketNames();
    expect(names.quotedBasket("MAG_7")).toBeNull();
    expect(names.quotedBasket("midcaps")).toBeNull();
    expect(names.quotedBasket("AAPL")).toBeNull();
  });
});
