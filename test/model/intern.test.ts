import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AmountInterner, TextPool } from '../../src/model/intern.js';
import { MODES, type Amount, type Mode } from '../../src/model/types.js';

const raw = (v: number[]): Record<Mode, Amount> => ({
  concentrated: { hours: v[0]!, credits: v[1]! },
  online: { hours: v[2]!, credits: v[3]! },
  school: { hours: v[4]!, credits: v[5]! },
  other: { hours: v[6]!, credits: v[7]! },
});

describe('shared amounts', () => {
  it('gives one frozen object for equal amounts and another for any difference', () => {
    const i = new AmountInterner();
    const a = i.raw(raw([24, 26.4, 30, 30, 24, 24, 0, 0]));
    expect(i.raw(raw([24, 26.4, 30, 30, 24, 24, 0, 0]))).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a.online)).toBe(true);
    expect(a).toEqual(raw([24, 26.4, 30, 30, 24, 24, 0, 0]));
    for (const other of [[24, 26.41, 30, 30, 24, 24, 0, 0], [24, 26.4, 30, 30, 24, 24, 0, -0.0001], [26.4, 24, 30, 30, 24, 24, 0, 0], [24, 26.4, 30, 30, 24, 24, 0, NaN]]) {
      const b = i.raw(raw(other));
      expect(b).not.toBe(a);
      expect(b).toEqual(raw(other));
    }
    expect(i.raw(raw([24, 26.4, 30, 30, 24, 24, 0, NaN]))).toBe(i.raw(raw([24, 26.4, 30, 30, 24, 24, 0, NaN])));
  });

  it('keeps a declared total that is missing apart from one that is 0', () => {
    const i = new AmountInterner();
    expect(i.declared({ hours: null, credits: 0 })).not.toBe(i.declared({ hours: 0, credits: 0 }));
    expect(i.declared({ hours: null, credits: 0 })).toBe(i.declared({ hours: null, credits: 0 }));
    expect(i.declared({ hours: 72.5, credits: null })).toEqual({ hours: 72.5, credits: null });
  });

  it('a frozen amount refuses to be written, so no teacher can change another', () => {
    const a = new AmountInterner().raw(raw([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(() => {
      (a.online as { hours: number }).hours = 99;
    }).toThrow(TypeError);
  });
});

describe('shared amounts, against a table keyed by the numbers as a Map compares them', () => {
  // SameValueZero: 0 and -0 are one key, NaN is one key; a missing total is not 0.
  const keyOf = (v: Array<number | null>) => v.map((x) => (x === null ? 'null' : Object.is(x, -0) ? '0' : String(x))).join('|');
  const number = fc.oneof(fc.constantFrom(0, -0, 24, 26.4, 30, 36, 0.1, NaN, 1e9, -3.5), fc.double({ noDefaultInfinity: true }));

  /**
   * Interns every input twice over (the second pass finds what the first added, after the table
   * grew): each comes back holding its own numbers, inputs of one key as one object, and inputs
   * of different keys as different objects.
   */
  function oneObjectPerKey<I, O extends object>(inputs: I[], intern: (x: I) => O, keyOfInput: (x: I) => string, keyOfOutput: (o: O) => string): void {
    const model = new Map<string, O>();
    for (const x of [...inputs, ...inputs]) {
      const o = intern(x);
      const k = keyOfInput(x);
      // The same numbers as given (0 and -0 alike: the first one given is kept).
      expect(keyOfOutput(o)).toBe(k);
      const before = model.get(k);
      if (before) expect(o).toBe(before);
      else model.set(k, o);
    }
    expect(new Set(model.values()).size).toBe(model.size);
  }

  it('one object per distinct set of eight numbers, however many sets (the table grows past its first 512)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(number, { minLength: 8, maxLength: 8 }), { minLength: 1, maxLength: 3000 }), (sets) => {
        const i = new AmountInterner();
        oneObjectPerKey(sets, (v) => i.raw(raw(v)), keyOf, (a) => keyOf(MODES.flatMap((m) => [a[m].hours, a[m].credits])));
      }),
      { numRuns: 60 },
    );
  });

  it('one object per distinct declared total, null kept apart from every number', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.option(number), fc.option(number)), { minLength: 1, maxLength: 2000 }), (totals) => {
        const i = new AmountInterner();
        oneObjectPerKey(totals, ([hours, credits]) => i.declared({ hours, credits }), keyOf, (d) => keyOf([d.hours, d.credits]));
      }),
      { numRuns: 60 },
    );
  });

  it('0 and -0 are one amount, and NaN is one amount, as a Map keeps them', () => {
    const i = new AmountInterner();
    expect(i.raw(raw([0, 0, 0, 0, 0, 0, 0, 0]))).toBe(i.raw(raw([-0, 0, 0, -0, 0, 0, 0, 0])));
    expect(i.raw(raw([NaN, 0, 0, 0, 0, 0, 0, 0]))).toBe(i.raw(raw([NaN, 0, 0, 0, 0, 0, 0, 0])));
    expect(i.raw(raw([NaN, 0, 0, 0, 0, 0, 0, 0]))).not.toBe(i.raw(raw([0, 0, 0, 0, 0, 0, 0, 0])));
  });

  it('rawOf reads eight numbers at an offset as raw reads an object', () => {
    const i = new AmountInterner();
    const values = new Float64Array([9, 9, 24, 26.4, 30, 30, 24, 24, 0, 0, 9]);
    const a = i.rawOf(values, 2);
    expect(a).toBe(i.raw(raw([24, 26.4, 30, 30, 24, 24, 0, 0])));
    expect(i.rawOf(values, 3)).not.toBe(a);
  });
});

describe('one interner per thread', () => {
  it('gives teachers of different files with the same amounts one frozen object', async () => {
    const { sharedInterner } = await import('../../src/model/intern.js');
    const { loadInput } = await import('../../src/load/load.js');
    const path = await import('node:path');
    const { readdirSync } = await import('node:fs');
    expect(sharedInterner()).toBe(sharedInterner());
    const dir = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'puer');
    const files = readdirSync(dir).filter((f) => f.endsWith('.xlsx'));
    const loaded = await Promise.all(files.map((f) => loadInput(path.join(dir, f), { yearOption: 2025 })));
    const key = (t: (typeof loaded)[number]['teachers'][number]) => JSON.stringify(t.raw);
    const pairs = loaded.flatMap((a, i) =>
      loaded.slice(i + 1).flatMap((b) => a.teachers.flatMap((x) => b.teachers.filter((y) => key(y) === key(x)).map((y) => [x, y] as const))),
    );
    expect(pairs.length).toBeGreaterThan(0);
    for (const [x, y] of pairs) expect(x.raw).toBe(y.raw);
    const t = loaded[0]!.teachers[0]!;
    expect(Object.isFrozen(t.raw) && Object.isFrozen(t.raw.online)).toBe(true);
  });
});

describe('a pool of texts for fields of few values', () => {
  it('gives back a text equal to the one asked for, whatever came before, holding each distinct text once', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('男', '女', '高中数学', '一级教师', ''), fc.string()), { maxLength: 200 }), (texts) => {
        const pool = new TextPool();
        for (const t of texts) expect(pool.of(t)).toBe(t);
        expect(pool.size).toBe(new Set(texts).size);
      }),
    );
  });

  it('stops adding at MAX_TEXTS distinct texts, and still gives back each text as it came', () => {
    const pool = new TextPool();
    const max = TextPool.MAX_TEXTS;
    for (let i = 0; i < max; i++) pool.of(`学科${i}`);
    expect(pool.size).toBe(max);
    expect(pool.of(`学科${max}`)).toBe(`学科${max}`);
    expect(pool.size).toBe(max);
    // A text held before the pool filled is still found.
    expect(pool.of('学科0')).toBe('学科0');
  });
});
