import type { Page } from "playwright-core";
import { withService } from "../support/services";
import { usePreviewSession } from "./support/preview-session";

/** Where taskpane.html (the page Excel opens) loads Office.js from. */
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";

const session = usePreviewSession();

/** Office.js as a host that takes its time: onReady waits for the test (or forever). */
const SLOW_OFFICE = `
  window.CustomFunctions = { associate() {}, Error: class extends Error {}, ErrorCode: {} };
  window.Office = { HostType: { Excel: "Excel" }, onReady: () => new Promise((resolve) => (window.__officeReady = resolve)) };
`;

async function isPreview(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.body.classList.contains("preview") || document.querySelector("[data-testid=preview-banner]") !== null,
  );
}

withService("chromium").describe("taskpane.html, the page Excel opens: it knows it is not the preview", () => {
  it("says plainly when Office.js did not load, and does not become a preview", async () => {
    const page = await session.open({
      path: "/taskpane.html",
      waitForPane: false,
      beforeGoto: (p) => p.route(`${OFFICE_CDN}**`, (route) => route.abort("internetdisconnected")),
    });
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^Rotation Desk could not start: Office\.js did not load from Microsoft/);
    expect(await isPreview(page)).toBe(false);
    // Without Office.js, functions.js cannot register the MKT functions either: that is the page's only error.
    const errors = session.pageErrors.splice(0);
    expect(errors.every((error) => /CustomFunctions/.test(error))).toBe(true);
  });

  it("waits for Excel as long as it takes, saying so, and a slow start never turns into a preview", async () => {
    const page = await session.open({
      path: "/taskpane.html",
      waitForPane: false,
      beforeGoto: async (p) => {
        await p.clock.install();
        await p.route(`${OFFICE_CDN}**`, (route) => route.fulfill({ contentType: "text/javascript", body: SLOW_OFFICE }));
      },
    });
    const status = page.getByRole("status");
    await page.getByText("Starting Rotation Desk… waiting for Excel.").waitFor();
    await page.clock.runFor(15_000);
    await page.getByText(/^Still waiting for Excel to start the add-in/).waitFor();
    await page.clock.runFor(60_000);
    expect(await status.textContent()).toMatch(/^Still waiting for Excel/);
    expect(await isPreview(page)).toBe(false);
    expect(await page.getByRole("tab", { name: "Baskets" }).count()).toBe(0);
  });

  it("with the real Office.js outside Excel, says it is Excel's pane and points to the preview", async () => {
    const page = await session.open({
      path: "/taskpane.html",
      waitForPane: false,
      // The CDN's files, served from the copy the server ships (the same library, offline).
      beforeGoto: (p) =>
        p.route(`${OFFICE_CDN}**`, async (route) => {
          const file = route.request().url().slice(OFFICE_CDN.length);
          await route.fulfill({ response: await route.fetch({ url: `${session.origin}/office-js/${file}` }) });
        }),
    });
    const alert = page.getByRole("alert");
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toMatch(/opened outside Excel.*preview\.html/);
    expect(await isPreview(page)).toBe(false);
  });

  it("preview.html starts the pane at once, without waiting for Office", async () => {
    const page = await session.open();
    expect(await page.evaluate(() => document.documentElement.dataset.paneMode)).toBe("preview");
    expect(await isPreview(page)).toBe(true);
  });
});
