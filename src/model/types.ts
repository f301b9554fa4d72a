import type { CellColumns } from './cell-layout.js';

/**
 * The canonical records every shape produces and every check reads: the in-memory shapes. The zod
 * schemas that check data at the edges are beside what they check: the rule file's in
 * src/rules/rules.ts, the JSON result's in src/report/result-schema.ts.
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
export interface MergedValue {
  field: string;
  /** The merged range, as Excel names it (`G5:G7`). */
  range: string;
  ref: SourceRef;
}

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
  /** 角色 / 岗位 / 身份 (班主任, 新任教师, 骨干教师, 校长 …) where the input carries them (issue 19); absent otherwise. */
  roles?: string[];
  /** 入职年度: the year the teacher entered the education system, where the input gives it (records layout). */
  joined?: number;
  /** 职称评定年度: the year the 职称 was awarded, where the input gives it (records layout). */
  titled?: number;
  remarks: string;
  raw: Record<Mode, Amount>;
  counted: Record<Mode, Amount>;
  /** 全年汇总 as declared on the form; null when the form has no such column or it is blank. */
  declared: { hours: number | null; credits: number | null };
  badValues: BadValue[];
  /** Amounts read from a merged range that covers several rows: used for each, and reported (merged-number). */
  merged?: MergedValue[];
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
  /**
   * The generic per-record layout's fields (issue 19), absent where the input has no such column:
   * 课程类别 as written (上海虹口 师德与素养 / 知识与技能 / 实践体验 …), 是否信息技术, 培训天数, the
   * date as written, and the figures as read before a rule set's conversions (days → 学时, 学时 → 学分).
   */
  category?: string;
  it?: boolean | null;
  days?: number;
  date?: string;
  read?: { hours: number | null; credits: number | null; days: number | null };
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
  /** CSV only, when not a comma: `semicolon` or `tab`. */
  delimiter?: string;
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
  /** Where the finding belongs in the 教师 sheets when its ref or shortfall does not say (the check says). */
  column?: 'status' | 'moves' | 'year';
}

/** A missed minimum: an amount short of what is required, or a year of a cycle that failed or is missing. */
export type Shortfall = AmountShortfall | YearShortfall;

export interface AmountShortfall {
  measure: Measure;
  /** The mode the minimum applies to; 'total' for the year's total. */
  scope: Mode | 'total';
  /** A minimum of one topic's records (role-topic-minimum: 职业道德教育), not of the whole scope. */
  topic?: string;
  measured: number;
  required: number;
  missing: number;
  /**
   * The part of the total that is short where it is no mode (issue 19: 上海虹口 区级 知识与技能, its
   * 信息技术 part, a role's 专题): i18n term keys (`level.district`, `category.skills`, `part.it`) or the
   * rule file's own words, in order. The finding's message says the rest (what an offset covered).
   */
  part?: string[];
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
  cycle: TeacherCycle;
  status: CycleStatus;
  shortfalls: Shortfall[];
  /** The cycle total the rule set's checks ask of this teacher, at the end and by the audit year (a joiner's pro-rated). */
  required: Partial<Record<Measure, { full: number; pace: number }>>;
  /** Figures the rule set's checks show in columns of their own (上海虹口 表1's cells); absent where no check has any. */
  figures?: CycleFigure[];
}

/**
 * What counted toward one part of a teacher's cycle against what the part asks (上海虹口 表1: 区级
 * 知识与技能, 10): a column of the cycle's 教师 sheet. A finding whose shortfall names the same `part`
 * and measure belongs in it.
 */
export interface CycleFigure {
  /** As Shortfall.part: i18n term keys (`level.district`, `category.skills`, `part.it`) or the rule file's words. */
  part: string[];
  measure: Measure;
  value: number;
  required: number;
  /**
   * A shortfall of the part that offsets covered in full, so no finding says it: said beside the
   * figure, as a finding's message is (messageId and data, worded by the reporter).
   */
  covered?: { messageId: string; data: Record<string, string | number> };
}

export interface CycleAudit {
  window: CycleWindow;
  /** Years of the cycle (to the audit year) found in at least one input. */
  yearsFound: number[];
  /** Years of the cycle (to the audit year) no input covers: every teacher lacks them. */
  yearsWithoutInput: number[];
  teachers: CycleResultEntry[];
  schools: SchoolResult[];
}

/**
 * A run-wide target of the rule set (rule file `targets`) against what the year measured:
 * `count` of `of` teachers, `share` = count ÷ of in percent; met when share ≥ target.
 */
export interface TargetResult {
  key: 'coverage' | 'completion';
  year: number;
  count: number;
  of: number;
  share: number;
  target: number;
  met: boolean;
  clause: string;
}

export interface AuditResult {
  tool: { name: string; version: string };
  /** `yearStart`: where the rule set's year starts, given when not 1 January (a year is then shown as 2023—2024学年). */
  rules: { id: string; name: string; source: string; file: string; yearStart?: { month: number; day: number } };
  generatedAt: string;
  inputs: InputSummary[];
  /** Files met and not audited, each with the reason (set by the CLI; absent when none). */
  skippedFiles?: SkippedFile[];
  teachers: TeacherResult[];
  schools: SchoolResult[];
  findings: Finding[];
  /** The rule set's run-wide targets per year, where it has any (三(二)1). */
  targets?: TargetResult[];
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
    /** School-years audited: a school counts once a year (the cycle's schools are in cycle.schools). */
    schools: number;
    /** School-years flagged by the yearly checks. */
    schoolsFlagged: number;
    /** Cycle audits: schools flagged over the cycle (cycle.schools). */
    cycleSchoolsFlagged?: number;
    /** Schools, each counted once over every year and the cycle. */
    distinctSchools: number;
    /** Schools flagged in any year or over the cycle, each counted once: 被标记 in 汇总. */
    distinctSchoolsFlagged: number;
    findings: Record<Severity, number>;
    inputErrors: number;
  };
}

/** The cycle being audited and where the audit stands in it. */
export interface CycleWindow {
  start: number;
  end: number;
  /** The audit year: the latest year of the inputs unless --as-of says otherwise. */
  asOf: number;
  /** END ≤ the audit year: minimums missed now make a teacher incomplete. */
  ended: boolean;
  /** Years of the cycle up to the audit year (1 … length). */
  elapsed: number;
  length: number;
  /**
   * Years of the cycle up to the audit year that some input covers. Pace is judged over these
   * only: a one-year export says nothing of the years before it (issue 22).
   */
  covered: number[];
  /** The rule set's cycle policy (rule file `cycle`). */
  everyYear: boolean;
  dropFailedYears: boolean;
  prorate: boolean;
  /** The rule set reads a joiner's 入职年度 (rule file `cycle.joiners`); absent: it does not. */
  joiners?: { yearServed: boolean };
}

export interface CyclePolicy {
  everyYear: boolean;
  dropFailedYears: boolean;
  prorate: boolean;
  joiners?: { yearServed: boolean };
}

export interface CycleYear {
  year: number;
  school: string;
  /** 任教学段学科 as the year's return gives it ('' where the input has none). */
  subject: string;
  counted: Record<Mode, Amount>;
  exempt: boolean;
  /** The year's annual minimums were missed (the teacher-year is incomplete). */
  failed: boolean;
  ref: SourceRef;
}

/** One teacher over the cycle, combined by 身份证号 across every input and school. */
export interface TeacherCycle {
  id: string;
  name: string;
  /** The school of the latest year. */
  school: string;
  ref: SourceRef;
  years: CycleYear[];
  /**
   * Years of the cycle up to the audit year that the inputs cover but this teacher has no return
   * for; years before the teacher joined (an exempt first year inside the cycle) are not missing.
   */
  missingYears: number[];
  /** Years whose annual minimums were missed, when the rule set requires every year (cycle.everyYear). */
  failedYears: number[];
  /**
   * When the teacher joined, inside the cycle: the year of their exempt first year of service, or
   * the 入职年度 the input gives where the rule set reads it (`cycle.joiners`); null otherwise.
   */
  joined: number | null;
  /**
   * The share of the cycle the teacher answers for: `years` of the cycle after joining (the whole
   * cycle for most; with `cycle.joiners.yearServed`, the year joined and those after it), `covered`
   * of them covered by the inputs up to the audit year (for pace).
   */
  liable: { years: number; covered: number };
  /** 入职年度 and 职称评定年度 as the input gives them (the latest year that gives one); absent where none does. */
  given?: { joined?: number; titled?: number };
  moves: Array<{ year: number; from: string; to: string }>;
  /** Cycle-to-date amounts (counted; exempt years, and failed years where cycle.dropFailedYears, left out). */
  toDate: Record<Mode, Amount>;
  /** Counted records of the cycle (per-record inputs only). */
  records: TrainingRecord[];
  /** Whether any of the teacher's inputs lists single records (platform exports do, forms do not). */
  hasRecords: boolean;
  exempt: boolean;
  /** 职称 of the latest year that gives one ('' or absent where none does): 上海虹口 高级教师 owe more (issue 19). */
  title?: string;
  /** Every 角色 of the cycle's years; absent where no input carries roles (a role minimum then is not judged). */
  roles?: string[];
}
