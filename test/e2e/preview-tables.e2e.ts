import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { REFERENCE_DIR } from "../support/fixture-paths";
import { seriousAxeViolations } from "./support/axe";
import { evaluateInNode } from "./support/node-evaluation";
import { seedBaskets } from "./support/pane";
import { RESULTS_DIR, usePreviewSession } from "./support/preview-session";
import { withService } from "../support/services";
import { SLOW_TICKER } from "./support/yahoo-routes";

const GROWTH = { name: "Growth", label: "Growth picks", tickers: ["TSLA", "AAPL", "AMZN", "GOOG"] };
/** Tickers the replayed upstream answers with HTTP 500. */
const OUTAGE = { name: "Outage", label: "Upstream down", tickers: ["NVDA", "META"] };

const talibTsla = JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, "talib/yahoo-TSLA-adjclose.json"), "utf8")) as { rsi14: number[] };

const session = usePreviewSession();

async function insertSectorTable(page: Page, basket: string, benchmark: string, period = "1M"): Promise<void> {
  await page.getByRole("tab", { name: "Tables" }).click();
  const form = page.getByRole("form", { name: "Sector table" });
  await form.getByRole("combobox", { name: "Basket" }).selectOption(basket);
  await form.getByRole("textbox", { name: "Benchmark ticker" }).fill(benchmark);
  await form.getByRole("combobox", { name: "Summary period" }).selectOption(period);
  await form.getByRole("radio", { name: "On a new sheet" }).check();
  await form.getByRole("button", { name: "Insert sector table" }).click();
  await form.getByText(/Table inserted|The table was not inserted/).waitFor({ timeout: 30_000 });
}

function cell(page: Page, ticker: string, metric: string) {
  return page.locator(`#preview-sheet tr[data-ticker="${ticker}"] td[data-metric="${metric}"]`).first();
}

async function statusValue(page: Page, label: string): Promise<string> {
  return (await page.locator(`[data-status="${label}"] dd`).textContent()) ?? "";
}

/** The report under a form: data-outcome is "success" or "warning". */
function outcomeBar(page: Page, form: "Sector table" | "Rotation view") {
  return page.getByRole("form", { name: form }).locator("[data-outcome]");
}

withService("chromium").describe("the preview page: tables", () => {
  it("inserts a sector table whose cells are the MKT functions' values for the recorded data", async () => {
    const page = await session.open();
    await seedBaskets(page, [GROWTH]);
    await insertSectorTable(page, "Growth", "QQQ");
    await page.getByText(/Sector_Growth at Preview sheet 'Growth' A1:K/).waitFor();

    const rsi = Number(await cell(page, "TSLA", "rsi").getAttribute("data-value"));
    expect(rsi).toBeCloseTo((await evaluateInNode(session.yahoo.url, "RSI", ["TSLA"])) as number, 12);
    expect(Math.abs(rsi - talibTsla.rsi14[talibTsla.rsi14.length - 1])).toBeLessThan(1e-9);
    expect(await cell(page, "TSLA", "rsi").textContent()).toBe(rsi.toFixed(1));

    // Periods count back from each series' latest bar: 2023-08-11 for TSLA, 2020-12-31 for AAPL.
    const ytd = Number(await cell(page, "TSLA", "returnYTD").getAttribute("data-value"));
    expect(ytd).toBeCloseTo((await evaluateInNode(session.yahoo.url, "TOTAL_RETURN", ["TSLA", "YTD"])) as number, 12);
    expect(await cell(page, "TSLA", "returnYTD").textContent()).toMatch(/^-?\d+\.\d%$/);
    const month = Number(await cell(page, "AAPL", "return1M").getAttribute("data-value"));
    expect(month).toBeCloseTo((await evaluateInNode(session.yahoo.url, "TOTAL_RETURN", ["AAPL", "1M"])) as number, 12);
    // AAPL's recording starts 2020-01-02, so its YTD has no start close: #N/A with the reason.
    expect(await cell(page, "AAPL", "returnYTD").textContent()).toBe("#N/A");
    expect(await cell(page, "AAPL", "returnYTD").getAttribute("title")).toMatch(/AAPL has no close on or before 2019-12-31/);
    expect(await cell(page, "TSLA", "crossDate").textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await cell(page, "TSLA", "regime").textContent()).toMatch(/^(golden|death)$/);

    // AAPL, AMZN and GOOG recordings start in 2020: their YTD and cross cells are #N/A, so no green "success".
    const report = outcomeBar(page, "Sector table");
    expect(await report.getAttribute("data-outcome")).toBe("warning");
    const reportText = (await report.textContent()) ?? "";
    const errorCells = await page.locator("#preview-sheet td.tone-error").count();
    expect(errorCells).toBeGreaterThan(0);
    expect(reportText).toContain(`Table inserted; ${errorCells} of 43 cells have errors`);
    expect(reportText).toMatch(/6 cells \(AAPL, AMZN, GOOG\): no cross of SMA\(50\) and SMA\(200\) in AAPL's history/);
    expect(reportText).toContain("Each error cell says why: point at it in the preview sheet.");

    const members = GROWTH.tickers.map((ticker) => [ticker]);
    const spread = page.locator('#preview-sheet tr[data-summary="ROTATION_SPREAD"] td');
    const expectedSpread = (await evaluateInNode(session.yahoo.url, "ROTATION_SPREAD", [members, "QQQ", "1M"])) as number;
    expect(Number(await spread.getAttribute("data-value"))).toBeCloseTo(expectedSpread, 12);
  });

  it("shows #N/A with the reason when the upstream fails, and counts the errors in the status", async () => {
    const page = await session.open();
    await seedBaskets(page, [OUTAGE]);
    await insertSectorTable(page, "Outage", "QQQ");
    const price = cell(page, "NVDA", "price");
    await expect(price.textContent()).resolves.toBe("#N/A");
    expect(await price.getAttribute("title")).toMatch(/NVDA/);
    expect(await price.getAttribute("title")).toMatch(/unavailable|HTTP 5\d\d/i);
    await page.waitForFunction(() => Number(document.querySelector('[data-status="Errors"] dd')?.textContent) > 0, undefined, {
      timeout: 5_000,
    });
    expect(Number(await statusValue(page, "Errors"))).toBeGreaterThanOrEqual(2);
  });

  it("reports an outage as a warning with counts, reasons and what to do, and switches to demo data in one click", async () => {
    const page = await session.open();
    await seedBaskets(page, [OUTAGE]);
    await insertSectorTable(page, "Outage", "QQQ");
    const report = outcomeBar(page, "Sector table");
    expect(await report.getAttribute("data-outcome")).toBe("warning");
    expect(await report.getAttribute("role")).toBe("alert");
    const text = (await report.textContent()) ?? "";
    // 2 tickers × 10 metrics and the 3 summary lines: every one failed.
    expect(text).toContain("Table inserted; 23 of 23 cells have errors — Yahoo Finance is unavailable");
    expect(text).toMatch(/Yahoo Finance is unavailable \((NVDA, META|META, NVDA)\): /);
    expect(text).toContain("Check the internet connection");
    expect(await page.locator('[data-outcome="success"]').count()).toBe(0);
    // The status moved with the calculation, not only with "Refresh data".
    expect(await statusValue(page, "Last refresh")).toMatch(/just now/);

    await report.getByRole("button", { name: "Use demo data" }).click();
    await page.waitForFunction(() => document.querySelector('[data-status="Provider"] dd')?.textContent?.startsWith("Demo"));
    expect(await page.evaluate(() => window.localStorage.getItem("rotation-desk.provider"))).toBe("demo");
    expect(await report.textContent()).toContain("Now using demo data");
    await page.getByRole("form", { name: "Sector table" }).getByRole("button", { name: "Insert sector table" }).click();
    await page.locator('form [data-outcome="success"]').waitFor({ timeout: 30_000 });
    expect(await outcomeBar(page, "Sector table").textContent()).toMatch(/^Table inserted.*All 23 cells computed\.$/);
    // The live table says where its numbers come from, in the sheet itself.
    expect(await page.locator("#preview-sheet caption").last().textContent()).toContain("demo data, not market prices");
  });

  it("labels a rotation view and its chart computed from demo data", async () => {
    const page = await session.open();
    await page.evaluate(() => window.localStorage.setItem("rotation-desk.provider", "demo"));
    await seedBaskets(page, [GROWTH]);
    await page.getByRole("tab", { name: "Tables" }).click();
    const form = page.getByRole("form", { name: "Rotation view" });
    await form.getByRole("checkbox", { name: "Growth" }).check();
    // SPY, a fund, has no forward P/E: valuation would show #N/A gaps (preview-valuation.e2e.ts covers it).
    await form.getByRole("switch", { name: "P/E and gap next to the spreads" }).uncheck();
    await form.getByRole("button", { name: "Insert rotation view" }).click();
    await form.locator('[data-outcome="success"]').waitFor({ timeout: 30_000 });
    expect(await page.locator("#preview-sheet table caption").textContent()).toContain("demo data, not market prices");
    expect(await page.locator("#preview-sheet figure.chart figcaption").textContent()).toContain("demo data, not market prices");
  });

  it("shows progress and disables the insert buttons while it works", async () => {
    const page = await session.open();
    await seedBaskets(page, [{ name: "Slow", label: "Slow upstream", tickers: [SLOW_TICKER] }]);
    await page.getByRole("tab", { name: "Tables" }).click();
    const form = page.getByRole("form", { name: "Sector table" });
    await form.getByRole("combobox", { name: "Basket" }).selectOption("Slow");
    await form.getByRole("button", { name: "Insert sector table" }).click();
    await form.getByRole("progressbar").waitFor();
    expect(await form.getByRole("button", { name: "Insert sector table" }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Insert rotation view" }).isDisabled()).toBe(true);
    await form.getByText("Table inserted").waitFor({ timeout: 30_000 });
    expect(await form.getByRole("button", { name: "Insert sector table" }).isEnabled()).toBe(true);
    expect(await cell(page, SLOW_TICKER, "price").textContent()).toBe("#N/A");
  });

  it("inserts a rotation view: spreads per period and a relative-strength chart", async () => {
    const page = await session.open();
    await seedBaskets(page, [GROWTH, { name: "Cloud", label: "Cloud", tickers: ["AMZN", "GOOG"] }]);
    await page.getByRole("tab", { name: "Tables" }).click();
    const form = page.getByRole("form", { name: "Rotation view" });
    await form.getByRole("checkbox", { name: "Growth" }).check();
    await form.getByRole("checkbox", { name: "Cloud" }).check();
    await form.getByRole("textbox", { name: "Benchmark ticker" }).fill("QQQ");
    await form.getByRole("button", { name: "Insert rotation view" }).click();
    await form.getByText("Rotation view inserted").waitFor({ timeout: 30_000 });

    const cloud1M = page.locator('#preview-sheet tr[data-basket="Cloud"] td[data-period="1M"]');
    const expected = (await evaluateInNode(session.yahoo.url, "ROTATION_SPREAD", [[["AMZN"], ["GOOG"]], "QQQ", "1M"])) as number;
    expect(Number(await cloud1M.getAttribute("data-value"))).toBeCloseTo(expected, 12);
    expect(await page.locator('#preview-sheet svg[role="img"] path[data-line]').count()).toBe(2);
    // Shown at the size it is drawn (text stays 11 px), not squeezed beside the table.
    const scale = await page
      .locator("#preview-sheet svg.line-chart")
      .evaluate((svg) => svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width);
    expect(scale).toBeGreaterThan(0.95);
    expect(await page.locator('#preview-sheet svg[role="img"]').getAttribute("aria-label")).toMatch(/Growth .*%, Cloud .*%/);
  });

  it("refreshes data (fresh requests, last refresh time) and freezes a table with its provenance", async () => {
    const page = await session.open();
    await seedBaskets(page, [GROWTH]);
    await insertSectorTable(page, "Growth", "QQQ");
    const requestsBefore = Number(await statusValue(page, "Requests"));
    await page.getByRole("tab", { name: "Data" }).click();
    await page.getByRole("button", { name: "Refresh data" }).click();
    await page.getByText(/Recalculated \d+ MKT formulas/).waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      (before) => Number(document.querySelector('[data-status="Requests"] dd')?.textContent) > before,
      requestsBefore,
    );
    expect(await statusValue(page, "Last refresh")).toMatch(/just now/);

    await page.getByRole("button", { name: "Freeze for sharing…" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Freeze" }).click();
    await page.getByText(/Values frozen/).waitFor();
    // The Growth table holds #N/A cells (recordings that start in 2020): the freeze says so.
    expect(await page.locator("[data-outcome]").last().textContent()).toMatch(/Values frozen; \d+ of \d+ frozen cells hold errors/);
    expect(await page.locator("#preview-sheet .frozen-note").textContent()).toMatch(
      /Frozen values from Yahoo Finance, as of \d{4}-\d{2}-\d{2}/,
    );
  });

  it("has no serious accessibility violations with tables drawn, and looks right (test-results/preview.png)", async () => {
    const page = await session.open();
    await seedBaskets(page, [GROWTH, OUTAGE]);
    await insertSectorTable(page, "Growth", "QQQ");
    await page.getByRole("form", { name: "Rotation view" }).getByRole("checkbox", { name: "Growth" }).check();
    await page.getByRole("form", { name: "Rotation view" }).getByRole("textbox", { name: "Benchmark ticker" }).fill("QQQ");
    await page.getByRole("button", { name: "Insert rotation view" }).click();
    await page.getByText("Rotation view inserted").waitFor({ timeout: 30_000 });
    await page.getByRole("tab", { name: "Growth" }).click();
    expect(await seriousAxeViolations(page)).toEqual([]);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, "preview.png"), fullPage: true });
    await page.getByRole("tab", { name: "Rotation" }).click();
    await page.locator("#preview-sheet").screenshot({ path: path.join(RESULTS_DIR, "preview-rotation.png") });
  });
});
