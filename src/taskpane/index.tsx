// Entry of dist/taskpane.js. It runs after functions.js in the same page (the shared runtime) and
// reuses its modules, so the pane and the cells share one data store.
import { createRoot } from "react-dom/client";
import {
  applySettings,
  dataSourceStatus,
  loadHistory,
  onSettingsApplied,
  readSettings,
  refreshData,
  retryRefusals,
  writeSettings,
} from "../addin";
import { createExcelWorkbook } from "./app/excel-workbook";
import { createPreviewWorkbook } from "./app/preview-workbook";
import { App } from "./app/App";
import { OfficeLike, paneModeOf, STARTUP_TEXT, waitForExcel } from "./app/startup";
import type { PaneServices } from "./common/services";
import type { Workbook } from "./common/workbook";

const demo = (): boolean => dataSourceStatus().settings.provider === "demo";

function services(workbook: Workbook): PaneServices {
  return {
    workbook,
    dataStatus: dataSourceStatus,
    refreshData,
    retryRefusals,
    readSettings: () => readSettings(),
    writeSettings: (settings) => writeSettings(settings),
    applySettings: (settings) => void applySettings(settings),
    onSettingsChange: onSettingsApplied,
    loadHistory,
    fetch: (input, init) => globalThis.fetch(input, init),
    pageOrigin: globalThis.location.origin,
    now: () => Date.now(),
  };
}

function root(): HTMLElement {
  const element = document.getElementById("taskpane-root");
  if (element === null) throw new Error("taskpane.html has no #taskpane-root");
  return element;
}

/** Plain text where the pane will be (before React, or instead of it). */
function say(text: string, role: "status" | "alert"): void {
  const paragraph = document.createElement("p");
  paragraph.className = "startup-message";
  paragraph.setAttribute("role", role);
  paragraph.textContent = text;
  root().replaceChildren(paragraph);
}

async function start(): Promise<void> {
  const mode = paneModeOf(document.documentElement.dataset.paneMode);
  document.body.classList.toggle("preview", mode === "preview");
  if (mode === "excel") {
    say(STARTUP_TEXT.waiting, "status");
    const office = typeof Office === "undefined" ? undefined : (Office as unknown as OfficeLike);
    const state = await waitForExcel(office, () => say(STARTUP_TEXT.slow, "status"));
    if (state === "no-office-js") return say(STARTUP_TEXT.noOfficeJs, "alert");
    if (state === "not-excel") return say(STARTUP_TEXT.notExcel, "alert");
  }
  const workbook = mode === "excel" ? createExcelWorkbook({ demo }) : createPreviewWorkbook({ demo });
  createRoot(root()).render(<App services={services(workbook)} />);
}

start().catch((error: unknown) => {
  // Without React there is no MessageBar: say it in plain text where the pane would be.
  say(`Rotation Desk could not start: ${error instanceof Error ? error.message : String(error)}`, "alert");
  console.error(error);
});
