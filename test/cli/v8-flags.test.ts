import { beforeEach, describe, expect, it, vi } from 'vitest';

// The flags the CLI gives V8, seen without changing this process's own V8.
const setFlags = vi.hoisted(() => vi.fn());
vi.mock('node:v8', async (original) => ({ ...(await original<typeof import('node:v8')>()), setFlagsFromString: setFlags }));

const { processIo, slowHeapGrowth } = await import('../../src/cli/main.js');

/** V8's heap settings for a run through bin/ (issue 5): measured in the bench, set here. */
describe("the heap settings of bin/'s process", () => {
  beforeEach(() => setFlags.mockClear());

  it('turn off allocation-site pretenuring for every run, however small', () => {
    processIo().tuneHeap!(0);
    expect(setFlags.mock.calls).toEqual([['--no-allocation-site-pretenuring']]);
  });

  it('grow the heap by half at a time from the large-input size on, not a byte below it', () => {
    const large = 48 * 1024 * 1024;
    expect(slowHeapGrowth(large)).toBe(true);
    processIo().tuneHeap!(large - 1);
    expect(setFlags.mock.calls.flat()).not.toContain('--heap-growing-percent=50');
    setFlags.mockClear();
    processIo().tuneHeap!(large);
    expect(setFlags.mock.calls.flat()).toEqual(['--no-allocation-site-pretenuring', '--heap-growing-percent=50']);
  });
});
