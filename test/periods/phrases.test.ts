import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/rules.js';
import { matchPhrase } from '../../src/periods/phrases.js';

/** The built-in rule sets' new-teacher rules, as the audit applies them. */
const rule = (id: string, field: 'remarks' | 'projects') => {
  const ex = loadRules(path.join(BUILTIN_RULES_DIR, `${id}.yaml`)).def.exemptions[0]!;
  return { phrases: ex[field], exceptAfter: ex.exceptAfter, exceptBefore: ex.exceptBefore };
};

describe('新任教师 recognised by whole phrases, never by a substring (REGULATIONS.md puer Roles; hangzhou)', () => {
  const puer = rule('puer', 'remarks');
  it.each([
    ['新任教师', '新任教师'],
    ['2025年9月入职新教师', '新教师'],
    ['新任教师（参加上岗培训）', '新任教师'],
    ['新入职', '新入职'],
    ['参加岗前培训', '岗前培训'],
    ['规范化培训第一年', '规范化培训'],
    ['入职培训120学时', '入职培训'],
    // A voided occurrence does not hide a real one later in the text.
    ['新教师指导教师；本人为新任教师', '新任教师'],
  ])('普洱 备注 “%s” is a new teacher (by “%s”)', (text, phrase) => {
    expect(matchPhrase(text, puer)).toBe(phrase);
  });
  it.each(['新教师指导教师', '新教师导师', '非新教师', '不是新任教师', '新任教师培训者', '心理健康教育C证上岗培训', '骨干教师', '', '教师'])(
    '普洱 备注 “%s” is not',
    (text) => {
      expect(matchPhrase(text, puer)).toBeNull();
    },
  );
  const hzProjects = rule('hangzhou', 'projects');
  it.each(['新教师培训（试用期）', '新教师入职培训', '新入职教师培训', '2024年新教师试用期培训'])('杭州 project “%s” is probation', (text) => {
    expect(matchPhrase(text, hzProjects)).not.toBeNull();
  });
  it.each(['心理健康教育C证上岗培训', '新教师导师培训', '新教师培训者高级研修', '班主任专业能力提升培训'])('杭州 project “%s” is not', (text) => {
    expect(matchPhrase(text, hzProjects)).toBeNull();
  });
  it('杭州 备注 “新教师导师” (a mentor) does not exempt a year; “新教师” does', () => {
    const hz = rule('hangzhou', 'remarks');
    expect(matchPhrase('新教师导师', hz)).toBeNull();
    expect(matchPhrase('新教师', hz)).toBe('新教师');
  });
});
