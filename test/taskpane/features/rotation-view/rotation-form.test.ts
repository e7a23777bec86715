import {
  checkRotationForm,
  initialRotationForm,
  rememberedValuation,
  valuationGapPreset,
} from "../../../../src/taskpane/features/rotation-view/rotation-form";

const growth = { name: "Growth", label: "Growth", tickers: ["TSLA", "AAPL"], preset: false };
const cloud = { name: "Cloud", label: "Cloud", tickers: ["AMZN"], preset: false };
const baskets = [growth, cloud];

describe("rotation view form", () => {
  it("builds the request for the ticked baskets and periods", () => {
    const check = checkRotationForm({ ...initialRotationForm(), basketNames: ["Cloud", "Growth"], periods: ["YTD", "1M"] }, baskets);
    expect(check.request).toEqual({
      baskets: [growth, cloud],
      benchmark: { kind: "ticker", ticker: "SPY" },
      periods: ["1M", "YTD"],
      chartSpan: "1Y",
      valuation: { measure: "forward_pe", gapChart: true, noChartReason: null },
    });
  });

  it("asks for the gap chart only where the provider has earnings history, and says why not otherwise", () => {
    const draft = { ...initialRotationForm(), basketNames: ["Growth"] };
    const noHistory = checkRotationForm(draft, baskets, { ok: false, reason: "Yahoo Finance has no quarterly EPS history" });
    expect(noHistory.request?.valuation).toEqual({
      measure: "forward_pe",
      gapChart: false,
      noChartReason: "Yahoo Finance has no quarterly EPS history",
    });
    expect(checkRotationForm({ ...draft, valuation: false }, baskets).request?.valuation).toBeNull();
  });

  it("sets the Valuation gap preset: mid- and small-cap ETFs against SP_500 on trailing P/E", () => {
    const presets = ["MidCapsETF", "SmallCapsETF", "SP_500"].map((name) => ({ name, label: name, tickers: ["X"], preset: true }));
    const draft = { ...initialRotationForm(), valuation: false, periods: ["YTD" as const] };
    const preset = valuationGapPreset(draft, [...baskets, ...presets]);
    expect(preset).toMatchObject({
      basketNames: ["MidCapsETF", "SmallCapsETF"],
      benchmark: { kind: "basket", basketName: "SP_500" },
      valuation: true,
      measure: "trailing_pe",
      periods: ["YTD"],
    });
    const request = checkRotationForm(preset!, [...baskets, ...presets]).request;
    expect(request?.benchmark).toEqual({ kind: "basket", basket: presets[2] });
    // Funds have no quarterly EPS: no gap chart, even with a provider that has earnings history.
    expect(request?.valuation).toMatchObject({ measure: "trailing_pe", gapChart: false, noChartReason: expect.stringMatching(/^funds/) });
    expect(valuationGapPreset(draft, baskets)).toBeNull();
  });

  it("remembers valuation choices only in a shape it knows", () => {
    expect(rememberedValuation({ valuation: false, measure: "trailing_pe" })).toEqual({ valuation: false, measure: "trailing_pe" });
    expect(rememberedValuation({ valuation: true, measure: "peg" })).toBeNull();
    expect(rememberedValuation("on")).toBeNull();
  });

  it("asks for a basket and a period", () => {
    expect(checkRotationForm({ ...initialRotationForm(), periods: [] }, baskets)).toMatchObject({
      basketsMessage: "Pick at least one basket to compare.",
      periodsMessage: "Pick at least one period.",
      request: null,
    });
  });
});
