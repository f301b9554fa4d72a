import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chineseName, idNumber, rng } from '../../scripts/fixture-kit.js';
import { BIN, workspace } from '../e2e/helpers.js';

/**
 * Exit codes a shell or a CI job sees, from a real process: a pipe closed by its reader is only
 * real between processes. 0 all well, 1 findings, 2 the run could not do what it was asked.
 */

const ENV = { ...process.env, NO_COLOR: '1', LC_ALL: '', LC_MESSAGES: '', LANG: '' };

/**
 * A return of 600 teachers short of 校本研修: ~580 KB of GitHub annotations, nine times what a pipe
 * holds (64 KB), so the run still writes long after its reader has gone. (3 000 teachers, 2.9 MB, took
 * 0.3 s more a run.)
 */
function manyFindings(): { dir: string; file: string } {
  const dir = workspace();
  const r = rng(7);
  const lines = ['附件2—2', '2025年度普洱市中小学幼儿园教师全员培训学时学分申报表(试行)', '学校(盖章):思茅区第一中学,,,,,,,,,联系人及电话:'];
  lines.push('序号,姓名,性别,身份证号码,任教学段学科,职称,集中培训,,网络研修,,校本研修,,全年汇总,,备注', ',,,,,,学时,学分,学时,学分,学时,学分,总学时,总学分,');
  for (let i = 1; i <= 600; i++) {
    const gender = i % 2 ? '男' : '女';
    lines.push(`${i},${chineseName(r)}${i},${gender},${idNumber(r, gender)},初中数学,一级教师,24,24,24,24,0,0,48,48,`);
  }
  const file = '2025年度思茅区第一中学.csv';
  writeFileSync(path.join(dir, file), lines.join('\n') + '\n');
  return { dir, file };
}

describe('exit codes of a real process', () => {
  it('no arguments: the help on stderr, exit 2', () => {
    const r = spawnSync(process.execPath, [BIN], { encoding: 'utf8', env: ENV, timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('用法：');
    expect(r.stderr).toContain('check');
  });

  it('`… 2>&1 | head -1`: the reader closes the pipe both stdout and stderr go to, and the exit code is still 1', () => {
    const { dir, file } = manyFindings();
    // PIPESTATUS[0]: the exit code of credit-audit itself, not of head. The report is written, and
    // said on stderr, after the reader has gone.
    const script = `"${process.execPath}" "${BIN}" check "${file}" --format github --out report.xlsx 2>&1 | head -1 >/dev/null; echo "code=\${PIPESTATUS[0]}"`;
    const r = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', env: ENV, timeout: 120_000 });
    expect(r.stdout.trim()).toBe('code=1');
    expect(r.stderr).toBe('');
  }, 120_000);

  it('stderr closed by its reader (stdout elsewhere): the exit code is still the run\'s, 0 with --fail-on never', async () => {
    const { dir, file } = manyFindings();
    // 0, not 1: a run that failed on the closed stderr ended 2 or 1 (its handler failing too).
    const child = spawn(process.execPath, [BIN, 'check', file, '--out', 'report.xlsx', '--fail-on', 'never'], { cwd: dir, env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
    // The reader goes before the run says anything on stderr.
    child.stderr.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(0);
  }, 120_000);
});
