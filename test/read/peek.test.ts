import { describe, expect, it } from 'vitest';
import { peek } from '../../src/read/peek.js';

async function* numbers(n: number, closed: { value: boolean }) {
  try {
    for (let i = 0; i < n; i++) yield i;
  } finally {
    closed.value = true;
  }
}

async function collect<T>(it: AsyncIterable<T>, stopAfter = Infinity): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) {
    out.push(x);
    if (out.length >= stopAfter) break;
  }
  return out;
}

describe('peek', () => {
  it('gives the head, then every item once and in order, whether the source is longer or shorter than the head', async () => {
    for (const [n, head] of [[10, 3], [3, 3], [2, 3], [0, 3], [5, 0]] as const) {
      const closed = { value: false };
      const p = await peek(numbers(n, closed), head);
      expect(p.head).toEqual(Array.from({ length: Math.min(n, head) }, (_, i) => i));
      expect(await collect(p.all)).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(closed.value).toBe(true);
    }
  });

  it('closes the source when the reader stops early, inside the head or past it', async () => {
    for (const stopAfter of [2, 5]) {
      const closed = { value: false };
      const p = await peek(numbers(100, closed), 3);
      expect(await collect(p.all, stopAfter)).toEqual(Array.from({ length: stopAfter }, (_, i) => i));
      expect(closed.value).toBe(true);
    }
  });
});
