import ExcelJS from 'exceljs';
import { excelText } from '../../src/report/excel-text.js';
import { REPORT_KEYWORD } from '../../src/model/marker.js';
import { PAGE_MARGINS, pageFit } from '../../src/report/page-layout.js';
import { FILL, headerHeight, wrappedRowHeight, type ReportSheet } from '../../src/report/sheets.js';

function fill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/**
 * Write the report's sheets with exceljs: every cell value is written as a value, never a formula.
 * The reference for the lean writer (src/report/workbook-writer.ts), which writes the report: a test writes the
 * same sheets with both and compares what exceljs reads back.
 */
export function buildWorkbook(sheets: ReportSheet[], created: Date): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'credit-audit';
  wb.keywords = REPORT_KEYWORD;
  wb.created = created;
  for (const sheet of sheets) {
    // District offices print the report: A4 landscape, one page wide while that keeps 60 %, the header and frozen columns repeated.
    const fit = pageFit(sheet.widths).fitToWidth;
    const frozen = sheet.freezeColumns ?? 0;
    const ws = wb.addWorksheet(sheet.name, {
      pageSetup: {
        paperSize: 9,
        orientation: 'landscape',
        pageOrder: 'overThenDown',
        margins: { ...PAGE_MARGINS },
        ...(fit ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : { fitToPage: false }),
        ...(sheet.header ? { printTitlesRow: '1:1' } : {}),
        ...(frozen ? { printTitlesColumn: `A:${String.fromCharCode(64 + frozen)}` } : {}),
      },
      headerFooter: { oddFooter: '&L&A&R&P / &N' },
    });
    ws.columns = sheet.widths.map((width) => ({ width }));
    let width = 0;
    let r = 0;
    let headHeight: number | undefined;
    for (const cells of sheet.rows()) {
      r++;
      if (r === 1 && sheet.header) headHeight = headerHeight(cells, sheet.widths);
      width = Math.max(width, cells.length);
      const row = ws.getRow(r);
      const tall = r === 1 && sheet.header ? undefined : wrappedRowHeight(cells, sheet.widths);
      if (tall) row.height = tall;
      cells.forEach((c, i) => {
        const target = row.getCell(i + 1);
        // Strings stay strings (exceljs writes them as shared text, never as a formula), made safe for XML.
        if (c.link) target.value = { text: excelText(String(c.v ?? '')), hyperlink: c.link };
        else target.value = typeof c.v === 'string' ? excelText(c.v) : c.v;
        if (c.link) target.font = { color: { argb: 'FF0563C1' }, underline: true };
        if (c.fill) target.fill = fill(c.fill);
        if (c.note) target.note = excelText(c.note);
        if (c.numFmt) target.numFmt = c.numFmt;
        if (c.bold) target.font = { bold: true };
        // Wrapped text, and every cell of a row made taller for it, at the top.
        if (!(r === 1 && sheet.header) && (c.wrap || tall)) target.alignment = c.wrap ? { wrapText: true, vertical: 'top' } : { vertical: 'top' };
      });
    }
    if (r > 0 && width > 0) ws.pageSetup.printArea = `A1:${ws.getColumn(width).letter}${r}`;
    if (sheet.header && r > 0) {
      const head = ws.getRow(1);
      head.font = { bold: true };
      head.alignment = { wrapText: true, vertical: 'middle' };
      if (headHeight) head.height = headHeight;
      for (let c = 1; c <= width; c++) head.getCell(c).fill = fill(FILL.header);
      ws.views = [{ state: 'frozen', ySplit: 1, ...(frozen ? { xSplit: frozen } : {}) }];
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: width } };
    }
    if (sheet.dataBar && r > 1) {
      const col = String.fromCharCode(64 + sheet.dataBar.column);
      ws.addConditionalFormatting({
        ref: `${col}2:${col}${r}`,
        rules: [{ type: 'dataBar', priority: 1, cfvo: [{ type: 'num', value: 0 }, { type: 'num', value: 1 }], color: { argb: 'FFF8696B' } } as unknown as ExcelJS.ConditionalFormattingRule],
      });
    }
  }
  return wb;
}
