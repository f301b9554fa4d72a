import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyNegative, modeSum } from '../../src/model/amounts.js';
import { readNumber } from '../../src/read/numbers.js';
import { MEASURES, MODES, type Amount, type Mode } from '../../src/model/types.js';

describe('readNumber: the way for plain digits', () => {
  // A leading space sends the text down the general way (white space is dropped there), so the
  // general way's reading of the same text is the reference for the quick one.
  const kindAndValue = (r: ReturnType<typeof readNumber>) => (r.kind === 'number' ? r : { kind: r.kind });
  it('reads text of digits and dots as the general way does', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('0', '1', '5', '9', '.', '.', '-', '+', 'e'), maxLength: 25 }), (s) => {
        expect(kindAndValue(readNumber(s))).toEqual(kindAndValue(readNumber(` ${s}`)));
      }),
      { numRuns: 3000 },
    );
  });
  it.each([['24'], ['43.2'], ['007'], ['1.'], ['.5'], ['1.2.3'], ['-3'], ['12345678901234567890123']])('%j', (s) => {
    expect(kindAndValue(readNumber(s))).toEqual(kindAndValue(readNumber(` ${s}`)));
  });
});

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

  it.each([
    ['1,024', 1024],
    ['1,024.5', 1024.5],
    ['12,345,678', 12345678],
    ['1，024', 1024],
    ['1,024学时', 1024],
    ['-1,024', -1024],
  ] as const)('a comma before exactly three digits separates thousands: %j → %d', (input, value) => {
    expect(readNumber(input)).toEqual({ kind: 'number', value });
  });

  // A decimal comma (24,5 is 24.5 in much of Europe, and a slip of the pen here) was dropped: 2,4
  // 学时 read as 24 and met a 24-hour minimum (issue 18).
  it.each(['24,5', '24，5', '2,4', '2,4学时', '1,02', '1,0245', '1,024,5', ',024', '1,', '24,5.0', '1,,024'])('%j: any other comma is not a number', (input) => {
    expect(readNumber(input)).toEqual({ kind: 'bad', text: input });
  });

  it('a formula error is not a number', () => {
    expect(readNumber({ error: '#DIV/0!' })).toEqual({ kind: 'bad', text: '#DIV/0!' });
  });
});

describe('modeSum and anyNegative: the modes by name', () => {
  // Amounts as forms give them, and the awkward ones: -0, negatives, fractions that do not add exactly, NaN.
  const value = fc.oneof(fc.double({ noNaN: false }), fc.constantFrom(0, -0, -1, 0.1, 0.2, 0.3, 24, 1e-7, Number.NaN), fc.integer({ min: -100, max: 100 }));
  const amounts = fc
    .tuple(...Array.from({ length: 8 }, () => value))
    .map((v) => Object.fromEntries(MODES.map((m, i) => [m, { hours: v[2 * i]!, credits: v[2 * i + 1]! }])) as Record<Mode, Amount>);

  it('adds as a reduce over MODES from 0 does, to the last bit', () => {
    fc.assert(
      fc.property(amounts, fc.constantFrom(...MEASURES), (a, measure) => {
        expect(Object.is(modeSum(a, measure), MODES.reduce((s, m) => s + a[m][measure], 0))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a negative amount exactly when some mode has one', () => {
    fc.assert(
      fc.property(amounts, (a) => {
        expect(anyNegative(a)).toBe(MODES.some((m) => MEASURES.some((k) => a[m][k] < 0)));
      }),
      { numRuns: 2000 },
    );
  });
});


describe('a blank amount', () => {
  it('is one shared reading, whatever blank it was, and cannot be changed', () => {
    const blank = readNumber(null);
    expect(blank).toEqual({ kind: 'blank' });
    for (const v of [undefined, '', ' ', '-', '—', '/', '　']) expect(readNumber(v)).toBe(blank);
    expect(Object.isFrozen(blank)).toBe(true);
    expect(readNumber(0)).toEqual({ kind: 'number', value: 0 });
  });
});
