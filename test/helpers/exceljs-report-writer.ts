import ExcelJS from 'exceljs';
import { excelText } from '../../src/report/excel-text.js';
import { REPORT_KEYWORD } from '../../src/model/marker.js';
import { FILL, headerHeight, type ReportSheet } from '../../src/report/sheets.js';

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
    // District offices print the report: A4 landscape, all columns on one page width, header repeated.
    const ws = wb.addWorksheet(sheet.name, {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, ...(sheet.header ? { printTitlesRow: '1:1' } : {}) },
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
      });
    }
    if (sheet.header && r > 0) {
      const head = ws.getRow(1);
      head.font = { bold: true };
      head.alignment = { wrapText: true, vertical: 'middle' };
      if (headHeight) head.height = headHeight;
      for (let c = 1; c <= width; c++) head.getCell(c).fill = fill(FILL.header);
      ws.views = [{ state: 'frozen', ySplit: 1 }];
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
