import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, bigReturn } from '../e2e/helpers.js';

describe('output to a reader slower than the run', () => {
  it('waits for the reader: ~15 MB of JSON through a pipe read late, in 48 MB of heap, arrives whole', async () => {
    // 20 000 teachers: a run that queues what the pipe does not take ends out of heap from 10 000 on
    // (7.5 MB of JSON; 5 000, 3.7 MB, fit), checked with bin/ made to ignore the pipe's backpressure.
    const file = bigReturn(20_000);
    // Kept in its 48 MB (CREDIT_AUDIT_HEAP_MB): the JSON queued in memory for the reader ended it out of heap.
    const child = spawn(process.execPath, ['--max-old-space-size=48', BIN, 'check', file, '--no-out', '--format', 'json'], {
      cwd: path.dirname(file),
      env: { ...process.env, NO_COLOR: '1', CREDIT_AUDIT_HEAP_MB: '48' },
    });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const parts: Buffer[] = [];
    const code = await new Promise<number | null>((resolve) => {
      // The reader starts late: the pipe fills and the run must wait for it.
      setTimeout(() => child.stdout.on('data', (b: Buffer) => parts.push(b)), 1500);
      child.on('close', (c) => resolve(c));
    });
    expect(code, err.slice(0, 500)).toBe(1);
    const result = JSON.parse(Buffer.concat(parts).toString('utf8'));
    // Every row arrived: counted, or set aside as a repeat (the generator's random 身份证号 may collide).
    expect(result.summary.teachers + result.summary.setAside).toBe(20_000);
  }, 60_000);
});
