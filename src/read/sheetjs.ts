import type { CellObject, WorkBook } from '@e965/xlsx';
import { unzipSync } from 'fflate';
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
  // SheetJS does not read an .ods sheet's visibility: a hidden sheet (last year's form) would be audited.
  const odsHidden = format === 'ods' ? hiddenOdsTables(bytes) : null;
  const isDate = (z: string | number | undefined) => typeof z === 'string' && z !== 'General' && XLSX.SSF.is_date(z);
  const sheets: SheetSource[] = wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name];
    const data = ((ws as { '!data'?: Array<Array<CellObject | null | undefined> | null | undefined> } | undefined)?.['!data']) ?? [];
    return {
      name,
      // Hidden: 1 hidden, 2 "very hidden" (only a macro can show it); either is not a sheet the user sees.
      hidden: odsHidden ? odsHidden.has(name) : Boolean(wb.Workbook?.Sheets?.[i]?.Hidden),
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

const unescapeXml = (v: string) =>
  v.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (m, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()]!;
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });

/**
 * The names of an .ods's hidden sheets: a table whose style has table:display="false" (ODF 1.2,
 * 19.626; what LibreOffice writes for Hide Sheet). Only the tags are read: the automatic styles,
 * then each <table:table …> start tag, not the cells between them.
 */
function hiddenOdsTables(bytes: Buffer): Set<string> {
  const hidden = new Set<string>();
  const content = unzipSync(bytes, { filter: (f) => f.name === 'content.xml' })['content.xml'];
  if (!content) return hidden;
  const buf = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const bodyAt = buf.indexOf('<office:body');
  const head = buf.toString('utf8', 0, bodyAt < 0 ? buf.length : bodyAt);
  const hiddenStyles = new Set<string>();
  // Each style alone, self-closed or not: its attributes (m[1]) and its content (m[2]).
  for (const m of head.matchAll(/<style:style\b([^>]*?)(?:\/>|>([\s\S]*?)<\/style:style>)/g)) {
    if (!/style:family="table"/.test(m[1]!) || !/table:display="false"/.test(m[2] ?? '')) continue;
    const name = /style:name="([^"]*)"/.exec(m[1]!);
    if (name) hiddenStyles.add(name[1]!);
  }
  if (!hiddenStyles.size) return hidden;
  const tag = Buffer.from('<table:table ');
  for (let at = buf.indexOf(tag, Math.max(bodyAt, 0)); at >= 0; at = buf.indexOf(tag, at + tag.length)) {
    const end = buf.indexOf('>', at);
    const start = buf.toString('utf8', at, end < 0 ? buf.length : end);
    const style = /table:style-name="([^"]*)"/.exec(start);
    const name = /table:name="([^"]*)"/.exec(start);
    if (style && name && hiddenStyles.has(style[1]!)) hidden.add(unescapeXml(name[1]!));
  }
  return hidden;
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
