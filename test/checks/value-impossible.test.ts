import { describe, expect, it } from 'vitest';
import { auditTeacher } from '../../src/load/teacher-audit.js';
import { valueImpossible } from '../../src/checks/value-impossible.js';
import { applyPeriodRules } from '../../src/periods/period-rules.js';
import { optionsOf, puerRules, puerTeacher, teacherYear } from '../helpers/teacher.js';

type Six = [number, number, number, number, number, number];
const run = (v: Six, declared: { hours: number | null; credits: number | null } = { hours: null, credits: null }) =>
  valueImpossible.check(puerTeacher(v, { declared }), optionsOf('value-impossible') as never).map((d) => ({ messageId: d.messageId, cell: d.ref?.cell, ...d.data }));

describe('value-impossible (hours and credits never negative; a year at most 24 × 366 hours)', () => {
  it('zero is not negative', () => expect(run([0, 0, 24, 24, 24, 24])).toEqual([]));
  it('-0.5 online hours is reported at its cell', () =>
    expect(run([24, 24, -0.5, 24, 24, 24])).toEqual([{ messageId: 'negativeValue', cell: 'I6', field: 'online.hours', value: -0.5 }]));
  it('a negative declared total is reported at the total', () =>
    expect(run([24, 24, 24, 24, 24, 24], { hours: 72, credits: -72 })).toEqual([{ messageId: 'negativeValue', cell: 'N6', field: 'total.credits', value: -72 }]));
  it('8784 hours in a year (24 × 366) is possible', () => expect(run([8784 - 48, 24, 24, 24, 24, 24])).toEqual([]));
  it('8784.5 hours is not; the largest mode is cited', () =>
    expect(run([24, 24, 24, 24, 8736.5, 24])).toEqual([{ messageId: 'yearHoursImpossible', cell: 'K6', field: 'school.hours', hours: 8784.5, limit: 8784 }]));
  it('a negative entry counts as 0, so it cannot cancel another mode', () => {
    const rules = puerRules();
    const t = puerTeacher([30, 30, -24, 24, 24, 24]);
    expect(t.counted.online.hours).toBe(0);
    const { result } = auditTeacher(t, rules);
    expect(result.shortfalls).toContainEqual({ measure: 'hours', scope: 'online', measured: 0, required: 24, missing: 24 });
  });

  it('a list of records: a negative 天数 is reported at its cell and counts 0 学时, a 天数 of 0 is not reported', () => {
    const rec = (days: number) => ({
      mode: 'other' as const, hours: 0, credits: 0, project: '', level: '', selfSelected: null, status: '', projectId: '',
      ref: { file: 'f.csv', sheet: 'f', row: 4, cell: 'E4' }, counted: true, read: { hours: null, credits: null, days },
    });
    const t = teacherYear([0, 0, 0, 0, 0, 0], { records: [rec(-2), rec(0), rec(12)] });
    applyPeriodRules(t, { def: { caps: [], exemptions: [], conversions: { hoursPerDay: 8, byCategory: [] } } });
    expect(t.counted.other.hours).toBe(96);
    const found = valueImpossible.check(t, optionsOf('value-impossible') as never).map((d) => ({ messageId: d.messageId, cell: d.ref?.cell, ...d.data }));
    expect(found).toEqual([{ messageId: 'negativeValue', cell: 'E4', field: 'days', value: -2 }]);
  });
});
