import type { AuditResult } from '../model/types.js';

/**
 * The teachers a run counts, each once: a cycle's teachers, or the distinct people of the years
 * (by 身份证号, or school and name where a row has none). Where it differs from the teacher-years
 * (summary.teachers), a report says both, in their units (issue 20).
 */
export function distinctTeachers(result: AuditResult): number {
  if (result.cycle) return result.cycle.teachers.length;
  // Counted once a result: the console and 汇总 both ask, and a province has a million rows (issue 5).
  let n = counted.get(result);
  if (n === undefined) {
    const people = new Set<string>();
    for (const r of result.teachers) if (r.status !== 'set-aside') people.add(r.teacher.id || `${r.teacher.school}\u0000${r.teacher.name}`);
    counted.set(result, (n = people.size));
  }
  return n;
}

const counted = new WeakMap<AuditResult, number>();

/** Whether the yearly counts are of teacher-years, not of teachers: a cycle, or a teacher in several years. */
export function countsTeacherYears(result: AuditResult): boolean {
  return Boolean(result.cycle) || distinctTeachers(result) !== result.summary.teachers;
}
