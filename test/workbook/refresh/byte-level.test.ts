import { unzipSync } from "fflate";
import { useHistorySource } from "../../../src/addin";
import { createDirectProvider, HistoryStore } from "../../../src/market";
import { refreshWorkbookBytes } from "../../../cli/workbook/refresh/refresh";
import { excelLikeWorkbook } from "../support/excel-like-workbook";

beforeAll(() => useHistorySource(new HistoryStore(createDirectProvider("demo"))));

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe("refreshing a workbook with a chart, tables, conditional formats and names", () => {
  it("leaves every zip entry except the filled sheet and the workbook part byte for byte, in the same order", async () => {
    const input = excelLikeWorkbook();
    const { bytes, report } = await refreshWorkbookBytes(input, "book.xlsx", { provider: "demo", now: new Date(2026, 10, 30, 7, 0) });
    const before = unzipSync(input);
    const after = unzipSync(bytes);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    const changed = Object.keys(before).filter((name) => Buffer.compare(Buffer.from(before[name]), Buffer.from(after[name])) !== 0);
    expect(changed.sort()).toEqual(["xl/workbook.xml", "xl/worksheets/sheet1.xml"]);
    expect([...report.changedParts].sort()).toEqual(changed.sort());
    // Unchanged among them: the chart, drawing, both tables, styles (dxfs), shared strings, metadata,
    // calcChain, the Baskets sheet, content types, relationships and document properties.
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(["xl/charts/chart1.xml", "xl/tables/table1.xml", "xl/calcChain.xml", "xl/worksheets/sheet2.xml"]),
    );
  });

  it("changes the sheet only inside <sheetData>, and the workbook part only by its calculation properties and provenance names", async () => {
    const input = excelLikeWorkbook();
    const { bytes } = await refreshWorkbookBytes(input, "book.xlsx", { provider: "demo", now: new Date(2026, 10, 30, 7, 0) });
    const sheetBefore = text(unzipSync(input)["xl/worksheets/sheet1.xml"]);
    const sheetAfter = text(unzipSync(bytes)["xl/worksheets/sheet1.xml"]);
    const outside = (xml: string): string => xml.replace(/<sheetData>[\s\S]*<\/sheetData>/, "");
    expect(outside(sheetAfter)).toBe(outside(sheetBefore));
    // Conditional formats, drawing and table parts are outside sheetData, so unchanged too.
    expect(sheetAfter).toContain('<conditionalFormatting sqref="C3:C5">');

    const workbookBefore = text(unzipSync(input)["xl/workbook.xml"]);
    const workbookAfter = text(unzipSync(bytes)["xl/workbook.xml"]);
    const undone = workbookAfter
      .replace(/<definedName name="_MKT_Refresh[^"]*"[^>]*>[^<]*<\/definedName>/g, "")
      .replace(' fullCalcOnLoad="1"', "");
    expect(undone).toBe(workbookBefore);
  });
});
