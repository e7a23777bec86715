import fs from "node:fs";
import path from "node:path";
import { FORMULAS } from "../../src/functions/catalog";
import { cellReferenceReading } from "../../src/baskets";

import { DIST_DIR, loadFunctionsBundle, readFunctionsMetadata, ShimError } from "../support/custom-functions-shim";

/** functions.json with the fields the shim's reader leaves out. */
const rawMetadata = (): {
  allowCustomDataForDataTypeAny?: boolean;
  functions: { id: string; parameters: { name: string; type?: string }[] }[];
} => JSON.parse(fs.readFileSync(path.join(DIST_DIR, "functions.json"), "utf8"));

const TICKER_PARAMETERS = ["ticker", "tickers", "basketA", "basketB", "a", "b"];

/** A Stocks data type cell as Excel passes it to an `any` parameter (Excel.LinkedEntityCellValue). */
const MICROSOFT_STOCK = {
  type: "LinkedEntity",
  text: "Microsoft Corp (XNAS:MSFT)",
  id: { entityId: "MSFT-XNAS", domainId: "Stocks", serviceId: 268435456, culture: "en-US" },
  properties: { "Ticker symbol": { type: "String", basicValue: "MSFT" } },
};

/** A valid call of each function for the demo provider. */
const SAMPLE_CALLS: Record<string, unknown[]> = {
  PRICE: ["IWM", null, null],
  HISTORY: ["IWM", "1M", null, null, null],
  TOTAL_RETURN: [[["IWM"], ["IJH"]], "YTD", null],
  ROTATION_SPREAD: [[["IJH"]], [["QQQ"], ["XLK"]], "YTD", null],
  RELATIVE_STRENGTH: [[["IWM"]], [["QQQ"]], "3M", null],
  SMA: ["NVDA", 50, null],
  EMA: ["NVDA", 21, null],
  RSI: ["NVDA", null, null],
  MACD: ["NVDA", null, null, null, null],
  GOLDEN_CROSS: ["IWM", 5, 20, null],
  DEATH_CROSS: ["IWM", 5, 20, null],
  MA_CROSS: ["IWM", null, null, null],
  BREADTH: [[["CAT"], ["DCI"], ["TTMI"]], null, null],
  VALUATION: [[["NVDA"], ["CAT"], ["DCI"]], null, null, null],
  VALUATION_GAP: [[["NVDA"], ["AMD"], ["AVGO"]], [["AAPL"], ["MSFT"], ["GOOGL"]], "trailing_pe", null, null],
};

/** Streaming functions take an invocation and are never awaited: QUOTE is tested in test/functions/quote-bundle.test.ts. */
const STREAMING_IDS = ["QUOTE"];

describe("dist/functions.js in a CustomFunctions shim", () => {
  const metadata = readFunctionsMetadata();
  const bundle = loadFunctionsBundle({ origin: "https://127.0.0.1:9", storage: { "rotation-desk.provider": "demo" } });

  it("declares exactly the catalog's ids in functions.json", () => {
    expect(metadata.functions.map((f) => f.id).sort()).toEqual(Object.keys(FORMULAS).sort());
    for (const f of metadata.functions) {
      expect(f.name).toBe(f.id);
      expect(f.parameters.map((p) => p.name)).toEqual(FORMULAS[f.id as keyof typeof FORMULAS].params);
    }
  });

  it("no id parses as a cell address, in A1 or R1C1 form (see test/functions/function-ids.test.ts)", () => {
    for (const f of metadata.functions) expect([f.id, cellReferenceReading(f.id)]).toEqual([f.id, null]);
  });

  it("lets every ticker parameter receive a Stocks data type (type any, with custom data allowed)", () => {
    const raw = rawMetadata();
    expect(raw.allowCustomDataForDataTypeAny).toBe(true);
    const tickerParameters = raw.functions.flatMap((f) => f.parameters.filter((p) => TICKER_PARAMETERS.includes(p.name)));
    expect(tickerParameters).toHaveLength(raw.functions.length + 3); // ROTATION_SPREAD, RELATIVE_STRENGTH and VALUATION_GAP take two
    for (const parameter of tickerParameters) expect(parameter.type).toBe("any");
  });

  it("computes from a Stocks data type cell as from its ticker", async () => {
    const fromEntity = await bundle.registered.get("PRICE")!(MICROSOFT_STOCK, null, null);
    expect(fromEntity).toBe(await bundle.registered.get("PRICE")!("MSFT", null, null));
    const mixed = await bundle.registered.get("TOTAL_RETURN")!([[MICROSOFT_STOCK], ["IWM"]], "YTD", null);
    expect(Number.isFinite(mixed)).toBe(true);
  });

  it("registers every id in functions.json", () => {
    expect([...bundle.registered.keys()].sort()).toEqual(metadata.functions.map((f) => f.id).sort());
  });

  it("has a sample call for every id", () => {
    expect(Object.keys(SAMPLE_CALLS).sort()).toEqual(
      Object.keys(FORMULAS)
        .filter((id) => !STREAMING_IDS.includes(id))
        .sort(),
    );
  });

  it.each(Object.keys(SAMPLE_CALLS))("%s is callable and returns a value", async (id) => {
    // The demo data source has synthetic fundamentals too: VALUATION and VALUATION_GAP compute like the others.
    const value = (await bundle.registered.get(id)!(...SAMPLE_CALLS[id])) as any;
    if (Array.isArray(value)) {
      expect(value.length).toBeGreaterThan(0);
      for (const row of value) expect(row.length).toBe(value[0].length);
    } else {
      expect(typeof value).toBe("number");
      expect(Number.isFinite(value)).toBe(true);
    }
  });

  it("rejects bad input with a CustomFunctions.Error carrying a code and a message", async () => {
    const rejection = bundle.registered.get("RSI")!("", null, null) as Promise<unknown>;
    await expect(rejection).rejects.toBeInstanceOf(ShimError);
    await expect(rejection).rejects.toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/^ticker: no ticker given/) });
    const tooShort = bundle.registered.get("SMA")!("IWM", 10, "2000-01-05") as Promise<unknown>;
    await expect(tooShort).rejects.toMatchObject({ code: "#N/A", message: expect.stringMatching(/needs 10 closes/) });
    const badMeasure = bundle.registered.get("VALUATION")!("IWM", "pe", null, null) as Promise<unknown>;
    await expect(badMeasure).rejects.toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/^measure: "pe" is not a measure/) });
  });
});
