import { describe, expect, it } from 'vitest';
import { duplicateAcrossSchools } from '../../src/checks/duplicate-across-schools.js';
import type { TeacherYear } from '../../src/model/types.js';
import { at, MAN } from '../helpers/identity.js';

describe('duplicate-across-schools (细则 五(二): a moving teacher; both rows cited)', () => {
  const run = (ts: TeacherYear[]) => duplicateAcrossSchools.check(ts, {}).map((d) => ({ school: d.teacher!.school, ...d.data }));
  it('two schools, one year: each row names the other school and its cell', () =>
    expect(run([at(5, { id: MAN, school: '思茅区第一中学' }, 'x/一中.xlsx'), at(8, { id: MAN, school: '思茅区第三中学' }, 'x/三中.xlsx')])).toEqual([
      { school: '思茅区第一中学', id: MAN, year: 2025, others: '思茅区第三中学（三中.xlsx!B8）', counted: '思茅区第一中学（B5）' },
      { school: '思茅区第三中学', id: MAN, year: 2025, others: '思茅区第一中学（一中.xlsx!B5）', counted: '思茅区第一中学（一中.xlsx!B5）' },
    ]));
  it('two schools in different years is a move, not a duplicate', () =>
    expect(run([at(5, { id: MAN, school: '甲校', year: 2024 }), at(8, { id: MAN, school: '乙校', year: 2025 })])).toEqual([]));
  it('twice in the same school is duplicate-in-school, not this', () => expect(run([at(5, { id: MAN }), at(8, { id: MAN })])).toEqual([]));
});
