import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { withService } from "../support/services";
import { RESULTS_DIR, usePreviewSession } from "./support/preview-session";
import { messageOf, tickersField } from "./support/pane";
import { seriousAxeViolations } from "./support/axe";

const session = usePreviewSession();

/** Answers /api/health as the real server does, with `upstream` as given (undefined: the field left out). */
async function healthSays(page: Page, upstream: unknown): Promise<void> {
  await page.route("**/api/health", async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as Record<string, unknown>;
    if (upstream === undefined) delete body.upstream;
    else body.upstream = upstream;
    await route.fulfill({ response, json: body });
  });
}

withService("chromium").describe("the preview page: settings", () => {
  it("flags a bad server address next to the field and will not save it", async () => {
    const page = await session.open();
    await page.getByRole("tab", { name: "Settings" }).click();
    const server = page.getByRole("textbox", { name: "Data server address" });
    await server.fill("ftp://data.example.com");
    expect(await messageOf(server)).toMatch(/must start with https:\/\//);
    expect(await page.getByRole("button", { name: "Save settings" }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Test connection" }).isDisabled()).toBe(true);
  });

  it("says when the data server cannot be reached", async () => {
    const page = await session.open();
    await page.getByRole("tab", { name: "Settings" }).click();
    await page.getByRole("textbox", { name: "Data server address" }).fill("http://127.0.0.1:9");
    await page.getByRole("button", { name: "Test connection" }).click();
    const result = page.getByRole("alert").filter({ hasText: "Data server: failed" });
    await result.waitFor();
    expect(await result.textContent()).toMatch(/Cannot reach the data server at http:\/\/127\.0\.0\.1:9/);
  });

  it("says when the server works but the provider fails (replayed upstream 500)", async () => {
    const page = await session.open();
    await page.getByRole("tab", { name: "Settings" }).click();
    await page.getByRole("button", { name: "Test connection" }).click();
    const result = page.getByRole("alert").filter({ hasText: "Provider: failed" });
    await result.waitFor();
    expect(await result.textContent()).toMatch(/provider is unavailable.*HTTP 500.*SPY/);
    expect(session.yahoo.requestsTo("/v8/finance/chart/SPY").length).toBeGreaterThan(0);
  });

  it("offers demo data when Test connection fails, as a saved, visible choice", async () => {
    const page = await session.open();
    await page.getByRole("tab", { name: "Settings" }).click();
    await page.getByRole("button", { name: "Test connection" }).click();
    const result = page.getByRole("alert").filter({ hasText: "Provider: failed" });
    await result.getByRole("button", { name: "Use demo data" }).click();
    await page.getByText("Switched to demo data").waitFor();
    expect(await page.getByRole("combobox", { name: "Data provider" }).inputValue()).toBe("demo");
    expect(await page.evaluate(() => window.localStorage.getItem("rotation-desk.provider"))).toBe("demo");
    await page.waitForFunction(() => document.querySelector('[data-status="Provider"] dd')?.textContent?.startsWith("Demo"));
  });

  it("says at once when the data server reports its upstream unreachable, and switches to demo data in one click", async () => {
    const message = "Could not reach Yahoo for SPY: host name not found";
    const page = await session.open({
      viewport: { width: 360, height: 800 },
      beforeGoto: (p) => healthSays(p, { provider: "yahoo", reachable: false, message, checkedAt: Date.now() }),
    });
    const notice = page.getByTestId("upstream-notice");
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`Yahoo Finance cannot be reached`);
    expect(await notice.textContent()).toContain(message);
    expect(await seriousAxeViolations(page)).toEqual([]);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await page.locator("#taskpane-root header").screenshot({ path: path.join(RESULTS_DIR, "upstream-notice.png") });
    await notice.getByRole("button", { name: "Use demo data" }).click();
    await page.getByTestId("demo-choice").waitFor();
    expect(await notice.count()).toBe(0);
    expect(await page.evaluate(() => window.localStorage.getItem("rotation-desk.provider"))).toBe("demo");
    await page.waitForFunction(() => document.querySelector('[data-status="Provider"] dd')?.textContent?.startsWith("Demo"));
    // The key kept for Yahoo is untouched: switching back needs no retyping.
    await page.getByRole("tab", { name: "Settings" }).click();
    expect(await page.getByRole("combobox", { name: "Data provider" }).inputValue()).toBe("demo");
  });

  it("shows no notice while the upstream is reachable, not yet checked, or not reported at all", async () => {
    for (const upstream of [
      { provider: "yahoo", reachable: true, message: null, checkedAt: 1 },
      { provider: "yahoo", reachable: null, message: null, checkedAt: null },
      undefined,
    ]) {
      let asked = false;
      const page = await session.open({
        beforeGoto: async (p) => {
          await healthSays(p, upstream);
          p.on("request", (request) => {
            if (request.url().endsWith("/api/health")) asked = true;
          });
        },
      });
      await page.waitForFunction(() => document.querySelector('[data-status="Provider"]') !== null);
      await page.waitForTimeout(300);
      expect(asked).toBe(true);
      expect(await page.getByTestId("upstream-notice").count()).toBe(0);
      await page.context().close();
    }
  });

  it("Check tickers with demo data says it cannot check, instead of finding anything", async () => {
    const page = await session.open();
    await page.evaluate(() => window.localStorage.setItem("rotation-desk.provider", "demo"));
    await page.reload();
    await page.getByRole("button", { name: "New basket" }).click();
    await tickersField(page).fill("TSLA XYZQ");
    await page.getByRole("button", { name: "Check tickers" }).click();
    expect(await messageOf(tickersField(page))).toMatch(/^Demo data cannot check tickers/);
    expect(await messageOf(tickersField(page))).not.toMatch(/found/i);
  });

  it("keeps the key in a password field, saves to browser storage and switches the data source", async () => {
    const page = await session.open();
    await page.getByRole("tab", { name: "Settings" }).click();
    const key = page.getByLabel("API key");
    expect(await key.getAttribute("type")).toBe("password");
    await key.fill("my-secret-key");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved").waitFor();
    expect(await page.evaluate(() => window.localStorage.getItem("rotation-desk.api-key.yahoo"))).toBe("my-secret-key");

    await page.getByRole("combobox", { name: "Data provider" }).selectOption("demo");
    expect(await key.inputValue()).toBe("");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved").waitFor();
    expect(await page.evaluate(() => window.localStorage.getItem("rotation-desk.provider"))).toBe("demo");
    await page.waitForFunction(() => document.querySelector('[data-status="Provider"] dd')?.textContent?.startsWith("Demo"));
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
