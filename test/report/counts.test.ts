import { describe, expect, it } from 'vitest';
import type { AuditResult, TeacherResult } from '../../src/model/types.js';
import { countsTeacherYears, distinctTeachers } from '../../src/report/counts.js';
import { teacherYear } from '../helpers/teacher.js';

/** A result of these teacher rows: [id, name, year, status]. */
function resultOf(rows: Array<[string, string, number, TeacherResult['status']]>): AuditResult {
  const teachers = rows.map(([id, name, year, status]) => ({ teacher: { ...teacherYear([24, 24, 24, 24, 24, 24]), id, name, year, school: '思茅区第一中学' }, status, shortfalls: [] }));
  const counted = teachers.filter((t) => t.status !== 'set-aside').length;
  return { teachers, summary: { teachers: counted } } as unknown as AuditResult;
}

describe('distinctTeachers: each person once', () => {
  it('in one year: the rows with an ID (one a person there already), the rows without one by school and name, a row set aside in none', () => {
    const r = resultOf([
      ['530802199001011234', '李明', 2025, 'complete'],
      ['530802199001011234', '李明', 2025, 'set-aside'],
      ['530802198502021236', '王芳', 2025, 'incomplete'],
      ['', '张伟', 2025, 'incomplete'],
      ['', '张伟', 2025, 'incomplete'],
      ['', '赵丽', 2025, 'complete'],
    ]);
    expect(distinctTeachers(r)).toBe(4);
    expect(countsTeacherYears(r)).toBe(true);
  });

  it('over several years: an ID in two years is one teacher', () => {
    const r = resultOf([
      ['530802199001011234', '李明', 2024, 'complete'],
      ['530802199001011234', '李明', 2025, 'complete'],
      ['530802198502021236', '王芳', 2025, 'incomplete'],
    ]);
    expect(distinctTeachers(r)).toBe(2);
    expect(countsTeacherYears(r)).toBe(true);
  });

  it('says the counts are of teachers where each counted row is a different person', () => {
    const r = resultOf([
      ['530802199001011234', '李明', 2025, 'complete'],
      ['530802198502021236', '王芳', 2025, 'incomplete'],
    ]);
    expect(distinctTeachers(r)).toBe(2);
    expect(countsTeacherYears(r)).toBe(false);
  });
});
