import { describe, expect, it } from 'vitest';
import { idNameConflict } from '../../src/checks/id-name-conflict.js';
import type { TeacherYear } from '../../src/model/types.js';
import { at, MAN } from '../helpers/identity.js';

describe('id-name-conflict (one 身份证号, one person)', () => {
  const run = (ts: TeacherYear[]) => idNameConflict.check(ts, {}).map((d) => ({ row: d.teacher!.ref.row, ...d.data }));
  it('the same name everywhere: nothing', () => expect(run([at(5, { id: MAN, name: '张丽' }), at(6, { id: MAN, name: '张丽', year: 2024 })])).toEqual([]));
  it('two names, in any year: every row, with the other names', () =>
    expect(run([at(5, { id: MAN, name: '张丽' }), at(6, { id: MAN, name: '张莉', year: 2024 }, 'b.xlsx')])).toEqual([
      { row: 5, id: MAN, name: '张丽', others: '张莉（b.xlsx!B6）' },
      { row: 6, id: MAN, name: '张莉', others: '张丽（a.xlsx!B5）' },
    ]));
  it('a row with no name does not conflict (teacher-identity-missing reports it)', () => expect(run([at(5, { id: MAN, name: '张丽' }), at(6, { id: MAN, name: '' })])).toEqual([]));
});
