import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/rules.js';
import { declaredTotalMismatch } from '../../src/checks/declared-total-mismatch.js';
import { modeCreditCeiling } from '../../src/checks/mode-credit-ceiling.js';
import { modeHoursCap } from '../../src/checks/mode-hours-cap.js';
import { teacherExempt } from '../../src/checks/teacher-exempt.js';
import { valueNotNumber } from '../../src/checks/value-not-number.js';
import { mergedNumber } from '../../src/checks/merged-number.js';
import { NO_DRAFTS, type FindingDraft, type TeacherCheck } from '../../src/checks/types.js';
import { optionsOf, puerRules, puerTeacher } from '../helpers/teacher.js';

describe('mode-hours-cap (普洱 附件3 三: 校本 at most 48 学时)', () => {
  it.each([
    [48, []],
    [48.5, [{ mode: 'school', measure: 'hours', declared: 48.5, counted: 48, excess: 0.5 }]],
  ] as const)('%s school hours', (hours, expected) => {
    expect(modeHoursCap.check(puerTeacher([24, 24, 24, 24, hours, 0]), {}).map((d) => d.data)).toEqual(expected);
  });
  it('scales the credits of the hours above 48 with them: 60 学时 for 60 学分 counts 48 学时 and 48 学分', () => {
    const t = puerTeacher([24, 24, 24, 24, 60, 60]);
    expect(t.counted.school).toEqual({ hours: 48, credits: 48 });
    expect(modeHoursCap.check(t, {}).map((d) => [d.messageId, d.data.measure, d.data.counted, d.data.excess])).toEqual([
      ['aboveCap', 'hours', 48, 12],
      ['aboveCapScaled', 'credits', 48, 12],
    ]);
  });
  it('leaves credits alone at exactly 48 hours, and scales them at 48.5 (48 学分 of 48.5 学时 count 47.5)', () => {
    expect(puerTeacher([24, 24, 24, 24, 48, 57.6]).counted.school).toEqual({ hours: 48, credits: 57.6 });
    expect(puerTeacher([24, 24, 24, 24, 48.5, 48.5]).counted.school).toEqual({ hours: 48, credits: 48 });
    expect(puerTeacher([24, 24, 24, 24, 97, 48.5]).counted.school).toEqual({ hours: 48, credits: 24 });
  });
});

describe('declared-total-mismatch (附件2—2 全年汇总 = the sum of the modes)', () => {
  const run = (declared: { hours: number | null; credits: number | null }) =>
    declaredTotalMismatch.check(puerTeacher([30, 30, 24, 24, 24, 24], { declared }), optionsOf('declared-total-mismatch') as never).map((d) => d.data);
  it('a matching total is fine', () => expect(run({ hours: 78, credits: 78 })).toEqual([]));
  it('a blank total is not a mismatch', () => expect(run({ hours: null, credits: null })).toEqual([]));
  it('80 declared against 78 summed is reported with the difference', () =>
    expect(run({ hours: 80, credits: 78 })).toEqual([{ measure: 'hours', declared: 80, sum: 78, difference: 2 }]));
  it('a difference within the tolerance (0.01) is rounding', () => expect(run({ hours: 78.01, credits: 77.99 })).toEqual([]));
  it('a difference of 0.02 is reported', () => expect(run({ hours: 78.02, credits: 78 })).toHaveLength(1));
});

describe('mode-credit-ceiling (普洱 第十一条, 第十三条)', () => {
  const run = (v: [number, number, number, number, number, number]) =>
    modeCreditCeiling.check(puerTeacher(v), optionsOf('mode-credit-ceiling') as never).map((d) => ({ mode: d.data.mode, severity: d.severity, messageId: d.messageId }));
  it.each([
    ['online 28.8 on 24 hours is the formula maximum', [24, 24, 24, 28.8, 24, 24], []],
    ['online 28.9 on 24 hours is an error', [24, 24, 24, 28.9, 24, 24], [{ mode: 'online', severity: 'error', messageId: 'creditsAboveFormula' }]],
    ['school 28.9 on 24 hours is an error', [24, 24, 24, 24, 24, 28.9], [{ mode: 'school', severity: 'error', messageId: 'creditsAboveFormula' }]],
    ['concentrated 86.4 on 24 hours (3.6×) passes', [24, 86.4, 24, 24, 24, 24], []],
    ['concentrated 86.5 on 24 hours is a lecturing warning', [24, 86.5, 24, 24, 24, 24], [{ mode: 'concentrated', severity: 'warning', messageId: 'creditsAboveLecturing' }]],
    ['concentrated 240 on 24 hours (10×) is still a warning', [24, 240, 24, 24, 24, 24], [{ mode: 'concentrated', severity: 'warning', messageId: 'creditsAboveLecturing' }]],
    ['concentrated 240.5 on 24 hours is an error', [24, 240.5, 24, 24, 24, 24], [{ mode: 'concentrated', severity: 'error', messageId: 'creditsAboveFormula' }]],
    ['credits with no hours are an error', [0, 0, 0, 5, 24, 24], [{ mode: 'online', severity: 'error', messageId: 'creditsAboveFormula' }]],
    ['fewer credits than hours (a failed project) is fine', [24, 0, 24, 10, 24, 0], []],
  ] as const)('%s', (_, v, expected) => {
    expect(run([...v] as never)).toEqual(expected);
  });
});

describe('value-not-number', () => {
  it('reports every bad value cell with its text and cell', () => {
    const t = puerTeacher([24, 24, 0, 24, 24, 24], { badValues: [{ field: 'online.hours', text: '二十四', ref: { file: 'f.xlsx', sheet: 'Sheet1', row: 6, cell: 'I6' } }] });
    expect(valueNotNumber.check(t, {})).toEqual([{ messageId: 'notANumber', data: { field: 'online.hours', text: '二十四' }, ref: { file: 'f.xlsx', sheet: 'Sheet1', row: 6, cell: 'I6' } }]);
  });
  it('reports nothing for a clean row', () => expect(valueNotNumber.check(puerTeacher([24, 24, 24, 24, 24, 24]), {})).toEqual([]));
});

describe('merged-number (a value merged over several rows counts for each, and is said)', () => {
  it('reports each merged amount with its field, range and cell', () => {
    const ref = { file: 'f.xlsx', sheet: 'Sheet1', row: 7, cell: 'G7' };
    const t = puerTeacher([48, 24, 24, 24, 24, 24], { merged: [{ field: 'concentrated.hours', range: 'G6:G8', ref }] });
    expect(mergedNumber.check(t, {})).toEqual([{ messageId: 'mergedNumber', data: { field: 'concentrated.hours', range: 'G6:G8' }, ref }]);
  });
  it('reports nothing for a teacher without merged amounts', () => expect(mergedNumber.check(puerTeacher([24, 24, 24, 24, 24, 24]), {})).toBe(NO_DRAFTS));
  it('is a warning in both rule sets', () => {
    for (const id of ['puer', 'hangzhou']) {
      const rules = loadRules(path.join(BUILTIN_RULES_DIR, `${id}.yaml`));
      expect(rules.checks.find((c) => c.check.meta.id === 'merged-number')?.severity, id).toBe('warning');
    }
  });
});

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
