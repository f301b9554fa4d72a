import type { CellObject, WorkBook } from '@e965/xlsx';
import { InputError, type CellValue, type RawRow, type SheetSource, type WorkbookSource } from './types.js';

/**
 * The reader for workbooks that are not OOXML: legacy .xls (BIFF8, BIFF5 of Excel 95, WPS .et),
 * .xlsb and .ods, through SheetJS CE (republished on npm as @e965/xlsx; the `xlsx` 0.18.5 on npm
 * has known advisories). These formats are read whole into memory, so a file's size is bounded
 * (LEGACY_MAX_BYTES): a full BIFF8 sheet is 65 536 rows, a few tens of MB at most.
 * Cells come out as the xlsx readers give them (./cell.ts, ./sheet-xml.ts): text as its text,
 * numbers as numbers (an 18-digit 身份证号 stored as a number stays a number, so the checks see
 * `idFromNumber` exactly as for .xlsx), a date-formatted number as its ISO day, an error as its code.
 */

export type SheetJsFormat = 'xls' | 'xlsb' | 'ods' | 'et';

/** The largest non-OOXML workbook read: SheetJS holds the file and its parsed cells whole. */
export const LEGACY_MAX_BYTES = 100 * 1024 * 1024;

/** What an .xlsb's or .ods's zip may inflate to: SheetJS holds the XML and the cells it makes from it. */
export const LEGACY_MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024;

export function legacyTooLarge(file: string, size: number): InputError {
  return new InputError('input.legacyTooLarge', { file, size: Math.round(size / 1024 / 1024), limit: LEGACY_MAX_BYTES / 1024 / 1024 });
}

type SheetJs = typeof import('@e965/xlsx');
let loaded: Promise<SheetJs> | undefined;

/**
 * SheetJS is loaded only when a non-OOXML workbook is met (~1 MB of code, in every worker of a
 * batch otherwise). Its codepage tables are installed with it: a BIFF5 (Excel 95) or WPS file
 * stores its text in the system's codepage (936, GBK, in China), which SheetJS decodes only with them.
 */
function sheetJs(): Promise<SheetJs> {
  loaded ??= (async () => {
    const XLSX = await import('@e965/xlsx');
    const cptable = await import('@e965/xlsx/dist/cpexcel.full.mjs');
    XLSX.set_cptable(cptable);
    return XLSX;
  })();
  return loaded;
}

/**
 * SheetJS writes some warnings to the console ("ODS number format may be incorrect" for each
 * conditional format LibreOffice saves): they would reach the user's stderr amid the tool's own
 * messages, and in a CI log. Its read is synchronous, so the console is silenced for it alone.
 */
function quietly<T>(read: () => T): T {
  const saved = { error: console.error, warn: console.warn, log: console.log };
  console.error = console.warn = console.log = () => {};
  try {
    return read();
  } finally {
    Object.assign(console, saved);
  }
}

function excelDay(serial: number, date1904: boolean): string {
  // As ./sheet-xml.ts: days since 1899-12-30 (1904-01-01 for a 1904 workbook), in UTC.
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000)).toISOString().slice(0, 10);
}

export async function readWithSheetJs(file: string, bytes: Buffer, format: SheetJsFormat): Promise<WorkbookSource> {
  if (bytes.length > LEGACY_MAX_BYTES) throw legacyTooLarge(file, bytes.length);
  const XLSX = await sheetJs();
  let wb: WorkBook;
  try {
    // dense: rows as arrays (no object keyed by A1 address per cell); cellNF: each number's format,
    // to tell a date from a number as the xlsx readers do; no cellHTML/cellStyles: not needed.
    wb = quietly(() => XLSX.read(bytes, { type: 'buffer', dense: true, cellNF: true, cellDates: false, cellHTML: false, cellStyles: false, WTF: false }));
  } catch (e) {
    const detail = String(e instanceof Error ? e.message : e).split('\n')[0]!.slice(0, 200);
    // SheetJS says "password-protected" / "Encryption" for a BIFF FILEPASS record or an encrypted .ods.
    if (/password|encrypt/i.test(detail)) throw new InputError('input.encrypted', { file });
    throw new InputError('input.corruptLegacy', { file, kind: `sheet.${format}`, detail });
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const isDate = (z: string | number | undefined) => typeof z === 'string' && z !== 'General' && XLSX.SSF.is_date(z);
  const sheets: SheetSource[] = wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name];
    const data = ((ws as { '!data'?: Array<Array<CellObject | null | undefined> | null | undefined> } | undefined)?.['!data']) ?? [];
    return {
      name,
      // Hidden: 1 hidden, 2 "very hidden" (only a macro can show it); either is not a sheet the user sees.
      hidden: Boolean(wb.Workbook?.Sheets?.[i]?.Hidden),
      async *rows(): AsyncIterable<RawRow> {
        for (let r = 0; r < data.length; r++) {
          const row = data[r];
          if (!row) continue;
          const cells: CellValue[] = new Array<CellValue>(row.length);
          let any = false;
          for (let c = 0; c < row.length; c++) {
            const v = cellValue(row[c], date1904, isDate);
            cells[c] = v;
            if (v !== null) any = true;
          }
          // As the xlsx readers: a row with no value is absent.
          if (any) yield { row: r + 1, cells };
        }
      },
    };
  });
  return { file, format, sheets };
}

function cellValue(cell: CellObject | null | undefined, date1904: boolean, isDate: (z: string | number | undefined) => boolean): CellValue {
  if (!cell) return null;
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : String(cell.v ?? '');
    case 'n':
      if (typeof cell.v !== 'number') return null;
      return isDate(cell.z) ? excelDay(cell.v, date1904) : cell.v;
    case 'b':
      return Boolean(cell.v);
    case 'e':
      // The error's code as Excel shows it (#N/A, #DIV/0!), as the xlsx readers give it.
      return { error: cell.w ?? '#N/A' };
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v);
    default:
      // 'z': a cell with a style and no value.
      return null;
  }
}
