import { describe, expect, it } from 'vitest';
import { idCheckChar, idGender, idProblem } from '../../src/model/idcard.js';

describe('身份证号 (GB 11643-1999)', () => {
  it('computes the check character of the standard\'s own example', () => {
    // GB 11643-1999 appendix example: 11010519491231002X.
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idProblem('11010519491231002X')).toBeNull();
  });
  it('finds a wrong check character', () => expect(idProblem('110105194912310021')).toBe('check'));
  it('finds an impossible birth date', () => expect(idProblem('530802198002300012'.slice(0, 17) + idCheckChar('53080219800230001'))).toBe('birth-date'));
  it('finds a wrong length', () => expect(idProblem('5308021980010100')).toBe('length'));
  it('reads gender from the 17th digit', () => {
    expect(idGender('11010519491231002X')).toBe('女');
    expect(idGender('110105194912310011')).toBe('男');
  });
});
