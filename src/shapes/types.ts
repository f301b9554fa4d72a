import type { SheetAccount, TeacherYear } from '../model/types.js';
import type { MergeRange, RawRow, SheetSource } from '../read/types.js';

export interface ShapeContext {
  file: string;
  sheet: SheetSource;
  /** `--year`, used only when neither the title nor the file name holds a year. */
  yearOption: number | null;
  /** Where the rule set's year starts (Tianjin: 1 September); dates map to years by it. */
  yearStart: { month: number; day: number };
  /** The sheet's merged ranges, when known before its rows are read (./merges.ts applies them). */
  merges?: MergeRange[];
}

export interface Detection {
  shape: string;
  /** 0..1: the share of the shape's required header labels found. */
  score: number;
  headerRow: number;
  /** Labels found in the header, for messages when nothing matches. */
  labels: string[];
}

export interface ParsedSheet {
  teachers: TeacherYear[];
  account: SheetAccount;
  year: number | null;
  yearSource: 'title' | 'file-name' | 'option' | 'column' | null;
  /** Every year the sheet holds data for (a platform export may span a whole cycle). */
  years?: number[];
  school: string;
  schoolSource: 'form' | 'file-name' | 'column' | null;
  /** The sheet's first data row: merged ranges starting here or below are the data's (./merges.ts). */
  firstDataRow: number;
}

export interface Shape {
  id: string;
  /** What a person needs to put in the header for this shape to be recognised. */
  requiredLabels: string[];
  detect(head: RawRow[]): Detection | null;
  /** Which of `requiredLabels` the first rows lack: says how near a sheet is to this shape. */
  missingLabels?(head: RawRow[]): string[];
  parse(detection: Detection, rows: AsyncIterable<RawRow>, ctx: ShapeContext): Promise<ParsedSheet>;
}
