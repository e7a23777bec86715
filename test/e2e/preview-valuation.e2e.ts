import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { withService } from "../support/services";
import { seriousAxeViolations } from "./support/axe";
import { messageOf } from "./support/pane";
import { RESULTS_DIR, usePreviewSession } from "./support/preview-session";

/**
 * Valuation (issue 11) and live quotes (issue 12) in the preview: the sector table's optional
 * valuation and Live columns, the summary's forward P/E and gap, the rotation view's valuation
 * block and trailing-P/E gap chart, the "Valuation gap" preset view, and the forms' messages.
 * Demo data: deterministic synthetic fundamentals with quarterly EPS, and synthetic quotes.
 */

const session = usePreviewSession();

function screenshotPath(name: string): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  return path.join(RESULTS_DIR, name);
}

/** The preview with the demo provider chosen before the page starts. */
async function openDemo(width = 1280): Promise<Page> {
  return session.open({
    viewport: { width, height: 900 },
    beforeGoto: (page) =>
      page.addInitScript(() => {
        try {
          window.localStorage.setItem("rotation-desk.provider", "demo");
        } catch {
          // Office.js's sandboxed helper frames have no storage.
        }
      }),
  });
}

/** Text and raw value of every cell of a column, by ticker. */
async function columnCells(
  page: Page,
  metric: string,
): Promise<{ ticker: string; text: string; value: string | null; title: string | null }[]> {
  return page.locator(`#preview-sheet tr[data-ticker] td[data-metric="${metric}"]`).evaluateAll((cells) =>
    cells.map((cell) => ({
      ticker: cell.closest("tr")?.getAttribute("data-ticker") ?? "",
      text: cell.textContent ?? "",
      value: cell.getAttribute("data-value"),
      title: cell.getAttribute("title"),
    })),
  );
}

/** A form's validation message next to `control`, as Fluent links it. */
async function fieldMessage(control: Locator): Promise<string> {
  return messageOf(control);
}

/** Elements of the pane that reach past the right edge of a `width` px window. */
async function pastTheWindow(page: Page, width: number): Promise<string[]> {
  return page.evaluate((limit) => {
    return [...document.querySelectorAll("#taskpane-root *")]
      .filter((element) => {
        const rect = element.getBoundingClientRect();
        return rect.width > 0 && rect.right > limit + 0.5;
      })
      .map(
        (element) =>
          `${element.tagName.toLowerCase()} "${(element.textContent ?? "").trim().slice(0, 30)}" → ${element.getBoundingClientRect().right}`,
      );
  }, width);
}

withService("chromium").describe("the preview page: valuation and live columns", () => {
  it("adds valuation and Live columns to a sector table, with numbers, and the summary's forward P/E and gap (test-results/valuation-sector-table.png)", async () => {
    const page = await openDemo();
    await page.getByRole("tab", { name: "Tables" }).click();
    const form = page.getByRole("form", { name: "Sector table" });
    await form.getByRole("combobox", { name: "Basket" }).selectOption("Mag_7");
    // Fewer price metrics, so the new columns fit the screenshot.
    for (const metric of ["Return 1M", "Return 3M", "SMA 50", "SMA 200", "Regime (50/200)", "Last cross date", "Distance to SMA 200"]) {
      await form.getByRole("checkbox", { name: metric, exact: true }).uncheck();
    }
    for (const metric of ["Trailing P/E", "Forward P/E", "Earnings growth", "Market cap ($bn)"])
      await form.getByRole("checkbox", { name: metric, exact: true }).check();
    for (const live of ["Live price", "Change today"]) await form.getByRole("switch", { name: live }).check();
    await form.getByRole("radio", { name: "A basket" }).check();
    await form.getByRole("combobox", { name: "Benchmark basket" }).selectOption("MidCaps");
    await form.getByRole("button", { name: "Insert sector table" }).click();
    await form.getByText(/Table inserted|The table was not inserted/).waitFor({ timeout: 45_000 });

    const headers = await page.locator("#preview-sheet table.sheet-table thead th").allTextContents();
    expect(headers).toEqual(["Ticker", "Last", "YTD", "RSI(14)", "P/E ttm", "Fwd P/E", "EPS growth", "Mkt cap", "Live", "Today"]);

    for (const metric of ["trailingPE", "forwardPE"]) {
      const cells = await columnCells(page, metric);
      expect(cells).toHaveLength(7);
      for (const cell of cells) {
        // A P/E is a multiple; a demo loss-maker's is #N/A saying so (never a bare error).
        if (cell.value === null) expect(cell.title).toMatch(/negative earnings|no earnings/);
        else expect(cell.text).toMatch(/^\d+\.\d×$/);
      }
      expect(cells.filter((cell) => cell.value !== null).length).toBeGreaterThanOrEqual(5);
    }
    for (const cell of await columnCells(page, "earningsGrowth")) {
      if (cell.value === null) expect(cell.title).toMatch(/earnings/);
      else expect(cell.text).toMatch(/^-?\d+\.\d%$/);
    }
    for (const cell of await columnCells(page, "marketCap")) expect(cell.text).toMatch(/^\$[\d,]+\.\dbn$/);
    for (const cell of await columnCells(page, "livePrice")) {
      expect(cell.text).toMatch(/^[\d,]+\.\d{2}$/);
      expect(Number(cell.value)).toBeGreaterThan(0);
    }
    for (const cell of await columnCells(page, "liveChange")) expect(cell.text).toMatch(/^-?\d+\.\d%$/);

    const forward = page.locator('#preview-sheet tr[data-summary="VALUATION"] td');
    expect(await forward.textContent()).toMatch(/^\d+\.\d×$/);
    expect(Number(await forward.getAttribute("data-value"))).toBeGreaterThan(0);
    const gap = page.locator('#preview-sheet tr[data-summary="VALUATION_GAP"] td');
    expect(await gap.textContent()).toMatch(/^-?\d+\.\d%$/);
    expect(await page.locator('#preview-sheet tr[data-summary="VALUATION_GAP"] th').textContent()).toBe("Fwd P/E gap vs MidCaps");

    await page.locator("#preview-sheet").screenshot({ path: screenshotPath("valuation-sector-table.png") });
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The column choices are remembered: a new session of the pane starts with them ticked.
    await page.reload();
    await page.getByRole("tab", { name: "Tables" }).click();
    expect(await form.getByRole("checkbox", { name: "Forward P/E" }).isChecked()).toBe(true);
    expect(await form.getByRole("switch", { name: "Live price" }).isChecked()).toBe(true);
    expect(await form.getByRole("checkbox", { name: "SMA 50", exact: true }).isChecked()).toBe(false);
  });

  it("shows each basket's forward P/E, gap and coverage next to the spreads, and the trailing-P/E gap chart (test-results/valuation-rotation.png)", async () => {
    const page = await openDemo();
    await page.getByRole("tab", { name: "Tables" }).click();
    const form = page.getByRole("form", { name: "Rotation view" });
    await form.getByRole("checkbox", { name: "Mag_7", exact: true }).check();
    await form.getByRole("checkbox", { name: "SmallCaps", exact: true }).check();
    await form.getByRole("radio", { name: "A basket" }).check();
    await form.getByRole("combobox", { name: "Benchmark basket" }).selectOption("MidCaps");
    expect(await form.getByText(/monthly chart of the trailing-P\/E gap/).count()).toBe(1);
    await form.getByRole("button", { name: "Insert rotation view" }).click();
    await form.locator("[data-outcome]").waitFor({ timeout: 60_000 });

    const headers = await page.locator("#preview-sheet table.sheet-table thead th").allTextContents();
    expect(headers).toEqual(["Basket", "1M", "3M", "YTD", "1Y", "Fwd P/E", "Gap vs MidCaps", "Coverage"]);
    for (const basket of ["Mag_7", "SmallCaps"]) {
      const row = page.locator(`#preview-sheet tr[data-basket="${basket}"]`);
      expect(await row.locator('td[data-valuation="pe"]').textContent()).toMatch(/^\d+\.\d×$/);
      expect(await row.locator('td[data-valuation="gap"]').textContent()).toMatch(/^-?\d+\.\d%$/);
      expect(await row.locator('td[data-valuation="coverage"]').textContent()).toMatch(/^\d+\.\d%$/);
      const coverage = Number(await row.locator('td[data-valuation="coverage"]').getAttribute("data-value"));
      expect(coverage).toBeGreaterThanOrEqual(0.5);
      expect(coverage).toBeLessThanOrEqual(1);
    }
    // The gap is the two P/Es' ratio minus one, as VALUATION_GAP defines it.
    const pe = async (basket: string): Promise<number> =>
      Number(await page.locator(`#preview-sheet tr[data-basket="${basket}"] td[data-valuation="pe"]`).getAttribute("data-value"));
    const mag7Gap = Number(
      await page.locator('#preview-sheet tr[data-basket="Mag_7"] td[data-valuation="gap"]').getAttribute("data-value"),
    );
    expect(mag7Gap).toBeGreaterThan(-1);
    expect(Number.isFinite(await pe("Mag_7"))).toBe(true);

    const gapChart = page.locator('#preview-sheet figure[data-chart="gap"]');
    expect(await gapChart.locator("figcaption").textContent()).toMatch(/^Trailing-P\/E gap vs MidCaps, monthly over 1Y.*demo data/);
    const lines = gapChart.locator("svg.line-chart path[data-line]");
    expect(await lines.count()).toBe(2);
    // Monthly points over a year: every line drawn through a dozen or so of them.
    const segments = await lines.evaluateAll((paths) =>
      paths.map((p) => (p.getAttribute("d") ?? "").split(/[ML]/).filter((s) => s.trim() !== "").length),
    );
    for (const count of segments) expect(count).toBeGreaterThanOrEqual(11);
    expect(await gapChart.locator("svg.line-chart g.grid-y").count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('#preview-sheet figure[data-chart="strength"]').count()).toBe(1);

    await page.locator("#preview-sheet").screenshot({ path: screenshotPath("valuation-rotation.png") });
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it("inserts the Valuation gap preset view: mid- and small-cap ETFs against SP_500 (test-results/valuation-gap-preset.png)", async () => {
    const page = await openDemo();
    await page.getByRole("tab", { name: "Tables" }).click();
    const form = page.getByRole("form", { name: "Rotation view" });
    await form.getByRole("button", { name: "Valuation gap" }).click();
    expect(await form.getByRole("checkbox", { name: "MidCapsETF", exact: true }).isChecked()).toBe(true);
    expect(await form.getByRole("checkbox", { name: "SmallCapsETF", exact: true }).isChecked()).toBe(true);
    expect(await form.getByRole("combobox", { name: "Benchmark basket" }).inputValue()).toBe("SP_500");
    expect(await form.getByRole("combobox", { name: "Valuation measure" }).inputValue()).toBe("trailing_pe");
    expect(await form.getByText(/No gap chart: funds \(SPY, IJH, IWM\)/).count()).toBe(1);
    await form.getByRole("button", { name: "Insert rotation view" }).click();
    await form.locator("[data-outcome]").waitFor({ timeout: 60_000 });

    const headers = await page.locator("#preview-sheet table.sheet-table thead th").allTextContents();
    expect(headers.slice(-3)).toEqual(["P/E ttm", "Gap vs SP_500", "Coverage"]);
    for (const basket of ["MidCapsETF", "SmallCapsETF"]) {
      const row = page.locator(`#preview-sheet tr[data-basket="${basket}"]`);
      expect(await row.locator('td[data-valuation="pe"]').textContent()).toMatch(/^\d+\.\d×$/);
      expect(await row.locator('td[data-valuation="gap"]').textContent()).toMatch(/^-?\d+\.\d%$/);
      expect(await row.locator('td[data-valuation="coverage"]').textContent()).toBe("100.0%");
    }
    // Funds have no quarterly EPS of their own: no past P/E, so one line says why there is no gap chart.
    const note = page.locator('#preview-sheet [data-chart="gap"]');
    expect(await note.evaluate((element) => element.tagName.toLowerCase())).toBe("p");
    expect(await note.textContent()).toBe(
      "No trailing-P/E gap chart: funds (SPY, IJH, IWM) report no quarterly EPS of their own, so their P/E on a past date cannot be computed.",
    );
    // Every cell the view holds computed: spreads, P/E, gaps, coverage and the relative strengths.
    expect(await form.locator("[data-outcome]").getAttribute("data-outcome")).toBe("success");
    await page.locator("#preview-sheet").screenshot({ path: screenshotPath("valuation-gap-preset.png") });
  });

  it("says why there is no gap chart with a provider without earnings history, and gives messages next to bad fields", async () => {
    // Yahoo (this session's provider) has no quarterly EPS with report dates.
    const page = await session.open();
    await page.getByRole("tab", { name: "Tables" }).click();
    const rotation = page.getByRole("form", { name: "Rotation view" });
    expect(await rotation.getByText(/No gap chart: Yahoo Finance has no quarterly EPS history/).count()).toBe(1);

    await rotation.getByRole("textbox", { name: "Benchmark ticker" }).fill("SP Y");
    await rotation.getByRole("button", { name: "Insert rotation view" }).click();
    expect(await fieldMessage(rotation.getByRole("textbox", { name: "Benchmark ticker" }))).toMatch(
      /^Invalid ticker "SP Y": use letters and digits/,
    );
    expect(await rotation.getByRole("group", { name: "Baskets to compare" }).count()).toBe(1);
    expect(await rotation.getByText("Pick at least one basket to compare.").count()).toBe(1);
    expect(await page.locator("#preview-sheet table").count()).toBe(0);

    const sector = page.getByRole("form", { name: "Sector table" });
    await sector.getByRole("combobox", { name: "Basket" }).selectOption("Mag_7");
    for (const box of await sector.getByRole("group", { name: "Metrics" }).getByRole("checkbox").all()) await box.uncheck();
    expect(await sector.getByText("Pick at least one metric or column.").count()).toBe(1);
    // One valuation column is enough.
    await sector.getByRole("checkbox", { name: "Market cap ($bn)" }).check();
    expect(await sector.getByText("Pick at least one metric or column.").count()).toBe(0);
  });

  it("fits a 350 px pane: the forms' new fields and the rotation view's charts (test-results/valuation-pane-350.png)", async () => {
    const width = 350;
    const page = await openDemo(width);
    await page.getByRole("tab", { name: "Tables" }).click();
    const sector = page.getByRole("form", { name: "Sector table" });
    for (const live of ["Live price", "Change today"]) await sector.getByRole("switch", { name: live }).check();
    expect(await pastTheWindow(page, width)).toEqual([]);
    // The switches' knobs slide for a moment: let them settle before the picture.
    await page.waitForTimeout(400);
    await sector.screenshot({ path: screenshotPath("valuation-sector-form-350.png") });

    const rotation = page.getByRole("form", { name: "Rotation view" });
    await rotation.getByRole("checkbox", { name: "Mag_7", exact: true }).check();
    await rotation.getByRole("radio", { name: "A basket" }).check();
    await rotation.getByRole("combobox", { name: "Benchmark basket" }).selectOption("MidCaps");
    expect(await pastTheWindow(page, width)).toEqual([]);
    await rotation.screenshot({ path: screenshotPath("valuation-pane-350.png") });
    await rotation.getByRole("button", { name: "Insert rotation view" }).click();
    await rotation.locator("[data-outcome]").waitFor({ timeout: 60_000 });
    const gapChart = page.locator('#preview-sheet figure[data-chart="gap"] svg.line-chart');
    const fit = await gapChart.evaluate((element) => ({
      right: element.getBoundingClientRect().right,
      page: document.documentElement.clientWidth,
      scale: element.getBoundingClientRect().width / (element as SVGSVGElement).viewBox.baseVal.width,
    }));
    expect(fit.right).toBeLessThanOrEqual(fit.page);
    expect(fit.scale).toBeGreaterThan(0.95);
    await page.locator('#preview-sheet figure[data-chart="gap"]').scrollIntoViewIfNeeded();
    await page.locator('#preview-sheet figure[data-chart="gap"]').screenshot({ path: screenshotPath("valuation-gap-chart-350.png") });
  });
});
