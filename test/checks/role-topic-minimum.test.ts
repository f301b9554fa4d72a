import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { roleTopicMinimum } from '../../src/checks/role-topic-minimum.js';
import type { TrainingRecord } from '../../src/model/types.js';
import { applyPeriodRules } from '../../src/periods/period-rules.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/rules.js';
import { teacherYear } from '../helpers/teacher.js';

const binhai = loadRules(path.join(BUILTIN_RULES_DIR, 'binhai.yaml'));
const options = binhai.checks.find((c) => c.check.meta.id === 'role-topic-minimum')!.options as never;

const rec = (project: string, category: string, hours: number | null, days: number | null = null): TrainingRecord => ({
  mode: 'other', hours: hours ?? 0, credits: 0, project, level: '', selfSelected: null, status: '已审核', projectId: '',
  ref: { file: 'f.csv', sheet: 'f', row: 2, cell: 'H2' }, counted: true, category, read: { hours, credits: null, days },
});

/** A Binhai teacher-year from records, with the rule set's conversions applied as the load stage does. */
function check(roles: string[] | undefined, records: TrainingRecord[]) {
  const t = teacherYear([0, 0, 0, 0, 0, 0], { roles, records });
  applyPeriodRules(t, binhai);
  return roleTopicMinimum.check(t, options).map((d) => d.data);
}

describe('role-topic-minimum (滨海 四(一): 新入职教师 ≥ 16 学时 of 职业道德教育)', () => {
  it('16 学时 of the topic pass; 2 天 are 16 (半天 = 4)', () => {
    expect(check(['新任教师'], [rec('新入职教师培训', '职业道德教育', 16)])).toEqual([]);
    expect(check(['新任教师'], [rec('新入职教师培训', '职业道德教育', null, 2)])).toEqual([]);
  });

  it('15.5 学时 fail by 0.5; hours on other topics do not count', () => {
    expect(check(['班主任', '新任教师'], [rec('入职培训', '职业道德教育', 15.5), rec('大单元教学设计', '专业知识', 80)])).toEqual([
      { role: '新任教师', topic: '职业道德教育', measure: 'hours', measured: 15.5, required: 16, missing: 0.5 },
    ]);
  });

  it('a project name on the topic counts where the category says otherwise', () => {
    expect(check(['新任教师'], [rec('新入职教师职业道德教育', '', 16)])).toEqual([]);
  });

  it('an alias of the role is the role', () => {
    expect(check(['新入职教师'], [])).toHaveLength(1);
  });

  it('a teacher without the role, or an input without roles, is not judged', () => {
    expect(check(['骨干教师'], [])).toEqual([]);
    expect(check([], [])).toEqual([]);
    expect(check(undefined, [])).toEqual([]);
  });

  it('an uncounted record does not count toward the topic', () => {
    const r = rec('入职培训', '职业道德教育', 16);
    const t = teacherYear([0, 0, 0, 0, 0, 0], { roles: ['新任教师'], records: [r] });
    applyPeriodRules(t, binhai);
    r.counted = false;
    expect(roleTopicMinimum.check(t, options)).toHaveLength(1);
  });
});

describe('role-topic-minimum in 上海虹口 (附件 二(二)2: 教师培训者 ≥ 7 学分 of 专题研修 a year)', () => {
  const hongkou = loadRules(path.join(BUILTIN_RULES_DIR, 'hongkou.yaml'));
  const hkOptions = hongkou.checks.find((c) => c.check.meta.id === 'role-topic-minimum')!.options as never;
  const credits = (project: string, category: string, value: number): TrainingRecord => ({ ...rec(project, category, 0), credits: value, read: { hours: null, credits: value, days: null } });
  const run = (roles: string[] | undefined, records: TrainingRecord[]) => roleTopicMinimum.check(teacherYear([0, 0, 0, 0, 0, 0], { roles, records }), hkOptions).map((d) => d.data);

  it('7 学分 of 专题研修 pass; 6.9 fail by 0.1', () => {
    expect(run(['教师培训者'], [credits('区级培训者专题研修', '知识与技能', 7)])).toEqual([]);
    expect(run(['教师培训者'], [credits('区级培训者专题研修', '知识与技能', 4), credits('市级专题研修', '师德与素养', 2.9)])).toEqual([
      { role: '教师培训者', topic: '专题研修', measure: 'credits', measured: 6.9, required: 7, missing: 0.1 },
    ]);
  });

  it('asks nothing of a teacher who does not train teachers, nor of a return with no 角色 column', () => {
    expect(run(['班主任'], [])).toEqual([]);
    expect(run(undefined, [])).toEqual([]);
  });

  it('is judged each year, as the rule set declares it (a teacher check, not a cycle one)', () => {
    const declared = hongkou.checks.find((c) => c.check.meta.id === 'role-topic-minimum')!;
    expect(declared.check.meta.scope).toBe('teacher');
    expect(declared.clause).toContain('二(二)2');
  });
});
