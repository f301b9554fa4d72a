import { cellOf } from '../model/cell-layout.js';
import type { z } from 'zod';
import type { CycleFigure, CycleWindow, TeacherCycle } from '../model/types.js';
import type { InputSummary, Measure, SchoolIndicators, Severity, Shortfall, SourceRef, TeacherYear } from '../model/types.js';

/** The school indicators a check may define (the others the engine counts from statuses and records). */
export type IndicatorKey = Exclude<keyof SchoolIndicators, 'overall' | 'selfSelected'>;

/** What a check returns: data only. Severity and clause come from the rule set, text from i18n. */
export interface FindingDraft {
  messageId: string;
  data: Record<string, string | number>;
  ref?: SourceRef;
  shortfall?: Shortfall;
  /**
   * Where the finding belongs in the 教师 sheets when its ref or shortfall does not say: the
   * teacher's `status`, the cycle's `moves`, or a year of the cycle (`year`, with data.year).
   */
  column?: 'status' | 'moves' | 'year';
  /** Only where the rule file's options give a severity per limit (e.g. mode-credit-ceiling). */
  severity?: Severity;
  /**
   * A cycle not yet ended and below pace: reported with the rule set's `cycle.paceSeverity`, and
   * the teacher is behind, not incomplete.
   */
  pace?: boolean;
}

/** What a teacher check returns when it finds nothing: one shared, frozen empty list (docs/performance.md). */
export const NO_DRAFTS: readonly FindingDraft[] = Object.freeze([]);

export interface CheckMeta<O> {
  id: string;
  /** teacher: one teacher-year; school: one school's tally; cycle: one teacher's cycle; batch: every teacher-year of the run at once. */
  scope: 'teacher' | 'school' | 'cycle' | 'batch';
  title: { zh: string; en: string };
  /** Every messageId the check can report (keys of src/i18n templates). */
  messages: string[];
  /** The options the rule file gives this check; validated at load. */
  options: z.ZodType<O>;
  /** A finding of this check makes the teacher incomplete (a missed minimum); exempt teachers skip it. */
  makesIncomplete: boolean;
  /** School checks: a finding of this check flags the school (学校被标记). */
  flagsSchool?: boolean;
  /**
   * Batch checks: the check only ever compares teacher-years that share a 身份证号, so the engine
   * may hand it just those (found once for all such checks, not once per check; issue 5).
   */
  sameIdOnly?: boolean;
}

/** The school a school check looks at: counts over its audited (non-exempt) teachers. */
export interface SchoolTally {
  name: string;
  year: number | null;
  teachers: number;
  incomplete: number;
  exempt: number;
  ref: SourceRef | null;
  /** A cycle's tally: the cycle as `start-end` (year null), for the check's message to name it. */
  period?: string;
  /**
   * Per school check that counts teachers (SchoolCheck.counts), by check id: how many of the
   * school's audited teachers it counted. Absent when no check counts, and in a cycle's tallies.
   */
  counted?: Record<string, number>;
}

export interface TeacherCheck<O = unknown> {
  meta: CheckMeta<O> & { scope: 'teacher' };
  check(teacher: TeacherYear, options: O): readonly FindingDraft[];
}

export interface SchoolCheck<O = unknown> {
  meta: CheckMeta<O> & { scope: 'school' };
  check(school: SchoolTally, options: O): FindingDraft[];
  /**
   * Whether an audited (non-exempt) teacher-year counts toward this check's share (温州 一、4: one
   * single 集中 record of ≥ 90 学时): the engine sums it per school into `SchoolTally.counted[id]`.
   */
  counts?(teacher: TeacherYear, options: O): boolean;
}

/** A check over one teacher's whole cycle (several years, several schools). */
export interface CycleCheck<O = unknown> {
  meta: CheckMeta<O> & { scope: 'cycle' };
  check(cycle: TeacherCycle, options: O, window: CycleWindow): FindingDraft[];
  /**
   * The cycle total this check asks of the teacher — at the cycle's end (`full`) and by the audit
   * year (`pace`) — for the report's 要求 and 应达进度 columns.
   */
  requires?(cycle: TeacherCycle, options: O, window: CycleWindow): Partial<Record<Measure, { full: number; pace: number }>>;
  /**
   * Figures of parts of the teacher's cycle the check judges (上海虹口 表1's level × category
   * cells), each shown in a column of its own in the cycle's 教师 sheet (issue 19).
   */
  figures?(cycle: TeacherCycle, options: O, window: CycleWindow): CycleFigure[];
  /** A school indicator the check defines: whether the teacher counts toward it (null: not judged, e.g. no single records). */
  indicator?: { key: IndicatorKey; counts(cycle: TeacherCycle, options: O): boolean | null };
}

/**
 * A batch check's finding names the teacher-year it is about (the engine adds school and teacher);
 * a finding about an input names no teacher, and gives its school and year instead.
 */
export interface BatchFindingDraft extends FindingDraft {
  teacher?: TeacherYear;
  school?: string;
  year?: number | null;
}

/**
 * A check over every teacher-year of the run: what only shows across rows and files (the same
 * 身份证号 twice in a school, in two schools, or under two names). Pure, like every check.
 */
export interface BatchCheck<O = unknown> {
  meta: CheckMeta<O> & { scope: 'batch' };
  /** `inputs`: the run's inputs, for checks of what was sent (the same file twice, a resent copy). */
  check(teachers: readonly TeacherYear[], options: O, inputs?: readonly InputSummary[]): BatchFindingDraft[];
}

export type Check = TeacherCheck<any> | SchoolCheck<any> | CycleCheck<any> | BatchCheck<any>;

/** The ref of a teacher's cell for a field (`online.hours`), falling back to the teacher's row. */
export function cellRef(t: TeacherYear, field: string): SourceRef {
  const cell = cellOf(t, field);
  return cell ? { ...t.ref, cell } : t.ref;
}
