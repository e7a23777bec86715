import { validateBasketName } from "../../src/baskets/basket-name";
import { parseTickerList } from "../../src/baskets/ticker-list";
import {
  DefenseElectronics,
  HealthcareProviders,
  Mag7,
  MidCapIndustrials,
  MidCaps,
  MidCapsETF,
  Nasdaq100ETF,
  PRESET_BASKETS,
  RegionalBanks,
  SectorETFs,
  SmallCaps,
  SmallCapsETF,
  SP500,
} from "../../src/baskets/presets";

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

  it("hold the agreed members; the names the README and saved workbooks use stay", () => {
    expect(Mag7).toMatchObject({ name: "Mag_7", label: "Magnificent Seven" });
    expect(Mag7.tickers).toEqual(["AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA"]);
    expect(SP500).toMatchObject({ name: "SP_500", tickers: ["SPY"] });
    expect(SectorETFs.tickers).toHaveLength(11);
    const all = PRESET_BASKETS.flatMap((basket) => basket.tickers);
    for (const ticker of ["QQQ", "SPY", "IWM", "IJH", "DCI", "TTMI", "WBS", "SSB", "PACS"]) expect(all).toContain(ticker);
  });

  it("give each group at least five real members", () => {
    for (const basket of [SmallCaps, MidCaps, MidCapIndustrials, DefenseElectronics, RegionalBanks, HealthcareProviders]) {
      expect([basket.name, basket.tickers.length >= 5]).toEqual([basket.name, true]);
      // Members are companies, not the ETFs that track the group.
      for (const etf of ["IWM", "IJH", "MDY", "SPY", "QQQ", "KRE", "IHF", "ITA", "XAR"]) expect(basket.tickers).not.toContain(etf);
    }
  });

  it("name and label single-ETF entries as benchmarks", () => {
    const singles = PRESET_BASKETS.filter((basket) => basket.tickers.length === 1);
    expect(singles.map((basket) => basket.name)).toEqual(["SP_500", "Nasdaq100ETF", "SmallCapsETF", "MidCapsETF"]);
    for (const basket of singles) expect(basket.label).toMatch(/ETF \(benchmark\)$/);
    expect(SmallCapsETF).toMatchObject({ label: "Russell 2000 ETF (benchmark)", tickers: ["IWM"] });
    expect(Nasdaq100ETF.tickers).toEqual(["QQQ"]);
    expect(MidCapsETF.tickers).toEqual(["IJH"]);
    // Benchmarks come after the baskets in the pane's list.
    const firstSingle = PRESET_BASKETS.findIndex((basket) => basket.tickers.length === 1);
    expect(PRESET_BASKETS.slice(firstSingle).every((basket) => basket.tickers.length === 1)).toBe(true);
  });

  it("cannot be changed by accident", () => {
    expect(Object.isFrozen(Mag7)).toBe(true);
    expect(Object.isFrozen(Mag7.tickers)).toBe(true);
    expect(Object.isFrozen(PRESET_BASKETS)).toBe(true);
  });
});
