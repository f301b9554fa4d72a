import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { heapNeededMb, heapPlan, processIo, run, type Io } from '../../src/cli/main.js';
import { BIN, bigReturn, workspace } from '../e2e/helpers.js';

/** A run too large for the heap Node gives it by default (a quarter of the memory, ~4 GB at most) is moved to a process allowed more (issue 5). */
describe('the heap a run needs', () => {
  it('is ten bytes a byte to parse for a year, twenty for a cycle, on a base of 100 MB', () => {
    expect(heapNeededMb(0, false)).toBe(100);
    expect(heapNeededMb(97 * 2 ** 20, false)).toBe(100 + 970);
    expect(heapNeededMb(48 * 2 ** 20, true)).toBe(100 + 960);
  });

  it('fits up to four fifths of the heap allowed; one MB more moves it', () => {
    expect(heapPlan(800, 1000, 8000)).toEqual({ kind: 'fits' });
    expect(heapPlan(801, 1000, 8000)).toEqual({ kind: 'relaunch', mb: 1002 });
  });

  it('moves it to a heap of 5/4 of its need, never more than three quarters of the machine', () => {
    expect(heapPlan(3000, 2000, 8000)).toEqual({ kind: 'relaunch', mb: 3750 });
    expect(heapPlan(5000, 2000, 8000)).toEqual({ kind: 'relaunch', mb: 6000 });
  });

  it('is short when the machine has no more to give than the heap already allowed', () => {
    expect(heapPlan(5000, 4096, 5461)).toEqual({ kind: 'short' });
    expect(heapPlan(5000, 4096, 5464)).toEqual({ kind: 'relaunch', mb: 4098 });
  });
});

describe('the memory a moved run may use', () => {
  // process.constrainedMemory stubbed by hand and put back, not with vitest's spy: this file then shares
  // the module graph of the files that do not mock (vitest.config.ts), and is spared importing the
  // sources again (~1 s).
  const withConstrainedMemory = (bytes: number, f: () => void) => {
    const real = process.constrainedMemory;
    process.constrainedMemory = () => bytes;
    try {
      f();
    } finally {
      process.constrainedMemory = real;
    }
  };

  it('is a container\'s limit where it is lower than the machine\'s memory', () => {
    withConstrainedMemory(2 * 2 ** 30, () => expect(processIo().heap!.totalMb).toBe(2048));
  });

  it('is the machine\'s memory where no limit is known (0) or the limit is none (2^64)', () => {
    withConstrainedMemory(0, () => expect(processIo().heap!.totalMb).toBe(Math.floor(totalmem() / 2 ** 20)));
    withConstrainedMemory(2 ** 64, () => expect(processIo().heap!.totalMb).toBe(Math.floor(totalmem() / 2 ** 20)));
  });
});

describe('a run that needs more heap than it is allowed', () => {
  const fake = (heap: Io['heap'], asked: number[]) => {
    let err = '';
    const io = {
      stdout: () => {},
      stderr: (s: string) => void (err += s),
      isTTY: false,
      env: {},
      cwd: workspace('puer'),
      heap: heap && { ...heap, relaunch: (mb: number) => (asked.push(mb), heap.relaunch(mb)) },
    } as Io;
    return { io, err: () => err };
  };

  it('is run again in a process allowed more, and ends with that run\'s exit code', async () => {
    const asked: number[] = [];
    const { io, err } = fake({ limitMb: 50, totalMb: 16_000, relaunch: async () => 7 }, asked);
    expect(await run(['check', 'puer', '--no-out'], io)).toBe(7);
    // The fixtures hold a few KB to parse: 101 MB (the base, and one MB rounded up), over 4/5.
    expect(asked).toEqual([127]);
    expect(err()).toBe('');
  });

  it('ended by the system (a signal, as the out-of-memory killer sends), says so and exits 2 (zh and en)', async () => {
    const zh = fake({ limitMb: 50, totalMb: 16_000, relaunch: async () => ({ signal: 'SIGKILL' }) }, []);
    expect(await run(['check', 'puer', '--no-out'], zh.io)).toBe(2);
    expect(zh.err()).toContain('这次核查被系统终止（SIGKILL），多半是内存不足。输入文件没有被修改。');
    const en = fake({ limitMb: 50, totalMb: 16_000, relaunch: async () => ({ signal: 'SIGKILL' }) }, []);
    expect(await run(['check', 'puer', '--no-out', '--lang', 'en'], en.io)).toBe(2);
    expect(en.err()).toContain('the check was ended by the system (SIGKILL), most often for lack of memory');
  });

  it('is run here, with a note of what it needs, when the machine has no more (zh and en)', async () => {
    const asked: number[] = [];
    const zh = fake({ limitMb: 50, totalMb: 60, relaunch: async () => 7 }, asked);
    expect(await run(['check', 'puer', '--no-out'], zh.io)).toBe(1);
    expect(asked).toEqual([]);
    expect(zh.err()).toContain('提示：这次核查估计要用约 101 MB 内存，Node 最多可用 50 MB（本机共 60 MB），可能因内存不足而中止。');
    const en = fake({ limitMb: 50, totalMb: 60, relaunch: async () => 7 }, asked);
    expect(await run(['check', 'puer', '--no-out', '--lang', 'en'], en.io)).toBe(1);
    expect(en.err()).toContain('this check is expected to need about 101 MB of memory; Node may use 50 MB (this machine has 60 MB)');
  });

  it('is not moved when it fits', async () => {
    const asked: number[] = [];
    const { io, err } = fake({ limitMb: 4096, totalMb: 16_000, relaunch: async () => 7 }, asked);
    expect(await run(['check', 'puer', '--no-out'], io)).toBe(1);
    expect(asked).toEqual([]);
    expect(err()).toBe('');
  });

  it('through bin/: a return that ends Node with "heap out of memory" at 32 MB is checked whole', () => {
    const file = bigReturn();
    const check = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--max-old-space-size=32', BIN, 'check', file, '--no-out', '--format', 'json'], {
        cwd: path.dirname(file),
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', ...env },
        maxBuffer: 256 * 1024 * 1024,
        timeout: 120_000,
      });
    const moved = check({});
    expect(moved.status, moved.stderr.slice(0, 500)).toBeLessThan(2);
    // Every row: counted, or set aside as a repeat (the generator's random 身份证号 collide a few times in 60 000).
    const { summary } = JSON.parse(moved.stdout);
    expect(summary.teachers + summary.setAside).toBe(60_000);
    expect(moved.stderr).not.toContain('内存');
    // The same run kept in its 32 MB (as a moved run is: never moved twice) says what it needs, then fails.
    const kept = check({ CREDIT_AUDIT_HEAP_MB: '32' });
    expect(kept.stderr).toContain('提示：这次核查估计要用约');
    expect(kept.status === 0 || kept.status === 1).toBe(false);
  });
});
