import { parseTicker } from "../../../../src/market/core";
import { describeYahooMarket, readYahooSymbol, YahooSymbol } from "../../../../src/market/providers/shared";

describe("readYahooSymbol: a Yahoo-style ticker read into its parts", () => {
  it.each<[string, YahooSymbol]>([
    ["AAPL", { kind: "listing", root: "AAPL", shareClass: null, market: null }],
    ["BRK-B", { kind: "listing", root: "BRK", shareClass: "B", market: null }],
    ["BRK.B", { kind: "listing", root: "BRK", shareClass: "B", market: null }],
    ["brk.a", { kind: "listing", root: "BRK", shareClass: "A", market: null }],
    ["WSU.DE", { kind: "listing", root: "WSU", shareClass: null, market: "DE" }],
    ["VOD.L", { kind: "listing", root: "VOD", shareClass: null, market: "L" }],
    ["XYZ.F", { kind: "listing", root: "XYZ", shareClass: null, market: "F" }], // .F is Frankfurt, not a class
    ["7203.T", { kind: "listing", root: "7203", shareClass: null, market: "T" }],
    ["BT-A.L", { kind: "listing", root: "BT", shareClass: "A", market: "L" }],
    ["M&M.NS", { kind: "listing", root: "M&M", shareClass: null, market: "NS" }],
    ["BAC-PL", { kind: "listing", root: "BAC-PL", shareClass: null, market: null }],
    ["^GSPC", { kind: "index", code: "GSPC" }],
    ["EURUSD=X", { kind: "fx", base: "EUR", quote: "USD" }],
    ["JPY=X", { kind: "fx", base: "USD", quote: "JPY" }],
    ["BTC-USD", { kind: "crypto", base: "BTC", quote: "USD" }],
    ["ETH-EUR", { kind: "crypto", base: "ETH", quote: "EUR" }],
    ["GC=F", { kind: "future", root: "GC" }],
  ])("%s", (ticker, expected) => {
    expect(readYahooSymbol(parseTicker(ticker))).toEqual(expected);
  });

  it("names the exchange of a market suffix for messages", () => {
    expect(describeYahooMarket("DE")).toBe("Xetra (.DE)");
    expect(describeYahooMarket("QQ")).toBe("a market outside the US (.QQ)");
  });

  it("is given BRK/B as BRK-B: parseTicker rewrites the slashed share class, so no slash reaches a provider", () => {
    expect(parseTicker("BRK/B")).toBe("BRK-B");
  });
});
