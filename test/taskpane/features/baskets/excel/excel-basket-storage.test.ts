import { Basket, BasketStorageError } from "../../../../../src/baskets/basket";
import { Mag7 } from "../../../../../src/baskets/presets";
import { ExcelBasketStorage } from "../../../../../src/taskpane/features/baskets/excel/excel-basket-storage";
import { FakeExcel } from "../../../../support/fake-excel";

const basket = (name: string, tickers: string[], label = `${name} label`): Basket => ({ name, label, tickers, preset: false });
const kings = basket("MidCapKings", ["CAT", "DCI", "TTMI"], "Mid-cap kings");

function names(excel: FakeExcel): Record<string, string> {
  return Object.fromEntries(excel.state.names.map((item) => [item.name, item.formula]));
}

async function rejection(promise: Promise<unknown>): Promise<BasketStorageError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof BasketStorageError)) throw new Error(`expected a BasketStorageError, got ${String(error)}`);
  return error;
}

describe("ExcelBasketStorage: saving a new basket", () => {
  it("creates the Baskets sheet, a table with a Ticker column, the label above and a workbook name", async () => {
    const excel = FakeExcel.withSheets("Sheet1");
    await new ExcelBasketStorage(excel.run).save(kings);

    expect(excel.table("Basket_MidCapKings")).toEqual({ sheet: "Baskets", address: "A2:A5" });
    expect(excel.values("Baskets", "A1:A5")).toEqual([["Mid-cap kings"], ["Ticker"], ["CAT"], ["DCI"], ["TTMI"]]);
    expect(excel.numberFormats("Baskets", "A1:A5").flat()).toEqual(["@", "@", "@", "@", "@"]);
    expect(names(excel)).toEqual({ MidCapKings: "=Basket_MidCapKings[Ticker]" });
    expect(excel.state.names[0].comment).toContain("Rotation Desk");
  });

  it("puts the next basket to the right, after a blank column", async () => {
    const excel = FakeExcel.withSheets("Sheet1");
    const storage = new ExcelBasketStorage(excel.run);
    await storage.save(kings);
    await storage.save(Mag7 as Basket);

    expect(excel.table("Basket_Mag_7")).toEqual({ sheet: "Baskets", address: "C2:C9" });
    expect(
      excel
        .values("Baskets", "B1:B9")
        .flat()
        .every((value) => value === ""),
    ).toBe(true);
    expect(names(excel)).toEqual({ MidCapKings: "=Basket_MidCapKings[Ticker]", Mag_7: "=Basket_Mag_7[Ticker]" });
  });

  it("keeps a label that looks like a formula as text", async () => {
    const excel = FakeExcel.withSheets("Sheet1");
    await new ExcelBasketStorage(excel.run).save(basket("Odd", ["IWM"], "=1+1"));
    expect(excel.cell("Baskets", "A1")).toMatchObject({ value: "=1+1", formula: "" });
  });
});

describe("ExcelBasketStorage: list", () => {
  it("is empty for a workbook without baskets", async () => {
    const excel = FakeExcel.withSheets("Sheet1");
    await expect(new ExcelBasketStorage(excel.run).list()).resolves.toEqual([]);
  });

  it("reads the baskets back after the file is reopened", async () => {
    const excel = FakeExcel.withSheets("Sheet1");
    const storage = new ExcelBasketStorage(excel.run);
    await storage.save(kings);
    await storage.save({ ...Mag7, preset: false });

    const reopened = excel.reopened();
    const listed = await new ExcelBasketStorage(reopened.run).list();
    expect(listed).toEqual([kings, { name: "Mag_7", label: "Magnificent Seven", tickers: [...Mag7.tickers], preset: false }]);
  });

  it("skips blank and non-ticker cells typed into a basket table", async () => {
    const excel = FakeExcel.withSheets("Sheet1");
    const storage = new ExcelBasketStorage(excel.run);
    await storage.save(kings);
    excel.seed("Baskets", "A4", "see note");
    excel.seed("Baskets", "A3", "  cat ");
    expect((await storage.list())[0].tickers).toEqual(["CAT", "TTMI"]);
  });
});

/** Where a workbook name leads, following `=OtherName` aliases: the table column it ends on. */
function resolveName(excel: FakeExcel, name: string, depth = 0): string | null {
  const item = excel.state.name(name);
  if (item === undefined || depth > 5) return null;
  const structured = /^=(\w+)\[Ticker\]$/.exec(item.formula);
  if (structured) return excel.table(structured[1]) ? `${structured[1]}[Ticker]` : null;
  const alias = /^=(\w+)$/.exec(item.formula);
  return alias ? resolveName(excel, alias[1], depth + 1) : null;
}

async function workbookWith(...baskets: Basket[]): Promise<{ excel: FakeExcel; storage: ExcelBasketStorage }> {
  const excel = FakeExcel.withSheets("Sheet1");
  const storage = new ExcelBasketStorage(excel.run);
  for (const item of baskets) await storage.save(item);
  return { excel, storage };
}

describe("ExcelBasketStorage: updating members and label", () => {
  it("grows the table in place and the name follows it", async () => {
    const { excel, storage } = await workbookWith(kings);
    await storage.save({ ...kings, tickers: ["CAT", "DCI", "TTMI", "WBS", "SSB"], label: "Kings+" });
    expect(excel.table("Basket_MidCapKings")?.address).toBe("A2:A7");
    expect(excel.values("Baskets", "A1:A7").flat()).toEqual(["Kings+", "Ticker", "CAT", "DCI", "TTMI", "WBS", "SSB"]);
    expect(names(excel)).toEqual({ MidCapKings: "=Basket_MidCapKings[Ticker]" });
  });

  it("shrinks the table and leaves no stale tickers below it", async () => {
    const { excel, storage } = await workbookWith(kings);
    await storage.save({ ...kings, tickers: ["TTMI"] });
    expect(excel.table("Basket_MidCapKings")?.address).toBe("A2:A3");
    expect(excel.values("Baskets", "A3:A6").flat()).toEqual(["TTMI", "", "", ""]);
    expect((await storage.list())[0].tickers).toEqual(["TTMI"]);
  });

  it("refuses to grow over cells below the table, naming the cell, and changes nothing", async () => {
    const { excel, storage } = await workbookWith(kings);
    excel.seed("Baskets", "A7", "my note");
    const error = await rejection(storage.save({ ...kings, tickers: ["CAT", "DCI", "TTMI", "WBS", "SSB"] }));
    expect(error.message).toBe(
      "Basket MidCapKings cannot grow: cell Baskets!A7 below its table is not empty. Move that cell's content, then save again.",
    );
    expect(await storage.list()).toEqual([kings]);
  });
});

describe("ExcelBasketStorage: validation happens before any write", () => {
  it.each([
    ["a cell address as name", basket("Mag7", ["AAPL"]), '"Mag7" is a cell address'],
    ["a space in the name", basket("my basket", ["AAPL"]), "contains a space"],
    ["a bad ticker", basket("Good", ["AAPL", "$BAD"]), 'Basket Good: Invalid ticker "$BAD"'],
    ["a repeated ticker", basket("Good", ["AAPL", "aapl"]), "AAPL is already in the list"],
    ["no tickers", basket("Good", []), "Basket Good needs at least one ticker."],
  ])("rejects %s without writing", async (_, bad, message) => {
    const { excel, storage } = await workbookWith(kings);
    const before = excel.batch.log.length;
    const error = await rejection(storage.save(bad));
    expect(error.message).toContain(message);
    expect(excel.batch.log.length).toBe(before);
  });

  it("rejects a name already used by another workbook name or table, ignoring case", async () => {
    const { excel, storage } = await workbookWith(kings);
    excel.state.names.push({ name: "Prices", formula: "=Sheet1!$A$1:$A$9", comment: "" });
    expect((await rejection(storage.save(basket("PRICES", ["IWM"])))).message).toContain("already used in this workbook");
    expect((await rejection(storage.save(basket("basket_midcapkings", ["IWM"])))).message).toContain("already used");
  });

  it("rejects a name whose table name is taken", async () => {
    const { excel, storage } = await workbookWith(kings);
    excel.state.names.push({ name: "Basket_Tech", formula: "=1", comment: "" });
    expect((await rejection(storage.save(basket("Tech", ["MSFT"])))).message).toBe(
      "The Baskets sheet needs a table called Basket_Tech, and that name is already used in this workbook.",
    );
  });
});

describe("ExcelBasketStorage: rename", () => {
  it("renames table and name and keeps the old name as an alias, so formulas using it still work", async () => {
    const { excel, storage } = await workbookWith(kings);
    await storage.save({ ...kings, name: "Industrials" }, "MidCapKings");

    expect(excel.table("Basket_Industrials")?.address).toBe("A2:A5");
    expect(excel.table("Basket_MidCapKings")).toBeUndefined();
    expect(names(excel)).toEqual({ MidCapKings: "=Industrials", Industrials: "=Basket_Industrials[Ticker]" });
    expect(excel.state.name("MidCapKings")?.comment).toContain("Former name of basket Industrials");
    expect(resolveName(excel, "MidCapKings")).toBe("Basket_Industrials[Ticker]");
    expect(await storage.list()).toEqual([{ ...kings, name: "Industrials" }]);
  });

  it("follows a chain of renames and can go back to a former name", async () => {
    const { excel, storage } = await workbookWith(kings);
    await storage.save({ ...kings, name: "Industrials" }, "MidCapKings");
    await storage.save({ ...kings, name: "Kings2" }, "Industrials");
    expect(resolveName(excel, "MidCapKings")).toBe("Basket_Kings2[Ticker]");
    await storage.save({ ...kings, name: "MidCapKings" }, "Kings2");
    expect(names(excel)).toEqual({ MidCapKings: "=Basket_MidCapKings[Ticker]", Industrials: "=Kings2", Kings2: "=MidCapKings" });
    expect(resolveName(excel, "Industrials")).toBe("Basket_MidCapKings[Ticker]");
    expect((await storage.list()).map((item) => item.name)).toEqual(["MidCapKings"]);
  });

  it("renames and changes members in one save", async () => {
    const { storage } = await workbookWith(kings);
    await storage.save({ ...kings, name: "Industrials", tickers: ["CAT"] }, "MidCapKings");
    expect(await storage.list()).toEqual([{ ...kings, name: "Industrials", tickers: ["CAT"] }]);
  });

  it("refuses to rename onto another basket or from a missing one", async () => {
    const { storage } = await workbookWith(kings, basket("Tech", ["MSFT"]));
    expect((await rejection(storage.save({ ...kings, name: "Tech" }, "MidCapKings"))).message).toBe("A basket named Tech already exists.");
    expect((await rejection(storage.save(kings, "Nope"))).message).toBe("There is no basket Nope to rename.");
  });
});

describe("ExcelBasketStorage: remove", () => {
  it("deletes the name, its aliases, the table and the label", async () => {
    const { excel, storage } = await workbookWith(kings, basket("Tech", ["MSFT"]));
    await storage.save({ ...kings, name: "Industrials" }, "MidCapKings");
    await storage.remove("Industrials");

    expect(names(excel)).toEqual({ Tech: "=Basket_Tech[Ticker]" });
    expect(excel.table("Basket_Industrials")).toBeUndefined();
    expect(
      excel
        .values("Baskets", "A1:A5")
        .flat()
        .every((value) => value === ""),
    ).toBe(true);
    expect((await storage.list()).map((item) => item.name)).toEqual(["Tech"]);
  });

  it("reports a basket that does not exist", async () => {
    const { storage } = await workbookWith(kings);
    expect((await rejection(storage.remove("Nope"))).message).toBe("There is no basket Nope in this workbook.");
  });

  it("puts a new basket right of the last one, never into a freed column", async () => {
    const { excel, storage } = await workbookWith(kings, basket("Tech", ["MSFT"]));
    await storage.remove("MidCapKings");
    await storage.save(basket("Banks", ["WBS"]));
    expect(excel.table("Basket_Banks")?.address).toBe("E2:E3");
  });
});

describe("ExcelBasketStorage: a save or remove that Excel stops part-way", () => {
  const grown = { ...kings, label: "Kings+", tickers: ["WBS", "SSB", "PACS", "CAT", "DCI"] };
  const renamed = { ...kings, name: "Industrials", label: "Industrials", tickers: ["CAT"] };
  const tech = basket("Tech", ["MSFT", "NVDA"]);

  /** Runs `change` once to count its commands, then again failing at each command in turn. */
  async function atEveryFailurePoint(
    change: (storage: ExcelBasketStorage) => Promise<void>,
    check: (listed: Basket[], excel: FakeExcel) => void,
  ): Promise<number> {
    const { excel: original } = await workbookWith(kings, tech);
    const probe = new FakeExcel(original.state.clone());
    await change(new ExcelBasketStorage(probe.run));
    const commands = probe.batch.commandCount;
    expect(commands).toBeGreaterThan(2);
    for (let k = 0; k < commands; k++) {
      const excel = new FakeExcel(original.state.clone());
      excel.batch.failCommand(k);
      const error = await rejection(change(new ExcelBasketStorage(excel.run)));
      expect(error.message).toMatch(/: Simulated failure$/);
      check(await new ExcelBasketStorage(excel.run).list(), excel);
    }
    return commands;
  }

  const byName = (listed: Basket[], ...candidates: string[]): Basket | undefined => listed.find((item) => candidates.includes(item.name));

  it("leaves the old or the new members when growing, never a mix", async () => {
    await atEveryFailurePoint(
      (storage) => storage.save(grown),
      (listed) => {
        expect([kings.tickers, grown.tickers]).toContainEqual(byName(listed, "MidCapKings")?.tickers);
        expect(byName(listed, "Tech")).toEqual(tech);
      },
    );
  });

  it("leaves the old or the new members when shrinking", async () => {
    await atEveryFailurePoint(
      (storage) => storage.save({ ...kings, tickers: ["DCI"] }),
      (listed) => expect([kings.tickers, ["DCI"]]).toContainEqual(byName(listed, "MidCapKings")?.tickers),
    );
  });

  it("keeps the basket reachable under its old name while renaming", async () => {
    await atEveryFailurePoint(
      (storage) => storage.save(renamed, "MidCapKings"),
      (listed, excel) => {
        const found = byName(listed, "MidCapKings", "Industrials");
        expect([kings.tickers, renamed.tickers]).toContainEqual(found?.tickers);
        expect(listed).toHaveLength(2);
        expect(resolveName(excel, "MidCapKings")).not.toBeNull();
      },
    );
  });

  it("adds a new basket whole or not at all, and leaves the others", async () => {
    const banks = basket("Banks", ["WBS", "SSB"]);
    await atEveryFailurePoint(
      (storage) => storage.save(banks),
      (listed) => {
        expect(listed.filter((item) => item.name !== "Banks")).toEqual([kings, tech]);
        const added = byName(listed, "Banks");
        if (added !== undefined) expect(added.tickers).toEqual(banks.tickers);
      },
    );
  });

  it("leaves a basket that can be removed again when a removal stops", async () => {
    await atEveryFailurePoint(
      (storage) => storage.remove("MidCapKings"),
      (listed, excel) => {
        expect(byName(listed, "Tech")).toEqual(tech);
        const left = byName(listed, "MidCapKings");
        if (left !== undefined) expect(left.tickers).toEqual(kings.tickers);
        return excel;
      },
    );
  });

  it("finishes an interrupted removal on a second try", async () => {
    const { excel, storage } = await workbookWith(kings, tech);
    excel.batch.failCommand(1);
    await rejection(storage.remove("MidCapKings"));
    expect((await storage.list()).map((item) => item.name)).toContain("MidCapKings");
    await storage.remove("MidCapKings");
    expect(await storage.list()).toEqual([tech]);
    expect(names(excel)).toEqual({ Tech: "=Basket_Tech[Ticker]" });
  });
});
