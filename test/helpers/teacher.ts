import { loadRules, BUILTIN_RULES_DIR } from '../../src/rules/rules.js';
import { applyPeriodRules } from '../../src/periods/period-rules.js';
import type { Amount, Mode, TeacherYear } from '../../src/model/types.js';
import path from 'node:path';

type Six = [number, number, number, number, number, number];

/** A teacher-year as the 附件2—2 form gives it: [集中 h, c, 网络 h, c, 校本 h, c]. */
export function teacherYear(v: Six, extra: Partial<TeacherYear> = {}): TeacherYear {
  const raw: Record<Mode, Amount> = {
    concentrated: { hours: v[0], credits: v[1] },
    online: { hours: v[2], credits: v[3] },
    school: { hours: v[4], credits: v[5] },
    other: { hours: 0, credits: 0 },
  };
  // The 附件2—2 columns: 姓名 B, 集中 G–H, 网络 I–J, 校本 K–L, 全年汇总 M–N, 备注 O.
  const cells: Record<string, number> = { name: 1, remarks: 14 };
  ['concentrated', 'online', 'school', 'total'].forEach((m, i) => {
    cells[`${m}.hours`] = 6 + i * 2;
    cells[`${m}.credits`] = 7 + i * 2;
  });
  return {
    id: '53080219800101001X',
    name: '张丽',
    gender: '女',
    school: '思茅区第一中学',
    year: 2025,
    subject: '初中语文',
    title: '一级教师',
    remarks: '',
    raw,
    counted: structuredClone(raw),
    declared: { hours: null, credits: null },
    badValues: [],
    exempt: null,
    ref: { file: 'f.xlsx', sheet: 'Sheet1', row: 6, cell: 'B6' },
    cells,
    ...extra,
  };
}

export const puerRules = () => loadRules(path.join(BUILTIN_RULES_DIR, 'puer.yaml'));

/** A teacher with the puer rule set's caps and exemptions applied, as checks see it. */
export function puerTeacher(v: Six, extra: Partial<TeacherYear> = {}): TeacherYear {
  const t = teacherYear(v, extra);
  applyPeriodRules(t, puerRules());
  return t;
}

export function optionsOf(id: string): unknown {
  const active = puerRules().checks.find((c) => c.check.meta.id === id);
  if (!active) throw new Error(`puer does not enable ${id}`);
  return active.options;
}
