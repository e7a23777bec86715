import { checkBasketDraft, draftOf } from "../../../../src/taskpane/features/baskets/basket-draft";

describe("the basket editor's checks", () => {
  it("accepts a pasted list and gives the normalized basket, label defaulting to the name", () => {
    const check = checkBasketDraft({ name: " Growth ", label: "", tickersText: "tsla, AAPL\nAMZN\tGOOG;" }, ["Mag_7"]);
    expect(check.tickerMessages).toEqual([]);
    expect(check.basket).toEqual({ name: "Growth", label: "Growth", tickers: ["TSLA", "AAPL", "AMZN", "GOOG"], preset: false });
  });

  it("flags every bad ticker and duplicate at once, with the entry number", () => {
    const check = checkBasketDraft({ name: "X_1", label: "", tickersText: "TSLA, AA$PL, tsla" }, []);
    expect(check.tickerMessages).toEqual([
      expect.stringMatching(/^Entry 2: Invalid ticker "AA\$PL"/),
      "Entry 3: TSLA is already in the list (entry 1).",
    ]);
    expect(check.basket).toBeNull();
  });

  it("asks for at least one ticker", () => {
    expect(checkBasketDraft({ name: "Empty", label: "", tickersText: " ,\n" }, []).tickerMessages).toEqual([
      expect.stringMatching(/at least one ticker/),
    ]);
  });

  it("refuses names Excel reads as cells and names already taken (any case)", () => {
    expect(checkBasketDraft({ name: "Mag7", label: "", tickersText: "IWM" }, []).nameMessage).toMatch(/cell address/);
    expect(checkBasketDraft({ name: "mag_7", label: "", tickersText: "IWM" }, ["Mag_7"]).nameMessage).toMatch(/already used/);
  });

  it("turns a basket back into editable text", () => {
    expect(draftOf({ name: "A", label: "B", tickers: ["X", "Y"], preset: true })).toEqual({ name: "A", label: "B", tickersText: "X, Y" });
  });
});
