/** Status: the data source's counters below the pane, and the refused cells' queue with "Retry now". */
export { StatusPanel } from "./StatusPanel";
