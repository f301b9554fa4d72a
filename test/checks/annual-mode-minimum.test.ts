import { describe, expect, it } from 'vitest';
import { annualModeMinimum } from '../../src/checks/annual-mode-minimum.js';
import { optionsOf, puerTeacher } from '../helpers/teacher.js';

const mode = (v: Parameters<typeof puerTeacher>[0]) =>
  annualModeMinimum.check(puerTeacher(v), optionsOf('annual-mode-minimum') as never).map((d) => ({ ...d.data, cell: d.ref?.cell }) as Record<string, unknown>);

describe('annual-mode-minimum (普洱 第十条: each mode ≥ 24 学时 and ≥ 24 学分)', () => {
  it.each([
    ['24 hours and 24 credits in every mode pass', [24, 24, 24, 24, 24, 24], []],
    ['23.5 online hours fail by 0.5', [24, 24, 23.5, 24, 24, 24], [{ mode: 'online', measure: 'hours', measured: 23.5, required: 24, missing: 0.5, cell: 'I6' }]],
    ['23.9 school credits fail by 0.1', [24, 24, 24, 24, 24, 23.9], [{ mode: 'school', measure: 'credits', measured: 23.9, required: 24, missing: 0.1, cell: 'L6' }]],
    ['24.0001 passes (no rounding up of shortfalls)', [24.0001, 24, 24, 24, 24, 24], []],
  ] as const)('%s', (_, v, expected) => {
    expect(mode([...v] as never)).toEqual(expected);
  });

  it('modes never offset one another: 60 concentrated hours do not cover 12 online hours', () => {
    const found = mode([60, 60, 12, 12, 24, 24]);
    expect(found.map((f) => `${f.mode}.${f.measure}`)).toEqual(['online.hours', 'online.credits']);
  });

  it('counts 校本 after the 48-hour cap, so 60 school hours still pass the 24 minimum', () => {
    expect(mode([24, 24, 24, 24, 60, 60])).toEqual([]);
  });
});
