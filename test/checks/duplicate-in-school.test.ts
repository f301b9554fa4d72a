import { describe, expect, it } from 'vitest';
import { duplicateInSchool } from '../../src/checks/duplicate-in-school.js';
import type { TeacherYear } from '../../src/model/types.js';
import { at, MAN, WOMAN } from '../helpers/identity.js';

describe('duplicate-in-school (one teacher once per school and year)', () => {
  const run = (ts: TeacherYear[]) => duplicateInSchool.check(ts, {}).map((d) => ({ row: d.teacher!.ref.row, ...d.data }));
  it('one row each: nothing', () => expect(run([at(5, { id: MAN }), at(6, { id: WOMAN })])).toEqual([]));
  it('the same 身份证号 twice: both rows, each naming the other', () =>
    expect(run([at(5, { id: MAN }), at(6, { id: WOMAN }), at(9, { id: MAN })])).toEqual([
      { row: 5, id: MAN, count: 2, others: 'B9', counted: 'B5' },
      { row: 9, id: MAN, count: 2, others: 'B5', counted: 'B5' },
    ]));
  it('three times, and in another file of the same school', () =>
    expect(run([at(5, { id: MAN }), at(9, { id: MAN }), at(7, { id: MAN }, 'dir/b.xlsx')]).map((x) => (x as Record<string, unknown>).others)).toEqual(['B9, b.xlsx!B7', 'B5, b.xlsx!B7', 'a.xlsx!B5, a.xlsx!B9']));
  it('the same 身份证号 in another year or another school is not a duplicate here', () => {
    expect(run([at(5, { id: MAN, year: 2024 }), at(6, { id: MAN, year: 2025 })])).toEqual([]);
    expect(run([at(5, { id: MAN, school: '甲校' }), at(6, { id: MAN, school: '乙校' })])).toEqual([]);
  });
  it('rows without a 身份证号 are not duplicates of each other', () => expect(run([at(5, { id: '' }), at(6, { id: '' })])).toEqual([]));
  it('names the row the engine counts (the other marked set aside), wherever it stands', () => {
    const kept = at(9, { id: MAN });
    expect(run([at(5, { id: MAN, setAside: { reason: 'same-school', kept, identical: false } }), kept]).map((x) => (x as Record<string, unknown>).counted)).toEqual(['B9', 'B9']);
  });
});
