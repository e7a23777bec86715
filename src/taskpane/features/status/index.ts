/** Status: the data source's counters below the pane. */
export { StatusPanel } from "./StatusPanel";
