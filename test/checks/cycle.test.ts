import { describe, expect, it } from 'vitest';
import { cycleHolding, cycleWindow, parseCycleArg, type TeacherCycle } from '../../src/periods/cycle.js';
import { cycleMissingYear } from '../../src/checks/cycle-missing-year.js';
import { cycleModeMinimum } from '../../src/checks/cycle-mode-minimum.js';
import { cycleModeShareMaximum } from '../../src/checks/cycle-mode-share-maximum.js';
import { cycleSingleRecordMinimum } from '../../src/checks/cycle-single-record-minimum.js';
import { cycleTotalMinimum } from '../../src/checks/cycle-total-minimum.js';
import { singleRecordMaximum } from '../../src/checks/single-record-maximum.js';
import { teacherMoved } from '../../src/checks/teacher-moved.js';
import type { Mode, TrainingRecord } from '../../src/model/types.js';
import { yearOfDate } from '../../src/shapes/hangzhou-export.js';
import { teacherYear } from '../helpers/teacher.js';

const ref = { file: 'x.xlsx', sheet: 'S', row: 2, cell: 'B2' };

function record(mode: Mode, credits: number, hours = credits): TrainingRecord {
  return { mode, credits, hours, project: '项目', projectId: '', level: '市级', selfSelected: null, status: '已认定', ref, counted: true };
}

function cycle(toDate: Partial<Record<Mode, [number, number]>>, extra: Partial<TeacherCycle> = {}): TeacherCycle {
  const amounts = Object.fromEntries((['concentrated', 'online', 'school', 'other'] as Mode[]).map((m) => [m, { hours: toDate[m]?.[0] ?? 0, credits: toDate[m]?.[1] ?? 0 }]));
  return {
    id: '330106198001010012',
    name: '王芳',
    school: '杭州学军中学',
    ref,
    years: [],
    missingYears: [],
    failedYears: [],
    joined: null,
    liable: { years: 5, covered: 4 },
    moves: [],
    toDate: amounts as TeacherCycle['toDate'],
    records: [],
    hasRecords: true,
    exempt: false,
    ...extra,
  };
}

const inProgress = cycleWindow(2022, 2026, 2025); // 4 of 5 years gone
const ended = cycleWindow(2022, 2026, 2026);

describe('cycle windows', () => {
  it('parses --cycle and refuses reversed or malformed ranges', () => {
    expect(parseCycleArg('2021-2025')).toEqual({ start: 2021, end: 2025 });
    expect(parseCycleArg('2025-2021')).toBeNull();
    expect(parseCycleArg('2021')).toBeNull();
  });
  it('finds the rule set\'s cycle holding a year', () => {
    expect(cycleHolding(2025, 2021, 5)).toEqual({ start: 2021, end: 2025 });
    expect(cycleHolding(2026, 2021, 5)).toEqual({ start: 2026, end: 2030 });
    expect(cycleHolding(2020, 2021, 5)).toEqual({ start: 2016, end: 2020 });
  });
  it('has ended only when END ≤ the audit year', () => {
    expect(cycleWindow(2021, 2025, 2025).ended).toBe(true);
    expect(cycleWindow(2021, 2025, 2024).ended).toBe(false);
    expect(cycleWindow(2021, 2025, 2024).elapsed).toBe(4);
  });
});

describe('cycle-total-minimum (浙教师〔2016〕71号: 360 学分 per 5 years; pace 72 a year)', () => {
  const run = (credits: number, window = inProgress) => cycleTotalMinimum.check(cycle({ online: [0, credits] }), { credits: 360 }, window);
  it.each([
    [288, []],
    [287.5, [{ messageId: 'cycleBehindPace', pace: true, required: 288, missing: 0.5 }]],
  ] as const)('4 of 5 years gone, %d credits', (credits, expected) => {
    expect(run(credits).map((d) => ({ messageId: d.messageId, pace: d.pace, required: d.data.required, missing: d.data.missing }))).toEqual(expected);
  });
  it.each([
    [360, []],
    [359.5, [{ messageId: 'cycleTotalBelow', missing: 0.5, shortfall: true }]],
  ] as const)('cycle ended, %d credits', (credits, expected) => {
    expect(run(credits, ended).map((d) => ({ messageId: d.messageId, missing: d.data.missing, shortfall: Boolean(d.shortfall) }))).toEqual(expected);
  });
  it('is behind pace, never incomplete, before the end', () => {
    expect(run(0).every((d) => d.pace && !d.shortfall)).toBe(true);
  });
});

describe('cycle-mode-minimum (普洱 细则 三: each mode ≥ 120 学时 per cycle)', () => {
  const opts = { modes: ['online'] as Mode[], hours: 120, per: {} };
  it.each([
    [120, 0],
    [119.5, 1],
  ])('ended, %d online hours → %d findings', (hours, n) => {
    expect(cycleModeMinimum.check(cycle({ online: [hours, hours] }), opts, cycleWindow(2021, 2025, 2025))).toHaveLength(n);
  });
  it('paces each mode: 3 of 5 years gone needs 72', () => {
    const w = cycleWindow(2021, 2025, 2023);
    const three = { liable: { years: 5, covered: 3 } };
    expect(cycleModeMinimum.check(cycle({ online: [72, 72] }, three), opts, w)).toEqual([]);
    expect(cycleModeMinimum.check(cycle({ online: [71.5, 72] }, three), opts, w)[0]?.data).toMatchObject({ required: 72, missing: 0.5 });
  });
});

describe('cycle-single-record-minimum (浙教师〔2010〕175号: one concentrated training ≥ 90)', () => {
  const opts = { mode: 'concentrated' as const, measure: 'credits' as const, minimum: 90, groupBy: 'projectId' as const };
  it.each([
    [90, 0],
    [89.5, 1],
  ])('best single record %d → %d findings at the end', (credits, n) => {
    expect(cycleSingleRecordMinimum.check(cycle({}, { records: [record('concentrated', credits), record('concentrated', 60)] }), opts, ended)).toHaveLength(n);
  });
  it('does not add records up: 60 + 60 is not one training of 90', () => {
    expect(cycleSingleRecordMinimum.check(cycle({}, { records: [record('concentrated', 60), record('concentrated', 60)] }), opts, ended)).toHaveLength(1);
  });
  it('adds the phases of one project (seed 004 §四, 送培到校): 项目编号 shared, 45 + 45 is one training of 90', () => {
    const phase = (projectId: string, credits: number) => ({ ...record('concentrated', credits), projectId });
    expect(cycleSingleRecordMinimum.check(cycle({}, { records: [phase('ZJ2024001', 45), phase('ZJ2024001', 45)] }), opts, ended)).toEqual([]);
    expect(cycleSingleRecordMinimum.check(cycle({}, { records: [phase('ZJ2024001', 45), phase('ZJ2024001', 44.5)] }), opts, ended)).toHaveLength(1);
    expect(cycleSingleRecordMinimum.check(cycle({}, { records: [phase('ZJ2024001', 45), phase('ZJ2024002', 45)] }), opts, ended)).toHaveLength(1);
    expect(cycleSingleRecordMinimum.check(cycle({}, { records: [phase('ZJ2024001', 45), phase('ZJ2024001', 45)] }), { ...opts, groupBy: 'none' }, ended)).toHaveLength(1);
  });
  it('is not judged before the end, nor on inputs without single records', () => {
    expect(cycleSingleRecordMinimum.check(cycle({}), opts, inProgress)).toEqual([]);
    expect(cycleSingleRecordMinimum.check(cycle({}, { hasRecords: false }), opts, ended)).toEqual([]);
  });
});

describe('cycle-mode-share-maximum (校本 at most one third of the cycle)', () => {
  const opts = { mode: 'school' as const, measure: 'credits' as const, numerator: 1, denominator: 3 };
  it.each([
    [120, 240, 0],
    [121, 239, 1],
  ])('校本 %d of %d + 校本 → %d findings', (school, other, n) => {
    expect(cycleModeShareMaximum.check(cycle({ school: [school, school], online: [other, other] }), opts, inProgress)).toHaveLength(n);
  });
});

describe('single-record-maximum (杭州 seed 004 §六: an excellent 校本 project at most 30 学分)', () => {
  const opts = { mode: 'school' as const, measure: 'credits' as const, maximum: 30 };
  it.each([
    [30, 0],
    [30.5, 1],
  ])('a %d-credit school record → %d findings', (credits, n) => {
    expect(singleRecordMaximum.check(teacherYear([0, 0, 0, 0, 0, 0], { records: [record('school', credits)] }), opts)).toHaveLength(n);
  });
  it('ignores other modes', () => {
    expect(singleRecordMaximum.check(teacherYear([0, 0, 0, 0, 0, 0], { records: [record('concentrated', 90)] }), opts)).toEqual([]);
  });
});

describe('cycle-missing-year and teacher-moved', () => {
  it('reports each missing year', () => {
    expect(cycleMissingYear.check(cycle({}, { missingYears: [2022, 2023] }), {}, inProgress).map((d) => d.data.year)).toEqual([2022, 2023]);
    expect(cycleMissingYear.check(cycle({}), {}, inProgress)).toEqual([]);
  });
  it('lists each move', () => {
    expect(teacherMoved.check(cycle({}, { moves: [{ year: 2024, from: '甲校', to: '乙校' }] }), {}, inProgress)[0]?.data).toEqual({ year: 2024, from: '甲校', to: '乙校' });
  });
});

describe('yearOfDate: a rule set\'s year may start in September (天津 四(二)1)', () => {
  it.each([
    ['2019-10-03', { month: 9, day: 1 }, 2019],
    ['2020-08-31', { month: 9, day: 1 }, 2019],
    ['2020-09-01', { month: 9, day: 1 }, 2020],
    ['2023年5月12日', { month: 1, day: 1 }, 2023],
    ['2023/1/1', { month: 1, day: 1 }, 2023],
  ] as const)('%s → %d', (date, start, year) => {
    expect(yearOfDate(date, start)).toBe(year);
  });
});

describe('teacher-moved lists a change of 学段 for review (细则 五(二) covers 市内同学段)', () => {
  const year = (y: number, school: string, subject: string) => ({ year: y, school, subject, counted: cycle({}).toDate, exempt: false, failed: false, ref: { ...ref, row: y } });
  it('小学 → 初中 in one school is listed; 小学语文 → 小学数学 is not', () => {
    const c = cycle({}, { years: [year(2024, '一中', '小学数学'), year(2025, '一中', '初中数学')] });
    expect(teacherMoved.check(c, {}, inProgress).map((d) => [d.messageId, d.data.year])).toEqual([['stageChanged', 2025]]);
    const same = cycle({}, { years: [year(2024, '一中', '小学语文'), year(2025, '一中', '小学数学')] });
    expect(teacherMoved.check(same, {}, inProgress)).toEqual([]);
  });
});

describe('cycle-mode-minimum per-mode minimums (普洱 细则 三 校本研修模块: 校本 ≥ 120 学分)', () => {
  const opts = { modes: ['concentrated', 'online', 'school'] as Mode[], hours: 120, per: { school: { credits: 120 } } };
  const all = (schoolCredits: number) => cycle({ concentrated: [120, 120], online: [120, 120], school: [240, schoolCredits] });
  it.each([
    [120, []],
    [116, ['school.credits']],
  ] as const)('校本 240 学时 with %d 学分', (credits, expected) => {
    const got = cycleModeMinimum.check(all(credits), opts, cycleWindow(2021, 2025, 2025));
    expect(got.map((d) => `${d.data.scope}.${d.data.measure}`)).toEqual(expected);
  });
  it('credits of the other modes are not required where only hours are given', () => {
    expect(cycleModeMinimum.check(cycle({ concentrated: [120, 0], online: [120, 0], school: [120, 120] }), opts, cycleWindow(2021, 2025, 2025))).toEqual([]);
  });
});
