import type { Finding, TeacherYear } from './types.js';

export type FindingBase = Omit<Finding, 'school' | 'teacherId' | 'teacherName' | 'year' | 'period'>;

/**
 * Every finding is built here, about a teacher, a school or an input, with the same keys in the
 * same order: one hidden class, built once (docs/performance.md).
 */
export function findingAbout(base: FindingBase, school: string, teacherId: string, teacherName: string, year: number | null, period: string | undefined): Finding {
  return {
    check: base.check,
    severity: base.severity,
    messageId: base.messageId,
    data: base.data,
    clause: base.clause,
    school,
    teacherId,
    teacherName,
    year,
    ref: base.ref,
    period,
    shortfall: base.shortfall,
    column: base.column,
  };
}

export function teacherFinding(t: TeacherYear, base: FindingBase): Finding {
  return findingAbout(base, t.school, t.id, t.name, t.year, undefined);
}

