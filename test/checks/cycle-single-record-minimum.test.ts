import { describe, expect, it } from 'vitest';
import { cycleSingleRecordMinimum } from '../../src/checks/cycle-single-record-minimum.js';
import { cycle, ended, inProgress, record } from '../helpers/cycles.js';

describe('cycle-single-record-minimum (浙教师〔2010〕175号: one concentrated training ≥ 90)', () => {
  const opts = { mode: 'concentrated' as const, measure: 'credits' as const, minimum: 90, groupBy: 'projectId' as const };
  it.each([
    [90, 0],
    [89.5, 1],
  ])('best single record %d → %d findings at the end', (credits, n) => {
    expect(cycleSingleRecordMinimum.check(cycle({}, { records: [record('concentrated', credits), record('concentrated', 60)] }), opts, ended)).toHaveLength(n);
  });
  it('does not add records up: 60 + 60 is not one training of 90', () => {
    expect(cycleSingleRecordMinimum.check(cycle({}, { records: [record('concentrated', 60), record('concentrated', 60)] }), opts, ended)).toHaveLength(1);
  });
  it('adds the phases of one project (seed 004 §四, 送培到校): 项目编号 shared, 45 + 45 is one training of 90', () => {
    const phase = (projectId: string, credits: number) => ({ ...record('concentrated', credits), projectId });
    expect(cycleSingleRecordMinimum.check(cycle({}, { records: [phase('ZJ2024001', 45), phase('ZJ2024001', 45)] }), opts, ended)).toEqual([]);
    expect(cycleSingleRecordMinimum.check(cycle({}, { records: [phase('ZJ2024001', 45), phase('ZJ2024001', 44.5)] }), opts, ended)).toHaveLength(1);
    expect(cycleSingleRecordMinimum.check(cycle({}, { records: [phase('ZJ2024001', 45), phase('ZJ2024002', 45)] }), opts, ended)).toHaveLength(1);
    expect(cycleSingleRecordMinimum.check(cycle({}, { records: [phase('ZJ2024001', 45), phase('ZJ2024001', 45)] }), { ...opts, groupBy: 'none' }, ended)).toHaveLength(1);
  });
  it('is not judged before the end, nor on inputs without single records', () => {
    expect(cycleSingleRecordMinimum.check(cycle({}), opts, inProgress)).toEqual([]);
    expect(cycleSingleRecordMinimum.check(cycle({}, { hasRecords: false }), opts, ended)).toEqual([]);
  });
});
