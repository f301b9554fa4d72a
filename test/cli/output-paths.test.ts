import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type Io } from '../../src/cli/main.js';
import { workspace } from '../e2e/helpers.js';

/**
 * The report is written to a temporary file and renamed to the name --out gives: renamed over a
 * device it replaces the device — `--out /dev/null` as root (CI, containers) turned /dev/null
 * into a regular file (issue 18). --out takes only a regular file or a new name.
 */
async function check(dir: string, args: string[]) {
  let err = '';
  const io = { stdout: () => {}, stderr: (s: string) => void (err += s), isTTY: false, env: {}, cwd: dir } as Io;
  const code = await run(['check', 'puer/2025年度思茅区第一中学.xlsx', ...args], io);
  return { code, err };
}

describe('--out that is not a regular file', () => {
  // Set once a link to /dev/null is refused: /dev/null itself is tried only then, since a run that
  // did not refuse it would replace the machine's /dev/null (the tests run as root here).
  let linkRefused = false;

  it.skipIf(process.platform === 'win32')('a link to /dev/null: refused with exit 2, the link left as it was', async () => {
    const dir = workspace('puer');
    symlinkSync('/dev/null', path.join(dir, 'null.xlsx'));
    const r = await check(dir, ['--out', 'null.xlsx']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--out null.xlsx 是一个设备');
    expect(lstatSync(path.join(dir, 'null.xlsx')).isSymbolicLink()).toBe(true);
    linkRefused = true;
  });

  it.skipIf(process.platform === 'win32')('/dev/null: refused with exit 2, and /dev/null stays a character device', async () => {
    expect(linkRefused, 'a link to /dev/null was not refused: /dev/null itself is not tried').toBe(true);
    const dir = workspace('puer');
    const r = await check(dir, ['--out', '/dev/null']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('credit-audit: --out /dev/null 是一个设备；报告先写到新文件，再改名为这个名字，会把它替换掉。请给一个文件名，如 report.xlsx；不要报告请用 --no-out。\n');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const en = await check(dir, ['--out', '/dev/null', '--lang', 'en']);
    expect(en.err).toContain('--out /dev/null is a device; the report is written to a new file and renamed to that name');
  });

  it('a folder: refused with exit 2, the folder left as it was', async () => {
    const dir = workspace('puer');
    mkdirSync(path.join(dir, 'reports'));
    const r = await check(dir, ['--out', 'reports']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--out reports 是一个文件夹');
    expect(statSync(path.join(dir, 'reports')).isDirectory()).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('a named pipe (FIFO): refused with exit 2 (never opened: a pipe with no reader would wait for ever)', async () => {
    const dir = workspace('puer');
    const fifo = path.join(dir, 'pipe.xlsx');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = await check(dir, ['--out', 'pipe.xlsx']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--out pipe.xlsx 是一个命名管道（FIFO）');
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('a regular file is replaced by the report, and a new name is made: both as before', async () => {
    const dir = workspace('puer');
    writeFileSync(path.join(dir, 'old.xlsx'), 'last year');
    const replaced = await check(dir, ['--out', 'old.xlsx']);
    expect(replaced.code).toBe(1);
    expect(readFileSync(path.join(dir, 'old.xlsx')).subarray(0, 2).toString()).toBe('PK');
    const made = await check(dir, ['--out', 'new.xlsx']);
    expect(made.code).toBe(1);
    expect(statSync(path.join(dir, 'new.xlsx')).isFile()).toBe(true);
  });
});

describe('--annotate that is a file', () => {
  it('is refused with exit 2 before the audit, and the file is left as it was', async () => {
    const dir = workspace('puer');
    writeFileSync(path.join(dir, 'copies'), 'notes');
    const r = await check(dir, ['--no-out', '--annotate', 'copies']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('credit-audit: --annotate copies 是一个文件，不是文件夹。请给一个存放批注副本的文件夹（不存在时会新建）。\n');
    expect(readFileSync(path.join(dir, 'copies'), 'utf8')).toBe('notes');
  });
});
