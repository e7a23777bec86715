import { evaluateFormula, FormulaName } from "../../src/functions/catalog";
import { dayToSerial } from "../../src/functions/args/days";
import { useHistorySource } from "../../src/addin";
import { dayOfIso, FixedHistorySource, makeSeries } from "../support/series-builder";

/*
 * Cells holding Excel data types reach `any` parameters as the JSON the Excel JavaScript API uses
 * (functions.json sets allowCustomDataForDataTypeAny). The shapes below follow Microsoft's reference:
 * Excel.LinkedEntityCellValue (type "LinkedEntity", id {entityId, domainId, serviceId, culture},
 * text, properties of cell values) and Excel.EntityCellValue (type "Entity"); 268435456 is the
 * Stocks service id (Range.ConvertToLinkedDataType in the Excel VBA reference), and "Ticker symbol"
 * is the Stocks data type's ticker field.
 */
const microsoftStock = {
  type: "LinkedEntity",
  text: "Microsoft Corp (XNAS:MSFT)",
  id: { entityId: "MSFT-XNAS", domainId: "Stocks", serviceId: 268435456, culture: "en-US" },
  properties: {
    Name: { type: "String", basicValue: "Microsoft Corp" },
    "Ticker symbol": { type: "String", basicValue: "MSFT" },
    Exchange: { type: "String", basicValue: "NASDAQ" },
    Price: { type: "FormattedNumber", basicValue: 420.5, numberFormat: "$#,##0.00" },
  },
};

/** A linked entity whose properties the service has not loaded: only its text says which stock. */
const appleWithoutProperties = {
  type: "LinkedEntity",
  text: "Apple Inc (XNAS:AAPL)",
  id: { entityId: "x", domainId: "Stocks", serviceId: 268435456 },
};
const berkshireB = { type: "LinkedEntity", text: "Berkshire Hathaway Inc (XNYS:BRK.B)" };
const vodafone = { type: "LinkedEntity", text: "Vodafone Group PLC (XLON:VOD)" };
const tencent = { type: "LinkedEntity", text: "Tencent Holdings Ltd (XHKG:700)" };
/** An add-in's own entity with a plain ticker property. */
const customEntity = { type: "Entity", text: "My pick", properties: { ticker: "nvda" } };

const closes = Array.from({ length: 30 }, (_, i) => 100 + i);
const series = Object.fromEntries(
  ["MSFT", "AAPL", "BRK-B", "VOD.L", "0700.HK", "NVDA", "IWM"].map((symbol, k) => [
    symbol,
    makeSeries(
      symbol,
      closes.map((c) => c + k),
    ),
  ]),
);
beforeAll(() => useHistorySource(new FixedHistorySource(series)));

async function value(name: FormulaName, ...args: unknown[]) {
  const outcome = await evaluateFormula(name, args);
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.value;
}

async function failure(name: FormulaName, ...args: unknown[]) {
  const outcome = await evaluateFormula(name, args);
  if (outcome.ok) throw new Error(`${name} unexpectedly returned ${JSON.stringify(outcome.value)}`);
  return `${outcome.error.code} ${outcome.error.message}`;
}

describe("cells holding a Stocks data type", () => {
  it("take the ticker from the entity's Ticker symbol property", async () => {
    expect(await value("PRICE", microsoftStock, null, "adjclose")).toBe(129);
    expect(await value("RSI", microsoftStock, 5)).toBe(100);
  });

  it("take it from the (EXCHANGE:SYMBOL) end of the text when the properties are not there", async () => {
    expect(await value("PRICE", appleWithoutProperties, null, "adjclose")).toBe(130);
    expect(await value("PRICE", berkshireB, null, "adjclose")).toBe(131); // BRK.B is Yahoo's BRK-B
    expect(await value("PRICE", vodafone, null, "adjclose")).toBe(132); // London: VOD.L
    expect(await value("PRICE", tencent, null, "adjclose")).toBe(133); // Hong Kong: 0700.HK
    expect(await value("PRICE", customEntity, null, "adjclose")).toBe(134);
  });

  it("work in ranges mixed with ticker text, as a basket", async () => {
    const range = [[microsoftStock], ["IWM"], [appleWithoutProperties], [""]];
    const expected = (129 / 100 - 1 + (135 / 106 - 1) + (130 / 101 - 1)) / 3; // MSFT, IWM, AAPL
    expect(await value("TOTAL_RETURN", range, "2025-01-02")).toBeCloseTo(expected, 12);
    expect(await value("ROTATION_SPREAD", [[microsoftStock]], "MSFT", "2025-01-02")).toBe(0); // the same ticker
    expect(await value("BREADTH", [[microsoftStock, "IWM"]], 5)).toBe(1);
  });

  it("say why when an entity names no ticker", async () => {
    expect(await failure("PRICE", { type: "Entity", text: "Seattle", properties: { Population: { type: "Double", basicValue: 1 } } })).toBe(
      '#VALUE! ticker: the data type "Seattle" has no ticker (no "Ticker symbol" property, and its text does not end in "(EXCHANGE:SYMBOL)")',
    );
    expect(await failure("PRICE", { type: "LinkedEntity", text: "Some Co (XXXX:ABC)" })).toMatch(
      /^#VALUE! ticker: the data type "Some Co \(XXXX:ABC\)" is listed on XXXX, for which no Yahoo-style ticker suffix is known/,
    );
    expect(await failure("TOTAL_RETURN", [[{ kind: "other" }]], "1M")).toBe(
      "#VALUE! tickers: expects ticker text or a Stocks data type, not a data type value",
    );
  });

  it("are read as their plain value when they are basic values: a formatted date, a string", async () => {
    const dateCell = { type: "FormattedNumber", basicValue: dayToSerial(dayOfIso("2025-01-06")), numberFormat: "yyyy-mm-dd" };
    expect(await value("PRICE", { type: "String", basicValue: "MSFT" }, dateCell, "adjclose")).toBe(102);
  });
});
