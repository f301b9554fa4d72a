/**
 * The canonical records every shape produces and every check reads. The zod schemas in
 * ./schema.ts define the rule files and the JSON result; these are the in-memory shapes.
 */

/** 研修模式. `other` (其他形式/学分转换) exists in the Zhejiang system only. */
export const MODES = ['concentrated', 'online', 'school', 'other'] as const;
export type Mode = (typeof MODES)[number];

export const MEASURES = ['hours', 'credits'] as const;
export type Measure = (typeof MEASURES)[number];

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Where a value came from: enough to open the file at the cell. */
export interface SourceRef {
  file: string;
  sheet: string;
  /** 1-based row number in the sheet (or CSV line record number). */
  row: number;
  /** A1 reference of the cell, or of the row's first cell when no single cell is meant. */
  cell: string;
}

/** Hours and credits of one mode; null means the cell held something that is not a number. */
export interface Amount {
  hours: number;
  credits: number;
}

/** A value cell that could not be read as a number (treated as missing, always reported). */
export interface BadValue {
  field: string;
  text: string;
  ref: SourceRef;
}

/**
 * One teacher in one year as a school declared it: the unit the annual checks audit.
 * `raw` holds what the file says; `counted` holds what counts after the rule set's caps.
 */
export interface TeacherYear {
  /** 身份证号 normalised (upper-case X); '' when the row has none. */
  id: string;
  name: string;
  gender: string;
  school: string;
  year: number;
  subject: string;
  title: string;
  remarks: string;
  raw: Record<Mode, Amount>;
  counted: Record<Mode, Amount>;
  /** 全年汇总 as declared on the form; null when the form has no such column or it is blank. */
  declared: { hours: number | null; credits: number | null };
  badValues: BadValue[];
  exempt: { reason: string; clause: string } | null;
  /** The teacher's row, and the cell of each field by field name (e.g. `online.hours`). */
  ref: SourceRef;
  cells: Record<string, string>;
  /** The 身份证号 cell held a number, not text: a spreadsheet keeps 15 significant digits, so the last ones are lost. */
  idFromNumber?: boolean;
}

/** How every row of one input sheet was accounted for. */
export type SkipReason = 'blank' | 'total' | 'footer' | 'not-understood';

export interface SheetAccount {
  sheet: string;
  shape: string;
  /** Rows from the first row below the header to the last row of the sheet. */
  rowsRead: number;
  teachers: number;
  skipped: Record<SkipReason, number[]>;
  headerRow: number;
}

export interface InputSummary {
  file: string;
  sha256: string;
  format: 'xlsx' | 'csv';
  encoding?: string;
  year: number | null;
  yearSource: 'title' | 'file-name' | 'option' | null;
  school: string;
  schoolSource: 'form' | 'file-name' | null;
  sheets: SheetAccount[];
  /** Set when the file could not be audited at all (exit 2). */
  error?: { messageId: string; data: Record<string, string | number> };
  /** Sheets of the workbook that were not audited, each with the reason: nothing is skipped in silence. */
  skippedSheets?: SkippedSheet[];
}

/**
 * Why a sheet was not audited: `hidden` (a hidden sheet that is not a form), `hidden-form` (a hidden
 * sheet that holds a form: unhide it if it is meant to be audited), `empty` (nothing in the rows
 * where a header may stand), `not-a-form` (no known header; `labels` lists what was found).
 */
export type SheetSkipReason = 'hidden' | 'hidden-form' | 'empty' | 'not-a-form';

export interface SkippedSheet {
  sheet: string;
  reason: SheetSkipReason;
  labels?: string[];
}

export interface Finding {
  check: string;
  severity: Severity;
  messageId: string;
  data: Record<string, string | number>;
  clause: string;
  school: string;
  teacherId: string;
  teacherName: string;
  year: number | null;
  ref: SourceRef | null;
  /** Set on findings that make a teacher incomplete: the minimum and how far short it is. */
  shortfall?: Shortfall;
}

export interface Shortfall {
  measure: Measure;
  /** The mode the minimum applies to; 'total' for the year's total. */
  scope: Mode | 'total';
  measured: number;
  required: number;
  missing: number;
}

export type TeacherStatus = 'complete' | 'incomplete' | 'exempt';

export interface TeacherResult {
  teacher: TeacherYear;
  status: TeacherStatus;
  shortfalls: Shortfall[];
}

export interface SchoolResult {
  name: string;
  year: number | null;
  /** Teachers audited: exempt teachers are in neither count (细则 五(三) as REGULATIONS.md reads it). */
  teachers: number;
  incomplete: number;
  exempt: number;
  share: number;
  flagged: boolean;
}

export interface AuditResult {
  tool: { name: string; version: string };
  rules: { id: string; name: string; source: string; file: string };
  generatedAt: string;
  inputs: InputSummary[];
  teachers: TeacherResult[];
  schools: SchoolResult[];
  findings: Finding[];
  summary: {
    teachers: number;
    complete: number;
    incomplete: number;
    exempt: number;
    schools: number;
    schoolsFlagged: number;
    findings: Record<Severity, number>;
    inputErrors: number;
  };
}
