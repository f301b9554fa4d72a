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
