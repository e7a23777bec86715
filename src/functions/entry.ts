// Entry of dist/functions.js, loaded by the shared runtime's page (taskpane.html).
import "./functions";
import { browserHistoryStore } from "./browser-source";
import { useHistorySource } from "./history-source";

useHistorySource(browserHistoryStore(globalThis.location.origin));
