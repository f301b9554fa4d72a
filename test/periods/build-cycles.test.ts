import { describe, expect, it } from 'vitest';
import { buildCycles, cycleWindow } from '../../src/periods/cycle.js';
import type { TeacherYear } from '../../src/model/types.js';
import { teacherYear } from '../helpers/teacher.js';

const window = cycleWindow(2021, 2025, 2025);
const years = [2021, 2022, 2023, 2024, 2025];
const ID_A = '530802198001010013';
const ID_B = '530802198001010021';

/** A teacher-year of `hours` 集中 学时 (and as many 学分), at a row of its year's file. */
const ty = (year: number, row: number, extra: Partial<TeacherYear>, hours = 24) =>
  teacherYear([hours, hours, 0, 0, 0, 0], { year, ref: { file: `${year}.xlsx`, sheet: 'Sheet1', row, cell: `B${row}` }, ...extra });

describe('buildCycles: teacher-years combined into cycles', () => {
  it('carries the latest 职称 given and every year\'s roles (issue 19), and no roles where no year has any', () => {
    const [c] = buildCycles(
      [
        ty(2021, 6, { id: ID_A, title: '一级教师', roles: ['班主任'] }),
        ty(2022, 6, { id: ID_A, title: '高级教师', roles: ['骨干教师', '班主任'] }),
        ty(2023, 6, { id: ID_A, title: '' }),
      ],
      window,
    );
    expect(c).toMatchObject({ title: '高级教师', roles: ['班主任', '骨干教师'] });
    const [plain] = buildCycles([ty(2021, 6, { id: ID_A, title: '一级教师' })], window);
    expect(plain!.title).toBe('一级教师');
    expect(plain!.roles).toBeUndefined();
  });

  it('by 身份证号 across years and schools, in the order of each teacher\'s first row', () => {
    const cycles = buildCycles(
      [
        ty(2021, 6, { id: ID_B, name: '李四', school: '一中' }),
        ty(2021, 7, { id: ID_A, name: '张三', school: '一中' }),
        ty(2022, 6, { id: ID_A, name: '张三', school: '二中' }),
        ty(2022, 7, { id: ID_B, name: '李四', school: '一中' }),
      ],
      window,
    );
    expect(cycles.map((c) => [c.id, c.years.map((y) => y.year), c.school])).toEqual([
      [ID_B, [2021, 2022], '一中'],
      [ID_A, [2021, 2022], '二中'],
    ]);
    expect(cycles[1]!.moves).toEqual([{ year: 2022, from: '一中', to: '二中' }]);
    expect(cycles[0]!.missingYears).toEqual([2023, 2024, 2025]);
  });

  it('without a 身份证号: by name within one school only, never with a teacher who has one', () => {
    const cycles = buildCycles(
      [
        ty(2021, 6, { id: '', name: '王芳', school: '一中' }),
        ty(2022, 6, { id: '', name: '王芳', school: '一中' }),
        ty(2022, 7, { id: '', name: '王芳', school: '二中' }),
        ty(2023, 6, { id: ID_A, name: '王芳', school: '一中' }),
      ],
      window,
    );
    expect(cycles.map((c) => [c.id, c.school, c.years.map((y) => y.year)])).toEqual([
      ['', '一中', [2021, 2022]],
      ['', '二中', [2022]],
      [ID_A, '一中', [2023]],
    ]);
  });

  it('counts a year of two returns once, the larger — never the sum — leaving both teacher-years\' own amounts as they were (issue 18)', () => {
    const first = ty(2024, 6, { id: ID_A, school: '一中' }, 24);
    const second = ty(2024, 9, { id: ID_A, school: '二中' }, 12);
    const shared = Object.freeze({ ...first.counted, concentrated: Object.freeze({ hours: 24, credits: 24 }) });
    first.counted = shared as TeacherYear['counted'];
    const [cycle] = buildCycles([first, second], window);
    expect(cycle!.years).toHaveLength(1);
    expect(cycle!.years[0]).toMatchObject({ school: '一中', counted: { concentrated: { hours: 24, credits: 24 } } });
    expect(cycle!.toDate.concentrated).toEqual({ hours: 24, credits: 24 });
    expect(first.counted.concentrated).toEqual({ hours: 24, credits: 24 });
    expect(second.counted.concentrated).toEqual({ hours: 12, credits: 12 });
    // The larger second: it counts, at its school.
    const [later] = buildCycles([ty(2024, 6, { id: ID_A, school: '一中' }, 12), ty(2024, 9, { id: ID_A, school: '二中' }, 30)], window);
    expect(later!.years[0]).toMatchObject({ school: '二中', counted: { concentrated: { hours: 30, credits: 30 } } });
    expect(later!.toDate.concentrated).toEqual({ hours: 30, credits: 30 });
  });

  it('a single return of a year is counted as it is', () => {
    const only = ty(2024, 6, { id: ID_A }, 18);
    const [cycle] = buildCycles([only], window);
    expect(cycle!.years[0]!.counted).toEqual(only.counted);
    expect(cycle!.toDate.concentrated).toEqual({ hours: 18, credits: 18 });
  });
});

describe('buildCycles: a joiner named by 入职年度 (上海虹口 二(二)2 "逐年递减", rule file cycle.joiners)', () => {
  const reads = cycleWindow(2021, 2025, 2025, { everyYear: false, dropFailedYears: false, prorate: true, joiners: { yearServed: true } }, years);
  const joiner = (joined: number | undefined, w = reads) => buildCycles([2023, 2024, 2025].map((y) => ty(y, 6, { id: ID_A, ...(joined !== undefined ? { joined } : {}) })), w)[0]!;

  it('joined 2023 in 2021–2025: owes 2023–2025 (the year joined served), 3 of 5; 2021 and 2022 are not missing', () => {
    const c = joiner(2023);
    expect(c.joined).toBe(2023);
    expect(c.liable).toEqual({ years: 3, covered: 3 });
    expect(c.missingYears).toEqual([]);
    expect(c.given).toEqual({ joined: 2023 });
  });

  it('joined in the cycle\'s first year or before it owes the whole cycle, and its absent years are missing', () => {
    for (const joined of [2021, 2015]) {
      const c = joiner(joined);
      expect(c.joined).toBeNull();
      expect(c.liable.years).toBe(5);
      expect(c.missingYears).toEqual([2021, 2022]);
    }
  });

  it('without 入职年度, or where the rule set does not read it (no cycle.joiners), the whole cycle is owed', () => {
    expect(joiner(undefined).liable.years).toBe(5);
    const c = joiner(2023, cycleWindow(2021, 2025, 2025, { everyYear: false, dropFailedYears: false, prorate: true }, years));
    expect(c.joined).toBeNull();
    expect(c.liable.years).toBe(5);
    // It is still carried, for the report.
    expect(c.given).toEqual({ joined: 2023 });
  });

  it('with yearServed off, the year joined is not owed (as an exempt first year): 2 of 5', () => {
    const c = joiner(2023, cycleWindow(2021, 2025, 2025, { everyYear: false, dropFailedYears: false, prorate: true, joiners: { yearServed: false } }, years));
    expect(c.liable).toEqual({ years: 2, covered: 2 });
  });
});
