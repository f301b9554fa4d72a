import { describe, expect, it } from 'vitest';
import { buildCycles, cycleWindow } from '../../src/periods/cycle.js';
import { cycleEveryYear } from '../../src/checks/cycle-every-year.js';
import { cycleMissingYear } from '../../src/checks/cycle-missing-year.js';
import type { TeacherYear } from '../../src/model/types.js';
import { teacherYear } from '../helpers/teacher.js';

const ID = '530802198001010013';
const years = [2021, 2022, 2023, 2024, 2025];
const policy = (dropFailedYears: boolean) => ({ everyYear: true, dropFailedYears, prorate: true });
/** Five years of 120 (40 a mode), 2023 with `y2023` instead. */
const fiveYears = (y2023: [number, number, number, number, number, number]) =>
  years.map((year) => teacherYear(year === 2023 ? y2023 : [40, 40, 40, 40, 40, 40], { id: ID, year, ref: { file: `${year}.xlsx`, sheet: 'Sheet1', row: 6, cell: 'B6' } }));
const failedIn = (list: TeacherYear[], year: number) => (t: TeacherYear) => t.year === year && list.includes(t);

describe('cycle-every-year (普洱 第十条, 第七条; 浙教师〔2016〕71号 第四条)', () => {
  it('names a failed year; an ended cycle is incomplete (a shortfall), a running one behind (pace)', () => {
    const list = fiveYears([40, 40, 20, 20, 40, 40]);
    const ended = cycleWindow(2021, 2025, 2025, policy(true), years);
    const [c] = buildCycles(list, ended, failedIn(list, 2023));
    expect(cycleEveryYear.check(c!, {}, ended)).toEqual([
      { messageId: 'cycleYearFailedDropped', data: { year: 2023, cycle: '2021-2025' }, column: 'year', ref: list[2]!.ref, shortfall: { scope: 'year', year: 2023, kind: 'failed' } },
    ]);
    const running = cycleWindow(2021, 2025, 2024, policy(false), years);
    const [r] = buildCycles(list.slice(0, 4), running, failedIn(list, 2023));
    expect(cycleEveryYear.check(r!, {}, running)).toEqual([{ messageId: 'cycleYearFailed', data: { year: 2023, cycle: '2021-2025' }, column: 'year', ref: list[2]!.ref, pace: true }]);
  });
  it('reports nothing when every year passed, nor when the rule set does not ask for every year', () => {
    const list = fiveYears([40, 40, 40, 40, 40, 40]);
    const w = cycleWindow(2021, 2025, 2025, policy(true), years);
    expect(cycleEveryYear.check(buildCycles(list, w)[0]!, {}, w)).toEqual([]);
    const off = cycleWindow(2021, 2025, 2025, { everyYear: false, dropFailedYears: false, prorate: true }, years);
    expect(cycleEveryYear.check(buildCycles(list, off, failedIn(list, 2023))[0]!, {}, off)).toEqual([]);
  });
  it('dropFailedYears leaves the failed year out of the totals (第七条); without it the year counts', () => {
    const list = fiveYears([40, 40, 20, 20, 40, 40]);
    const drop = cycleWindow(2021, 2025, 2025, policy(true), years);
    expect(buildCycles(list, drop, failedIn(list, 2023))[0]!.toDate.online).toEqual({ hours: 160, credits: 160 });
    const keep = cycleWindow(2021, 2025, 2025, policy(false), years);
    expect(buildCycles(list, keep, failedIn(list, 2023))[0]!.toDate.online).toEqual({ hours: 180, credits: 180 });
  });
});

describe('cycle-missing-year with every year required', () => {
  it('a covered year without a return: a shortfall once ended, pace while running, a plain note without everyYear', () => {
    const list = fiveYears([40, 40, 40, 40, 40, 40]).filter((t) => t.year !== 2023);
    const ended = cycleWindow(2021, 2025, 2025, policy(true), years);
    expect(cycleMissingYear.check(buildCycles(list, ended)[0]!, {}, ended)[0]).toMatchObject({ data: { year: 2023 }, shortfall: { scope: 'year', year: 2023, kind: 'missing' } });
    const running = cycleWindow(2021, 2025, 2024, policy(true), years);
    expect(cycleMissingYear.check(buildCycles(list, running)[0]!, {}, running)[0]).toMatchObject({ data: { year: 2023 }, pace: true });
    const plain = cycleWindow(2021, 2025, 2025, { everyYear: false, dropFailedYears: false, prorate: true }, years);
    const d = cycleMissingYear.check(buildCycles(list, plain)[0]!, {}, plain)[0]!;
    expect([d.shortfall, d.pace]).toEqual([undefined, undefined]);
  });
  it('a year no input covers is not missing for anyone', () => {
    const list = fiveYears([40, 40, 40, 40, 40, 40]).filter((t) => t.year !== 2023);
    const w = cycleWindow(2021, 2025, 2025, policy(true), [2021, 2022, 2024, 2025]);
    expect(buildCycles(list, w)[0]!.missingYears).toEqual([]);
  });
  it('a joiner (exempt first year of service inside the cycle) is not missing the years before, and answers for the years after', () => {
    const list = fiveYears([0, 0, 0, 0, 0, 0]).filter((t) => t.year >= 2023);
    list[0]!.exempt = { reason: 'new-teacher', clause: '第十条', phrase: '新任教师', startsService: true };
    const w = cycleWindow(2021, 2025, 2025, policy(true), years);
    const [c] = buildCycles(list, w);
    expect([c!.joined, c!.missingYears, c!.liable]).toEqual([2023, [], { years: 2, covered: 2 }]);
    // An exemption that does not start service (no firstYearOnly) is no join: the years before are missing.
    list[0]!.exempt = { reason: 'other', clause: 'x' };
    expect(buildCycles(list, w)[0]!.missingYears).toEqual([2021, 2022]);
  });
});
