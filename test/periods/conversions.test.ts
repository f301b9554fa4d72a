import { describe, expect, it } from 'vitest';
import type { TrainingRecord } from '../../src/model/types.js';
import { convertRecord } from '../../src/periods/period-rules.js';

const rec = (read: { hours?: number; credits?: number; days?: number }, category?: string): TrainingRecord => ({
  mode: 'other', hours: 0, credits: 0, project: '', level: '', selfSelected: null, status: '', projectId: '',
  ref: { file: 'f.csv', sheet: 'f', row: 2, cell: 'A2' }, counted: true, ...(category ? { category } : {}),
  read: { hours: read.hours ?? null, credits: read.credits ?? null, days: read.days ?? null },
});
const binhai = { hoursPerDay: 8, hoursPerCredit: 10, byCategory: [] };
const converted = (r: TrainingRecord, conv: Parameters<typeof convertRecord>[1]) => {
  convertRecord(r, conv);
  return [r.hours, r.credits];
};

describe('conversions (rule file `conversions`)', () => {
  it('滨海: 半天 = 4 学时, so 11.5 天 are 92 学时 and 0.5 天 are 4; 10 学时 = 1 学分', () => {
    expect(converted(rec({ days: 11.5 }), binhai)).toEqual([92, 9.2]);
    expect(converted(rec({ days: 0.5 }), binhai)).toEqual([4, 0.4]);
  });

  it('学时 given win over 天数, and 学分 given over 学时 ÷ 10', () => {
    expect(converted(rec({ days: 3, hours: 20 }), binhai)).toEqual([20, 2]);
    expect(converted(rec({ hours: 20, credits: 3 }), binhai)).toEqual([20, 3]);
  });

  it('without a conversion, a figure not read counts 0', () => {
    expect(converted(rec({ days: 2 }), { byCategory: [] })).toEqual([0, 0]);
  });

  it('a category converts at its own rate, or not at all where its 学分 must be given', () => {
    const conv = { hoursPerCredit: 10, byCategory: [{ category: '自主研修', hoursPerCredit: 5, creditsGiven: false }, { category: '实践体验', creditsGiven: true }] };
    expect(converted(rec({ hours: 20 }, '自主研修'), conv)).toEqual([20, 4]);
    expect(converted(rec({ hours: 20 }, '实践体验'), conv)).toEqual([20, 0]);
    expect(converted(rec({ hours: 20 }, '知识与技能'), conv)).toEqual([20, 2]);
  });

  it('starts from the figures read each time (applying twice changes nothing), and keeps them', () => {
    const r = rec({ days: 2 });
    convertRecord(r, binhai);
    convertRecord(r, binhai);
    expect([r.hours, r.credits, r.read]).toEqual([16, 1.6, { hours: null, credits: null, days: 2 }]);
  });
});
