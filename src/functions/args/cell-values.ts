/**
 * Excel data types as the custom functions receive them. functions.json sets
 * `allowCustomDataForDataTypeAny`, so a parameter of type `any` gets a data type cell's value as the
 * same JSON object the Excel JavaScript API uses, instead of its display text:
 *
 * - Use data types with custom functions ("Input an entity value": the function receives an
 *   `Excel.EntityCellValue` and reads `value.text`):
 *   https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-data-types-concepts
 * - `allowCustomDataForDataTypeAny` in the functions metadata:
 *   https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json
 * - Excel.EntityCellValue (`type: "Entity"`, `text`, `properties`, `basicValue` "#VALUE!"):
 *   https://learn.microsoft.com/javascript/api/excel/excel.entitycellvalue
 * - Excel.LinkedEntityCellValue (`type: "LinkedEntity"`, `id`, `text`, `properties`), the shape of
 *   the Stocks data type, a service-linked entity whose text reads "Microsoft Corp (XNAS:MSFT)":
 *   https://learn.microsoft.com/javascript/api/excel/excel.linkedentitycellvalue
 *
 * Entity properties are cell values themselves (`{ type: "String", basicValue: "MSFT" }`). The Stocks
 * data type calls its ticker field "Ticker symbol" (=A2.[Ticker symbol] in a cell); a linked entity
 * may arrive without its properties (the service loads them), so the `(MIC:SYMBOL)` suffix of its
 * text is the fallback: STOCKHISTORY documents the same "XNAS:MSFT" form for exchange-qualified tickers.
 */

/** The display text of an entity or linked entity (a Stocks data type cell), or null for anything else. */
export function entityText(value: unknown): string | null {
  if (!isEntity(value)) return null;
  return typeof value.text === "string" ? value.text : "";
}

interface EntityLike {
  readonly type: "Entity" | "LinkedEntity";
  readonly text?: unknown;
  readonly properties?: unknown;
}

export function isEntity(value: unknown): value is EntityLike {
  return isObject(value) && (value.type === "Entity" || value.type === "LinkedEntity");
}

/** Basic cell values that arrive as data type objects in `any` parameters: their plain value. */
const BASIC_TYPES = new Set(["Double", "FormattedNumber", "String", "Boolean"]);

/**
 * A data type value whose meaning is a plain number, text or boolean (a formatted number such as a
 * date with its number format) as that plain value; anything else (entities, ranges) unchanged.
 */
export function plainCellValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item: unknown) => plainCellValue(item));
  if (isObject(value) && typeof value.type === "string" && BASIC_TYPES.has(value.type)) {
    const basic = value.basicValue;
    if (typeof basic === "number" || typeof basic === "string" || typeof basic === "boolean") return basic;
  }
  return value;
}

/** Ticker-like property names of entities: the Stocks data type's "Ticker symbol", and plainer ones of other entities. */
const TICKER_PROPERTIES = ["ticker symbol", "ticker", "symbol"];

/** The text of a property value: a plain string, or a String cell value's basicValue. */
function propertyText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (isObject(value) && typeof value.basicValue === "string") return value.basicValue;
  return null;
}

function tickerProperty(entity: EntityLike): string | null {
  if (!isObject(entity.properties)) return null;
  const byName = new Map(Object.entries(entity.properties).map(([name, value]) => [name.trim().toLowerCase(), value]));
  for (const name of TICKER_PROPERTIES) {
    const text = propertyText(byName.get(name));
    if (text !== null && text.trim() !== "") return text.trim();
  }
  return null;
}

/** "Microsoft Corp (XNAS:MSFT)" → XNAS, MSFT: an ISO 10383 market identifier code and the symbol there. */
const EXCHANGE_SUFFIX = /\(\s*([A-Za-z0-9]{4})\s*:\s*([^\s():]+)\s*\)\s*$/;

/** US markets (Nasdaq, NYSE, NYSE Arca, NYSE American, Cboe BZX, IEX): Yahoo-style tickers have no suffix there. */
const US_MARKETS = new Set(["XNAS", "XNGS", "XNMS", "XNCM", "XNYS", "ARCX", "XASE", "BATS", "IEXG"]);

/** Yahoo's suffixes for other markets' tickers (VOD on XLON is VOD.L). */
const MARKET_SUFFIXES: Record<string, string> = {
  XLON: ".L",
  XTSE: ".TO",
  XTSX: ".V",
  XETR: ".DE",
  XFRA: ".F",
  XPAR: ".PA",
  XAMS: ".AS",
  XBRU: ".BR",
  XMIL: ".MI",
  XMAD: ".MC",
  XSWX: ".SW",
  XSTO: ".ST",
  XCSE: ".CO",
  XHEL: ".HE",
  XOSL: ".OL",
  XWBO: ".VI",
  XDUB: ".IR",
  XLIS: ".LS",
  XHKG: ".HK",
  XTKS: ".T",
  XASX: ".AX",
  XNZE: ".NZ",
  XSES: ".SI",
  XKRX: ".KS",
  XBOM: ".BO",
  XNSE: ".NS",
  XSHG: ".SS",
  XSHE: ".SZ",
  XTAI: ".TW",
  XJSE: ".JO",
  BVMF: ".SA",
  XMEX: ".MX",
};

/** Why an entity yields no ticker, for a #VALUE! message. */
export class EntityTickerProblem {
  constructor(readonly problem: string) {}
}

/**
 * The ticker an entity stands for, in the Yahoo style the providers take: its "Ticker symbol" (or
 * "Ticker", "Symbol") property, else the symbol of its text's `(MIC:SYMBOL)` suffix, with the
 * exchange's suffix added when the text names a market outside the US ("(XLON:VOD)" → "VOD.L").
 */
export function entityTicker(entity: EntityLike): string | EntityTickerProblem {
  const text = typeof entity.text === "string" ? entity.text : "";
  const suffix = EXCHANGE_SUFFIX.exec(text);
  const symbol = tickerProperty(entity) ?? suffix?.[2] ?? null;
  const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  if (symbol === null) {
    return new EntityTickerProblem(
      `the data type ${shown} has no ticker (no "Ticker symbol" property, and its text does not end in "(EXCHANGE:SYMBOL)")`,
    );
  }
  if (suffix === null) return symbol;
  const market = suffix[1].toUpperCase();
  // Share classes: Stocks writes BRK.B where Yahoo writes BRK-B.
  if (US_MARKETS.has(market)) return symbol.replace(/\./g, "-");
  const yahooSuffix = MARKET_SUFFIXES[market];
  if (yahooSuffix === undefined) {
    return new EntityTickerProblem(
      `the data type ${shown} is listed on ${market}, for which no Yahoo-style ticker suffix is known; type its ticker as text instead`,
    );
  }
  // Hong Kong tickers are four digits on Yahoo: 700 → 0700.HK.
  const local = market === "XHKG" && /^\d{1,3}$/.test(symbol) ? symbol.padStart(4, "0") : symbol;
  return `${local}${yahooSuffix}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
