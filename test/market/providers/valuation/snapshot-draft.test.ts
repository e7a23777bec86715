import { amountOf, normalizeSnapshot, SnapshotDraft } from "../../../../src/market/providers/shared";

/** normalizeSnapshot: one meaning for every provider's figures, currencies converted or refused, never mixed. */

const draft = (fields: Partial<SnapshotDraft> = {}): SnapshotDraft => ({
  symbol: "X",
  provider: "test",
  fetchedAt: 1,
  kind: "equity",
  priceTime: null,
  priceCurrency: "USD",
  price: 100,
  epsTrailing: 5,
  epsForward: 6,
  peTrailing: 20,
  peForward: 16.7,
  marketCap: 1e9,
  sharesOutstanding: 1e7,
  ...fields,
});
const notes = (fields: Partial<SnapshotDraft>) => normalizeSnapshot(draft(fields), "Test").notes.join("\n");

describe("normalizeSnapshot", () => {
  it("converts a price in pence (GBp) to pounds, keeps EPS and market cap stated in pounds, and corrects a pence ÷ pounds P/E", () => {
    const ocado = normalizeSnapshot(
      draft({
        symbol: "OCDO.L",
        priceCurrency: "GBp",
        price: 308.8,
        epsTrailing: 0.5,
        epsTrailingCurrency: "GBP",
        peTrailing: 617.6,
        marketCapCurrency: "GBP",
        marketCap: 2554603520,
      }),
      "Yahoo",
    );
    expect(ocado).toMatchObject({ currency: "GBP", price: 3.088, epsTrailing: 0.5, marketCap: 2554603520 });
    expect(ocado.peTrailingPublished).toBeCloseTo(6.176, 6);
    expect(ocado.notes.join("\n")).toMatch(/divides a price in pence by EPS in GBP: corrected to 6\.176/);
  });

  it("leaves out EPS stated in another currency than the price (BABA: CNY statements, USD quote): never divided across", () => {
    const baba = normalizeSnapshot(draft({ symbol: "BABA", price: 124.73, epsForward: 73.52, epsForwardCurrency: "CNY" }), "Yahoo");
    expect(baba).toMatchObject({ currency: "USD", price: 124.73, epsForward: null, epsTrailing: 5 });
    expect(baba.notes.join("\n")).toMatch(
      /states the forward EPS in CNY and the price in USD: not converted \(no exchange rate given\), left out/,
    );
  });

  it("a fund keeps its published P/E and drops any EPS; a loss's P/E is null and its EPS keeps the sign", () => {
    expect(normalizeSnapshot(draft({ kind: "fund", epsTrailing: 15.3 }), "Test")).toMatchObject({
      epsTrailing: null,
      epsForward: null,
      peTrailingPublished: 20,
    });
    expect(normalizeSnapshot(draft({ epsForward: -0.33, peForward: -13.03 }), "Test")).toMatchObject({
      epsForward: -0.33,
      peForwardPublished: null,
    });
    expect(notes({ epsForward: -0.33, peForward: -13.03 })).toMatch(/a loss has no P\/E/);
  });

  it("refuses a price without a currency, and zero or negative prices and market caps", () => {
    expect(normalizeSnapshot(draft({ priceCurrency: null }), "Test")).toMatchObject({ price: null, currency: null });
    expect(normalizeSnapshot(draft({ price: 0, marketCap: -5 }), "Test")).toMatchObject({ price: null, marketCap: null });
  });
});

describe("amountOf: providers' ways of writing a number or none", () => {
  it.each([
    ["8.811", 8.811],
    ["114234572800", 114234572800],
    [-0.47, -0.47],
    ["None", null],
    ["none", null],
    ["-", null],
    ["N/A", null],
    ["", null],
    [null, null],
    [undefined, null],
    ["12abc", null],
    [Number.NaN, null],
  ])("%j -> %j", (value, expected) => {
    expect(amountOf(value)).toBe(expected);
  });
});
