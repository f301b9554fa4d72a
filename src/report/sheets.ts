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
}

/** Rows an Excel sheet holds, the header included (Excel's specifications and limits). */
export const EXCEL_MAX_ROWS = 1_048_576;

/**
 * Hyperlinks an Excel sheet holds: 65 530 (as the spreadsheet libraries that enforce it give it;
 * Excel's own table of limits says 66 530). A county batch's 问题清单 already passes it (~77 000
 * findings for 300 000 teachers).
 */
export const EXCEL_MAX_LINKS = 65_530;

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
});
