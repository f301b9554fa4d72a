import { describe, expect, it } from 'vitest';
import { duplicateInput } from '../../src/checks/duplicate-input.js';
import type { InputSummary } from '../../src/model/types.js';
import { input, setAside } from '../helpers/inputs.js';

// Whole audits of a file sent twice (the engine setting the copy aside): test/engine/duplicates-count-once.test.ts.
const run = (inputs?: InputSummary[]) => duplicateInput.check([], {}, inputs);
const kept = input('/in/a/2025年度四小.xlsx');
const copyOf = (file: string, teachers = 5) => setAside(input(file), { reason: 'same-content', kept, school: null, year: null, teachers });

describe('duplicate-input (the same bytes twice are one input, the copy named)', () => {
  it('reports nothing without inputs, nor for inputs of which nothing is set aside', () => {
    expect(run()).toEqual([]);
    expect(run([kept, input('/in/b/2025年度五小.xlsx')])).toEqual([]);
  });

  it.each([
    ['in another folder', '/in/b/2025年度四小-副本.xlsx', '../a/2025年度四小.xlsx'],
    ['in the same folder', '/in/a/2025年度四小-副本.xlsx', '2025年度四小.xlsx'],
  ])('a copy %s: one finding at the copy, naming the kept file from it, with its teacher rows', (_, file, named) => {
    expect(run([kept, copyOf(file)])).toEqual([
      { school: '思茅区第五小学', year: 2023, ref: { file, sheet: 'Sheet1', row: 1, cell: 'A1' }, messageId: 'inputSameContent', data: { kept: named, teachers: 5 } },
    ]);
  });

  it('one finding per copy, in input order', () => {
    const found = run([copyOf('/in/c/x.xlsx', 3), kept, copyOf('/in/b/y.xlsx', 4)]);
    expect(found.map((d) => [d.ref!.file, d.data.teachers])).toEqual([
      ['/in/c/x.xlsx', 3],
      ['/in/b/y.xlsx', 4],
    ]);
  });

  it('a resent copy (other bytes) is left to resent-input', () => {
    const resent = setAside(input('/in/b/2025年度四小.xlsx'), { reason: 'resent', kept, school: '思茅区第五小学', year: 2023, teachers: 5 });
    expect(run([kept, resent])).toEqual([]);
  });

  it('a copy with no sheet is still reported, at its first cell', () => {
    expect(run([kept, { ...copyOf('/in/b/z.csv'), sheets: [] }])[0]!.ref).toEqual({ file: '/in/b/z.csv', sheet: '', row: 1, cell: 'A1' });
  });
});
