import {
  aliasTarget,
  BasketSheetState,
  BasketTableRecord,
  resolveBaskets,
  tableOfFormula,
  tickersOf,
} from "../../../../../src/taskpane/features/baskets/excel/basket-catalog";

const table = (tableName: string, column: number, cells: unknown[], label = ""): BasketTableRecord => ({
  tableName,
  headerRow: 1,
  column,
  bodyRows: cells.length,
  label,
  cells,
});

const state = (tables: BasketTableRecord[], names: [string, string][]): BasketSheetState => ({
  sheetExists: true,
  tables,
  names: names.map(([name, formula]) => ({ name, formula })),
  allTableNames: tables.map((t) => t.tableName),
  nextColumn: 0,
});

describe("tableOfFormula", () => {
  const tables = [table("Basket_Tech", 2, ["MSFT", "NVDA"])];

  it.each([
    "=Basket_Tech[Ticker]",
    "=basket_tech[ticker]",
    "=Basket_Tech[[#Data],[Ticker]]",
    "=Baskets!$C$3:$C$4",
    "='Baskets'!C3:C4",
    "=$C$3:$C$4",
  ])("finds the table from %s", (formula) => {
    expect(tableOfFormula(formula, tables, "Baskets")?.tableName).toBe("Basket_Tech");
  });

  it.each(["=Basket_Tech[Price]", "=Other!$C$3:$C$4", "=$C$3:$C$5", "=Tech", "=#REF!"])("finds nothing in %s", (formula) => {
    expect(tableOfFormula(formula, tables, "Baskets")).toBeUndefined();
  });
});

describe("aliasTarget and tickersOf", () => {
  it("reads a name that refers to another name", () => {
    expect(aliasTarget("=Industrials")).toBe("Industrials");
    expect(aliasTarget("=Basket_X[Ticker]")).toBeNull();
    expect(aliasTarget("=1")).toBeNull();
  });

  it("keeps valid tickers once, in order", () => {
    expect(tickersOf(["cat", "", null, "CAT", "not a ticker", 7203, "DCI"])).toEqual(["CAT", "7203", "DCI"]);
  });
});

describe("resolveBaskets", () => {
  it("lists baskets left to right with their aliases", () => {
    const baskets = resolveBaskets(
      state(
        [table("Basket_Tech", 2, ["MSFT"], "Tech giants"), table("Basket_Kings", 0, ["CAT"])],
        [
          ["Tech", "=Basket_Tech[Ticker]"],
          ["Kings", "=Basket_Kings[Ticker]"],
          ["BigTech", "=Tech"],
          ["Older", "=BigTech"],
          ["Unrelated", "=Sheet1!$A$1"],
        ],
      ),
      "Baskets",
    );
    expect(baskets.map((stored) => stored.basket)).toEqual([
      { name: "Kings", label: "Kings", tickers: ["CAT"], preset: false },
      { name: "Tech", label: "Tech giants", tickers: ["MSFT"], preset: false },
    ]);
    expect(baskets[1].aliases).toEqual(["BigTech", "Older"]);
  });

  it("prefers the name matching the table when several point at it", () => {
    const [stored] = resolveBaskets(
      state(
        [table("Basket_New", 0, ["CAT"])],
        [
          ["Old", "=Basket_New[Ticker]"],
          ["New", "=Basket_New[Ticker]"],
        ],
      ),
      "Baskets",
    );
    expect(stored.primaryName).toBe("New");
    expect(stored.otherNames).toEqual(["Old"]);
  });

  it("still lists a Basket_ table whose name was deleted, and ignores other tables", () => {
    const baskets = resolveBaskets(state([table("Basket_Lost", 0, ["CAT"]), table("Prices", 2, [1, 2])], []), "Baskets");
    expect(baskets.map((stored) => [stored.basket.name, stored.primaryName])).toEqual([["Lost", null]]);
  });
});
