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
    // Within one year a 身份证号 counts once already (dedupe.ts sets its other rows aside), so a
    // run of one year counts its rows with an ID and keys only the few without one: a Set of a
    // million IDs cost ~0.9 s and ~40 MB of a province's run (measured on the 1 000 000-row return).
    const year = result.teachers[0]?.teacher.year;
    const oneYear = result.teachers.every((r) => r.teacher.year === year);
    const people = new Set<string>();
    let withId = 0;
    for (const r of result.teachers) {
      if (r.status === 'set-aside') continue;
      if (oneYear && r.teacher.id) withId++;
      else people.add(r.teacher.id || `${r.teacher.school}\u0000${r.teacher.name}`);
    }
    counted.set(result, (n = withId + people.size));
  }
  return n;
}

const counted = new WeakMap<AuditResult, number>();

/** Whether the yearly counts are of teacher-years, not of teachers: a cycle, or a teacher in several years. */
export function countsTeacherYears(result: AuditResult): boolean {
  return Boolean(result.cycle) || distinctTeachers(result) !== result.summary.teachers;
}
