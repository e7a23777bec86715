import type { ProviderName } from "../core";
import { ALPHAVANTAGE_PLANS } from "./alphavantage";
import { DEMO_PLANS } from "./demo";
import { FMP_PLANS } from "./fmp";
import { POLYGON_PLANS } from "./polygon";
import type { ProviderPlans } from "./shared";
import { TIINGO_PLANS } from "./tiingo";
import { TWELVEDATA_PLANS } from "./twelvedata";
import { YAHOO_PLANS } from "./yahoo";

/**
 * Each provider's plan tiers (the same objects as PROVIDER_SPECS[name].plans), on their own so the
 * add-in's settings can list tiers without pulling every provider's client into the functions bundle.
 */
export const PROVIDER_PLANS: Readonly<Record<ProviderName, ProviderPlans>> = {
  yahoo: YAHOO_PLANS,
  alphavantage: ALPHAVANTAGE_PLANS,
  polygon: POLYGON_PLANS,
  tiingo: TIINGO_PLANS,
  twelvedata: TWELVEDATA_PLANS,
  fmp: FMP_PLANS,
  demo: DEMO_PLANS,
};
