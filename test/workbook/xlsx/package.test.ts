import { strToU8, zipSync } from "fflate";
import { readPackage, WorkbookFileError, writePackage } from "../../../cli/workbook/xlsx/package";
import { readWorkbookFile } from "../../../cli/workbook/xlsx/workbook-file";
import { buildXlsx } from "../support/xlsx-fixture";

/** The first bytes of an OLE compound file (.xls, and encrypted OOXML), padded like one. */
function compoundFile(streamName: string): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  bytes.set(Buffer.from(streamName, "utf16le"), 1024);
  return bytes;
}

const refused = (bytes: Uint8Array): string => {
  try {
    readWorkbookFile(readPackage(bytes, "book.xlsx"), "book.xlsx");
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbookFileError);
    return (error as Error).message;
  }
  throw new Error("accepted");
};

describe("files mkt refresh refuses, with a message saying what they are", () => {
  it("an Excel 97-2003 workbook", () =>
    expect(refused(compoundFile("Workbook"))).toMatch(/Excel 97-2003 workbook \(\.xls\); open it in Excel and save it as \.xlsx/));
  it("a password-protected workbook", () => expect(refused(compoundFile("EncryptedPackage"))).toMatch(/password-protected \(encrypted\)/));
  it("a text file renamed .xlsx", () => expect(refused(strToU8("Ticker,Price\nIWM,200\n"))).toMatch(/is not an \.xlsx workbook/));
  it("an empty file", () => expect(refused(new Uint8Array())).toMatch(/is empty/));
  it("a truncated zip", () => expect(refused(buildXlsx({ sheets: [{ name: "S", rows: "" }] }).slice(0, 300))).toMatch(/damaged zip file/));
  it("a zip that is not an Office document", () =>
    expect(refused(zipSync({ "readme.txt": strToU8("hi") }))).toMatch(/not an Office document/));
  it("a Word document", () => {
    const docx = zipSync({
      "[Content_Types].xml": strToU8(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      "_rels/.rels": strToU8(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
      "word/document.xml": strToU8("<document/>"),
    });
    expect(refused(docx)).toMatch(/not an Excel workbook/);
  });
  it("a workbook in the 1904 date system", () => {
    const bytes = buildXlsx({ sheets: [{ name: "S", rows: "" }] });
    const pkg = readPackage(bytes, "x");
    const workbook = new TextDecoder()
      .decode(pkg.entries.get("xl/workbook.xml")!.data)
      .replace("<workbookPr ", '<workbookPr date1904="1" ');
    pkg.entries.get("xl/workbook.xml")!.data = strToU8(workbook);
    expect(refused(writePackage(pkg))).toMatch(/1904 date system/);
  });
});

describe("reading and writing a package", () => {
  it("keeps every entry's bytes, order and storage method", () => {
    const bytes = buildXlsx({ sheets: [{ name: "S", rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }] });
    const pkg = readPackage(bytes, "x");
    const again = readPackage(writePackage(pkg), "x");
    expect([...again.entries.keys()]).toEqual([...pkg.entries.keys()]);
    for (const [name, entry] of pkg.entries) expect(Buffer.from(again.entries.get(name)!.data).equals(Buffer.from(entry.data))).toBe(true);
  });
});
