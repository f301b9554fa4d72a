import stringWidth from 'string-width';
import { isSpace } from './excel-text.js';

/**
 * The Excel report as data: sheets of rows of cells with their fill, note and link. Building
 * the content (report-content.ts) is kept apart from writing it (xlsx.ts), so a leaner writer can
 * take over large sheets without touching what the report says.
 */
export interface ReportCell {
  v: string | number | null;
  /** ARGB fill colour. */
  fill?: string;
  /** A cell note (comment): the reason and the clause. */
  note?: string;
  /** An internal link: `'教师'!A12`. */
  link?: string;
  numFmt?: string;
  bold?: boolean;
  /** Wrap the text within the column's width (a long 说明), the row growing to hold it. */
  wrap?: boolean;
}

export interface ReportSheet {
  name: string;
  widths: number[];
  /** The first row is a header: styled, frozen, with an autofilter over `filterColumns` columns. */
  header: boolean;
  /** How many rows `rows()` yields (the header included), known before writing. */
  rowCount: number;
  rows(): Iterable<ReportCell[]>;
  /** A data bar over one column's data rows (0..1). */
  dataBar?: { column: number };
  /**
   * Columns kept in view beside the frozen header (a teacher's identity: school, name, 身份证号,
   * 状态), and repeated on each printed page.
   */
  freezeColumns?: number;
}

/** Rows an Excel sheet holds, the header included (Excel's specifications and limits). */
export const EXCEL_MAX_ROWS = 1_048_576;

/**
 * Hyperlinks an Excel sheet holds: 65 530 (as the spreadsheet libraries that enforce it give it;
 * Excel's own table of limits says 66 530). A county batch's 问题清单 already passes it (~77 000
 * findings for 300 000 teachers).
 */
export const EXCEL_MAX_LINKS = 65_530;

/** Points per line of the report's 11-point text: Excel's default row height. */
export const LINE_POINTS = 15;
/** A header taller than this many lines is cut: a sheet's header stays a header. */
const MOST_HEADER_LINES = 5;

/** A character that breaks anywhere, taking a place of its own: CJK and full-width forms. */
const isWide = (code: number): boolean => code >= 0x2e80 && code <= 0xffef;
const SURROGATE = /[\ud800-\udfff]/;

/** Each UTF-16 unit's display width (string-width), worked out once per character seen: -1 not yet. */
const unitWidths = new Int8Array(0x10000).fill(-1);
function unitWidth(code: number): number {
  let w = unitWidths[code]!;
  if (w < 0) unitWidths[code] = w = stringWidth(String.fromCharCode(code));
  return w;
}

/**
 * The lines a wrapped text takes in a column `columnWidth` digits wide (Excel's unit; a Chinese
 * character takes two): a word of Latin letters or digits moves whole to the next line and is
 * broken only when longer than a line; a Chinese character breaks anywhere; a line break starts
 * a line. One digit of the width is the cell's padding.
 * It is asked for every wrapped cell of a sheet (each 说明 of ~100 000 findings), so it walks the
 * text's code units with their widths from a table; string-width on each token took ~40 µs a
 * message. Text with characters beyond the BMP (emoji, rare CJK) goes through string-width by
 * token, which measures a character of two units and emoji sequences whole.
 */
export function wrappedLines(text: string, columnWidth: number): number {
  const room = Math.max(1, columnWidth - 1);
  // No character is wider than two columns: a text of at most half the room in code units fits on
  // one line (most of 问题清单's wrapped cells: a school, a file, a check's title), unmeasured.
  if (2 * text.length <= room && !text.includes('\n')) return 1;
  if (SURROGATE.test(text)) return wrappedLinesByToken(text, room);
  let lines = 1;
  let used = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const code = text.charCodeAt(i);
    let w: number;
    if (isSpace(code)) {
      if (code === 10) {
        lines++;
        used = 0;
      } else used += unitWidth(code);
      i++;
      continue;
    }
    if (isWide(code)) {
      w = unitWidth(code);
      i++;
    } else {
      // A word: up to the next white space or wide character.
      w = 0;
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (isSpace(c) || isWide(c)) break;
        w += unitWidth(c);
      }
    }
    if (used + w <= room) {
      used += w;
      continue;
    }
    if (used > 0) lines++;
    for (; w > room; w -= room) lines++;
    used = w;
  }
  return lines;
}

/** wrappedLines by tokens measured with string-width. */
function wrappedLinesByToken(text: string, room: number): number {
  let lines = 1;
  let used = 0;
  for (const token of text.match(/\s+|[\u2e80-\uffef]|[^\s\u2e80-\uffef]+/gu) ?? []) {
    if (isSpace(token.charCodeAt(0))) {
      for (const ch of token) {
        if (ch === '\n') {
          lines++;
          used = 0;
        } else used += stringWidth(ch);
      }
      continue;
    }
    let w = stringWidth(token);
    if (used + w <= room) {
      used += w;
      continue;
    }
    if (used > 0) lines++;
    for (; w > room; w -= room) lines++;
    used = w;
  }
  return lines;
}

/**
 * The height in points of a header row whose cells wrap, or undefined when one line holds every
 * one. A row's height is not worked out from wrapped text by every program when it opens the
 * file (LibreOffice keeps the default, so a two-line header ran over the first row); an explicit
 * height shows the whole header everywhere.
 */
export function headerHeight(cells: readonly ReportCell[], widths: readonly number[]): number | undefined {
  let lines = 1;
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c]!.v;
    if (typeof v === 'string' && v) lines = Math.max(lines, wrappedLines(v, widths[c] ?? DEFAULT_COLUMN_WIDTH));
  }
  return lines > 1 ? Math.min(lines, MOST_HEADER_LINES) * LINE_POINTS : undefined;
}

/**
 * Lines a data row may be made tall for: Excel's highest row is 409 points (its specifications and
 * limits), 27 lines of 15 points.
 */
const MOST_ROW_LINES = 27;

/**
 * The height in points of a data row whose wrapped cells (`wrap`) take more than one line, or
 * undefined when one line holds them (the default height). As for a header, LibreOffice does not
 * work a row's height out from wrapped text when it opens a file: without it a long 说明 showed
 * one line and hid the rest.
 */
export function wrappedRowHeight(cells: readonly ReportCell[], widths: readonly number[]): number | undefined {
  let lines = 1;
  for (let c = 0; c < cells.length; c++) {
    const { v, wrap } = cells[c]!;
    if (wrap && typeof v === 'string' && v) lines = Math.max(lines, wrappedLines(v, widths[c] ?? DEFAULT_COLUMN_WIDTH));
  }
  return lines > 1 ? Math.min(lines, MOST_ROW_LINES) * LINE_POINTS : undefined;
}

/** Excel's width of a column no width is given for. */
const DEFAULT_COLUMN_WIDTH = 8.43;

export const FILL = {
  error: 'FFFFC7CE',
  warning: 'FFFFEB9C',
  info: 'FFDDEBF7',
  flagged: 'FFFFC7CE',
  exempt: 'FFEDEDED',
  header: 'FFD9E1F2',
} as const;

/**
 * A cell, always with every field (undefined where it has none): every cell then has one hidden
 * class, and the writer reads each field at one place for millions of cells. Cells of several
 * shapes ({v}, {v, fill}, {v, fill, note}, {v, link}…) made those reads megamorphic (issue 5).
 */
export const cell = (v: ReportCell['v'], extra?: Omit<ReportCell, 'v'>): ReportCell => ({
  v,
  fill: extra?.fill,
  note: extra?.note,
  link: extra?.link,
  numFmt: extra?.numFmt,
  bold: extra?.bold,
  wrap: extra?.wrap,
});
