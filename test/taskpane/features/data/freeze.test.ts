import type { Progress, Provenance } from "../../../../src/taskpane/common/workbook";
import { freezeMktFormulas, provenanceLine, provenanceNote } from "../../../../src/taskpane/features/data/freeze";
import { FakeExcel } from "../../../support/fake-excel";

const provenance: Provenance = { provider: "Yahoo Finance", asOf: new Date(Date.UTC(2026, 0, 16, 21, 5, 30)) };
const everything = (): boolean => true;
const nothing = (): boolean => false;

/** A small sector sheet: a plain MKT cell, a spilled MKT result, an INDEX over one, and a SUM. */
function sectorSheet(): FakeExcel {
  const excel = FakeExcel.withSheets("Sheet1");
  excel.seed("Sheet1", "A1", "Ticker");
  excel.seed("Sheet1", "A2", "NVDA");
  excel.seed("Sheet1", "B2", { formula: "=MKT.RSI(A2)", value: 61.5 });
  excel.seed("Sheet1", "C2", { formula: "=SUM(1,2)", value: 3 });
  excel.seed("Sheet1", "D2", { formula: "=INDEX(MKT.MA_CROSS(A2,50,200),1,2)", value: 46000, numberFormat: "yyyy-mm-dd" });
  excel.seed("Sheet1", "B3", { formula: "=MKT.MA_CROSS(A2,50,200)", spill: [["golden", 45900]] });
  excel.select("Sheet1", "A1:D3");
  return excel;
}

describe("freezeMktFormulas", () => {
  it("replaces MKT formulas by their values, spilled results whole, and leaves other formulas", async () => {
    const excel = sectorSheet();
    const result = await freezeMktFormulas("selection", provenance, undefined, excel.run, everything);

    expect(result).toEqual({ address: "Sheet 'Sheet1' A1:D3", frozenCells: 4, errorCells: 0 });
    expect(excel.formulas("Sheet1", "A1:D3")).toEqual([
      ["Ticker", "", "", ""],
      ["NVDA", 61.5, "=SUM(1,2)", 46000],
      ["", "golden", 45900, ""],
    ]);
    expect(excel.cell("Sheet1", "D2").numberFormat).toBe("yyyy-mm-dd");
    expect(excel.cell("Sheet1", "C3").spilledFrom).toBeUndefined();
  });

  it("freezes a spill once even where the host reports its formula on every spilled cell", async () => {
    const excel = sectorSheet();
    excel.sheet("Sheet1").cells.get("2,2")!.formula = "=MKT.MA_CROSS(A2,50,200)";
    const result = await freezeMktFormulas("selection", provenance, undefined, excel.run, everything);
    expect(result.frozenCells).toBe(4);
    expect(excel.formulas("Sheet1", "B3:C3")).toEqual([["golden", 45900]]);
  });

  it("records provider and time in a note on the top-left cell and a visible line beside the range", async () => {
    const excel = sectorSheet();
    await freezeMktFormulas("selection", provenance, undefined, excel.run, everything);

    const note =
      "Frozen by Rotation Desk on 2026-01-16 21:05 UTC: 3 MKT formulas in Sheet1!A1:D3 replaced by their values, from Yahoo Finance.";
    expect(provenanceNote(provenance, 3, "Sheet1!A1:D3")).toBe(note);
    expect([...excel.sheet("Sheet1").notes]).toEqual([["A1", note]]);
    expect(excel.cell("Sheet1", "E1")).toMatchObject({
      value: "Values as of 2026-01-16 21:05 UTC from Yahoo Finance (frozen MKT formulas in Sheet1!A1:D3)",
      numberFormat: "@",
    });
    expect(excel.sheet("Sheet1").fonts.get("0,4")).toMatchObject({ italic: true });
  });

  it("adds to a note that is already there", async () => {
    const excel = sectorSheet();
    excel.sheet("Sheet1").notes.set("A1", "Checked by Ann");
    await freezeMktFormulas("selection", provenance, undefined, excel.run, everything);
    expect(excel.sheet("Sheet1").notes.get("A1")).toMatch(/^Checked by Ann\nFrozen by Rotation Desk on 2026-01-16 21:05 UTC/);
  });

  it("puts the line below the range when the cell beside it is taken", async () => {
    const excel = sectorSheet();
    excel.seed("Sheet1", "E1", "mine");
    await freezeMktFormulas("selection", provenance, undefined, excel.run, everything);
    expect(excel.cell("Sheet1", "E1").value).toBe("mine");
    expect(excel.cell("Sheet1", "A4").value).toBe(provenanceLine(provenance, "Sheet1!A1:D3"));
  });

  it("freezes only the selected cells", async () => {
    const excel = sectorSheet();
    excel.select("Sheet1", "B2:B2");
    const result = await freezeMktFormulas("selection", provenance, undefined, excel.run, everything);
    expect(result.frozenCells).toBe(1);
    expect(excel.formulas("Sheet1", "B2:D2")).toEqual([[61.5, "=SUM(1,2)", "=INDEX(MKT.MA_CROSS(A2,50,200),1,2)"]]);
    expect(excel.cell("Sheet1", "C2").value).toBe(3);
  });

  it("freezes the used range of the active sheet", async () => {
    const excel = sectorSheet();
    excel.seed("Sheet1", "F9", { formula: '=MKT.PRICE("IWM")', value: 220.5 });
    excel.select("Sheet1", "A1");
    const result = await freezeMktFormulas("sheet", provenance, undefined, excel.run, everything);
    expect(result).toEqual({ address: "Sheet 'Sheet1' A1:F9", frozenCells: 5, errorCells: 0 });
    expect(excel.cell("Sheet1", "F9")).toMatchObject({ value: 220.5, formula: "" });
    expect(excel.cell("Sheet1", "G1").value).toContain("Yahoo Finance");
  });

  it("counts the frozen cells that held errors, spilled ones included", async () => {
    const excel = sectorSheet();
    excel.seed("Sheet1", "B2", { formula: "=MKT.RSI(A2)", value: "#N/A" });
    excel.seed("Sheet1", "B3", { formula: "=MKT.MA_CROSS(A2,50,200)", spill: [["#N/A", "#N/A"]] });
    excel.seed("Sheet1", "A4", "#N/A");
    const result = await freezeMktFormulas("sheet", provenance, undefined, excel.run, everything);
    expect(result).toMatchObject({ frozenCells: 4, errorCells: 3 });
  });

  it("reports progress", async () => {
    const excel = sectorSheet();
    const steps: Progress[] = [];
    await freezeMktFormulas("selection", provenance, (step) => steps.push(step), excel.run, everything);
    expect(steps.map((step) => step.label)).toEqual(["Finding MKT formulas", "Freezing 3 MKT formulas", "Froze 4 cells"]);
  });
});

describe("freezeMktFormulas refuses", () => {
  it("while a MKT cell is still calculating, naming it, and changes nothing", async () => {
    const excel = sectorSheet();
    excel.seed("Sheet1", "B2", { formula: "=MKT.RSI(A2)", value: "#BUSY!" });
    await expect(freezeMktFormulas("selection", provenance, undefined, excel.run, everything)).rejects.toThrow(
      "1 MKT formula is still calculating (e.g. Sheet1!B2). Wait until every cell shows a value, then freeze again; nothing was changed.",
    );
    expect(excel.batch.log).toEqual([]);
    expect(excel.cell("Sheet1", "D2").formula).toBe("=INDEX(MKT.MA_CROSS(A2,50,200),1,2)");
  });

  it("when there are no MKT formulas in the selection", async () => {
    const excel = sectorSheet();
    excel.select("Sheet1", "C2");
    await expect(freezeMktFormulas("selection", provenance, undefined, excel.run, everything)).rejects.toThrow(
      "No MKT formulas in Sheet1!C2: nothing to freeze.",
    );
  });

  it("when the selection is outside everything on the sheet, or the sheet is empty", async () => {
    const excel = sectorSheet();
    excel.select("Sheet1", "Z50");
    await expect(freezeMktFormulas("selection", provenance, undefined, excel.run, everything)).rejects.toThrow(
      "The selection holds no MKT formulas",
    );
    const empty = FakeExcel.withSheets("Blank");
    await expect(freezeMktFormulas("sheet", provenance, undefined, empty.run, everything)).rejects.toThrow(
      "Sheet Blank is empty: there is nothing to freeze.",
    );
  });

  it("when neither a note nor a free cell can carry the provenance", async () => {
    const excel = sectorSheet();
    excel.seed("Sheet1", "E1", "mine");
    excel.seed("Sheet1", "A4", "mine too");
    await expect(freezeMktFormulas("selection", provenance, undefined, excel.run, nothing)).rejects.toThrow(
      "No empty cell right of or below Sheet1!A1:D3 for the provenance line",
    );
    expect(excel.batch.log).toEqual([]);
  });
});

describe("freezeMktFormulas on older hosts", () => {
  it("without notes or spill lookup: writes the line, freezes anchors, and the spill goes with its formula", async () => {
    const excel = sectorSheet();
    const result = await freezeMktFormulas("selection", provenance, undefined, excel.run, nothing);
    expect(result.frozenCells).toBe(3);
    expect(excel.sheet("Sheet1").notes.size).toBe(0);
    expect(excel.cell("Sheet1", "E1").value).toContain("Yahoo Finance");
    expect(excel.formulas("Sheet1", "B3:C3")).toEqual([["golden", ""]]);
  });
});
