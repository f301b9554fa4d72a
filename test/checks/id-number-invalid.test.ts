import { describe, expect, it } from 'vitest';
import { idNumberInvalid } from '../../src/checks/id-number-invalid.js';
import type { TeacherYear } from '../../src/model/types.js';
import { at, id, MAN } from '../helpers/identity.js';

describe('id-number-invalid (GB 11643-1999)', () => {
  const run = (t: TeacherYear) => idNumberInvalid.check(t, {}).map((d) => ({ messageId: d.messageId, ...d.data }));
  it.each([
    ['a valid number', MAN, []],
    ['the standard\'s own example, check character X', '11010519491231002X', []],
    ['born 2000-02-29 (a leap day)', id('20000229', '002'), []],
    ['born in the year of the return', id('20250101', '002'), []],
    ['a wrong check character', MAN.slice(0, 17) + '4', [{ messageId: 'idCheckChar', id: MAN.slice(0, 17) + '4' }]],
    ['17 characters', MAN.slice(0, 17), [{ messageId: 'idLength', id: MAN.slice(0, 17), length: 17 }]],
    ['19 characters', MAN + '1', [{ messageId: 'idLength', id: MAN + '1', length: 19 }]],
    ['a letter inside', '5308021980O1010013', [{ messageId: 'idCharacters', id: '5308021980O1010013' }]],
    ['born 1900-02-29 (1900 was no leap year)', id('19000229', '002'), [{ messageId: 'idBirthDate', id: id('19000229', '002'), birth: '1900-02-29' }]],
    ['born 1987-02-30', id('19870230', '002'), [{ messageId: 'idBirthDate', id: id('19870230', '002'), birth: '1987-02-30' }]],
    ['born the year after the return', id('20260101', '002'), [{ messageId: 'idBirthDate', id: id('20260101', '002'), birth: '2026-01-01' }]],
    ['a 15-digit first-generation number', '530802800101001', [{ messageId: 'idOld15', id: '530802800101001' }]],
    ['scientific notation from a number cell', '5.30802E+17', [{ messageId: 'idStoredAsNumber', id: '5.30802E+17' }]],
  ])('%s', (_, value, expected) => expect(run(at(5, { id: value, year: 2025 }))).toEqual(expected));

  it('a cell that held a number is reported even when its digits happen to check', () =>
    expect(run(at(5, { id: MAN, idFromNumber: true }))).toEqual([{ messageId: 'idStoredAsNumber', id: MAN }]));
  it('a blank 身份证号 is left to teacher-identity-missing', () => expect(run(at(5, { id: '' }))).toEqual([]));
  it('cites the 身份证号 cell', () => expect(idNumberInvalid.check(at(7, { id: MAN.slice(0, 17) + '4' }), {})[0]!.ref?.cell).toBe('D7'));
});
