import { checkRotationForm, initialRotationForm } from "../../../../src/taskpane/features/rotation-view/rotation-form";

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
    });
  });

  it("asks for a basket and a period", () => {
    expect(checkRotationForm({ ...initialRotationForm(), periods: [] }, baskets)).toMatchObject({
      basketsMessage: "Pick at least one basket to compare.",
      periodsMessage: "Pick at least one period.",
      request: null,
    });
  });
});
