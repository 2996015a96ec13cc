/**
 * Bar charts for a workbook ExcelJS wrote. ExcelJS cannot write charts, so the DrawingML parts are
 * added by hand to the finished workbook's parts (xlsx/report.ts unzips and zips them):
 *
 *   xl/worksheets/sheetN.xml              + <drawing r:id="…"/>        (the sheet shows a drawing)
 *   xl/worksheets/_rels/sheetN.xml.rels   + sheet → drawing relationship
 *   xl/drawings/drawingK.xml              one anchor per chart: which cells it covers
 *   xl/drawings/_rels/drawingK.xml.rels   drawing → chart relationships
 *   xl/charts/chartM.xml                  the bar chart: series ranges on the sheet plus cached values
 *   [Content_Types].xml                   + the content types of the new parts
 *
 * The cached values let a reader draw the chart without recalculating; the ranges keep it live.
 */
import { strFromU8, strToU8 } from 'fflate';
import { parseA1, sheetRef } from '../sheet/a1';
import type { ReportChart } from './types';

const NS = {
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  pkgRel: 'http://schemas.openxmlformats.org/package/2006/relationships',
  chart: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
};
const REL_TYPE = { drawing: `${NS.rel}/drawing`, chart: `${NS.rel}/chart` };
const CONTENT_TYPE = {
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
};
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Text for XML: escaped, and without the control characters XML 1.0 forbids (user text may hold them). */
export function xmlText(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters in chart titles
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

/** The cells of a sheet-local range "C10:C20" (one column or one row), in order. */
export function rangeCells(range: string): { row: number; col: number }[] {
  const [from, to = from] = range.split(':').map((r) => parseA1(r));
  if (!from || !to) throw new Error(`not an A1 range: ${range}`);
  const out: { row: number; col: number }[] = [];
  for (let r = from.row; r <= to.row; r++)
    for (let c = from.col; c <= to.col; c++) out.push({ row: r, col: c });
  return out;
}

/** "C10:C20" on sheet "Tổng hợp" → 'Tổng hợp'!$C$10:$C$20 */
function absoluteRef(sheetName: string, range: string): string {
  return `${sheetRef(sheetName)}!${range
    .split(':')
    .map((r) =>
      r.replace(/^\$?([A-Za-z]+)\$?(\d+)$/, (_, c: string, n: string) => `$${c.toUpperCase()}$${n}`),
    )
    .join(':')}`;
}

const num = (x: number) => String(Number.isFinite(x) ? x : 0);

/** A clustered horizontal bar chart, one series, first category on top, value labels at the bar ends. */
export function chartXml(
  chart: ReportChart,
  sheetName: string,
  categories: string[],
  values: (number | undefined)[],
  font = 'Times New Roman',
): string {
  const text = (s: string, size: number, bold = false) =>
    `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:r><a:rPr lang="vi-VN" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${xmlText(s)}</a:t></a:r></a:p></c:rich></c:tx>`;
  const strPts = categories.map((c, i) => `<c:pt idx="${i}"><c:v>${xmlText(c)}</c:v></c:pt>`).join('');
  const numPts = values
    .map((v, i) => (v === undefined ? '' : `<c:pt idx="${i}"><c:v>${num(v)}</c:v></c:pt>`))
    .join('');
  const scaleMax = chart.max !== undefined ? `<c:max val="${num(chart.max)}"/>` : '';
  const format = xmlText(chart.numberFormat ?? '0.00');
  const axisTitle = chart.valueAxisTitle
    ? `<c:title>${text(chart.valueAxisTitle, 1000)}<c:overlay val="0"/></c:title>`
    : '';
  return (
    XML_HEAD +
    `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.a}" xmlns:r="${NS.rel}">` +
    '<c:roundedCorners val="0"/>' +
    '<c:chart>' +
    `<c:title>${text(chart.title, 1200, true)}<c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/>' +
    '<c:plotArea><c:layout/>' +
    '<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
    '<c:ser><c:idx val="0"/><c:order val="0"/>' +
    `<c:tx><c:v>${xmlText(chart.seriesName)}</c:v></c:tx>` +
    '<c:spPr><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></c:spPr>' +
    '<c:invertIfNegative val="0"/>' +
    `<c:dLbls><c:numFmt formatCode="${format}" sourceLinked="0"/>` +
    '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:dLblPos val="outEnd"/>' +
    '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>' +
    `<c:cat><c:strRef><c:f>${xmlText(absoluteRef(sheetName, chart.categories))}</c:f><c:strCache><c:ptCount val="${categories.length}"/>${strPts}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${xmlText(absoluteRef(sheetName, chart.values))}</c:f><c:numCache><c:formatCode>${format}</c:formatCode><c:ptCount val="${values.length}"/>${numPts}</c:numCache></c:numRef></c:val>` +
    '</c:ser>' +
    '<c:gapWidth val="60"/>' +
    '<c:axId val="500000001"/><c:axId val="500000002"/>' +
    '</c:barChart>' +
    // Categories top to bottom in rank order (maxMin), with the value axis kept at the bottom (crosses max).
    '<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>' +
    '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    '<c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>' +
    // Every unit's name beside its bar while they can fit; beyond that the application thins them out.
    (categories.length <= 60 ? '<c:tickLblSkip val="1"/>' : '') +
    '<c:noMultiLvlLbl val="0"/></c:catAx>' +
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/>${scaleMax}<c:min val="${num(chart.min ?? 0)}"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    '<c:majorGridlines/>' +
    axisTitle +
    '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    '<c:crossAx val="500000001"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>' +
    '</c:plotArea>' +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>' +
    '</c:chart>' +
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1000"><a:latin typeface="${xmlText(font)}"/><a:cs typeface="${xmlText(font)}"/></a:defRPr></a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr>` +
    '</c:chartSpace>'
  );
}

/** The drawing part: one two-cell anchor per chart, each pointing at its chart through rId1…n. */
export function drawingXml(charts: ReportChart[]): string {
  const anchors = charts.map((chart, i) => {
    const { row, col, rows, cols } = chart.anchor;
    const at = (r: number, c: number) =>
      `<xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
    return (
      '<xdr:twoCellAnchor editAs="oneCell">' +
      `<xdr:from>${at(row, col)}</xdr:from><xdr:to>${at(row + rows, col + cols)}</xdr:to>` +
      '<xdr:graphicFrame macro="">' +
      `<xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${xmlText(`Chart ${i + 1}`)}" descr="${xmlText(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" xmlns:r="${NS.rel}" r:id="rId${i + 1}"/></a:graphicData></a:graphic>` +
      '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>'
    );
  });
  return `${XML_HEAD}<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}">${anchors.join('')}</xdr:wsDr>`;
}

const relsXml = (rels: { id: string; type: string; target: string }[]) =>
  `${XML_HEAD}<Relationships xmlns="${NS.pkgRel}">${rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${xmlText(r.target)}"/>`).join('')}</Relationships>`;

/** The smallest n ≥ 1 for which `path(n)` is not in the archive. */
function freeNumber(files: Record<string, Uint8Array>, path: (n: number) => string, from = 1): number {
  let n = from;
  while (path(n) in files) n++;
  return n;
}

/** The worksheet part of the sheet named `sheetName`, through the workbook and its relationships. */
function worksheetPath(files: Record<string, Uint8Array>, sheetName: string): string {
  const workbook = strFromU8(files['xl/workbook.xml']);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
  const unescape = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[1])?.[1];
    if (name === undefined || id === undefined || unescape(name) !== sheetName) continue;
    for (const r of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
      if (/\bId="([^"]*)"/.exec(r[1])?.[1] !== id) continue;
      const target = /\bTarget="([^"]*)"/.exec(r[1])![1];
      return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    }
  }
  throw new Error(`sheet not found in the workbook: ${sheetName}`);
}

/** Elements that follow <drawing> in a worksheet (CT_Worksheet's sequence): it goes before the first. */
const AFTER_DRAWING =
  /<(?:legacyDrawing|legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b|<\/worksheet>/;

/**
 * Add `charts` over sheet `sheetName` to the parts of a .xlsx (part name → bytes; changed in place).
 * `cellValue` gives the value of a cell of that sheet, for the charts' cached values.
 */
export function addCharts(
  files: Record<string, Uint8Array>,
  sheetName: string,
  charts: ReportChart[],
  cellValue: (row: number, col: number) => string | number | undefined,
  font?: string,
): void {
  if (!charts.length) return;
  // Checked before anything changes: a refused sheet leaves the parts as they were.
  const sheetPath = worksheetPath(files, sheetName);
  const sheetXml = strFromU8(files[sheetPath]);
  if (/<(?:\w+:)?drawing\b/.test(sheetXml)) throw new Error(`${sheetPath} already has a drawing`);
  const at = AFTER_DRAWING.exec(sheetXml);
  if (!at) throw new Error(`${sheetPath} is not a worksheet`);
  const sheetDir = sheetPath.slice(0, sheetPath.lastIndexOf('/'));
  const sheetFile = sheetPath.slice(sheetPath.lastIndexOf('/') + 1);
  const drawingN = freeNumber(files, (n) => `xl/drawings/drawing${n}.xml`);
  const drawingPath = `xl/drawings/drawing${drawingN}.xml`;
  const types: { part: string; type: string }[] = [{ part: drawingPath, type: CONTENT_TYPE.drawing }];

  // The charts, and the drawing that places them.
  const chartRels: { id: string; type: string; target: string }[] = [];
  let chartN = 0;
  charts.forEach((chart, i) => {
    chartN = freeNumber(files, (n) => `xl/charts/chart${n}.xml`, chartN + 1);
    const path = `xl/charts/chart${chartN}.xml`;
    const categories = rangeCells(chart.categories).map(({ row, col }) => String(cellValue(row, col) ?? ''));
    const values = rangeCells(chart.values).map(({ row, col }) => {
      const v = cellValue(row, col);
      return typeof v === 'number' ? v : undefined;
    });
    files[path] = strToU8(chartXml(chart, sheetName, categories, values, font));
    chartRels.push({ id: `rId${i + 1}`, type: REL_TYPE.chart, target: `../charts/chart${chartN}.xml` });
    types.push({ part: path, type: CONTENT_TYPE.chart });
  });
  files[drawingPath] = strToU8(drawingXml(charts));
  files[`xl/drawings/_rels/drawing${drawingN}.xml.rels`] = strToU8(relsXml(chartRels));

  // The sheet points at the drawing.
  const sheetRelsPath = `${sheetDir}/_rels/${sheetFile}.rels`;
  const existing = files[sheetRelsPath] ? strFromU8(files[sheetRelsPath]) : undefined;
  const usedIds = new Set([...(existing ?? '').matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
  let drawingId = 'rIdChartDrawing';
  for (let k = 2; usedIds.has(drawingId); k++) drawingId = `rIdChartDrawing${k}`;
  const rel = `<Relationship Id="${drawingId}" Type="${REL_TYPE.drawing}" Target="../drawings/drawing${drawingN}.xml"/>`;
  files[sheetRelsPath] = strToU8(
    existing
      ? existing.replace(/<\/Relationships>\s*$/, `${rel}</Relationships>`)
      : relsXml([]).replace('</Relationships>', `${rel}</Relationships>`),
  );
  const drawing = `<drawing xmlns:r="${NS.rel}" r:id="${drawingId}"/>`;
  files[sheetPath] = strToU8(sheetXml.slice(0, at.index) + drawing + sheetXml.slice(at.index));

  // Content types of the new parts.
  const ct = strFromU8(files['[Content_Types].xml']);
  const overrides = types.map((x) => `<Override PartName="/${x.part}" ContentType="${x.type}"/>`).join('');
  files['[Content_Types].xml'] = strToU8(ct.replace(/<\/Types>\s*$/, `${overrides}</Types>`));
}
