// Entry of dist/functions.js, loaded by the shared runtime's page (taskpane.html).
import "./functions";
import { applySettings } from "../addin";

applySettings();
