import { describe, expect, it } from 'vitest';
import { readNumber } from '../../src/audit/numbers.js';

describe('readNumber: the ways an hours/credits cell arrives', () => {
  it.each([
    [24, 24],
    ['24', 24],
    ['24学时', 24],
    ['26.4学分', 26.4],
    ['２４', 24],
    ['２４．５', 24.5],
    [' 24.0 ', 24],
    ['24 学时', 24],
    ['1,024', 1024],
    ['0', 0],
  ] as const)('%j → %d', (input, value) => {
    expect(readNumber(input)).toEqual({ kind: 'number', value });
  });

  it.each([null, '', '   ', '\u3000'])('%j is blank', (input) => {
    expect(readNumber(input)).toEqual({ kind: 'blank' });
  });

  it.each(['二十四', '待定', '24h30', 'abc', '#REF!'])('%j is not a number, never 0', (input) => {
    expect(readNumber(input)).toEqual({ kind: 'bad', text: input });
  });

  it('a formula error is not a number', () => {
    expect(readNumber({ error: '#DIV/0!' })).toEqual({ kind: 'bad', text: '#DIV/0!' });
  });
});
