/**
 * How a sheet of the report is printed (issue 20, item 5): district offices print the report on
 * A4 landscape. A sheet is shrunk to one page width only while its text stays readable; a wider
 * sheet prints at full size across pages, its header row and its frozen identity columns repeated
 * on each (the writer's Print_Titles), so every page says whose row it is.
 */

/** A4 (ISO 216: 297 × 210 mm), landscape, in inches. */
const A4_LANDSCAPE_INCHES = { width: 297 / 25.4, height: 210 / 25.4 };

/**
 * The page margins written to each sheet, in inches: Excel's "Narrow" preset (0.25 at the sides),
 * so a wide sheet keeps as much of the page as Excel offers without a custom layout; top and
 * bottom leave room for the footer (page numbers).
 */
export const PAGE_MARGINS = { left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } as const;

/** Screen and print pixels per inch of Excel's column widths (96 dpi). */
const PIXELS_PER_INCH = 96;

/**
 * The width of the digit 0 in pixels in the workbook's default font, Calibri 11 at 96 dpi: the
 * unit of a column width (ECMA-376 §18.3.1.13), a whole number of pixels in Excel. A column of
 * width 10 is then 70 pixels (0.73 inch). LibreOffice, drawing with Carlito (Calibri's metrics),
 * takes the digit unrounded, 7.43 pixels, and draws that column 74 pixels wide (measured on its
 * PDF, test/report/render.test.ts): it prints a sheet ~6 % smaller than Excel does, a sheet Excel
 * fits at 60 % at ~57 %. The fit is decided by Excel's measure: Excel and WPS are what offices use.
 */
const DIGIT_PIXELS = 7;

/** The pixels a column of `width` (Excel's unit, padding included) takes: ECMA-376 §18.3.1.13. */
export function columnPixels(width: number): number {
  return Math.trunc(((256 * width + Math.trunc(128 / DIGIT_PIXELS)) / 256) * DIGIT_PIXELS);
}

/** The printable width of A4 landscape within PAGE_MARGINS, in pixels (1 074 at 96 dpi: about 153 widths of 7 pixels). */
export const PRINTABLE_PIXELS = Math.floor((A4_LANDSCAPE_INCHES.width - PAGE_MARGINS.left - PAGE_MARGINS.right) * PIXELS_PER_INCH);

/**
 * The least scale a sheet is printed at to fit one page width (issue 20: "fitted one page wide
 * only while that keeps it at 60 % or larger"). Below it 11-point text prints smaller than 6.6
 * points, too small to read a 身份证号 on paper; the sheet prints across pages instead.
 */
export const LEAST_FIT_SCALE = 0.6;

/** Excel's width of a column no width is given for. */
const DEFAULT_COLUMN_WIDTH = 8.43;

export interface PageFit {
  /** Shrunk to one page width (fitToPage, fitToWidth 1); otherwise printed at 100 % across pages. */
  fitToWidth: boolean;
  /** The scale the sheet prints at: ≤ 1 when fitted (1 when it fits as it is), 1 otherwise. */
  scale: number;
}

/**
 * Whether a sheet of these column widths is fitted to one page width: only while the scale that
 * takes stays at LEAST_FIT_SCALE or more. `columns` counts columns past `widths` (Excel's default
 * width) when a row has more cells than widths are given for.
 */
export function pageFit(widths: readonly number[], columns = widths.length): PageFit {
  let pixels = 0;
  for (let c = 0; c < columns; c++) pixels += columnPixels(widths[c] ?? DEFAULT_COLUMN_WIDTH);
  const scale = Math.min(1, PRINTABLE_PIXELS / Math.max(1, pixels));
  return scale >= LEAST_FIT_SCALE ? { fitToWidth: true, scale } : { fitToWidth: false, scale: 1 };
}
