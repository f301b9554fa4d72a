import type { CellColumns } from './cell-layout.js';

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
  /** Why the year is exempt: the rule's reason and clause, and the phrase of 备注 (or of a project) that made it so. */
  exempt: Exemption | null;
  /**
   * An exemption the teacher's remarks claim but the rule does not grant: the year is not the
   * teacher's first in the inputs (普洱 第十条 "任职第一年"); `firstYear` is the year that was.
   */
  exemptDenied?: Exemption & { firstYear: number };
  /** Amounts a rule set's cap cut down (set when the rule set is applied); `scaledBy` where a measure was cut in proportion to another's cap. */
  capped?: Array<{ mode: Mode; measure: Measure; before: number; after: number; scaledBy?: Measure }>;
  /** Per-record shapes (platform exports): the records behind the amounts, for single-record checks. */
  records?: TrainingRecord[];
  /** The teacher's row, and the column of each field by field name (e.g. `online.hours`), shared by a sheet's teachers: `cellOf` gives the cell. */
  ref: SourceRef;
  cells: CellColumns;
  /** The 身份证号 cell held a number, not text: a spreadsheet keeps 15 significant digits, so the last ones are lost. */
  idFromNumber?: boolean;
  /**
   * Set when another row of the same teacher and year counts instead of this one (src/audit/dedupe.ts):
   * the row is listed (status `set-aside`) and reported, and counted in no total, share or cycle.
   */
  setAside?: SetAside;
}

/**
 * Why a teacher row is not counted: `same-school`, the same teacher again in the school's return for
 * the year; `other-school`, the teacher in another school's return for the year. `kept` is the row
 * that counts (the one with the most hours); `identical`, whether the two rows' figures are the same.
 */
export interface SetAside {
  reason: 'same-school' | 'other-school';
  kept: TeacherYear;
  identical: boolean;
}

export interface Exemption {
  reason: string;
  clause: string;
  phrase?: string;
  /** The exemption marks a first year of service (rule `firstYearOnly`): the teacher joined that year. */
  startsService?: boolean;
}

/** One credit record of a platform export (one row per training project per teacher). */
export interface TrainingRecord {
  mode: Mode;
  hours: number;
  credits: number;
  project: string;
  level: string;
  /** 选课方式 / 是否自主选课: null where the export has no such column. */
  selfSelected: boolean | null;
  status: string;
  ref: SourceRef;
  /** 项目编号: records sharing one are one training delivered in phases (seed 004 §四); '' where the export has none. */
  projectId: string;
  /** False when a rule excludes it from the counts (e.g. a new teacher's probation training). */
  counted: boolean;
  /** The exemption rule that left it uncounted, with the phrase of its project name. */
  excludedBy?: Exemption;
}

/** How every row of one input sheet was accounted for. */
export type SkipReason = 'blank' | 'total' | 'footer' | 'not-understood' | 'not-recognised';

export interface SheetAccount {
  sheet: string;
  shape: string;
  /** Rows from the first row below the header to the last row of the sheet. */
  rowsRead: number;
  /** Rows that became data: teacher rows of a form, credit records of an export. rowsRead = records + skipped. */
  records: number;
  teachers: number;
  skipped: Record<SkipReason, number[]>;
  /** Records whose 审核状态 does not mean recognised, by status (e.g. 待审核, 不通过). */
  notRecognised?: Record<string, number[]>;
  headerRow: number;
}

export interface InputSummary {
  file: string;
  sha256: string;
  format: 'xlsx' | 'csv' | 'xls' | 'xlsb' | 'ods' | 'et';
  encoding?: string;
  year: number | null;
  yearSource: 'title' | 'file-name' | 'option' | 'column' | null;
  /** Every year found in the input. */
  years: number[];
  school: string;
  schoolSource: 'form' | 'file-name' | 'column' | null;
  sheets: SheetAccount[];
  /** Set when the file could not be audited at all (exit 2). */
  error?: { messageId: string; data: Record<string, string | number> };
  /** Sheets of the workbook that were not audited, each with the reason: nothing is skipped in silence. */
  skippedSheets?: SkippedSheet[];
  /** What of this input is not counted because another input holds it (src/audit/dedupe.ts). */
  setAside?: InputSetAside[];
}

/**
 * A part of an input that is not counted: the whole input (`same-content`: the same bytes as `kept`;
 * school and year null), or one school's year that the later-modified input `kept` also holds
 * (`resent`: a resent copy). `teachers`: the teacher rows of the part, read and not counted.
 * `kept` is the other input itself, so it is named as the inputs are (the CLI shows them relative).
 */
export interface InputSetAside {
  reason: 'same-content' | 'resent';
  kept: InputSummary;
  school: string | null;
  year: number | null;
  teachers: number;
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

/**
 * Why a file met by a run was not audited (issue 21): `own-report` / `annotated-copy` (written by
 * credit-audit, marked in its properties), `lock-file` (~$name.xlsx), `hidden` (.name), and for
 * files a folder holds that are not returns: `pdf`, `word`, `image`, `archive`, `other`, and
 * `special` (a named pipe, a socket, a device, a broken link: nothing to read).
 */
export type FileSkipReason = 'own-report' | 'annotated-copy' | 'lock-file' | 'hidden' | 'pdf' | 'word' | 'image' | 'archive' | 'other' | 'special';

export interface SkippedFile {
  file: string;
  reason: FileSkipReason;
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
  /** For cycle findings: `2021-2025`. */
  period?: string;
  /** Set on findings that make a teacher incomplete: the minimum and how far short it is. */
  shortfall?: Shortfall;
}

/** A missed minimum: an amount short of what is required, or a year of a cycle that failed or is missing. */
export type Shortfall = AmountShortfall | YearShortfall;

export interface AmountShortfall {
  measure: Measure;
  /** The mode the minimum applies to; 'total' for the year's total. */
  scope: Mode | 'total';
  measured: number;
  required: number;
  missing: number;
}

/**
 * A year of the cycle that fails it (普洱 第十条 "每年…"; 浙教师〔2016〕71号 第四条 "每年不少于24学分"):
 * `failed`, its annual minimums were missed; `missing`, the inputs cover it and the teacher has no return.
 */
export interface YearShortfall {
  scope: 'year';
  year: number;
  kind: 'failed' | 'missing';
}

/** `set-aside`: another row of the teacher's year counts instead (TeacherYear.setAside). */
export type TeacherStatus = 'complete' | 'incomplete' | 'exempt' | 'set-aside';

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
  /** Cycle audits: teachers behind pace, and the platform indicators (README defines them). */
  behind?: number;
  indicators?: SchoolIndicators;
}

export interface SchoolIndicators {
  /** 总体完成率: audited teachers neither incomplete nor behind pace ÷ audited. */
  overall: number;
  /** 集中培训完成率: audited teachers with one concentrated record reaching the minimum ÷ audited (per-record inputs). */
  concentrated: number | null;
  /** 自主选课率: self-selected credits ÷ credits with a 选课方式 (where the column exists). */
  selfSelected: number | null;
}

export type CycleStatus = 'complete' | 'incomplete' | 'behind' | 'in-progress' | 'exempt';

export interface CycleResultEntry {
  cycle: import('../audit/cycle.js').TeacherCycle;
  status: CycleStatus;
  shortfalls: Shortfall[];
}

export interface CycleAudit {
  window: import('../audit/cycle.js').CycleWindow;
  /** Years of the cycle (to the audit year) found in at least one input. */
  yearsFound: number[];
  /** Years of the cycle (to the audit year) no input covers: every teacher lacks them. */
  yearsWithoutInput: number[];
  teachers: CycleResultEntry[];
  schools: SchoolResult[];
  /** The cycle totals the rule set requires (cycle-total-minimum), for the report's columns. */
  minimums: { hours?: number; credits?: number };
}

export interface AuditResult {
  tool: { name: string; version: string };
  rules: { id: string; name: string; source: string; file: string };
  generatedAt: string;
  inputs: InputSummary[];
  /** Files met and not audited, each with the reason (set by the CLI; absent when none). */
  skippedFiles?: SkippedFile[];
  teachers: TeacherResult[];
  schools: SchoolResult[];
  findings: Finding[];
  /** Present when a cycle was audited (--cycle, inputs of several years, or the rule set says so). */
  cycle?: CycleAudit;
  summary: {
    /** Teacher-years counted: complete + incomplete + exempt. */
    teachers: number;
    complete: number;
    incomplete: number;
    exempt: number;
    /** Teacher rows read and not counted: repeated rows (status set-aside) and rows of inputs set aside. */
    setAside: number;
    schools: number;
    schoolsFlagged: number;
    findings: Record<Severity, number>;
    inputErrors: number;
  };
}
