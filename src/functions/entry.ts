// Entry of dist/functions.js, loaded by the shared runtime's page (taskpane.html) and the preview.
import "./functions";
import { applySettings } from "../addin";
import { useAddinCells } from "./cell-refusals";

applySettings();
// The add-in's cells (not the CLI's): a refused cell says when to recalculate and waits for "Retry now".
useAddinCells();
