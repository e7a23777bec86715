import { strToU8, zipSync } from "fflate";

/**
 * A workbook laid out as Excel 365 saves one after the task pane inserted a sector table and the
 * analyst added a few formulas and a chart: shared strings, styles with conditional-format dxfs,
 * a table with calculated MKT columns (`[#This Row]` references), a shared formula filled down beside it, the
 * Baskets sheet with its table and workbook name, a spilled MACD with Excel's dynamic-array
 * metadata, ordinary formulas over MKT cells (`=B3-C3`, AVERAGE, IF), a line chart over the table,
 * calcChain, theme-less styles and document properties naming Excel. Hand-written part by part
 * (test/fixtures/SOURCES.md says so): no public test file combines an Office.js custom function
 * with all of these, and the refresh must leave every part but the sheets it fills and the
 * workbook's calculation properties byte for byte.
 */

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const MC =
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3"';

export const TICKERS = ["AAPL", "MSFT", "NVDA"] as const;
/** Shared strings, in the order the cells use them. */
const STRINGS = [
  "Magnificent Seven (Mag_7)",
  "Ticker",
  "Last",
  "RSI(14)",
  "Regime",
  ...TICKERS,
  "Basket return YTD",
  "Spread",
  "Momentum",
  "Magnificent Seven",
  "Average",
  "MACD",
];
const s = (text: string): number => STRINGS.indexOf(text);

const sector =
  `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}" ${MC} xr:uid="{6F3C9A3B-1C1E-4B6E-9D7E-1B0B0E6A5E01}"><dimension ref="A1:G10"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="F3" sqref="F3"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><cols><col min="1" max="1" width="24.7109375" customWidth="1"/><col min="2" max="4" width="11.42578125" customWidth="1"/></cols><sheetData>` +
  `<row r="1" spans="1:7" x14ac:dyDescent="0.25"><c r="A1" s="2" t="s"><v>${s("Magnificent Seven (Mag_7)")}</v></c></row>` +
  `<row r="2" spans="1:7" x14ac:dyDescent="0.25"><c r="A2" t="s"><v>${s("Ticker")}</v></c><c r="B2" t="s"><v>${s("Last")}</v></c><c r="C2" t="s"><v>${s("RSI(14)")}</v></c><c r="D2" t="s"><v>${s("Regime")}</v></c><c r="F2" t="s"><v>${s("Spread")}</v></c><c r="G2" t="s"><v>${s("Momentum")}</v></c></row>` +
  TICKERS.map((ticker, i) => {
    const r = 3 + i;
    const first = i === 0;
    const row = `Mag_7_Sector[[#This Row],[Ticker]]`;
    // Calculated table columns hold the full formula in every cell; a formula filled down next to
    // the table is stored as a shared formula (the first cell has the text, the others refer to it).
    const spread = first ? `<f t="shared" ref="F3:F5" si="0">B3-C3</f>` : `<f t="shared" si="0"/>`;
    return (
      `<row r="${r}" spans="1:7" x14ac:dyDescent="0.25"><c r="A${r}" s="1" t="s"><v>${s(ticker)}</v></c><c r="B${r}" s="3"><f>_xldudf_MKT_PRICE(${row})</f><v>1</v></c><c r="C${r}" s="4"><f>_xldudf_MKT_RSI(${row})</f><v>50</v></c><c r="D${r}" t="str"><f>INDEX(_xldudf_MKT_MA_CROSS(${row},50,200),1,1)</f><v>stale</v></c>` +
      `<c r="F${r}" s="3">${spread}<v>-49</v></c><c r="G${r}" t="str"><f>IF(C${r}&gt;50,"strong","weak")</f><v>weak</v></c></row>`
    );
  }).join("") +
  `<row r="7" spans="1:7" x14ac:dyDescent="0.25"><c r="A7" t="s"><v>${s("Basket return YTD")}</v></c><c r="B7" s="5"><f>_xldudf_MKT_TOTAL_RETURN(Mag_7,"YTD")</f><v>0</v></c></row>` +
  `<row r="8" spans="1:7" x14ac:dyDescent="0.25"><c r="A8" t="s"><v>${s("Average")}</v></c><c r="B8" s="3"><f>AVERAGE(B3:B5)</f><v>1</v></c></row>` +
  `<row r="9" spans="1:7" x14ac:dyDescent="0.25"><c r="A9" t="s"><v>${s("MACD")}</v></c><c r="B9" cm="1"><f t="array" ref="B9:D9">_xldudf_MKT_MACD(A3)</f><v>0</v></c><c r="C9"><v>0</v></c><c r="D9"><v>0</v></c></row>` +
  `<row r="10" spans="1:7" x14ac:dyDescent="0.25"><c r="B10"><f>C9*2</f><v>0</v></c></row>` +
  `</sheetData><conditionalFormatting sqref="C3:C5"><cfRule type="cellIs" dxfId="1" priority="1" operator="greaterThan"><formula>70</formula></cfRule><cfRule type="cellIs" dxfId="0" priority="2" operator="lessThan"><formula>30</formula></cfRule></conditionalFormatting>` +
  `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId2"/><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`;

const baskets =
  `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}" ${MC} xr:uid="{6F3C9A3B-1C1E-4B6E-9D7E-1B0B0E6A5E02}"><dimension ref="A1:A5"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData>` +
  `<row r="1"><c r="A1" s="6" t="s"><v>${s("Magnificent Seven")}</v></c></row><row r="2"><c r="A2" s="1" t="s"><v>${s("Ticker")}</v></c></row>` +
  TICKERS.map((ticker, i) => `<row r="${3 + i}"><c r="A${3 + i}" s="1" t="s"><v>${s(ticker)}</v></c></row>`).join("") +
  `</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`;

const sectorTable = `${HEAD}<table xmlns="${MAIN}" ${MC.replace(' mc:Ignorable="x14ac xr xr2 xr3"', ' mc:Ignorable="xr xr3"')} id="1" xr:uid="{0A1B2C3D-0000-4000-8000-000000000001}" name="Mag_7_Sector" displayName="Mag_7_Sector" ref="A2:D5" totalsRowShown="0"><autoFilter ref="A2:D5" xr:uid="{0A1B2C3D-0000-4000-8000-000000000002}"/><tableColumns count="4"><tableColumn id="1" xr3:uid="{0A1B2C3D-0000-4000-8000-000000000003}" name="Ticker"/><tableColumn id="2" xr3:uid="{0A1B2C3D-0000-4000-8000-000000000004}" name="Last" dataDxfId="2"><calculatedColumnFormula>_xldudf_MKT_PRICE(Mag_7_Sector[[#This Row],[Ticker]])</calculatedColumnFormula></tableColumn><tableColumn id="3" xr3:uid="{0A1B2C3D-0000-4000-8000-000000000005}" name="RSI(14)"><calculatedColumnFormula>_xldudf_MKT_RSI(Mag_7_Sector[[#This Row],[Ticker]])</calculatedColumnFormula></tableColumn><tableColumn id="4" xr3:uid="{0A1B2C3D-0000-4000-8000-000000000006}" name="Regime"><calculatedColumnFormula>INDEX(_xldudf_MKT_MA_CROSS(Mag_7_Sector[[#This Row],[Ticker]],50,200),1,1)</calculatedColumnFormula></tableColumn></tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`;

const basketTable = `${HEAD}<table xmlns="${MAIN}" id="2" name="Basket_Mag_7" displayName="Basket_Mag_7" ref="A2:A5" totalsRowShown="0"><autoFilter ref="A2:A5"/><tableColumns count="1"><tableColumn id="1" name="Ticker"/></tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`;

const chart = `${HEAD}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}"><c:date1904 val="0"/><c:lang val="en-US"/><c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/><c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>Sector!$B$2</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>Last</c:v></c:pt></c:strCache></c:strRef></c:tx><c:marker><c:symbol val="none"/></c:marker><c:cat><c:strRef><c:f>Sector!$A$3:$A$5</c:f><c:strCache><c:ptCount val="3"/><c:pt idx="0"><c:v>AAPL</c:v></c:pt><c:pt idx="1"><c:v>MSFT</c:v></c:pt><c:pt idx="2"><c:v>NVDA</c:v></c:pt></c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sector!$B$3:$B$5</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="3"/><c:pt idx="0"><c:v>1</c:v></c:pt><c:pt idx="1"><c:v>1</c:v></c:pt><c:pt idx="2"><c:v>1</c:v></c:pt></c:numCache></c:numRef></c:val><c:smooth val="0"/></c:ser><c:marker val="1"/><c:axId val="1"/><c:axId val="2"/></c:lineChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="2"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="1"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`;

const drawing = `${HEAD}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>15</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${REL}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;

const metadata = `${HEAD}<metadata xmlns="${MAIN}" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray"><metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes><futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>`;

const styles = `${HEAD}<styleSheet xmlns="${MAIN}" ${MC.replace(' mc:Ignorable="x14ac xr xr2 xr3"', ' mc:Ignorable="x14ac x16r2 xr"')}><numFmts count="2"><numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts><fonts count="3" x14ac:knownFonts="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font><font><b/><sz val="14"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font><font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="2" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="3"><dxf><font><color rgb="FF006100"/></font><fill><patternFill><bgColor rgb="FFC6EFCE"/></patternFill></fill></dxf><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf><dxf><numFmt numFmtId="4" formatCode="#,##0.00"/></dxf></dxfs><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

const workbook = `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}" ${MC.replace(' mc:Ignorable="x14ac xr xr2 xr3"', ' mc:Ignorable="x15 xr xr6 xr10 xr2"')}><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/><workbookPr defaultThemeVersion="166925"/><bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15720" xr2:uid="{00000000-000D-0000-FFFF-FFFF00000000}"/></bookViews><sheets><sheet name="Sector" sheetId="1" r:id="rId1"/><sheet name="Baskets" sheetId="2" r:id="rId2"/></sheets><definedNames><definedName name="Mag_7" comment="Basket saved by Rotation Desk; its members are in the table on the Baskets sheet.">Basket_Mag_7[Ticker]</definedName><definedName name="_xlnm.Print_Area" localSheetId="0">Sector!$A$1:$G$10</definedName></definedNames><calcPr calcId="191029"/><extLst><ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:workbookPr chartTrackingRefBase="1"/></ext></extLst></workbook>`;

const sst = `${HEAD}<sst xmlns="${MAIN}" count="${STRINGS.length}" uniqueCount="${STRINGS.length}">${STRINGS.map((text) => `<si><t>${text}</t></si>`).join("")}</sst>`;

const CT = "application/vnd.openxmlformats-officedocument";
const parts: Record<string, string> = {
  "[Content_Types].xml":
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/tables/table1.xml" ContentType="${CT}.spreadsheetml.table+xml"/><Override PartName="/xl/tables/table2.xml" ContentType="${CT}.spreadsheetml.table+xml"/>` +
    `<Override PartName="/xl/drawings/drawing1.xml" ContentType="${CT}.drawing+xml"/><Override PartName="/xl/charts/chart1.xml" ContentType="${CT}.drawingml.chart+xml"/><Override PartName="/xl/calcChain.xml" ContentType="${CT}.spreadsheetml.calcChain+xml"/><Override PartName="/xl/metadata.xml" ContentType="${CT}.spreadsheetml.sheetMetadata+xml"/>` +
    `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/></Types>`,
  "_rels/.rels": `${HEAD}<Relationships xmlns="${PKG}"><Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="${PKG}/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  "docProps/app.xml": `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><AppVersion>16.0300</AppVersion></Properties>`,
  "docProps/core.xml": `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Analyst</dc:creator><cp:lastModifiedBy>Analyst</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">2026-11-30T08:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-30T08:05:00Z</dcterms:modified></cp:coreProperties>`,
  "xl/workbook.xml": workbook,
  "xl/_rels/workbook.xml.rels": `${HEAD}<Relationships xmlns="${PKG}"><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId6" Type="${REL}/sheetMetadata" Target="metadata.xml"/><Relationship Id="rId5" Type="${REL}/calcChain" Target="calcChain.xml"/><Relationship Id="rId4" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  "xl/worksheets/sheet1.xml": sector,
  "xl/worksheets/_rels/sheet1.xml.rels": `${HEAD}<Relationships xmlns="${PKG}"><Relationship Id="rId2" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/><Relationship Id="rId1" Type="${REL}/table" Target="../tables/table1.xml"/></Relationships>`,
  "xl/worksheets/sheet2.xml": baskets,
  "xl/worksheets/_rels/sheet2.xml.rels": `${HEAD}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/table" Target="../tables/table2.xml"/></Relationships>`,
  "xl/tables/table1.xml": sectorTable,
  "xl/tables/table2.xml": basketTable,
  "xl/drawings/drawing1.xml": drawing,
  "xl/drawings/_rels/drawing1.xml.rels": `${HEAD}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/chart" Target="../charts/chart1.xml"/></Relationships>`,
  "xl/charts/chart1.xml": chart,
  "xl/styles.xml": styles,
  "xl/sharedStrings.xml": sst,
  "xl/metadata.xml": metadata,
  "xl/calcChain.xml": `${HEAD}<calcChain xmlns="${MAIN}"><c r="B3" i="1"/><c r="C3"/><c r="D3"/><c r="F3"/><c r="G3"/><c r="B4"/><c r="C4"/><c r="D4"/><c r="F4"/><c r="G4"/><c r="B5"/><c r="C5"/><c r="D5"/><c r="F5"/><c r="G5"/><c r="B7"/><c r="B8"/><c r="B9"/><c r="B10"/></calcChain>`,
};

/** The workbook's bytes (a fresh zip each call). */
export function excelLikeWorkbook(): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, xml] of Object.entries(parts)) files[name] = strToU8(xml);
  return zipSync(files, { level: 6 });
}
