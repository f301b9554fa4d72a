import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycleTitleMinimum } from '../../src/checks/cycle-title-minimum.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/rules.js';
import type { TrainingRecord } from '../../src/model/types.js';
import { cycle, ended, inProgress, record } from '../helpers/cycles.js';

const hongkou = loadRules(path.join(BUILTIN_RULES_DIR, 'hongkou.yaml'));
type Options = Parameters<typeof cycleTitleMinimum.check>[1];
const opts = hongkou.checks.find((c) => c.check === cycleTitleMinimum)!.options as Options;

const rec = (credits: number, category: string, project = '项目'): TrainingRecord => ({ ...record('school', credits), category, project });
/** A cycle of 36 ordinary 学分 plus the given self-directed records; toDate is their sum. */
const senior = (title: string, extra: TrainingRecord[]) => {
  const records = [rec(36, '知识与技能'), ...extra];
  const credits = records.reduce((n, r) => n + r.credits, 0);
  return cycle({ school: [credits, credits] }, { records, title });
};

describe('cycle-title-minimum (上海虹口 二(二)2: 高级教师 54 = 36 + 18 自主研修, ≥ 14 带教指导/课程开发/课题研究)', () => {
  it('a 高级教师 at 54 with 18 自主研修, 14 of them 带教指导/课程开发/课题研究, passes', () => {
    const c = senior('中学高级教师', [rec(4, '自主研修'), rec(10, '自主研修', '青年教师带教指导'), rec(4, '课题研究')]);
    expect(cycleTitleMinimum.check(c, opts, ended)).toEqual([]);
  });

  it('a 高级教师 at 36 is 18 short of 54 and of 自主研修, 14 of the core', () => {
    const out = cycleTitleMinimum.check(senior('高级教师', []), opts, ended);
    expect(out.map((d) => [d.messageId, d.data.measured, d.data.required, d.data.missing])).toEqual([
      ['titleTotalBelow', 36, 54, 18],
      ['titleSelfBelow', 0, 18, 18],
      ['titleCoreBelow', 0, 14, 14],
    ]);
  });

  it('an 一级教师 at 36 owes nothing more, nor an old-system 小学高级教师 (一级 since the 2015 reform)', () => {
    expect(cycleTitleMinimum.check(senior('一级教师', []), opts, ended)).toEqual([]);
    expect(cycleTitleMinimum.check(senior('小学高级教师', []), opts, ended)).toEqual([]);
    expect(cycleTitleMinimum.check(senior('正高级教师', []), opts, ended)).toHaveLength(3);
  });

  it('core 13 of 14 fails the core only (自主研修 18 and 54 met)', () => {
    const c = senior('高级教师', [rec(5, '自主研修'), rec(13, '课程开发')]);
    expect(cycleTitleMinimum.check(c, opts, ended).map((d) => [d.messageId, d.data.missing])).toEqual([['titleCoreBelow', 1]]);
  });

  it('54 in all with only 17 自主研修 fails the 自主研修 part', () => {
    const c = senior('高级教师', [rec(1, '知识与技能'), rec(3, '自主研修'), rec(14, '课题研究')]);
    expect(cycleTitleMinimum.check(c, opts, ended).map((d) => [d.messageId, d.data.missing])).toEqual([['titleSelfBelow', 1]]);
  });

  it('asks 54 in the 要求 column of a 高级教师 only, and judges nothing before the end', () => {
    expect(cycleTitleMinimum.requires!(senior('高级教师', []), opts, ended)).toEqual({ credits: { full: 54, pace: 43.2 } });
    expect(cycleTitleMinimum.requires!(senior('一级教师', []), opts, ended)).toEqual({});
    expect(cycleTitleMinimum.check(senior('高级教师', []), opts, inProgress)).toEqual([]);
  });
});

describe('cycle-title-minimum: 高级教师 titled during the cycle (二(二)2 "2016年以后获评高级职称的教师，逐年递减自主研修学分")', () => {
  // `ended` is 2022–2026: titled 2024 holds the title 2024–2026, 3 of 5 years.
  const titled = (extra: TrainingRecord[], year: number | undefined) => ({ ...senior('高级教师', extra), ...(year !== undefined ? { given: { titled: year } } : {}) });

  it('titled 2024 owes 18 × 3/5 = 10.8 自主研修, 8.4 of them core, 46.8 in all: met exactly, no finding', () => {
    const c = titled([rec(2.4, '自主研修'), rec(8.4, '课题研究')], 2024);
    expect(cycleTitleMinimum.check(c, opts, ended)).toEqual([]);
    expect(cycleTitleMinimum.requires!(c, opts, ended)).toEqual({ credits: { full: 46.8, pace: 39.6 } }); // 36 × 4/5 covered + 18 × 3/5 held
  });

  it('titled 2024 one tenth short of 10.8 (and of 46.8) is said so, with the reduced requirement', () => {
    const out = cycleTitleMinimum.check(titled([rec(2.3, '自主研修'), rec(8.4, '课题研究')], 2024), opts, ended);
    expect(out.map((d) => [d.messageId, d.data.measured, d.data.required, d.data.missing])).toEqual([
      ['titleTotalBelow', 46.7, 46.8, 0.1],
      ['titleSelfBelow', 10.7, 10.8, 0.1],
    ]);
  });

  it('titled in the cycle\'s first year or before, or with no 职称评定年度 given, owes the full 18 and 14', () => {
    for (const year of [2022, 2010, undefined]) {
      const out = cycleTitleMinimum.check(titled([rec(2.4, '自主研修'), rec(8.4, '课题研究')], year), opts, ended);
      expect(out.map((d) => [d.messageId, d.data.required])).toEqual([
        ['titleTotalBelow', 54],
        ['titleSelfBelow', 18],
        ['titleCoreBelow', 14],
      ]);
    }
  });

  it('a rule file without byTitleYear asks the full parts whatever the year given', () => {
    const out = cycleTitleMinimum.check(titled([rec(2.4, '自主研修'), rec(8.4, '课题研究')], 2024), { ...opts, byTitleYear: false }, ended);
    expect(out.map((d) => d.data.required)).toEqual([54, 18, 14]);
  });

  it('a joiner (3 of 5 years) titled in the same years owes 36 × 3/5 + 18 × 3/5 = 32.4', () => {
    const c = { ...titled([], 2024), joined: 2024, liable: { years: 3, covered: 3 } };
    expect(cycleTitleMinimum.requires!(c, opts, ended)).toEqual({ credits: { full: 32.4, pace: 32.4 } });
  });
});
