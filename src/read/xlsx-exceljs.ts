import ExcelJS from 'exceljs';
import { normaliseExcelValue } from './cell.js';
import type { CellValue, MergeRange, RawRow, SheetSource, WorkbookSource } from './types.js';

/**
 * The reference reader: exceljs's full workbook reader. It reads rich text correctly (its
 * streaming reader does not, DESIGN.md) at the cost of holding the workbook in memory.
 */
export async function readXlsxWithExceljs(file: string, bytes: Buffer): Promise<WorkbookSource> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets: SheetSource[] = [];
  wb.eachSheet((ws) => {
    // exceljs holds the sheet's merged ranges by their top-left cell (1-based rows and columns).
    const merges: MergeRange[] = Object.values((ws as unknown as { _merges: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges ?? {}).map((m) => ({
      top: m.top,
      left: m.left - 1,
      bottom: m.bottom,
      right: m.right - 1,
    }));
    sheets.push({
      layout: () => ({ merges, rowsOutOfOrder: false }),
      name: ws.name,
      hidden: ws.state !== 'visible' && ws.state !== undefined,
      async *rows(): AsyncIterable<RawRow> {
        const out: RawRow[] = [];
        ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
          const cells: CellValue[] = [];
          row.eachCell({ includeEmpty: false }, (cell, col) => {
            // A merged cell's slaves repeat the master's value in exceljs; the form's group
            // headers are read from the master only, so slaves are left empty here.
            if (cell.isMerged && cell.master !== cell) return;
            cells[col - 1] = normaliseExcelValue(cell.value);
          });
          for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
          out.push({ row: rowNumber, cells });
        });
        yield* out;
      },
    });
  });
  return { file, format: 'xlsx', sheets };
}
