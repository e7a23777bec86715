import { BasketNames } from "../../cli/basket-names";
import { evaluateText } from "../../cli/evaluate";
import { DemoProvider, DemoSnapshotProvider, HistoryStore, MarketStores, SnapshotStore } from "../../src/market";

import { useHistorySource } from "../../src/addin";

/** evaluateText in-process on demo data: how quoted basket names are read, by parameter. */
beforeAll(() => {
  const stores = new MarketStores(new HistoryStore(new DemoProvider()), new SnapshotStore(new DemoSnapshotProvider()));
  useHistorySource({
    get: (ticker) => stores.get(ticker),
    snapshot: (ticker) => stores.snapshot(ticker),
    earnings: (ticker) => stores.earnings(ticker),
  });
});

async function evaluate(text: string, names = new BasketNames()): Promise<{ result: unknown; notices: string[] }> {
  const notices: string[] = [];
  const result = await evaluateText(text, names, (notice) => notices.push(notice));
  return { result, notices };
}

describe("quoted basket names on the command line", () => {
  it('reads VALUATION_GAP("Mag_7","MidCaps") as the unquoted form, saying so for each basket', async () => {
    const quoted = await evaluate('VALUATION_GAP("Mag_7","MidCaps")');
    const bare = await evaluate("VALUATION_GAP(Mag_7,MidCaps)");
    expect(quoted.result).toEqual(bare.result);
    expect(typeof (quoted.result as { value: unknown }).value).toBe("number");
    expect(quoted.notices).toEqual([
      '"Mag_7" read as the basket Mag_7 (7 tickers); in Excel write the name without quotes',
      '"MidCaps" read as the basket MidCaps (8 tickers); in Excel write the name without quotes',
    ]);
    expect(bare.notices).toEqual([]);
  });

  it("reads a --basket name in quotes too, in any basket parameter (tickers, a, b)", async () => {
    const names = new BasketNames([{ name: "Chips", tickers: ["NVDA", "AMD"] }]);
    const quoted = await evaluate('VALUATION("Chips","market_cap")', names);
    const listed = await evaluate('VALUATION("NVDA,AMD","market_cap")');
    expect(quoted.result).toEqual(listed.result);
    expect(quoted.notices).toHaveLength(1);
    const strength = await evaluate('RELATIVE_STRENGTH("Chips","SmallCaps","YTD")', names);
    expect(strength.notices).toHaveLength(1); // Chips was announced already; SmallCaps is new
    expect(strength.notices[0]).toMatch(/^"SmallCaps" read as the basket SmallCaps/);
  });

  it("leaves a single-ticker parameter, another case, and other parameters as text", async () => {
    const price = await evaluate('PRICE("Mag_7")');
    expect(price.result).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/^ticker: Invalid ticker "Mag_7"/) });
    expect(price.notices).toEqual([]);
    const lower = await evaluate('VALUATION("mag_7")');
    expect(lower.notices).toEqual([]);
    expect(lower.result).toMatchObject({ error: "#VALUE!" });
  });

  it("the #VALUE! for a quoted name-like text says how Excel wants it written", async () => {
    const { result } = await evaluate('VALUATION("mag_7")');
    expect((result as { message: string }).message).toBe(
      'tickers: Invalid ticker "mag_7": use letters and digits, joined by . - = (e.g. IWM, BRK-B, WSU.DE, EURUSD=X, ^GSPC). ' +
        'If mag_7 is a basket name, write it without quotes (mag_7, not "mag_7") so Excel passes the basket\'s tickers',
    );
    const plain = await evaluate('VALUATION("AA$PL")');
    expect((plain.result as { message: string }).message).not.toMatch(/basket name/);
  });
});
