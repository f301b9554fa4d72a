import { describe, expect, it } from 'vitest';
import { schoolIncompleteShare } from '../../src/checks/school-incomplete-share.js';
import { message } from '../../src/i18n/index.js';

const flagged = (incomplete: number, teachers: number) =>
  schoolIncompleteShare.check({ name: '思茅区第一中学', year: 2025, teachers, incomplete, exempt: 0, ref: null }, { percent: 20, cycleSeverity: 'warning' }).length === 1;

describe('school-incomplete-share (普洱 细则 五(三): 20 % or more)', () => {
  it.each([
    [1, 5, true],
    [1, 6, false],
    [2, 10, true],
    [1, 10, false],
    [199, 1000, false],
    [200, 1000, true],
    [0, 5, false],
    [0, 0, false],
  ])('%i of %i incomplete → flagged %s', (incomplete, teachers, expected) => {
    expect(flagged(incomplete, teachers)).toBe(expected);
  });

  it('reports the counts and share', () => {
    const [d] = schoolIncompleteShare.check({ name: 's', year: 2025, teachers: 6, incomplete: 2, exempt: 1, ref: null }, { percent: 20, cycleSeverity: 'warning' });
    expect(d?.data).toEqual({ incomplete: 2, teachers: 6, percent: 20, share: 33.3 });
  });

  it('a year\'s flag keeps the check\'s severity ("当年"); the cycle\'s share flags at cycleSeverity, in its own words', () => {
    const year = schoolIncompleteShare.check({ name: 's', year: 2025, teachers: 5, incomplete: 1, exempt: 0, ref: null }, { percent: 20, cycleSeverity: 'warning' });
    expect(year.map((d) => [d.messageId, d.severity])).toEqual([['schoolFlagged', undefined]]);
    const cycle = schoolIncompleteShare.check({ name: 's', year: null, period: '2021-2025', teachers: 5, incomplete: 1, exempt: 0, ref: null }, { percent: 20, cycleSeverity: 'warning' });
    expect(cycle.map((d) => [d.messageId, d.severity])).toEqual([['schoolFlaggedCycle', 'warning']]);
    // The cycle's flag names its cycle (issue 20); a year's does not carry one.
    expect(cycle[0]!.data).toEqual({ incomplete: 1, teachers: 5, percent: 20, share: 20, cycle: '2021-2025' });
    expect(year[0]!.data).not.toHaveProperty('cycle');
    expect(message('zh', 'schoolFlaggedCycle', cycle[0]!.data)).toBe('2021-2025 周期内 1/5 名教师未完成（20%），达到 20% 标准，学校在周期上被标记');
    expect(message('en', 'schoolFlaggedCycle', cycle[0]!.data)).toBe('over the 2021-2025 cycle 1 of 5 teachers incomplete (20%), at or above 20%: school flagged for the cycle');
    expect(schoolIncompleteShare.check({ name: 's', year: null, teachers: 6, incomplete: 1, exempt: 0, ref: null }, { percent: 20, cycleSeverity: 'warning' })).toEqual([]);
  });
});
