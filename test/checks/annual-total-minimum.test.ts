import { describe, expect, it } from 'vitest';
import { annualTotalMinimum } from '../../src/checks/annual-total-minimum.js';
import { optionsOf, puerTeacher } from '../helpers/teacher.js';

const total = (v: Parameters<typeof puerTeacher>[0]) =>
  annualTotalMinimum.check(puerTeacher(v), optionsOf('annual-total-minimum') as never).map((d) => d.data);

describe('annual-total-minimum (普洱 第十条: ≥ 72 学时 and ≥ 72 学分 a year)', () => {
  it.each([
    ['72 hours and 72 credits pass', [24, 24, 24, 24, 24, 24], []],
    ['71.5 hours fail by 0.5', [24, 24, 23.5, 24, 24, 24], [{ measure: 'hours', measured: 71.5, required: 72, missing: 0.5 }]],
    ['71.9 credits fail by 0.1', [24, 23.9, 24, 24, 24, 24], [{ measure: 'credits', measured: 71.9, required: 72, missing: 0.1 }]],
  ] as const)('%s', (_, v, expected) => {
    expect(total([...v] as never)).toEqual(expected);
  });

  it('校本 hours above 48 do not count toward the total (附件3 三)', () => {
    // 10 + 10 + 60 = 80 declared, but only 10 + 10 + 48 = 68 count.
    expect(total([10, 30, 10, 30, 60, 30])).toEqual([{ measure: 'hours', measured: 68, required: 72, missing: 4 }]);
  });
});
