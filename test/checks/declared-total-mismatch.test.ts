import { describe, expect, it } from 'vitest';
import { declaredTotalMismatch } from '../../src/checks/declared-total-mismatch.js';
import { optionsOf, puerTeacher } from '../helpers/teacher.js';

describe('declared-total-mismatch (附件2—2 全年汇总 = the sum of the modes)', () => {
  const run = (declared: { hours: number | null; credits: number | null }) =>
    declaredTotalMismatch.check(puerTeacher([30, 30, 24, 24, 24, 24], { declared }), optionsOf('declared-total-mismatch') as never).map((d) => d.data);
  it('a matching total is fine', () => expect(run({ hours: 78, credits: 78 })).toEqual([]));
  it('a blank total is not a mismatch', () => expect(run({ hours: null, credits: null })).toEqual([]));
  it('80 declared against 78 summed is reported with the difference', () =>
    expect(run({ hours: 80, credits: 78 })).toEqual([{ measure: 'hours', declared: 80, sum: 78, difference: 2 }]));
  it('a difference within the tolerance (0.01) is rounding', () => expect(run({ hours: 78.01, credits: 77.99 })).toEqual([]));
  it('a difference of 0.02 is reported', () => expect(run({ hours: 78.02, credits: 78 })).toHaveLength(1));
});
