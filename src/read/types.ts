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

export interface SheetSource {
  name: string;
  hidden: boolean;
  /** Rows in order; rows absent from the file (empty rows) may be skipped by the reader. */
  rows(): AsyncIterable<RawRow>;
}

export interface WorkbookSource {
  file: string;
  format: 'xlsx' | 'csv' | 'xls' | 'xlsb' | 'ods' | 'et';
  /** For CSV: the encoding the bytes were decoded with. */
  encoding?: string;
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

/** A1 column letters for a 0-based column index. */
export function columnLetter(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}
