import { cleanText } from '../read/clean-text.js';

/** Excel's limit on the characters of one cell (Microsoft, "Excel specifications and limits"). */
export const EXCEL_MAX_CELL_CHARS = 32_767;

/**
 * Text as the report may hold it: characters XML 1.0 forbids removed (else the workbook cannot be
 * opened), and cut to Excel's 32 767 characters with a mark that it was cut. A 50 000-character
 * cell in a return must not make the report unreadable; the JSON result keeps the whole text.
 */
export function excelText(s: string): string {
  const clean = cleanText(s);
  return clean.length > EXCEL_MAX_CELL_CHARS ? `${clean.slice(0, EXCEL_MAX_CELL_CHARS - 1)}…` : clean;
}

/** The white space `\s` matches (ECMAScript WhiteSpace and LineTerminator), without the regex. */
export function isSpace(code: number): boolean {
  if (code < 0x80) return code === 32 || (code >= 9 && code <= 13);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
