import { checkSettingsDraft } from "../../../../src/taskpane/features/settings/settings-draft";

describe("settings form", () => {
  it("turns blank fields into 'use the default'", () => {
    expect(checkSettingsDraft({ provider: "yahoo", apiKey: "  ", serverUrl: "" }, "https://localhost:3000").settings).toEqual({
      provider: "yahoo",
      apiKey: null,
      serverUrl: null,
    });
  });

  it("flags a server address that is not http(s) and a key with spaces", () => {
    const check = checkSettingsDraft({ provider: "yahoo", apiKey: "ab cd", serverUrl: "localhost:3000" }, "https://localhost:3000");
    expect(check.serverMessage).toMatch(/must start with https:\/\//);
    expect(check.apiKeyMessage).toMatch(/no spaces/);
    expect(check.settings).toBeNull();
    expect(checkSettingsDraft({ provider: "yahoo", apiKey: "", serverUrl: "not a url" }, "https://x").serverMessage).toMatch(
      /not a web address/,
    );
  });

  it("refuses an unknown provider", () => {
    expect(checkSettingsDraft({ provider: "bloomberg", apiKey: "", serverUrl: "" }, "https://x").providerMessage).toBe(
      "Choose a data provider.",
    );
  });
});
