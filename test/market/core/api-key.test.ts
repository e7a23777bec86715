import { ENVIRONMENT_KEY_ADVICE, parseTicker, requireApiKey, SERVER_KEY_ADVICE } from "../../../src/market/core";
import { createDirectProvider, createUnlimitedProvider, PROVIDER_SPECS } from "../../../src/market";
import { rejection, thrownBy } from "../../support/market-errors";

describe("where an API key comes from, in messages", () => {
  it("by default tells the server's story: the team key on the server or the analyst's own in the add-in", () => {
    expect(thrownBy(() => requireApiKey("Tiingo", "tiingo", null, "IWM")).message).toBe(
      "Tiingo needs an API key: set MKT_TIINGO_KEY on the server or enter your own key in the add-in's settings",
    );
    expect(thrownBy(() => requireApiKey("Tiingo", "tiingo", "a b", "IWM", SERVER_KEY_ADVICE)).message).toBe(
      "The Tiingo API key contains spaces or special characters: check MKT_TIINGO_KEY or the key in the add-in's settings",
    );
  });

  it("in a terminal, the analyst's own environment", () => {
    expect(thrownBy(() => requireApiKey("Tiingo", "tiingo", "  ", "IWM", ENVIRONMENT_KEY_ADVICE)).message).toBe(
      "Tiingo needs an API key: set MKT_TIINGO_KEY in your environment",
    );
    expect(thrownBy(() => requireApiKey("Tiingo", "tiingo", "x".repeat(300), "IWM", ENVIRONMENT_KEY_ADVICE)).message).toBe(
      "The Tiingo API key is over 256 characters long: check MKT_TIINGO_KEY in your environment",
    );
  });

  const keyed = Object.values(PROVIDER_SPECS).filter((spec) => spec.keyRequired);

  it.each(keyed.map((spec) => spec.name))(
    "%s: the program that creates the provider says which, the server's wording by default",
    async (name) => {
      const provider = name as keyof typeof PROVIDER_SPECS;
      const envName = `MKT_${name.toUpperCase()}_KEY`;
      const server = await rejection(createDirectProvider(provider, {}).fetchHistory(parseTicker("IWM")));
      expect(server).toMatchObject({ kind: "invalid-key" });
      expect(server.message).toMatch(
        new RegExp(`needs an API key: set ${envName} on the server or enter your own key in the add-in's settings$`),
      );
      const cli = await rejection(
        createDirectProvider(provider, {}, null, { keyAdvice: ENVIRONMENT_KEY_ADVICE }).fetchHistory(parseTicker("IWM")),
      );
      expect(cli.message).toMatch(new RegExp(`needs an API key: set ${envName} in your environment$`));
      const bare = await rejection(
        createUnlimitedProvider(provider, {}, null, undefined, { keyAdvice: ENVIRONMENT_KEY_ADVICE }).fetchHistory(parseTicker("IWM")),
      );
      expect(bare.message).toBe(cli.message);
    },
  );
});
