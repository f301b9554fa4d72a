import type { Finding, TeacherYear } from './types.js';

/** Every finding is built here, with the same keys in the same order: one hidden class (docs/performance.md). */
export function makeFinding(f: Finding): Finding {
  return {
    check: f.check,
    severity: f.severity,
    messageId: f.messageId,
    data: f.data,
    clause: f.clause,
    school: f.school,
    teacherId: f.teacherId,
    teacherName: f.teacherName,
    year: f.year,
    ref: f.ref,
    period: f.period,
    shortfall: f.shortfall,
    column: f.column,
  };
}

export type FindingBase = Omit<Finding, 'school' | 'teacherId' | 'teacherName' | 'year' | 'period'>;

/**
 * A finding of `base` about one teacher, built whole with one hidden class: not a spread into
 * makeFinding, which built each twice (a quarter of a million findings a year, a finding or two
 * per teacher in a cycle; issue 5, profiled).
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

