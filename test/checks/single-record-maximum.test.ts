import { describe, expect, it } from 'vitest';
import { singleRecordMaximum } from '../../src/checks/single-record-maximum.js';
import { record } from '../helpers/cycles.js';
import { teacherYear } from '../helpers/teacher.js';

describe('single-record-maximum (杭州 seed 004 §六: an excellent 校本 project at most 30 学分)', () => {
  const opts = { mode: 'school' as const, measure: 'credits' as const, maximum: 30 };
  it.each([
    [30, 0],
    [30.5, 1],
  ])('a %d-credit school record → %d findings', (credits, n) => {
    expect(singleRecordMaximum.check(teacherYear([0, 0, 0, 0, 0, 0], { records: [record('school', credits)] }), opts)).toHaveLength(n);
  });
  it('ignores other modes', () => {
    expect(singleRecordMaximum.check(teacherYear([0, 0, 0, 0, 0, 0], { records: [record('concentrated', 90)] }), opts)).toEqual([]);
  });
});
