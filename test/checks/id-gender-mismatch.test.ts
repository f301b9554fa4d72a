import { describe, expect, it } from 'vitest';
import { genderOf, idGenderMismatch } from '../../src/checks/id-gender-mismatch.js';
import type { TeacherYear } from '../../src/model/types.js';
import { at, MAN, WOMAN } from '../helpers/identity.js';

describe('id-gender-mismatch (the 17th digit: odd men, even women)', () => {
  const run = (idValue: string, gender: string, extra: Partial<TeacherYear> = {}) => idGenderMismatch.check(at(5, { id: idValue, gender, ...extra }), {}).map((d) => d.data);
  it.each([
    [MAN, '男', []],
    [WOMAN, '女', []],
    [MAN, ' 男性 ', []],
    [WOMAN, 'F', []],
    [MAN, '女', [{ id: MAN, gender: '女', idGender: '男' }]],
    [WOMAN, '男', [{ id: WOMAN, gender: '男', idGender: '女' }]],
    [WOMAN, 'male', [{ id: WOMAN, gender: 'male', idGender: '女' }]],
  ])('%s with 性别 "%s"', (idValue, gender, expected) => expect(run(idValue, gender)).toEqual(expected));
  it('does not compare a blank or unreadable 性别', () => {
    expect(run(MAN, '')).toEqual([]);
    expect(run(MAN, '未知')).toEqual([]);
  });
  it('does not compare a 身份证号 that is not 18 characters, or one read from a number', () => {
    expect(run('530802800101002', '男')).toEqual([]);
    expect(run(WOMAN, '男', { idFromNumber: true })).toEqual([]);
  });
  it('cites the 性别 cell', () => expect(idGenderMismatch.check(at(9, { id: MAN, gender: '女' }), {})[0]!.ref?.cell).toBe('C9'));
  it('reads the ways forms write 性别', () => expect(['男', '女', '男性', '女性', 'M', 'f', 'Male', 'FEMALE', '1'].map(genderOf)).toEqual(['男', '女', '男', '女', '男', '女', '男', '女', null]));
});
