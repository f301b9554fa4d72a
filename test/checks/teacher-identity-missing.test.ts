import { describe, expect, it } from 'vitest';
import { teacherIdentityMissing } from '../../src/checks/teacher-identity-missing.js';
import type { TeacherYear } from '../../src/model/types.js';
import { at, MAN } from '../helpers/identity.js';

describe('teacher-identity-missing', () => {
  const run = (t: TeacherYear) => teacherIdentityMissing.check(t, {}).map((d) => ({ messageId: d.messageId, cell: d.ref?.cell }));
  it('nothing when both are there', () => expect(run(at(5, { id: MAN, name: '张丽' }))).toEqual([]));
  it('no name', () => expect(run(at(5, { id: MAN, name: '' }))).toEqual([{ messageId: 'nameMissing', cell: 'B5' }]));
  it('no 身份证号', () => expect(run(at(5, { id: '', name: '张丽' }))).toEqual([{ messageId: 'idMissing', cell: 'D5' }]));
  it('neither', () => expect(run(at(5, { id: '', name: '' }))).toEqual([{ messageId: 'nameMissing', cell: 'B5' }, { messageId: 'idMissing', cell: 'D5' }]));
});
