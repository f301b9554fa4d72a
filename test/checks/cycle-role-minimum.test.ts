import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycleRoleMinimum } from '../../src/checks/cycle-role-minimum.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/rules.js';
import type { Mode, TrainingRecord } from '../../src/model/types.js';
import { cycle, ended, inProgress, record } from '../helpers/cycles.js';

type Options = Parameters<typeof cycleRoleMinimum.check>[1];
const optsOf = (id: string) => loadRules(path.join(BUILTIN_RULES_DIR, `${id}.yaml`)).checks.find((c) => c.check === cycleRoleMinimum)!.options as Options;
const hongkou = optsOf('hongkou');
const wenzhou = optsOf('wenzhou');

const rec = (mode: Mode, amount: number, project: string, level = '区级'): TrainingRecord => ({ ...record(mode, amount, amount), project, level });
const run = (o: Options, roles: string[] | undefined, records: TrainingRecord[], window = ended) => cycleRoleMinimum.check(cycle({}, { roles, records }), o, window);

describe('cycle-role-minimum (上海虹口 二(二)2; 温州 一、4)', () => {
  it.each([
    [3, 0],
    [2.5, 1],
  ])('虹口 班主任 with %d 学分 of 班主任专题 → %d findings', (credits, n) => {
    expect(run(hongkou, ['班主任'], [rec('school', credits, '班主任专题培训')])).toHaveLength(n);
  });

  it('虹口 新任教师 needs 12 of 见习教师规范化培训: 11 is 1 short, 12 passes', () => {
    expect(run(hongkou, ['新任教师'], [rec('school', 11, '上海市见习教师规范化培训', '市级')]).map((d) => d.data.missing)).toEqual([1]);
    expect(run(hongkou, ['新任教师'], [rec('school', 12, '上海市见习教师规范化培训', '市级')])).toEqual([]);
  });

  it('温州 骨干 needs 120 学时 of 集中: 119 集中 + 40 网络 is 1 short', () => {
    const out = run(wenzhou, ['县骨干教师'], [rec('concentrated', 119, '骨干研修'), rec('online', 40, '网络课程')]);
    expect(out.map((d) => [d.data.role, d.data.measured, d.data.missing])).toEqual([['骨干教师', 119, 1]]);
    expect(run(wenzhou, ['县骨干教师'], [rec('concentrated', 120, '骨干研修')])).toEqual([]);
  });

  it('温州 校长 needs 120 学时 of 学校管理类 集中: a 集中 course not about management does not count', () => {
    expect(run(wenzhou, ['校长'], [rec('concentrated', 120, '学科教学研修')])).toHaveLength(1);
    expect(run(wenzhou, ['校长'], [rec('concentrated', 120, '学校管理专题研修')])).toEqual([]);
    expect(run(wenzhou, ['校长'], [rec('online', 120, '学校管理专题研修')])).toHaveLength(1);
  });

  it('温州 班主任 needs 30 学时 of 班主任专题: 29 is short', () => {
    expect(run(wenzhou, ['班主任'], [rec('concentrated', 29, '班主任专题培训')])).toHaveLength(1);
    expect(run(wenzhou, ['班主任'], [rec('concentrated', 30, '班主任专题培训')])).toEqual([]);
  });

  it('applies only where the input carries roles, to teachers holding the role, at the cycle end', () => {
    expect(run(wenzhou, undefined, [])).toEqual([]);
    expect(run(wenzhou, [], [])).toEqual([]);
    expect(run(wenzhou, ['教研组长'], [])).toEqual([]);
    expect(run(wenzhou, ['班主任'], [], inProgress)).toEqual([]);
  });
});
