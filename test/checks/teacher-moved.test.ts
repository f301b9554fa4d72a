import { describe, expect, it } from 'vitest';
import { teacherMoved } from '../../src/checks/teacher-moved.js';
import { cycle, cycleRef as ref, inProgress } from '../helpers/cycles.js';

describe('teacher-moved', () => {
  it('lists each move', () => {
    expect(teacherMoved.check(cycle({}, { moves: [{ year: 2024, from: '甲校', to: '乙校' }] }), {}, inProgress)[0]?.data).toEqual({ year: 2024, from: '甲校', to: '乙校' });
  });
});

describe('teacher-moved lists a change of 学段 for review (细则 五(二) covers 市内同学段)', () => {
  const year = (y: number, school: string, subject: string) => ({ year: y, school, subject, counted: cycle({}).toDate, exempt: false, failed: false, ref: { ...ref, row: y } });
  it('小学 → 初中 in one school is listed; 小学语文 → 小学数学 is not', () => {
    const c = cycle({}, { years: [year(2024, '一中', '小学数学'), year(2025, '一中', '初中数学')] });
    expect(teacherMoved.check(c, {}, inProgress).map((d) => [d.messageId, d.data.year])).toEqual([['stageChanged', 2025]]);
    const same = cycle({}, { years: [year(2024, '一中', '小学语文'), year(2025, '一中', '小学数学')] });
    expect(teacherMoved.check(same, {}, inProgress)).toEqual([]);
  });
});
