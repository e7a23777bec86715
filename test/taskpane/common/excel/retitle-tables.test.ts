import type { Basket } from "../../../../src/baskets/basket";
import { createExcelWorkbook } from "../../../../src/taskpane/app/excel-workbook";
import { retitled, sourcedChartTitle } from "../../../../src/workbook";
import { FakeExcel } from "../../../support/fake-excel";

const kings: Basket = { name: "MidCapKings", label: "Mid-cap kings", tickers: ["CAT", "DCI"], preset: false };
const instant = { timeoutMs: 0, pollMs: 1, sleep: async () => undefined };

describe("demo-data titles", () => {
  it("label a title exactly once, and take the label off again", () => {
    expect(retitled("Growth picks (Growth)", true)).toBe("Growth picks (Growth) — demo data, not market prices");
    expect(retitled(retitled("Growth picks (Growth)", true), true)).toBe("Growth picks (Growth) — demo data, not market prices");
    expect(retitled("Growth picks (Growth) — demo data, not market prices", false)).toBe("Growth picks (Growth)");
    expect(sourcedChartTitle(sourcedChartTitle("Relative strength vs SPY", true), true)).toBe("Relative strength vs SPY (demo data)");
    expect(sourcedChartTitle("Relative strength vs SPY (demo data)", false)).toBe("Relative strength vs SPY");
  });

  it("follow the data source when data is refreshed after switching provider, in tables, views and charts", async () => {
    const excel = FakeExcel.withSheets("Sheet1");
    let demo = false;
    const workbook = createExcelWorkbook({
      run: excel.run,
      supports: () => true,
      now: () => new Date(2026, 0, 16),
      demo: () => demo,
      wait: instant,
    });
    await workbook.baskets.save(kings);
    await workbook.insertSectorTable(
      { basket: kings, metrics: ["rsi"], benchmark: { kind: "ticker", ticker: "IWM" }, summaryPeriod: "YTD" },
      "new-sheet",
    );
    await workbook.insertRotationView({ baskets: [kings], benchmark: { kind: "ticker", ticker: "SPY" }, periods: ["1M"], chartSpan: "1M" });
    excel.seed("Sheet1", "A1", "My notes — demo data, not market prices");
    expect(excel.cell("MidCapKings", "A1").value).toBe("Mid-cap kings (MidCapKings)");

    demo = true;
    await workbook.recalculate();
    expect(excel.cell("MidCapKings", "A1").value).toBe("Mid-cap kings (MidCapKings) — demo data, not market prices");
    expect(excel.cell("Rotation", "A1").value).toBe("Rotation vs SPY — demo data, not market prices");
    expect(excel.cell("Rotation", "A5").value).toMatch(/^Relative strength vs SPY, weekly from .* — demo data, not market prices$/);
    expect(excel.sheet("Rotation").charts[0].title).toBe("Relative strength vs SPY (demo data)");
    // Cells the pane did not write are not its titles.
    expect(excel.cell("Sheet1", "A1").value).toBe("My notes — demo data, not market prices");

    demo = false;
    await workbook.recalculate();
    expect(excel.cell("MidCapKings", "A1").value).toBe("Mid-cap kings (MidCapKings)");
    expect(excel.sheet("Rotation").charts[0].title).toBe("Relative strength vs SPY");
  });
});
