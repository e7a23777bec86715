import { absoluteArea, absoluteCell, quotedSheetName } from "../../../src/workbook";
import { escapeText } from "../xlsx/xml";
import { BookChart, BookSheet, COLUMNS } from "./book";

/**
 * The rotation view's relative-strength chart as DrawingML: a native Excel line chart over the
 * sheet's cells (series names, values and dates referenced, with cached points so any reader
 * draws it before calculating), styled as the pane's writer styles it through Office.js.
 */

const C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const DATE_AXIS = 500_000_001;
const VALUE_AXIS = 500_000_002;
const EMU_PER_POINT = 12_700;

const hex = (color: string): string => color.replace(/^#/, "").toUpperCase();

function numberCache(sheet: BookSheet, area: { top: number; left: number; bottom: number }, format: string): string {
  const points: string[] = [];
  for (let row = area.top; row <= area.bottom; row++) {
    const value = sheet.cells.get(row * COLUMNS + area.left)?.value;
    if (typeof value === "number" && Number.isFinite(value)) {
      points.push(`<c:pt idx="${row - area.top}"><c:v>${value}</c:v></c:pt>`);
    }
  }
  return `<c:numCache><c:formatCode>${escapeText(format)}</c:formatCode><c:ptCount val="${area.bottom - area.top + 1}"/>${points.join("")}</c:numCache>`;
}

export function chartXml(sheet: BookSheet, chart: BookChart): string {
  const ref = (area: { top: number; left: number; bottom: number; right: number }): string =>
    `${quotedSheetName(sheet.name)}!${absoluteArea(area.top, area.left, area.bottom - area.top + 1, area.right - area.left + 1)}`;
  const series = chart.series
    .map((s, i) => {
      const name = sheet.cells.get(s.nameCell.row * COLUMNS + s.nameCell.column)?.value;
      const nameText = typeof name === "string" ? name : `Series ${i + 1}`;
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:strRef><c:f>${escapeText(`${quotedSheetName(sheet.name)}!${absoluteCell(s.nameCell.row, s.nameCell.column)}`)}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${escapeText(nameText)}</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
        `<c:spPr><a:ln w="${chart.lineWeightPoints * EMU_PER_POINT}" cap="rnd"><a:solidFill><a:srgbClr val="${hex(s.color)}"/></a:solidFill><a:prstDash val="${s.dash}"/><a:round/></a:ln></c:spPr>` +
        `<c:marker><c:symbol val="none"/></c:marker>` +
        `<c:cat><c:numRef><c:f>${escapeText(ref(s.categories))}</c:f>${numberCache(sheet, s.categories, "yyyy-mm-dd")}</c:numRef></c:cat>` +
        `<c:val><c:numRef><c:f>${escapeText(ref(s.values))}</c:f>${numberCache(sheet, s.values, "0.0%")}</c:numRef></c:val>` +
        `<c:smooth val="0"/></c:ser>`
      );
    })
    .join("");
  const scale = chart.valueScale;
  const valueScaling = scale === null ? "" : `<c:max val="${scale.maximum}"/><c:min val="${scale.minimum}"/>`;
  const valueFormat = scale?.numberFormat ?? chart.valueFormat;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n` +
    `<c:chartSpace xmlns:c="${C}" xmlns:a="${A}" xmlns:r="${R}"><c:date1904 val="0"/><c:lang val="en-US"/><c:roundedCorners val="0"/>` +
    `<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400" b="0"/></a:pPr><a:r><a:rPr lang="en-US" sz="1400" b="0"/><a:t>${escapeText(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/><c:axId val="${DATE_AXIS}"/><c:axId val="${VALUE_AXIS}"/></c:lineChart>` +
    `<c:dateAx><c:axId val="${DATE_AXIS}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    `<c:numFmt formatCode="${escapeText(chart.categoryFormat)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="out"/><c:tickLblPos val="low"/>` +
    `<c:crossAx val="${VALUE_AXIS}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblOffset val="100"/><c:baseTimeUnit val="days"/>` +
    `<c:majorUnit val="${chart.majorMonths}"/><c:majorTimeUnit val="months"/><c:minorUnit val="${chart.minorMonths}"/><c:minorTimeUnit val="months"/></c:dateAx>` +
    `<c:valAx><c:axId val="${VALUE_AXIS}"/><c:scaling><c:orientation val="minMax"/>${valueScaling}</c:scaling><c:delete val="0"/><c:axPos val="l"/>` +
    `<c:majorGridlines><c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="${hex(chart.gridlineColor)}"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>` +
    `<c:numFmt formatCode="${escapeText(valueFormat)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${DATE_AXIS}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/>${scale === null ? "" : `<c:majorUnit val="${scale.majorUnit}"/>`}</c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

export function drawingXml(chart: BookChart, chartRelId: string): string {
  const marker = (row: number, column: number): string =>
    `<xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n` +
    `<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A}"><xdr:twoCellAnchor editAs="oneCell">` +
    `<xdr:from>${marker(chart.from.row, chart.from.column)}</xdr:from><xdr:to>${marker(chart.to.row + 1, chart.to.column + 1)}</xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Relative strength"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" xmlns:r="${R}" r:id="${chartRelId}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`
  );
}
