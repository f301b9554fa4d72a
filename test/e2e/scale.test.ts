import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { showProgress, showWriteProgress } from '../../src/cli/progress.js';
import { run, slowHeapGrowth, type Io } from '../../src/cli/main.js';
import { reportReadProgress } from '../../src/read/progress.js';
import { reportSheets } from '../../src/report/report-content.js';
import type { AuditResult } from '../../src/model/types.js';
import { puerRules } from '../helpers/teacher.js';
import { chineseName, idNumber, rng } from '../../scripts/fixture-kit.js';
import { runCli } from '../helpers/cli.js';
import { cli, workspace } from './helpers.js';
import { scratchDir } from '../helpers/scratch.js';

/** Issue 5 as a user sees it: batches on every core, progress only on a terminal, the 教师 limit. */
const PUER = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'puer');

// The worker threads run only from dist/: the pooled runs spawn bin/, and the one-file-at-a-time
// run each is compared with is run() in this process (the sources `npm test` has just built).
describe('a batch read on every core', () => {
  it('gives the same JSON result, in input order, as reading one file at a time', async () => {
    const dir = workspace('puer');
    const one = await runCli(['check', 'puer', '--jobs', '1', '--format', 'json', '--no-out'], dir);
    const pool = cli(['check', 'puer', '--jobs', '3', '--format', 'json', '--no-out'], dir);
    const strip = (s: string) => s.replace(/"generatedAt": "[^"]*"/, '');
    expect(one.code).toBe(1);
    expect(strip(pool.stdout)).toBe(strip(one.stdout));
    expect(JSON.parse(pool.stdout).inputs.map((i: { file: string }) => i.file)).toEqual([...JSON.parse(pool.stdout).inputs.map((i: { file: string }) => i.file)].sort((a, b) => a.localeCompare(b)));
  });

  it.each([
    ['hangzhou', ['--rules', 'hangzhou']],
    ['puer-cycle', ['--cycle', '2021-2025']],
  ])('%s: a worker\'s files give the same JSON result as this thread\'s (amounts sent as numbers, own and shared)', async (sub, args) => {
    const dir = workspace(sub);
    const strip = (s: string) => s.replace(/"generatedAt": "[^"]*"/, '');
    const one = await runCli(['check', sub, ...args, '--jobs', '1', '--format', 'json', '--no-out'], dir);
    const pool = cli(['check', sub, ...args, '--jobs', '2', '--format', 'json', '--no-out'], dir);
    expect(one.code, one.stderr).toBe(1);
    expect(JSON.parse(one.stdout).inputs.length).toBeGreaterThan(1);
    expect(strip(pool.stdout)).toBe(strip(one.stdout));
  });

  it('tells the process the inputs\' total size before reading them (slow heap growth only for a province-sized input)', async () => {
    const dir = workspace('puer');
    const sizes: number[] = [];
    let err = '';
    const io = { stdout: () => {}, stderr: (s: string) => void (err += s), isTTY: false, env: {}, cwd: dir, tuneHeap: (n: number) => sizes.push(n) } as Io;
    expect(await run(['check', 'puer', '--no-out', '--format', 'json'], io), err).toBe(1);
    const { readdirSync, statSync } = await import('node:fs');
    const total = readdirSync(path.join(dir, 'puer'))
      .filter((f) => f.endsWith('.xlsx') || f.endsWith('.csv'))
      .reduce((n, f) => n + statSync(path.join(dir, 'puer', f)).size, 0);
    expect(sizes).toEqual([total]);
    expect(total).toBeGreaterThan(0);
  });

  it('gives the same result for files that cannot be read, whichever thread met them (exit 2)', async () => {
    const dir = workspace('bad', 'puer');
    const one = await runCli(['check', 'bad', 'puer', '--jobs', '1', '--format', 'json', '--no-out'], dir);
    const pool = cli(['check', 'bad', 'puer', '--jobs', '2', '--format', 'json', '--no-out'], dir);
    const strip = (s: string) => s.replace(/"generatedAt": "[^"]*"/, '');
    expect(pool.code).toBe(2);
    expect(JSON.parse(pool.stdout).summary.inputErrors).toBeGreaterThan(5);
    expect(strip(pool.stdout)).toBe(strip(one.stdout));
    expect(pool.stderr).toBe(one.stderr);
  });

  it('loses no file when a worker dies part-way: this thread does the files it held', async () => {
    const dir = workspace('puer');
    const one = await runCli(['check', 'puer', '--jobs', '1', '--format', 'json', '--no-out'], dir);
    const dying = cli(['check', 'puer', '--jobs', '2', '--format', 'json', '--no-out'], dir, { CREDIT_AUDIT_TEST_WORKER_DIES_AFTER: '1' });
    const strip = (s: string) => s.replace(/"generatedAt": "[^"]*"/, '');
    expect(dying.code).toBe(1);
    expect(JSON.parse(dying.stdout).inputs.length).toBeGreaterThan(2);
    expect(strip(dying.stdout)).toBe(strip(one.stdout));
  });

  it('grows the heap slowly from 48 MB of input on, not below', () => {
    expect(slowHeapGrowth(48 * 1024 * 1024)).toBe(true);
    expect(slowHeapGrowth(48 * 1024 * 1024 - 1)).toBe(false);
    expect(slowHeapGrowth(0)).toBe(false);
  });

  it('refuses a --jobs that is not a number, with exit 2', async () => {
    const r = await runCli(['check', 'puer', '--jobs', 'many', '--no-out'], workspace('puer'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--jobs');
  });
});

describe('progress and timings', () => {
  // Through bin/: whether stderr is a terminal is the real process's (processIo), a pipe here.
  it('writes no progress when stderr is not a terminal', () => {
    const r = cli(['check', 'puer', '--out', 'r.xlsx'], workspace('puer'));
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr).not.toMatch(/行\/秒|rows\/s/);
  });

  it('shows the file, the share of bytes read and rows per second on a terminal, and clears the line', () => {
    let err = '';
    const io = { stderr: (s: string) => (err += s), stdout: () => {}, isTTY: true, stderrIsTTY: true, env: {}, cwd: '/' } as Io;
    const stop = showProgress(io, 'en');
    reportReadProgress('/x/2025年度县区.xlsx', 10, 100, 1);
    reportReadProgress('/x/2025年度县区.xlsx', 50, 100, 500);
    stop();
    expect(err).toMatch(/reading 2025年度县区\.xlsx: (10|50)%, \d+ rows, \d+ rows\/s/);
    expect(err.endsWith('\r\u001b[2K')).toBe(true);
  });

  it('shows the report being written, its sheet and the share of its rows, on a terminal, and clears the line', () => {
    let err = '';
    const io = { stderr: (s: string) => (err += s), stdout: () => {}, isTTY: true, stderrIsTTY: true, env: {}, cwd: '/' } as Io;
    const { onProgress, stop } = showWriteProgress(io, 'zh', 'out/credit-audit-report.xlsx');
    onProgress(4096, 16384, '教师');
    // Within 200 ms of the last: not drawn again.
    onProgress(8192, 16384, '教师');
    stop();
    expect(err).toBe('\r\u001b[2K写入 credit-audit-report.xlsx：教师，25%\r\u001b[2K');
  });

  it('prints the phase times with the hidden --timings', async () => {
    const r = await runCli(['check', 'puer/value-quirks.xlsx', '--timings', '--out', 'r.xlsx'], workspace('puer'));
    const line = r.stderr.split('\n').find((l) => l.startsWith('credit-audit timings '))!;
    expect(Object.keys(JSON.parse(line.slice('credit-audit timings '.length)))).toEqual(expect.arrayContaining(['read', 'audit', 'console', 'write', 'total']));
  });
});

describe('the 教师 sheet above the limit', () => {
  // A clean school and one with data problems: some teachers need attention, some do not.
  const auditTwoSchools = () => audit({ files: [path.join(PUER, '2025年度思茅区第一中学.xlsx'), path.join(PUER, '2025年度墨江县第二小学-数据问题.xlsx')], rules: puerRules(), yearOption: null });
  // Not complete, or with a finding on the teacher's row.
  const needingAttention = (result: AuditResult) =>
    result.teachers.filter((tr) => tr.status !== 'complete' || result.findings.some((f) => f.teacherId === tr.teacher.id && f.ref?.row === tr.teacher.ref.row));

  it('lists only teachers who need attention, and 汇总 says so; --all-teachers lists everyone', async () => {
    const result = await auditTwoSchools();
    const rowsOf = (name: string, allTeachers: boolean) =>
      [...reportSheets(result, { lang: 'zh', maskIds: false, teacherSheetLimit: 5, allTeachers }).find((s) => s.name === name)!.rows()];
    const teachers = rowsOf('教师', false);
    const needAttention = needingAttention(result);
    expect(needAttention.length).toBeLessThan(result.teachers.length);
    expect(teachers.length - 1).toBe(needAttention.length);
    const summary = rowsOf('汇总', false).map((r) => r.map((c) => String(c.v ?? '')).join(' ')).join('\n');
    expect(summary).toContain(`列出 ${needAttention.length} 名需要关注的教师`);
    expect(summary).toContain(`共 ${result.teachers.length} 名`);
    expect(rowsOf('教师', true).length - 1).toBe(result.teachers.length);
    // Every finding's link still points at its teacher's row.
    const findingRows = rowsOf('问题清单', false).slice(1).filter((r) => r[6]!.v);
    expect(findingRows.length).toBeGreaterThan(5);
    const nameAt = teachers[0]!.findIndex((c) => c.v === '姓名');
    for (const r of findingRows) {
      const row = Number(/A(\d+)$/.exec(String(r[0]!.link))![1]);
      expect(teachers[row - 1]![nameAt]!.v).toBe(r[6]!.v);
    }
  });

  it('lists everyone at exactly the limit, and only those who need attention one teacher above it', async () => {
    const result = await auditTwoSchools();
    const all = result.teachers.length;
    const listed = (teacherSheetLimit: number) => [...reportSheets(result, { lang: 'zh', maskIds: false, teacherSheetLimit }).find((s) => s.name === '教师')!.rows()].length - 1;
    const needAttention = needingAttention(result).length;
    expect(needAttention).toBeLessThan(all);
    expect(listed(all)).toBe(all);
    expect(listed(all - 1)).toBe(needAttention);
  });

  it('is documented with the same number in the README', () => {
    expect(readFileSync(path.resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8')).toContain('Above 100 000 teachers');
  });
});

describe('a cycle audit of a large return', () => {
  // One year's return for a five-year cycle: every teacher is short of the cycle's minimums, five
  // findings each. They were added to the list with push(...), more arguments than a call takes:
  // 100 000 teachers overflowed the stack ("Maximum call stack size exceeded", an internal error).
  it('audits 40 000 teachers with five cycle findings each (200 000) to the end', async () => {
    const dir = scratchDir('credit-audit-');
    const r = rng(2025);
    const head = ['附件2—2', '2025年度普洱市中小学幼儿园教师全员培训学时学分申报表(试行)', '学校(盖章):普洱市思茅区第一中学', '序号,姓名,性别,身份证号码,任教学段学科,职称,集中培训,,网络研修,,校本研修,,全年汇总,,备注', ',,,,,,学时,学分,学时,学分,学时,学分,总学时,总学分,'];
    const ids = new Set<string>();
    const lines = Array.from({ length: 40_000 }, (_, i) => {
      const gender = r() < 0.5 ? '男' : '女';
      const id = idNumber(r, gender);
      ids.add(id);
      return `${i + 1},${chineseName(r)},${gender},${id},初中数学,一级教师,24,24,24,24,24,24,72,72,`;
    });
    const file = path.join(dir, '2025年度思茅区第一中学.csv');
    writeFileSync(file, `\ufeff${[...head, ...lines].join('\r\n')}\r\n`);
    const result = await audit({ files: [file], rules: puerRules(), yearOption: null, cycle: { start: 2021, end: 2025 } });
    // A random 身份证号 now and then comes twice: the cycle has a teacher per 身份证号.
    expect(result.cycle?.teachers.length).toBe(ids.size);
    expect(result.findings.filter((f) => f.period).length).toBeGreaterThanOrEqual(5 * ids.size);
  }, 60_000);
});
