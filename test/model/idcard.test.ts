import fc from 'fast-check';
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
  it('judges any 18 characters as the standard\'s rules written with Date and a regex do', () => {
    // The reference: idProblem as it was before it worked on character codes.
    const reference = (id: string) => {
      if (id.length !== 18) return 'length';
      if (!/^\d{17}[\dX]$/.test(id)) return 'characters';
      const y = Number(id.slice(6, 10));
      const m = Number(id.slice(10, 12));
      const d = Number(id.slice(12, 14));
      const date = new Date(Date.UTC(y, m - 1, d));
      if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'birth-date';
      if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'check';
      return null;
    };
    const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => a.join(''));
    // Real-looking IDs: a region, a date near the edges (years 1899-2100, months 00-13, days 00-32), a sequence, and a right or wrong check character.
    const dated = fc
      .tuple(digits(6), fc.integer({ min: 1899, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), digits(3), fc.boolean(), fc.constantFrom(...'0123456789X'))
      .map(([region, y, m, d, seq, right, other]) => {
        const first17 = `${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${seq}`;
        return first17 + (right ? idCheckChar(first17) : other);
      });
    // Characters just outside the digits ('/' and ':'), a lower-case x, a space or a full-width digit, anywhere.
    const oneOff = fc
      .tuple(dated, fc.nat(17), fc.constantFrom('/', ':', 'x', 'X', ' ', '０', 'A'))
      .map(([id, at, c]) => id.slice(0, at) + c + id.slice(at + 1));
    const noise = fc.oneof(oneOff, fc.string({ minLength: 18, maxLength: 18 }), digits(17).map((s) => s + 'x'), digits(16).map((s) => `${s}X1`), fc.string({ maxLength: 20 }));
    fc.assert(
      fc.property(fc.oneof(dated, noise), (id) => {
        expect(idProblem(id)).toBe(reference(id));
      }),
      { numRuns: 5000 },
    );
    // The leap days, on both sides.
    for (const [date, ok] of [['20000229', true], ['19000229', false], ['20240229', true], ['20230229', false], ['20230228', true], ['20231231', true], ['20230431', false]] as const) {
      const first17 = `530802${date}001`;
      expect(idProblem(first17 + idCheckChar(first17))).toBe(ok ? null : 'birth-date');
    }
  });
});

