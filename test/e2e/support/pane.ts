import type { Locator, Page } from "playwright-core";

/** Ways into the pane that a person would use: roles and visible labels, never CSS classes. */

export function tickersField(page: Page): Locator {
  return page.getByRole("textbox", { name: "Tickers" });
}

export function basketEditor(page: Page): Locator {
  return page.locator("form").filter({ has: tickersField(page) });
}

/** The validation message Fluent's Field links to its control with aria-describedby. */
export async function messageOf(control: Locator): Promise<string> {
  return control.evaluate((element) => {
    const ids = (element.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
    return ids
      .map((id) => document.getElementById(id))
      .filter((node): node is HTMLElement => node !== null && node.id.endsWith("__validationMessage"))
      .map((node) => node.textContent ?? "")
      .join("\n");
  });
}

export async function savedPreviewBaskets(page: Page): Promise<{ name: string; label: string; tickers: string[] }[]> {
  return page.evaluate(() => JSON.parse(window.localStorage.getItem("rotation-desk.preview.baskets") ?? "[]"));
}

/** Puts baskets in the preview's storage and reloads, as if the analyst had saved them earlier. */
export async function seedBaskets(page: Page, baskets: { name: string; label: string; tickers: string[] }[]): Promise<void> {
  await page.evaluate((list) => window.localStorage.setItem("rotation-desk.preview.baskets", JSON.stringify(list)), baskets);
  await page.reload();
  await page.getByRole("tab", { name: "Baskets" }).waitFor();
}

/** The accessible name (roughly) and role of the focused element, for keyboard tests. */
export async function focused(page: Page): Promise<{ tag: string; text: string; label: string; focusVisible: boolean }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (element === null) return { tag: "", text: "", label: "", focusVisible: false };
    const labelledBy = (element.getAttribute("aria-labelledby") ?? "")
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" ");
    const forLabel = element.id ? (document.querySelector(`label[for="${element.id}"]`)?.textContent ?? "") : "";
    return {
      tag: element.tagName.toLowerCase(),
      text: (element.textContent ?? "").trim(),
      label: (element.getAttribute("aria-label") ?? labelledBy ?? "") + forLabel,
      // Fluent marks keyboard focus with this attribute and draws its focus ring from it.
      focusVisible: element.hasAttribute("data-fui-focus-visible") || element.matches(":focus-visible"),
    };
  });
}

/** Presses Tab until `match` says the focused element is the wanted one (at most `limit` presses). */
export async function tabTo(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (match(await focused(page))) return;
  }
  throw new Error(`Tab never reached the wanted element; last focused: ${JSON.stringify(await focused(page))}`);
}
