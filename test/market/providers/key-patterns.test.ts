import { PROVIDER_NAMES, PROVIDER_SPECS } from "../../../src/market";

/** One made-up key per provider in its documented format (none of these is a real key). */
const EXAMPLES: Record<string, string> = {
  alphavantage: "X7Q2M9KD4LZ0P1BA",
  polygon: "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z",
  tiingo: "0123456789abcdef0123456789abcdef01234567",
  twelvedata: "0123456789abcdef0123456789abcdef",
  fmp: "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z",
};

describe("provider key patterns", () => {
  it("exist exactly for the providers that take keys", () => {
    for (const name of PROVIDER_NAMES) expect(PROVIDER_SPECS[name].keyPattern === null).toBe(!PROVIDER_SPECS[name].keyRequired);
  });

  it.each(Object.entries(EXAMPLES))("%s accepts a key in its documented format and refuses near misses", (name, example) => {
    const pattern = PROVIDER_SPECS[name as keyof typeof PROVIDER_SPECS].keyPattern!;
    expect(pattern.regex.test(example)).toBe(true);
    for (const bad of [
      example.slice(1),
      `${example}0`,
      `${example.slice(1)}"`,
      `${example.slice(1)} `,
      `${example.slice(1)}:`,
      '"',
      "e",
      "",
    ]) {
      expect(pattern.regex.test(bad)).toBe(false);
    }
    expect(pattern.description).toMatch(/\d+/);
  });

  it("never accept a key shorter than 16 characters or one holding JSON or URL syntax", () => {
    for (const name of PROVIDER_NAMES) {
      const pattern = PROVIDER_SPECS[name].keyPattern;
      if (pattern === null) continue;
      expect(pattern.regex.test("A1".repeat(7))).toBe(false);
      for (const special of ['"', "\\", "{", "}", ":", ",", "/", "?", "&", "=", "%", "+", " "]) {
        expect(pattern.regex.test(`${EXAMPLES[name].slice(1)}${special}`)).toBe(false);
      }
    }
  });

  it("state a body cap for every provider, above its longest real history (~5 MB) and below 32 MB", () => {
    for (const name of PROVIDER_NAMES) {
      if (name === "demo") continue;
      expect(PROVIDER_SPECS[name].maxBodyBytes).toBeGreaterThanOrEqual(4 * 1024 * 1024);
      expect(PROVIDER_SPECS[name].maxBodyBytes).toBeLessThanOrEqual(32 * 1024 * 1024);
    }
  });
});
