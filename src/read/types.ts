/**
 * The reader interface: a workbook or CSV becomes sheets that stream rows of plain cell values.
 * Shapes and checks see only this, so a faster reader can replace the exceljs one without
 * touching them (issue: province scale).
 */

/** A cell value after normalisation (see ./cell.ts): formulas give their cached result. */
export type CellValue = string | number | boolean | null | { error: string };

export interface RawRow {
  /** 1-based row number as the user sees it in Excel. */
  row: number;
  /** cells[0] is column A. Trailing empty cells may be absent. */
  cells: CellValue[];
}

/**
 * A merged range of cells: only its top-left cell holds a value, and Excel shows that value over
 * the whole range. Rows 1-based, columns 0-based (as RawRow's), both ends included.
 */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetSource {
  name: string;
  hidden: boolean;
  /** Rows in ascending order; rows absent from the file (empty rows) may be skipped by the reader. */
  rows(): AsyncIterable<RawRow>;
  /**
   * What only the sheet's end tells (merged ranges follow the rows in the XML): null until rows()
   * has been read to its end once by a streaming reader; at once from a reader that holds the
   * sheet. A CSV has none.
   */
  layout?(): SheetLayout | null;
}

export interface SheetLayout {
  merges: MergeRange[];
  /** The file held rows out of order: rows() reads them sorted from now on. */
  rowsOutOfOrder: boolean;
}

/** A range as Excel names it: `G5:G7`. */
export function rangeA1(m: MergeRange): string {
  return `${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`;
}

export interface WorkbookSource {
  file: string;
  format: 'xlsx' | 'csv' | 'xls' | 'xlsb' | 'ods' | 'et';
  /** For CSV: the encoding the bytes were decoded with. */
  encoding?: string;
  /** For CSV: the delimiter when it is not a comma (`semicolon`, `tab`), found from the header. */
  delimiter?: string;
  sheets: SheetSource[];
  /** Release what the reader holds open (a streaming reader keeps the zip's file open). */
  close?(): void;
}

/** An input that cannot be read at all: rendered through i18n, exit code 2. */
export class InputError extends Error {
  /** The file's SHA-256 when its bytes could be read: the summary lists it even for a bad file. */
  sha256?: string;
  constructor(
    readonly messageId: string,
    readonly data: Record<string, string | number>,
  ) {
    super(`${messageId} ${JSON.stringify(data)}`);
    this.name = 'InputError';
  }
}

// A1 references are made in the model, which depends on nothing; the readers use them too.
import { a1 } from '../model/cell-layout.js';

export { a1, columnLetter } from '../model/cell-layout.js';
