import { withService } from "../support/services";
import { usePreviewSession } from "./support/preview-session";
import { messageOf } from "./support/pane";
import { seriousAxeViolations } from "./support/axe";

const session = usePreviewSession();

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
