import type { Basket } from "./basket";

const preset = (name: string, label: string, tickers: readonly string[]): Basket =>
  Object.freeze({ name, label, tickers: Object.freeze([...tickers]), preset: true });

/*
 * Names must pass validateBasketName. "Mag7" and "SP500" cannot be used: MAG7 and SP500 are
 * cell addresses (columns MAG and SP exist, Excel's last column is XFD), so a formula would
 * read those cells instead of the basket. `Mag_7` and `SP_500` are in the README and in saved
 * workbooks: they stay.
 *
 * Memberships are samples, not live indexes: a handful of real members of each group as the
 * source listed them on the date given, written down from that listing; indexes reconstitute
 * (the Russell indexes every June, S&P's quarterly), so members drift out over time. An analyst
 * who needs the current constituents copies the preset and edits it. Single-ETF entries are
 * benchmarks, named "…ETF" and labelled "(benchmark)", so they are not mistaken for a basket.
 */

/** Magnificent Seven: the seven mega-cap technology names the term covers (as of 2024). */
export const Mag7 = preset("Mag_7", "Magnificent Seven", ["AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA"]);

/**
 * Small caps: a sample of large Russell 2000 members, from the holdings of the iShares Russell 2000
 * ETF (IWM) as of mid-2024, after the June 2024 reconstitution.
 */
export const SmallCaps = preset("SmallCaps", "Small caps (Russell 2000 sample)", [
  "SFM",
  "FN",
  "AIT",
  "MLI",
  "HQY",
  "CVLT",
  "SPXC",
  "UFPI",
]);

/** Mid caps: a sample across sectors of S&P MidCap 400 members, from the iShares Core S&P Mid-Cap ETF (IJH) holdings as of 2024. */
export const MidCaps = preset("MidCaps", "Mid caps (S&P MidCap 400 sample)", ["CASY", "TXRH", "MANH", "RGA", "WSO", "RPM", "FNF", "CIEN"]);

/** Mid-cap industrials: S&P MidCap 400 members in the Industrials sector, from the IJH holdings as of 2024. */
export const MidCapIndustrials = preset("MidCapIndustrials", "Mid-cap industrials (S&P MidCap 400 sample)", [
  "DCI",
  "ITT",
  "GGG",
  "RBC",
  "WWD",
  "SAIA",
  "AYI",
  "TTC",
]);

/**
 * Defense electronics: companies whose business is mostly defense electronics (radar, electronic
 * warfare, secure communications, mission computing, defense-grade circuit boards), picked from the
 * holdings of the iShares U.S. Aerospace & Defense ETF (ITA) and the SPDR S&P Aerospace & Defense
 * ETF (XAR) as of 2024.
 */
export const DefenseElectronics = preset("DefenseElectronics", "Defense electronics", ["LHX", "DRS", "MRCY", "KTOS", "TTMI", "CW", "TDY"]);

/** Regional banks: a sample of the SPDR S&P Regional Banking ETF (KRE) holdings as of 2024. */
export const RegionalBanks = preset("RegionalBanks", "Regional banks (KRE sample)", [
  "WBS",
  "SSB",
  "ZION",
  "CFR",
  "WAL",
  "FHN",
  "EWBC",
  "PNFP",
  "WTFC",
]);

/**
 * Healthcare providers: facility operators (hospitals, rehabilitation, skilled nursing, dialysis)
 * among the holdings of the iShares U.S. Healthcare Providers ETF (IHF) as of 2024; the insurers
 * that dominate that ETF's weights are left out.
 */
export const HealthcareProviders = preset("HealthcareProviders", "Healthcare providers (facilities)", [
  "HCA",
  "THC",
  "UHS",
  "EHC",
  "ENSG",
  "DVA",
  "PACS",
]);

/** The eleven Select Sector SPDR ETFs, one per GICS sector (XLC and XLRE since 2018 and 2015). */
export const SectorETFs = preset("SectorETFs", "SPDR sector ETFs (all eleven sectors)", [
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

// Benchmarks: one ETF tracking the index.
export const SP500 = preset("SP_500", "S&P 500 ETF (benchmark)", ["SPY"]);
export const Nasdaq100ETF = preset("Nasdaq100ETF", "Nasdaq-100 ETF (benchmark)", ["QQQ"]);
export const SmallCapsETF = preset("SmallCapsETF", "Russell 2000 ETF (benchmark)", ["IWM"]);
export const MidCapsETF = preset("MidCapsETF", "S&P MidCap 400 ETF (benchmark)", ["IJH"]);

/** The baskets that ship with the add-in, in the order the pane lists them: baskets, then benchmarks. */
export const PRESET_BASKETS: readonly Basket[] = Object.freeze([
  Mag7,
  SmallCaps,
  MidCaps,
  MidCapIndustrials,
  DefenseElectronics,
  RegionalBanks,
  HealthcareProviders,
  SectorETFs,
  SP500,
  Nasdaq100ETF,
  SmallCapsETF,
  MidCapsETF,
]);
