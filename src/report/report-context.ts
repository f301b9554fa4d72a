import { t, type Lang } from '../i18n/index.js';
import type { AuditResult } from '../model/types.js';
import { maskId } from './mask.js';
import { yearLabeller } from './year-label.js';

export interface ReportOptions {
  lang: Lang;
  maskIds: boolean;
  /** List every teacher in 教师, however many (`--all-teachers`). */
  allTeachers?: boolean;
  /** The limit above which 教师 lists only teachers who need attention; TEACHER_SHEET_LIMIT unless a test sets it. */
  teacherSheetLimit?: number;
  /** Note every failing cell of the 教师 sheets, however many (`--all-notes`). */
  allNotes?: boolean;
  /** The findings about teachers above which their cells are filled without notes; NOTE_LIMIT unless a test sets it. */
  noteLimit?: number;
  /** Rows a sheet holds, the header included; Excel's EXCEL_MAX_ROWS unless a test sets it. */
  sheetRowLimit?: number;
  /** Links a sheet holds; Excel's EXCEL_MAX_LINKS unless a test sets it. */
  sheetLinkLimit?: number;
  /** The command that ran, as 汇总 gives it for the re-run after corrections; made from the result when not given. */
  command?: string;
  /** Where the run started: 汇总 names a district's own rule file relative to it. */
  cwd?: string;
}

/** What every sheet of one report shares: the result, the options and the words. */
export interface ReportContext {
  result: AuditResult;
  opts: ReportOptions;
  L: Lang;
  /** A text of the report's vocabulary. */
  R(key: string, data?: Record<string, string | number>): string;
  /** A text of the user interface's vocabulary. */
  U(key: string, data?: Record<string, string | number>): string;
  /** A 身份证号 as shown: masked with `--mask-ids`. */
  id(value: string): string;
  /** A year as the rule set labels it (`2023—2024学年` where the year starts in September). */
  yearOf(year: number | null): string | number | null;
  names: { summary: string; schools: string; teachers: string; cycle: string; findings: string };
}

export function reportContext(result: AuditResult, opts: ReportOptions): ReportContext {
  const L = opts.lang;
  const cy = result.cycle;
  return {
    result,
    opts,
    L,
    R: (k, data) => t(L, 'report', k, data),
    U: (k, data) => t(L, 'ui', k, data),
    id: (s) => (opts.maskIds ? maskId(s) : s),
    yearOf: yearLabeller(L, result.rules),
    // In a cycle audit 教师 holds one row per teacher for the cycle, and the yearly rows move to 教师年度.
    names: {
      summary: t(L, 'sheets', 'summary'),
      schools: t(L, 'sheets', 'schools'),
      teachers: t(L, 'sheets', cy ? 'teacherYears' : 'teachers'),
      cycle: t(L, 'sheets', 'teachers'),
      findings: t(L, 'sheets', 'findings'),
    },
  };
}

