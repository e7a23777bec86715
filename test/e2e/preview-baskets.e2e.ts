import { withService } from "../support/services";
import { usePreviewSession } from "./support/preview-session";
import { seriousAxeViolations } from "./support/axe";
import { basketEditor, focused, messageOf, savedPreviewBaskets, tabTo, tickersField } from "./support/pane";

const session = usePreviewSession();

withService("chromium").describe("the preview page: baskets", () => {
  it("says it is a preview, not connected to Excel, and draws a sheet area", async () => {
    const page = await session.open();
    await expect(page.getByText("Preview: not connected to Excel").isVisible()).resolves.toBe(true);
    await expect(page.getByRole("region", { name: "Preview sheet" }).isVisible()).resolves.toBe(true);
    expect(await page.evaluate(() => document.body.classList.contains("preview"))).toBe(true);
    // The real Office.js came from our server, not Microsoft's CDN.
    expect(await page.evaluate(() => typeof Office !== "undefined" && typeof Office.onReady === "function")).toBe(true);
  });

  it("creates a basket from a pasted list and keeps it across a reload", async () => {
    const page = await session.open();
    await page.getByRole("button", { name: "New basket" }).click();
    await page.getByRole("textbox", { name: "Description" }).fill("Growth picks");
    await expect(page.getByRole("textbox", { name: /Name in formulas/ }).inputValue()).resolves.toBe("Growth_picks");
    await tickersField(page).fill("tsla, AAPL\nAMZN\tGOOG;\n");
    expect(await messageOf(tickersField(page))).toBe("");
    await page.getByRole("button", { name: "Save basket" }).click();

    const row = page.locator('li[data-basket="Growth_picks"]');
    await row.waitFor();
    expect(await row.textContent()).toContain("4 tickers: TSLA, AAPL, AMZN, GOOG");
    expect(await savedPreviewBaskets(page)).toEqual([
      { name: "Growth_picks", label: "Growth picks", tickers: ["TSLA", "AAPL", "AMZN", "GOOG"] },
    ]);

    await page.reload();
    await page.locator('li[data-basket="Growth_picks"]').waitFor();
  });

  it("flags a bad ticker and a duplicate at once, next to the field, and does not save", async () => {
    const page = await session.open();
    await page.getByRole("button", { name: "New basket" }).click();
    await page.getByRole("textbox", { name: /Name in formulas/ }).fill("Broken_list");
    await tickersField(page).fill("TSLA, AA$PL, tsla");
    const message = await messageOf(tickersField(page));
    expect(message).toContain('Entry 2: Invalid ticker "AA$PL"');
    expect(message).toContain("Entry 3: TSLA is already in the list (entry 1).");
    expect(await tickersField(page).getAttribute("aria-invalid")).toBe("true");

    await page.getByRole("button", { name: "Save basket" }).click();
    await expect(basketEditor(page).isVisible()).resolves.toBe(true);
    expect(await savedPreviewBaskets(page)).toEqual([]);
  });

  it("flags a basket name Excel would read as a cell address", async () => {
    const page = await session.open();
    await page.getByRole("button", { name: "New basket" }).click();
    const name = page.getByRole("textbox", { name: /Name in formulas/ });
    await name.fill("Mag7");
    expect(await messageOf(name)).toMatch(/"Mag7" is a cell address/);
  });

  it("flags an unknown ticker after Check tickers asks the data source", async () => {
    const page = await session.open();
    await page.getByRole("button", { name: "New basket" }).click();
    await tickersField(page).fill("TSLA MDLY");
    expect(await messageOf(tickersField(page))).toBe("");
    await page.getByRole("button", { name: "Check tickers" }).click();
    await page.getByText("Unknown to Yahoo Finance: MDLY.").waitFor();
    expect(await messageOf(tickersField(page))).toBe("Unknown to Yahoo Finance: MDLY.");
    // The lookup went through the server's relay to the (replayed) upstream.
    expect(session.yahoo.requestsTo("/v8/finance/chart/MDLY").length).toBeGreaterThan(0);
  });

  it("duplicates a preset into an editable basket, renames it, and deletes it only after asking", async () => {
    const page = await session.open();
    // Mag_7 is a preset whose name saved workbooks rely on: it stays.
    await page.getByRole("button", { name: "Duplicate Mag_7", exact: true }).click();
    await expect(page.getByRole("textbox", { name: /Name in formulas/ }).inputValue()).resolves.toBe("Mag_7_copy");
    await page.getByRole("button", { name: "Save basket" }).click();
    await page.locator('li[data-basket="Mag_7_copy"]').waitFor();

    await page.getByRole("button", { name: "Rename Mag_7_copy" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "New name" }).fill("Tech_Heavy");
    await dialog.getByRole("button", { name: "Rename" }).click();
    await page.locator('li[data-basket="Tech_Heavy"]').waitFor();
    expect((await savedPreviewBaskets(page)).map((b) => b.name)).toEqual(["Tech_Heavy"]);

    await page.getByRole("button", { name: "Delete Tech_Heavy" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Keep it" }).click();
    expect((await savedPreviewBaskets(page)).map((b) => b.name)).toEqual(["Tech_Heavy"]);
    await page.getByRole("button", { name: "Delete Tech_Heavy" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    await page.locator('li[data-basket="Tech_Heavy"]').waitFor({ state: "detached" });
    expect(await savedPreviewBaskets(page)).toEqual([]);
  });

  it("creates a basket with the keyboard only, with visible focus, and Escape closes dialogs", async () => {
    const page = await session.open();
    await tabTo(page, (f) => f.text === "New basket");
    expect((await focused(page)).focusVisible).toBe(true);
    await page.keyboard.press("Enter");

    expect(await focused(page)).toMatchObject({ tag: "input", label: expect.stringContaining("Description") });
    await page.keyboard.type("Keyboard picks");
    await page.keyboard.press("Tab");
    expect((await focused(page)).label).toContain("Name in formulas");
    await page.keyboard.press("Tab");
    expect((await focused(page)).label).toContain("Tickers");
    await page.keyboard.type("AAPL, GOOG");
    await tabTo(page, (f) => f.text === "Save basket", 5);
    await page.keyboard.press("Space");
    await page.locator('li[data-basket="Keyboard_picks"]').waitFor();
    expect((await focused(page)).text).toBe("New basket");

    await tabTo(page, (f) => f.label === "Delete Keyboard_picks");
    await page.keyboard.press("Enter");
    await page.getByRole("alertdialog").waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("alertdialog").waitFor({ state: "detached" });
    expect((await savedPreviewBaskets(page)).map((b) => b.name)).toEqual(["Keyboard_picks"]);
  });

  it("has no serious or critical accessibility violations (axe-core), list and editor", async () => {
    const page = await session.open();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "New basket" }).click();
    await tickersField(page).fill("TSLA, AA$PL, tsla");
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
