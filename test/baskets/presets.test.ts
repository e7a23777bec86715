import { validateBasketName } from "../../src/baskets/basket-name";
import { parseTickerList } from "../../src/baskets/ticker-list";
import { Mag7, PRESET_BASKETS, SectorETFs, SmallCaps } from "../../src/baskets/presets";

describe("preset baskets", () => {
  it("have names Excel accepts as workbook names, all different", () => {
    const names = PRESET_BASKETS.map((basket) => basket.name);
    names.forEach((name, i) => expect(validateBasketName(name, names.slice(0, i))).toBeNull());
  });

  it("have labels and normalized, unique tickers", () => {
    for (const basket of PRESET_BASKETS) {
      expect(basket.preset).toBe(true);
      expect(basket.label.trim()).not.toBe("");
      const parsed = parseTickerList(basket.tickers.join(","));
      expect(parsed.problems).toEqual([]);
      expect(parsed.tickers).toEqual(basket.tickers);
    }
  });

  it("hold the agreed members", () => {
    expect(Mag7).toMatchObject({ name: "Mag_7", label: "Magnificent Seven" });
    expect(Mag7.tickers).toEqual(["AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA"]);
    expect(SmallCaps.tickers).toEqual(["IWM"]);
    expect(SectorETFs.tickers).toHaveLength(11);
    const all = PRESET_BASKETS.flatMap((basket) => basket.tickers);
    for (const ticker of ["QQQ", "SPY", "IJH", "MDY", "CAT", "DCI", "TTMI", "WBS", "SSB", "PACS"]) expect(all).toContain(ticker);
  });

  it("cannot be changed by accident", () => {
    expect(Object.isFrozen(Mag7)).toBe(true);
    expect(Object.isFrozen(Mag7.tickers)).toBe(true);
    expect(Object.isFrozen(PRESET_BASKETS)).toBe(true);
  });
});
