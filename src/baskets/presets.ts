import type { Basket } from "./basket";

const preset = (name: string, label: string, tickers: readonly string[]): Basket =>
  Object.freeze({ name, label, tickers: Object.freeze([...tickers]), preset: true });

/*
 * Names must pass validateBasketName. "Mag7" and "SP500" cannot be used: MAG7 and SP500 are
 * cell addresses (columns MAG and SP exist, Excel's last column is XFD), so a formula would
 * read those cells instead of the basket.
 */
export const Mag7 = preset("Mag_7", "Magnificent Seven", ["AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA"]);
export const SmallCaps = preset("SmallCaps", "Small caps (Russell 2000)", ["IWM"]);
export const Nasdaq100 = preset("Nasdaq100", "Nasdaq 100", ["QQQ"]);
export const SP500 = preset("SP_500", "S&P 500", ["SPY"]);
export const MidCaps = preset("MidCaps", "Mid caps (S&P 400)", ["IJH", "MDY"]);
export const MidCapIndustrials = preset("MidCapIndustrials", "Mid-cap industrials", ["CAT", "DCI"]);
export const DefenseElectronics = preset("DefenseElectronics", "Defense electronics", ["TTMI"]);
export const RegionalBanks = preset("RegionalBanks", "Regional banks", ["WBS", "SSB"]);
export const HealthcareProviders = preset("HealthcareProviders", "Healthcare providers", ["PACS"]);
export const SectorETFs = preset("SectorETFs", "SPDR sector ETFs", [
  "XLB",
  "XLC",
  "XLE",
  "XLF",
  "XLI",
  "XLK",
  "XLP",
  "XLRE",
  "XLU",
  "XLV",
  "XLY",
]);

/** The baskets that ship with the add-in, in the order the pane lists them. */
export const PRESET_BASKETS: readonly Basket[] = Object.freeze([
  Mag7,
  SmallCaps,
  Nasdaq100,
  SP500,
  MidCaps,
  MidCapIndustrials,
  DefenseElectronics,
  RegionalBanks,
  HealthcareProviders,
  SectorETFs,
]);
