import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { withService } from "../support/services";
import { seriousAxeViolations } from "./support/axe";
import { seedBaskets } from "./support/pane";
import { RESULTS_DIR, usePreviewSession } from "./support/preview-session";

const GROWTH = { name: "Growth", label: "Growth picks", tickers: ["TSLA", "AAPL", "AMZN", "GOOG"] };
const CLOUD = { name: "Cloud", label: "Cloud", tickers: ["AMZN", "GOOG"] };
/** Names as long as analysts make them, next to the long preset names (HealthcareProviders, MidCapIndustrials). */
const LONG_NAMED = [
  { name: "HealthcareProvidersHospitalOperators", label: "US hospital and clinic operators, large and mid caps", tickers: ["AAPL"] },
  { name: "MidCapIndustrials_Machinery_2026Q1", label: "Mid-cap machinery", tickers: ["GOOG"] },
];

const session = usePreviewSession();

function screenshotPath(name: string): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  return path.join(RESULTS_DIR, name);
}

/** Elements inside each `containers` element that stick out of it sideways (a few px of focus outline aside). */
async function overflowing(page: Page, containers: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const problems: string[] = [];
    for (const card of document.querySelectorAll(selector)) {
      const box = card.getBoundingClientRect();
      for (const element of card.querySelectorAll("*")) {
        const rect = element.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) continue;
        if (rect.right > box.right + 0.5 || rect.left < box.left - 0.5) {
          const text = (element.textContent ?? "").trim().slice(0, 40);
          problems.push(`${element.tagName.toLowerCase()} "${text}" spans ${rect.left}–${rect.right}, card ${box.left}–${box.right}`);
        }
      }
    }
    return problems;
  }, containers);
}

/** Elements that reach past the right edge of a `width` px window (the page would scroll sideways). */
async function pastTheWindow(page: Page, width: number): Promise<string[]> {
  return page.evaluate((limit) => {
    return [...document.querySelectorAll("#taskpane-root *")]
      .filter((element) => {
        const rect = element.getBoundingClientRect();
        return rect.width > 0 && rect.right > limit + 0.5;
      })
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${element.className} "${(element.textContent ?? "").trim().slice(0, 30)}" → ${element.getBoundingClientRect().right}`,
      );
  }, width);
}

/** Pairs of checkbox labels in one group whose boxes overlap (one name running into the next). */
async function overlappingLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const group of document.querySelectorAll('[role="group"]')) {
      const labels = [...group.querySelectorAll("label")].map((label) => ({
        text: label.textContent,
        rect: label.getBoundingClientRect(),
      }));
      labels.forEach((a, i) =>
        labels.slice(i + 1).forEach((b) => {
          // Fluent's labels pad into each other's rows by a pixel or two; a name running into the next is far more.
          const across = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
          const down = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
          if (across > 2 && down > 4) problems.push(`${a.text} / ${b.text}`);
        }),
      );
    }
    return problems;
  });
}

withService("chromium").describe("the pane at 320–360 px", () => {
  for (const width of [360, 320]) {
    it(`keeps long basket names inside their cards at ${width} px (test-results/pane-${width}-*.png)`, async () => {
      const page = await session.open({ viewport: { width, height: 900 } });
      await seedBaskets(page, [GROWTH, ...LONG_NAMED]);
      expect(await pastTheWindow(page, width)).toEqual([]);
      expect(await overflowing(page, "li[data-basket]")).toEqual([]);
      await page.locator("#taskpane-root").screenshot({ path: screenshotPath(`pane-${width}-baskets.png`) });

      await page.getByRole("tab", { name: "Tables" }).click();
      const rotation = page.getByRole("form", { name: "Rotation view" });
      await rotation.getByRole("checkbox", { name: LONG_NAMED[0].name }).check();
      expect(await overflowing(page, "#pane-panel form")).toEqual([]);
      expect(await overlappingLabels(page)).toEqual([]);
      expect(await pastTheWindow(page, width)).toEqual([]);
      await rotation.screenshot({ path: screenshotPath(`pane-${width}-rotation-form.png`) });
      expect(await seriousAxeViolations(page)).toEqual([]);
    });
  }

  it("shows every status label whole, at 320 and 360 px (test-results/status-*.png)", async () => {
    const page = await session.open({ viewport: { width: 360, height: 900 } });
    await seedBaskets(page, [GROWTH]);
    await page.getByRole("tab", { name: "Tables" }).click();
    const form = page.getByRole("form", { name: "Sector table" });
    await form.getByRole("combobox", { name: "Basket" }).selectOption("Growth");
    await form.getByRole("button", { name: "Insert sector table" }).click();
    await form.locator("[data-outcome]").waitFor({ timeout: 30_000 });
    expect(await overflowing(page, "#pane-panel form")).toEqual([]);
    await form.locator("[data-outcome]").screenshot({ path: screenshotPath("outcome-360.png") });
    for (const width of [360, 320]) {
      await page.setViewportSize({ width, height: 900 });
      const footer = page.getByRole("region", { name: "Data status" });
      const clipped = await footer.evaluate((section) => {
        const box = section.getBoundingClientRect();
        return [...section.querySelectorAll("dt, dd")]
          .filter((cell) => {
            const rect = cell.getBoundingClientRect();
            const element = cell as HTMLElement;
            return element.scrollWidth > element.clientWidth + 1 || rect.right > box.right + 0.5 || rect.left < box.left - 0.5;
          })
          .map((cell) => cell.textContent);
      });
      expect(clipped).toEqual([]);
      expect(await page.locator('[data-status="Last refresh"] dd').textContent()).toMatch(/\d{2}:\d{2}:\d{2}( [AP]M)? \(just now\)/);
      await footer.screenshot({ path: screenshotPath(`status-${width}.png`) });
    }
  });

  it("draws a readable relative-strength chart at 360 px: gridlines, month ticks, a dash pattern per line (test-results/rotation-chart-360.png)", async () => {
    const page = await session.open({ viewport: { width: 360, height: 900 } });
    await seedBaskets(page, [GROWTH, CLOUD, { name: "Search", label: "Search", tickers: ["GOOG"] }]);
    await page.getByRole("tab", { name: "Tables" }).click();
    const form = page.getByRole("form", { name: "Rotation view" });
    for (const name of ["Growth", "Cloud", "Search"]) await form.getByRole("checkbox", { name, exact: true }).check();
    await form.getByRole("textbox", { name: "Benchmark ticker" }).fill("QQQ");
    await form.getByRole("button", { name: "Insert rotation view" }).click();
    await form.locator("[data-outcome]").waitFor({ timeout: 30_000 });

    const chart = page.locator("#preview-sheet figure.chart");
    const svg = chart.locator("svg.line-chart");
    expect(await svg.locator("g.grid-y").count()).toBeGreaterThanOrEqual(3);
    // The recordings cover 2020: a tick at every month start, labels every few months at this width.
    const months = await svg.locator("g.tick-x").evaluateAll((ticks) => ticks.map((tick) => tick.getAttribute("data-month")));
    expect(months.length).toBeGreaterThanOrEqual(10);
    const monthNumber = (month: string | null): number => Number(month?.slice(0, 4)) * 12 + Number(month?.slice(5));
    expect(months.slice(1).every((month, i) => monthNumber(month) === monthNumber(months[i]) + 1)).toBe(true);
    const labels = await svg.locator("g.tick-x text").allTextContents();
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(labels[0]).toMatch(/^[A-Z][a-z]{2} 2020$/);
    const lines = await svg
      .locator("path[data-line]")
      .evaluateAll((paths) =>
        paths.map((path) => ({ dash: path.getAttribute("stroke-dasharray") ?? "none", colour: path.getAttribute("stroke") })),
      );
    expect(lines).toHaveLength(3);
    expect(new Set(lines.map((line) => line.dash)).size).toBe(3);
    expect(new Set(lines.map((line) => line.colour)).size).toBe(3);
    // Drawn at the size it is shown (11 px text stays 11 px), and within the narrow sheet.
    const fit = await svg.evaluate((element) => {
      const shown = element.getBoundingClientRect().width;
      const drawn = (element as SVGSVGElement).viewBox.baseVal.width;
      return { scale: shown / drawn, right: element.getBoundingClientRect().right, page: document.documentElement.clientWidth };
    });
    expect(fit.scale).toBeGreaterThan(0.95);
    expect(fit.right).toBeLessThanOrEqual(fit.page);
    await chart.scrollIntoViewIfNeeded();
    await chart.screenshot({ path: screenshotPath("rotation-chart-360.png") });
  });
});
