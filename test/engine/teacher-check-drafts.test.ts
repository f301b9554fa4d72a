import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/rules.js';
import { NO_DRAFTS, type FindingDraft, type TeacherCheck } from '../../src/checks/types.js';
import { puerRules, puerTeacher } from '../helpers/teacher.js';

/**
 * Every teacher check of both built-in rule sets, run as the engine runs them on each teacher:
 * the contract its hot path relies on (issue 5), not one check's rule.
 */
describe('a teacher check with nothing to report', () => {
  // A complete teacher with a valid 身份证号 (check character 3) whose gender matches it (…001: odd, 男).
  const clean = () => puerTeacher([30, 30, 24, 24, 24, 24], { id: '530802198001010013', gender: '男' });
  const teacherChecks = puerRules().checks.filter((a) => a.check.meta.scope === 'teacher');
  const hangzhouOnly = loadRules(path.join(BUILTIN_RULES_DIR, 'hangzhou.yaml')).checks.filter((a) => a.check.meta.scope === 'teacher' && !teacherChecks.some((p) => p.check === a.check));

  it.each([...teacherChecks, ...hangzhouOnly].map((a) => [a.check.meta.id, a] as const))('%s returns the one shared empty list', (_, active) => {
    // One list for every teacher, not a new one each: ~15 lists a teacher at a million teachers (issue 5).
    expect((active.check as TeacherCheck).check(clean(), active.options)).toBe(NO_DRAFTS);
  });

  it('and that list cannot be added to', () => {
    expect(Object.isFrozen(NO_DRAFTS)).toBe(true);
    expect(() => (NO_DRAFTS as FindingDraft[]).push({ messageId: 'x', data: {} })).toThrow(TypeError);
  });

  it('still reports what it finds, in a list of its own', () => {
    const short = puerTeacher([10, 10, 24, 24, 24, 24]);
    const minimum = teacherChecks.find((a) => a.check.meta.id === 'annual-mode-minimum')!;
    const drafts = (minimum.check as TeacherCheck).check(short, minimum.options);
    expect(drafts).not.toBe(NO_DRAFTS);
    expect(drafts.map((d) => d.data.mode)).toEqual(['concentrated', 'concentrated']);
  });
});
