import type { z } from 'zod';
import type { CycleWindow, TeacherCycle } from '../audit/cycle.js';
import type { Severity, Shortfall, SourceRef, TeacherYear } from '../model/types.js';

/** What a check returns: data only. Severity and clause come from the rule set, text from i18n. */
export interface FindingDraft {
  messageId: string;
  data: Record<string, string | number>;
  ref?: SourceRef;
  shortfall?: Shortfall;
  /** Only where the rule file's options give a severity per limit (e.g. mode-credit-ceiling). */
  severity?: Severity;
  /**
   * A cycle not yet ended and below pace: reported with the rule set's `cycle.paceSeverity`, and
   * the teacher is behind, not incomplete.
   */
  pace?: boolean;
}

export interface CheckMeta<O> {
  id: string;
  scope: 'teacher' | 'school' | 'cycle';
  title: { zh: string; en: string };
  /** Every messageId the check can report (keys of src/i18n templates). */
  messages: string[];
  /** The options the rule file gives this check; validated at load. */
  options: z.ZodType<O>;
  /** A finding of this check makes the teacher incomplete (a missed minimum); exempt teachers skip it. */
  minimum: boolean;
}

/** The school a school check looks at: counts over its audited (non-exempt) teachers. */
export interface SchoolTally {
  name: string;
  year: number | null;
  teachers: number;
  incomplete: number;
  exempt: number;
  ref: SourceRef | null;
}

export interface TeacherCheck<O = unknown> {
  meta: CheckMeta<O> & { scope: 'teacher' };
  check(teacher: TeacherYear, options: O): FindingDraft[];
}

export interface SchoolCheck<O = unknown> {
  meta: CheckMeta<O> & { scope: 'school' };
  check(school: SchoolTally, options: O): FindingDraft[];
}

/** A check over one teacher's whole cycle (several years, several schools). */
export interface CycleCheck<O = unknown> {
  meta: CheckMeta<O> & { scope: 'cycle' };
  check(cycle: TeacherCycle, options: O, window: CycleWindow): FindingDraft[];
}

export type Check = TeacherCheck<any> | SchoolCheck<any> | CycleCheck<any>;

/** The ref of a teacher's cell for a field (`online.hours`), falling back to the teacher's row. */
export function cellRef(t: TeacherYear, field: string): SourceRef {
  const cell = t.cells[field];
  return cell ? { ...t.ref, cell } : t.ref;
}
