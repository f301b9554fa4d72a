import { describe, expect, it } from 'vitest';
import { resentInput } from '../../src/checks/resent-input.js';
import type { InputSetAside, InputSummary } from '../../src/model/types.js';
import { input, setAside } from '../helpers/inputs.js';

// Whole audits of a resent copy (which is kept, what is set aside): test/engine/duplicates-count-once.test.ts.
const run = (inputs?: InputSummary[]) => resentInput.check([], {}, inputs);
const kept = input('/in/2023年度五小(修改版).xlsx');
const part = (extra: Partial<InputSetAside> = {}): InputSetAside => ({ reason: 'resent', kept, school: '思茅区第五小学', year: 2023, teachers: 5, ...extra });
const ORIGINAL = '/in/2023年度五小.xlsx';

describe('resent-input (细则 四(二): a school declares a year once; the set-aside copy named)', () => {
  it('reports nothing without inputs, nor for inputs of which nothing is set aside', () => {
    expect(run()).toEqual([]);
    expect(run([kept, input(ORIGINAL)])).toEqual([]);
  });

  it('a set-aside school year: one finding at the set-aside input, naming its school, year, teacher rows and the kept file', () => {
    expect(run([setAside(input(ORIGINAL), part()), kept])).toEqual([
      {
        school: '思茅区第五小学',
        year: 2023,
        ref: { file: ORIGINAL, sheet: 'Sheet1', row: 1, cell: 'A1' },
        messageId: 'inputResent',
        data: { school: '思茅区第五小学', year: 2023, kept: '2023年度五小(修改版).xlsx', teachers: 5 },
      },
    ]);
  });

  it.each([
    ['the part names its school', { school: '思茅区第六小学' }, '思茅区第六小学', 2023, 2023],
    ['a part without a school takes the input\u2019s', { school: null }, '思茅区第五小学', 2023, 2023],
    ['a part without a year says none', { year: null }, '思茅区第五小学', null, ''],
  ] as const)('%s', (_, extra, school, year, dataYear) => {
    const [d] = run([setAside(input(ORIGINAL), part(extra)), kept]);
    expect([d!.school, d!.year, d!.data.school, d!.data.year]).toEqual([school, year, school, dataYear]);
  });

  it('each set-aside school year of an export is its own finding, in order', () => {
    const found = run([setAside(input(ORIGINAL), part({ year: 2022, teachers: 2 }), part({ year: 2023, teachers: 3 })), kept]);
    expect(found.map((d) => [d.year, d.data.teachers])).toEqual([
      [2022, 2],
      [2023, 3],
    ]);
  });

  it('the same bytes twice are left to duplicate-input', () => {
    expect(run([kept, setAside(input('/in/b/copy.xlsx'), part({ reason: 'same-content', school: null, year: null }))])).toEqual([]);
  });
});
