import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { normaliseExcelValue } from './cell.js';
import { settleRowFormulas, type PendingFormula } from './formula.js';
import { isDateFormat } from './number-format.js';
import { decodeXmlText } from './sheet-xml.js';
import type { CellValue, MergeRange, RawRow, SheetSource, WorkbookSource } from './types.js';

/**
 * The reference reader: exceljs's full workbook reader. It reads rich text correctly (its
 * streaming reader does not, DESIGN.md) at the cost of holding the workbook in memory.
 */
export async function readXlsxWithExceljs(file: string, bytes: Buffer): Promise<WorkbookSource> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets: SheetSource[] = [];
  const date1904 = Boolean((wb.properties as { date1904?: boolean }).date1904);
  const notDates = await formatsExceljsTakesForDates(bytes);
  /**
   * exceljs makes a Date of every number whose format its isDateFmt calls a date, `0\h` among
   * them; a number whose format is no date as Excel reads it (./number-format.ts) is given back
   * as the number it was, by exceljs's excelToDate undone.
   */
  const value = (v: unknown, numFmt: string | undefined): unknown =>
    v instanceof Date && notDates.has(numFmt ?? '') ? v.getTime() / 86_400_000 + 25569 - (date1904 ? 1462 : 0) : v;
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
              } else cells[col - 1] = normaliseExcelValue(value(result, cell.numFmt));
              return;
            }
            cells[col - 1] = normaliseExcelValue(value(cell.value, cell.numFmt));
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

/**
 * The number formats exceljs calls dates and Excel does not, as exceljs gives them (cell.numFmt):
 * exceljs drops a format's backslash escapes when it loads it (`0\h` becomes `0h`), so they are
 * read from the file's own styles.xml. A workbook holding both `0\h` and `0h` would give both
 * back as numbers; the streaming reader, the default, tells them apart.
 */
async function formatsExceljsTakesForDates(bytes: Buffer): Promise<Set<string>> {
  const out = new Set<string>();
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  try {
    for await (const e of zip.eachEntry()) {
      if (e.fileName.toLowerCase() !== 'xl/styles.xml') continue;
      const parts: Buffer[] = [];
      for await (const b of await zip.openReadStreamPromise(e)) parts.push(b as Buffer);
      for (const m of Buffer.concat(parts).toString('utf8').matchAll(/<numFmt\b[^>]*\sformatCode\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        const code = decodeXmlText(m[1] ?? m[2] ?? '');
        // As exceljs loads it (NumFmtXform) and judges it (utils.isDateFmt).
        const loaded = code.replace(/[\\](.)/g, '$1');
        const exceljsDate = /[ymdhMsb]+/.test(loaded.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
        if (exceljsDate && !isDateFormat(code)) out.add(loaded);
      }
    }
  } finally {
    zip.close();
  }
  return out;
}
