import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { run, type Io } from '../../src/cli/main.js';
import { BIN, ROOT, workspace } from '../e2e/helpers.js';

// The report's writer meets a full disk: what the user reads, and the exit code.
vi.mock('../../src/report/write-report.js', () => ({
  writeReport: async () => {
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  },
}));

async function check(lang: string) {
  const dir = workspace('puer');
  let err = '';
  const io = { stdout: () => {}, stderr: (s: string) => void (err += s), isTTY: false, env: {}, cwd: dir } as Io;
  const code = await run(['check', 'puer', '--rules', 'puer', '--out', 'report.xlsx', '--lang', lang], io);
  return { code, err, dir };
}

describe('a report that cannot be written', () => {
  it('says the disk is full, names the report and the fix, and exits 2', async () => {
    const zh = await check('zh');
    expect(zh.code).toBe(2);
    expect(zh.err).toContain('磁盘空间不足，report.xlsx 没有写完');
    expect(zh.err).toContain('--out');
    expect(zh.err).not.toContain('Excel 打开');
    expect(existsSync(path.join(zh.dir, 'report.xlsx'))).toBe(false);
    const en = await check('en');
    expect(en.code).toBe(2);
    expect(en.err).toContain('the disk is full: report.xlsx was not finished');
  });
});

describe('the process guard', () => {
  it('ends a run that can never finish with an error, not with exit 0', () => {
    // As bin/ runs it, with a run waiting on what never comes: Node empties its event loop and would exit 0.
    const main = path.join(ROOT, 'dist', 'cli', 'main.js');
    const script = `import(${JSON.stringify(main)}).then((m) => { m.guardProcess(['--lang', 'en'], m.processIo()); return new Promise(() => {}).then(() => { process.exitCode = 0; }); });`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('internal error (the run stopped before it finished)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('leaves a run that finishes to its own exit code', () => {
    const main = path.join(ROOT, 'dist', 'cli', 'main.js');
    const script = `import(${JSON.stringify(main)}).then((m) => { m.guardProcess([], m.processIo()); return Promise.resolve(1).then((code) => { process.exitCode = code; }); });`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
  });
});

describe('a reader that stops early (`… --format json | head`)', () => {
  it('drops the output it did not read, writes the report and ends with the run\'s own exit code', async () => {
    const dir = workspace('puer');
    // Several copies of the county: far more JSON than a pipe holds, so writes go on after it closes.
    for (let i = 2; i <= 5; i++) cpSync(path.join(dir, 'puer'), path.join(dir, `puer${i}`), { recursive: true });
    const child = spawn(process.execPath, [BIN, 'check', 'puer', 'puer2', 'puer3', 'puer4', 'puer5', '--rules', 'puer', '--format', 'json', '--out', 'report.xlsx'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    let read = 0;
    child.stdout.once('data', (b: Buffer) => {
      read = b.length;
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(read).toBeGreaterThan(0);
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).toContain('report.xlsx');
    expect(code).toBe(1);
    expect(existsSync(path.join(dir, 'report.xlsx'))).toBe(true);
  });
});
