import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { teacherExempt } from '../../src/checks/teacher-exempt.js';
import { auditTeachers } from '../../src/load/teacher-audit.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/rules.js';
import type { TrainingRecord } from '../../src/model/types.js';
import { puerTeacher, teacherYear } from '../helpers/teacher.js';

describe('teacher-exempt (普洱 第十条: 新任教师 first year)', () => {
  it.each([
    ['新任教师', true],
    ['2025年9月入职新教师', true],
    ['骨干教师', false],
    ['', false],
  ])('备注 "%s" → exempt %s', (remarks, exempt) => {
    const t = puerTeacher([0, 0, 0, 0, 0, 0], { remarks });
    expect(teacherExempt.check(t, {}).length).toBe(exempt ? 1 : 0);
    expect(Boolean(t.exempt)).toBe(exempt);
  });
});

describe('teacher-exempt reports every record an exemption leaves uncounted (浙教师〔2016〕71号 第四条)', () => {
  const ref = { file: 'x.xlsx', sheet: 'S', row: 2, cell: 'K2' };
  const rec = (project: string, credits: number): TrainingRecord => ({ mode: 'concentrated', credits, hours: credits, project, projectId: '', level: '市级', selfSelected: null, status: '已认定', ref, counted: true });
  it('names the record and the phrase; a certificate course is counted', () => {
    const rules = loadRules(path.join(BUILTIN_RULES_DIR, 'hangzhou.yaml'));
    const t = teacherYear([0, 0, 0, 0, 0, 0], { records: [rec('新教师入职培训', 90), rec('心理健康教育C证上岗培训', 20)] });
    auditTeachers([t], rules);
    expect(t.counted.concentrated.credits).toBe(20);
    expect(t.exempt).toBeNull();
    expect(teacherExempt.check(t, {})).toEqual([
      { messageId: 'recordExcluded', data: { reason: 'new-teacher', phrase: '新教师入职培训', project: '新教师入职培训', mode: 'concentrated', credits: 90, hours: 90 }, ref },
    ]);
  });
});
