import { DEMO_NOTE } from "../../../workbook";
import { html } from "./dom";

/** What a table or chart computed from demo data carries in the preview sheet, beside its title. */
export function demoBadge(): HTMLElement {
  return html("span", { class: "demo-label" }, DEMO_NOTE);
}
