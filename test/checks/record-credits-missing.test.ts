import { describe, expect, it } from 'vitest';
import { recordCreditsMissing } from '../../src/checks/record-credits-missing.js';
import type { TrainingRecord } from '../../src/model/types.js';
import { applyPeriodRules } from '../../src/periods/period-rules.js';
import { teacherYear } from '../helpers/teacher.js';

/** Conversions as 上海虹口 reads them: 10 学时 = 1 学分, except 实践体验, whose 学分 must be given. */
const rules = { def: { caps: [], exemptions: [], conversions: { hoursPerCredit: 10, byCategory: [{ category: '实践体验', creditsGiven: true }] } } };
const options = { categories: ['实践体验'] };
const rec = (category: string, hours: number | null, credits: number | null): TrainingRecord => ({
  mode: 'other', hours: hours ?? 0, credits: credits ?? 0, project: '校本实践', level: '校本', selfSelected: null, status: '', projectId: '',
  ref: { file: 'f.csv', sheet: 'f', row: 3, cell: 'F3' }, counted: true, category, read: { hours, credits, days: null },
});
const run = (...records: TrainingRecord[]) => {
  const t = teacherYear([0, 0, 0, 0, 0, 0], { records });
  applyPeriodRules(t, rules);
  return { drafts: recordCreditsMissing.check(t, options), t };
};

describe('record-credits-missing (虹口 实践体验: 学分 given, never converted)', () => {
  it('实践体验 without 学分 is reported at its cell and counts 0 学分, though its 学时 would convert to 2', () => {
    const { drafts, t } = run(rec('实践体验', 20, null));
    expect(drafts.map((d) => [d.data, d.ref?.cell])).toEqual([[{ category: '实践体验', project: '校本实践', hours: 20 }, 'F3']]);
    expect(t.counted.other.credits).toBe(0);
  });

  it('实践体验 with 学分 given (0 included) is not reported', () => {
    expect(run(rec('实践体验', 20, 3)).drafts).toEqual([]);
    expect(run(rec('实践体验', 20, 0)).drafts).toEqual([]);
  });

  it('another category without 学分 converts 10 学时 to 1 学分 and is not reported', () => {
    const { drafts, t } = run(rec('知识与技能', 25, null));
    expect(drafts).toEqual([]);
    expect(t.counted.other.credits).toBe(2.5);
  });
});
