import type { FailureReason } from "../../../../src/market";
import { checkSettingsDraft, planChoices, planRefusalOf } from "../../../../src/taskpane/features/settings/settings-draft";

const draft = (fields: Partial<{ provider: string; apiKey: string; plan: string; serverUrl: string }>) => ({
  provider: "yahoo",
  apiKey: "",
  plan: "free",
  serverUrl: "",
  ...fields,
});

describe("settings form", () => {
  it("turns blank fields into 'use the default'", () => {
    expect(checkSettingsDraft(draft({ apiKey: "  " }), "https://localhost:3000").settings).toEqual({
      provider: "yahoo",
      apiKey: null,
      plan: "free",
      serverUrl: null,
    });
  });

  it("flags a server address that is not http(s) and a key with spaces", () => {
    const check = checkSettingsDraft(draft({ apiKey: "ab cd", serverUrl: "localhost:3000" }), "https://localhost:3000");
    expect(check.serverMessage).toMatch(/must start with https:\/\//);
    expect(check.apiKeyMessage).toMatch(/no spaces/);
    expect(check.settings).toBeNull();
    expect(checkSettingsDraft(draft({ serverUrl: "not a url" }), "https://x").serverMessage).toMatch(/not a web address/);
  });

  it("refuses an unknown provider", () => {
    expect(checkSettingsDraft(draft({ provider: "bloomberg" }), "https://x").providerMessage).toBe("Choose a data provider.");
  });

  it("keeps the plan of the key for a provider with keys, and only a plan that provider has", () => {
    const tiingo = checkSettingsDraft(draft({ provider: "tiingo", apiKey: "k", plan: "power" }), "https://x");
    expect(tiingo.settings).toEqual({ provider: "tiingo", apiKey: "k", plan: "power", serverUrl: null });
    const unknown = checkSettingsDraft(draft({ provider: "tiingo", apiKey: "k", plan: "premium-75" }), "https://x");
    expect(unknown.planMessage).toBe('Tiingo has no plan "premium-75"; choose free, power.');
    expect(unknown.settings).toBeNull();
    // Yahoo takes no key: whatever the draft says, its plan is free.
    expect(checkSettingsDraft(draft({ plan: "power" }), "https://x").settings?.plan).toBe("free");
  });

  it("offers each provider's tiers with their limits, and none for providers without keys", () => {
    expect(planChoices("tiingo")).toEqual([
      { value: "free", label: "free — 50 an hour, 1,000 a day, 1 at a time" },
      { value: "power", label: "power — 5,000 an hour, 4 at a time" },
    ]);
    expect(planChoices("alphavantage").map((choice) => choice.value)).toEqual([
      "free",
      "premium-75",
      "premium-150",
      "premium-300",
      "premium-600",
      "premium-1200",
    ]);
    expect(planChoices("yahoo")).toEqual([]);
    expect(planChoices("demo")).toEqual([]);
    expect(planChoices("bloomberg")).toEqual([]);
  });

  it("finds the data server's refusal of the plan among the cells' failures", () => {
    const failure = (example: string): FailureReason => ({
      kind: "bad-response",
      reason: example,
      example,
      count: 3,
      tickers: ["IWM"],
      moreTickers: false,
      lastAt: 0,
    });
    const refused = failure(
      'The data server rejected the request for IWM: The x-mkt-plan header must name a Tiingo plan (free, power), not "gold"',
    );
    expect(planRefusalOf([failure("Could not reach the data server for IWM: connection refused"), refused])).toBe(
      'The x-mkt-plan header must name a Tiingo plan (free, power), not "gold"',
    );
    expect(planRefusalOf([failure("Could not reach the data server for IWM: connection refused")])).toBeNull();
  });
});
