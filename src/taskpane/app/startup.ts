/**
 * How the pane starts: the page says what it is (webpack builds taskpane.html and preview.html
 * from one template and marks <html data-pane-mode>), never a timeout. In the Excel page the pane
 * waits for Office as long as Excel takes, saying so, and says plainly when Office.js is missing
 * or the page was opened outside Excel.
 */
export type PaneMode = "excel" | "preview";

/** The mode a page marks itself with; anything else (an old page) is the Excel page, which never pretends to be a preview. */
export function paneModeOf(marker: string | null | undefined): PaneMode {
  return marker === "preview" ? "preview" : "excel";
}

/** After this long without Office.onReady the waiting message says more; the pane keeps waiting. */
export const SLOW_START_MS = 10_000;

export const STARTUP_TEXT = {
  waiting: "Starting Rotation Desk… waiting for Excel.",
  slow: "Still waiting for Excel to start the add-in. This can take a while on a slow connection; if nothing changes, close the pane and open Rotation Desk again from the Home tab.",
  noOfficeJs:
    "Rotation Desk could not start: Office.js did not load from Microsoft (appsforoffice.microsoft.com). Check the internet connection or proxy, then close the pane and open Rotation Desk again. To try it without Excel, open preview.html from the add-in's server.",
  notExcel:
    "This is Rotation Desk's Excel task pane, opened outside Excel. Open it in Excel (Home tab → Rotation Desk), or open preview.html from the add-in's server to try it in a browser.",
} as const;

export interface OfficeLike {
  onReady(): Promise<{ host: unknown }>;
  readonly HostType: { readonly Excel: unknown };
}

export type StartupState = "ready" | "no-office-js" | "not-excel";

/**
 * Waits for Office without a deadline. `onSlow` runs once if that takes longer than `slowMs`, so
 * the page can say it is still waiting; a slow Excel never turns into a preview.
 */
export async function waitForExcel(
  office: OfficeLike | undefined,
  onSlow: () => void,
  slowMs: number = SLOW_START_MS,
): Promise<StartupState> {
  if (office === undefined) return "no-office-js";
  const timer = setTimeout(onSlow, slowMs);
  try {
    const info = await office.onReady();
    return info.host === office.HostType.Excel ? "ready" : "not-excel";
  } finally {
    clearTimeout(timer);
  }
}
