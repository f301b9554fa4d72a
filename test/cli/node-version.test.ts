import { describe, expect, it, vi } from 'vitest';

// A Node older than 20.15: zlib has no crc32, which the report's writer needs.
vi.mock('node:zlib', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:zlib')>();
  const { crc32: _crc32, ...rest } = real as typeof real & { crc32?: unknown };
  return { ...rest, default: { ...(real as { default?: object }).default, crc32: undefined } };
});

describe('on a Node without zlib.crc32 (older than 20.15)', () => {
  it('says which Node is needed and which this is, before any work, and exits 2', async () => {
    const { run } = await import('../../src/cli/main.js');
    let err = '';
    const io = { stdout: () => {}, stderr: (s: string) => void (err += s), isTTY: false, env: {}, cwd: '/' } as never;
    expect(await run(['check', 'nothing-here.xlsx'], io)).toBe(2);
    expect(err).toBe(`credit-audit: 需要 Node.js 20.15 或更高版本（当前是 ${process.versions.node}）。请升级 Node.js 后再运行。\n`);
  });
});
