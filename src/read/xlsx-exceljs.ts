import ExcelJS from 'exceljs';
import { normaliseExcelValue } from './cell.js';
import { settleRowFormulas, type PendingFormula } from './formula.js';
import type { CellValue, RawRow, SheetSource, WorkbookSource } from './types.js';

/**
 * The reference reader: exceljs's full workbook reader. It reads rich text correctly (its
 * streaming reader does not, DESIGN.md) at the cost of holding the workbook in memory.
 */
export async function readXlsxWithExceljs(file: string, bytes: Buffer): Promise<WorkbookSource> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets: SheetSource[] = [];
  wb.eachSheet((ws) => {
    sheets.push({
      name: ws.name,
      hidden: ws.state !== 'visible' && ws.state !== undefined,
      async *rows(): AsyncIterable<RawRow> {
        const out: RawRow[] = [];
        ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
          const cells: CellValue[] = [];
          let pending: PendingFormula[] | null = null;
          row.eachCell({ includeEmpty: false }, (cell, col) => {
            // A merged cell's slaves repeat the master's value in exceljs; the form's group
            // headers are read from the master only, so slaves are left empty here.
            if (cell.isMerged && cell.master !== cell) return;
            if (cell.type === ExcelJS.ValueType.Formula) {
              // The formula's result as the file holds it: its value drops a result that is 0
              // or FALSE (FormulaValue._copyModel), its `result` keeps it.
              const result: unknown = cell.result;
              if (result === undefined || result === null) {
                // No cached result (a script-made file): evaluated with its row (./formula.ts).
                const formula = cell.formula ?? '';
                (pending ??= []).push({ col: col - 1, formula });
                cells[col - 1] = { error: `=${formula}` };
              } else cells[col - 1] = normaliseExcelValue(result);
              return;
            }
            cells[col - 1] = normaliseExcelValue(cell.value);
          });
          for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
          if (pending) settleRowFormulas(cells, rowNumber, pending);
          out.push({ row: rowNumber, cells });
        });
        yield* out;
      },
    });
  });
  return { file, format: 'xlsx', sheets };
}
