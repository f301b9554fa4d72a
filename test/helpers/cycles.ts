import { cycleWindow, type TeacherCycle } from '../../src/periods/cycle.js';
import type { Mode, TeacherYear, TrainingRecord } from '../../src/model/types.js';
import { teacherYear } from './teacher.js';

/** The ref of every record and cycle built here. */
export const cycleRef = { file: 'x.xlsx', sheet: 'S', row: 2, cell: 'B2' };

/** A recognised single record of a platform export (credits = hours unless given). */
export function record(mode: Mode, credits: number, hours = credits): TrainingRecord {
  return { mode, credits, hours, project: '项目', projectId: '', level: '市级', selfSelected: null, status: '已认定', ref: cycleRef, counted: true };
}

/** A teacher's cycle with `toDate` [hours, credits] per mode (0 for the modes not given). */
export function cycle(toDate: Partial<Record<Mode, [number, number]>>, extra: Partial<TeacherCycle> = {}): TeacherCycle {
  const amounts = Object.fromEntries((['concentrated', 'online', 'school', 'other'] as Mode[]).map((m) => [m, { hours: toDate[m]?.[0] ?? 0, credits: toDate[m]?.[1] ?? 0 }]));
  return {
    id: '330106198001010012',
    name: '王芳',
    school: '杭州学军中学',
    ref: cycleRef,
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

export const inProgress = cycleWindow(2022, 2026, 2025); // 4 of 5 years gone
export const ended = cycleWindow(2022, 2026, 2026);

/** One teacher's five form years (2021–2025), for the every-year rules (普洱 第七条, 第十条). */
export const ID = '530802198001010013';
export const years = [2021, 2022, 2023, 2024, 2025];
export const policy = (dropFailedYears: boolean) => ({ everyYear: true, dropFailedYears, prorate: true });
/** Five years of 120 (40 a mode), 2023 with `y2023` instead. */
export const fiveYears = (y2023: [number, number, number, number, number, number]) =>
  years.map((year) => teacherYear(year === 2023 ? y2023 : [40, 40, 40, 40, 40, 40], { id: ID, year, ref: { file: `${year}.xlsx`, sheet: 'Sheet1', row: 6, cell: 'B6' } }));
/** The failed-year predicate buildCycles takes: `year` of `list` failed. */
export const failedIn = (list: TeacherYear[], year: number) => (t: TeacherYear) => t.year === year && list.includes(t);
