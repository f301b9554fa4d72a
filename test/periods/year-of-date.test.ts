import { describe, expect, it } from 'vitest';
import { yearOfDate } from '../../src/shapes/hangzhou-export.js';

// A year from a date: periods' work (issue 23), though the Hangzhou export's shape holds it today.
describe('yearOfDate: a rule set\'s year may start in September (天津 四(二)1)', () => {
  it.each([
    ['2019-10-03', { month: 9, day: 1 }, 2019],
    ['2020-08-31', { month: 9, day: 1 }, 2019],
    ['2020-09-01', { month: 9, day: 1 }, 2020],
    ['2023年5月12日', { month: 1, day: 1 }, 2023],
    ['2023/1/1', { month: 1, day: 1 }, 2023],
  ] as const)('%s → %d', (date, start, year) => {
    expect(yearOfDate(date, start)).toBe(year);
  });
});
