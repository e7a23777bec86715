import { areaAddress } from "../../../workbook";
import { CellOutcome, NO_CELLS, Provenance, TablePlace } from "../workbook";
import { html } from "./dom";
import { SHEET_STYLES } from "./sheet-styles";

/** A table or view drawn on a preview sheet; it can redraw itself from fresh data until frozen. */
export interface SheetObject {
  readonly tableName: string;
  readonly title: string;
  readonly address: string;
  readonly element: HTMLElement;
  readonly rows: number;
  frozen: boolean;
  /** How its cells (formulas in Excel) came out when last computed. */
  outcome: CellOutcome;
  /** Recomputes and redraws; resolves to how the cells came out. */
  recompute(): Promise<CellOutcome>;
}

export interface PreviewSheet {
  readonly name: string;
  readonly tab: HTMLButtonElement;
  readonly panel: HTMLElement;
  readonly objects: SheetObject[];
}

export interface ObjectContent {
  readonly title: string;
  readonly rows: number;
  readonly columns: number;
  /** Draws the object's body for its address; called again on every recompute. */
  readonly render: (address: string) => HTMLElement;
}

/** Rows left empty between two objects stacked on a sheet. */
const GAP_ROWS = 1;

/**
 * The part of the preview page that stands in for the workbook: sheets as tabs, tables stacked on
 * them top to bottom. "Selection" in the preview means the active sheet; clicking (or focusing)
 * a table selects it for "Freeze for sharing".
 */
export class PreviewSheetArea {
  private readonly sheets: PreviewSheet[] = [];
  private active: PreviewSheet | null = null;
  private selected: SheetObject | null = null;
  private readonly tabList: HTMLElement;
  private readonly panels: HTMLElement;
  private readonly empty: HTMLElement;
  private serial = 0;

  constructor(private readonly host: HTMLElement) {
    if (document.getElementById("preview-sheet-styles") === null) {
      document.head.append(html("style", { id: "preview-sheet-styles" }, SHEET_STYLES));
    }
    this.tabList = html("div", { role: "tablist", "aria-label": "Preview sheets", class: "sheet-tabs" });
    this.tabList.addEventListener("keydown", (event) => this.onTabKey(event));
    this.panels = html("div", { class: "sheet-panels" });
    this.empty = html("p", { class: "sheet-empty" }, "No tables yet: insert a sector table or a rotation view from the pane.");
    host.replaceChildren(
      html("h2", { class: "sheet-heading" }, "Preview sheet"),
      html(
        "p",
        { class: "sheet-note" },
        "Stands in for the Excel workbook: tables are computed with the same MKT functions the cells use.",
      ),
      this.tabList,
      this.empty,
      this.panels,
    );
    this.host.hidden = false;
  }

  /** Where a new object goes: the active sheet ("selection") or a new sheet named after it. */
  sheetFor(place: TablePlace, name: string): PreviewSheet {
    if (place === "new-sheet" || this.active === null) return this.addSheet(place === "new-sheet" ? name : "Sheet1");
    return this.active;
  }

  place(sheet: PreviewSheet, tableName: string, content: ObjectContent): SheetObject {
    const top = sheet.objects.reduce((row, object) => row + object.rows + GAP_ROWS, 0);
    const address = `Preview sheet '${sheet.name}' ${areaAddress(top, 0, Math.max(content.rows, 1), Math.max(content.columns, 1))}`;
    const element = html("figure", {
      class: "sheet-object",
      tabindex: 0,
      "aria-label": `${content.title}, ${address}`,
      "data-table-name": tableName,
    });
    element.append(content.render(address));
    const object: SheetObject = {
      tableName,
      title: content.title,
      address,
      element,
      rows: content.rows,
      frozen: false,
      outcome: NO_CELLS,
      recompute: async () => NO_CELLS,
    };
    element.addEventListener("focus", () => this.select(object));
    element.addEventListener("click", () => this.select(object));
    sheet.objects.push(object);
    sheet.panel.append(element);
    this.empty.hidden = true;
    this.activate(sheet);
    this.select(object);
    return object;
  }

  /** Replaces an object's drawing (after a recompute), keeping its place and selection. */
  redraw(object: SheetObject, body: HTMLElement): void {
    const note = object.element.querySelector(".frozen-note");
    object.element.replaceChildren(body);
    if (note !== null) object.element.append(note);
  }

  markFrozen(object: SheetObject, provenance: Provenance): void {
    object.frozen = true;
    object.element.dataset.frozen = "true";
    object.element.append(
      html(
        "p",
        { class: "frozen-note" },
        `Frozen values from ${provenance.provider}, as of ${provenance.asOf.toISOString().slice(0, 16).replace("T", " ")} UTC. No longer recalculated.`,
      ),
    );
  }

  /** Width (px) an object's drawing can take without scrolling: the sheet area less its paddings. */
  contentWidth(): number {
    // Host padding 16 px a side; an object's padding 12 px and border 1 px a side.
    return Math.max(0, this.host.clientWidth - 2 * 16 - 2 * 13);
  }

  uniqueTableName(base: string): string {
    const names = new Set(this.allObjects().map((object) => object.tableName.toUpperCase()));
    if (!names.has(base.toUpperCase())) return base;
    for (let n = 2; ; n++) if (!names.has(`${base}_${n}`.toUpperCase())) return `${base}_${n}`;
  }

  allObjects(): SheetObject[] {
    return this.sheets.flatMap((sheet) => sheet.objects);
  }

  activeObjects(): SheetObject[] {
    return this.active?.objects ?? [];
  }

  selectedObject(): SheetObject | null {
    return this.selected;
  }

  private select(object: SheetObject): void {
    if (this.selected !== null) delete this.selected.element.dataset.selected;
    this.selected = object;
    object.element.dataset.selected = "true";
  }

  private addSheet(wanted: string): PreviewSheet {
    const taken = new Set(this.sheets.map((sheet) => sheet.name.toUpperCase()));
    let name = wanted;
    for (let n = 2; taken.has(name.toUpperCase()); n++) name = `${wanted} (${n})`;
    const id = `preview-sheet-${++this.serial}`;
    const tab = html("button", { type: "button", role: "tab", id: `${id}-tab`, class: "sheet-tab", "aria-controls": id }, name);
    const panel = html("div", { role: "tabpanel", id, "aria-labelledby": `${id}-tab`, class: "sheet-panel" });
    const sheet: PreviewSheet = { name, tab, panel, objects: [] };
    tab.addEventListener("click", () => this.activate(sheet));
    this.sheets.push(sheet);
    this.tabList.append(tab);
    this.panels.append(panel);
    this.activate(sheet);
    return sheet;
  }

  private activate(sheet: PreviewSheet): void {
    this.active = sheet;
    for (const other of this.sheets) {
      const isActive = other === sheet;
      other.tab.setAttribute("aria-selected", String(isActive));
      other.tab.tabIndex = isActive ? 0 : -1;
      other.panel.hidden = !isActive;
    }
  }

  /** Arrow keys move between sheet tabs, as in every tab list. */
  private onTabKey(event: KeyboardEvent): void {
    const index = this.sheets.findIndex((sheet) => sheet === this.active);
    if (index < 0) return;
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: this.sheets.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const sheet = this.sheets[(target + this.sheets.length) % this.sheets.length];
    this.activate(sheet);
    sheet.tab.focus();
  }
}
