// Entry of dist/taskpane.js. It runs after functions.js in the same page (the shared runtime) and
// reuses its modules, so the pane and the cells share one data store.
import { createRoot } from "react-dom/client";
import { applySettings, dataSourceStatus, loadHistory, readSettings, refreshData, writeSettings } from "../addin";
import { createExcelWorkbook } from "./app/excel-workbook";
import { createPreviewWorkbook } from "./app/preview-workbook";
import { App } from "./app/App";
import type { PaneServices } from "./common/services";
import type { Workbook } from "./common/workbook";

/** Outside Office, Office.js answers onReady with no host almost at once; this only guards a stalled load. */
const OFFICE_READY_TIMEOUT_MS = 8_000;

async function insideExcel(): Promise<boolean> {
  if (typeof Office === "undefined") return false; // Office.js did not load (e.g. the CDN is unreachable)
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), OFFICE_READY_TIMEOUT_MS));
  const info = await Promise.race([Office.onReady(), timeout]);
  return info !== null && info.host === Office.HostType.Excel;
}

function services(workbook: Workbook): PaneServices {
  return {
    workbook,
    dataStatus: dataSourceStatus,
    refreshData,
    readSettings: () => readSettings(),
    writeSettings: (settings) => writeSettings(settings),
    applySettings: (settings) => void applySettings(settings),
    loadHistory,
    fetch: (input, init) => globalThis.fetch(input, init),
    pageOrigin: globalThis.location.origin,
    now: () => Date.now(),
  };
}

async function start(): Promise<void> {
  const excel = await insideExcel();
  document.body.classList.toggle("preview", !excel);
  const workbook = excel ? createExcelWorkbook() : createPreviewWorkbook();
  const root = document.getElementById("taskpane-root");
  if (root === null) throw new Error("taskpane.html has no #taskpane-root");
  createRoot(root).render(<App services={services(workbook)} />);
}

start().catch((error: unknown) => {
  // Without React there is no MessageBar: say it in plain text where the pane would be.
  const root = document.getElementById("taskpane-root");
  if (root !== null) root.textContent = `Rotation Desk could not start: ${error instanceof Error ? error.message : String(error)}`;
  console.error(error);
});
