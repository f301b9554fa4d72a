import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chineseName, idNumber, rng } from '../../scripts/fixture-kit.js';
import { BIN, workspace } from '../e2e/helpers.js';

/** 60 000 teachers of a 附件2—2 return as CSV (5 MB), as a county's spreadsheet saves it: ~40 MB of JSON result. */
function bigReturn(): string {
  const dir = workspace();
  const r = rng(55);
  const lines = ['附件2—2', '2025年度普洱市中小学幼儿园教师全员培训学时学分申报表(试行)', '学校(盖章):思茅区第一中学,,,,,,,,,联系人及电话:'];
  lines.push('序号,姓名,性别,身份证号码,任教学段学科,职称,集中培训,,网络研修,,校本研修,,全年汇总,,备注', ',,,,,,学时,学分,学时,学分,学时,学分,总学时,总学分,');
  const teachers = 60_000;
  for (let i = 1; i <= teachers; i++) {
    const gender = i % 2 ? '男' : '女';
    lines.push(`${i},${chineseName(r)},${gender},${idNumber(r, gender)},初中数学,一级教师,24,24,24,24,24,24,72,72,`);
  }
  const file = path.join(dir, '2025年度思茅区第一中学.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('output to a reader slower than the run', () => {
  it('waits for the reader: ~40 MB of JSON through a pipe read late, in 48 MB of heap, arrives whole', async () => {
    const file = bigReturn();
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
    expect(result.summary.teachers).toBe(60_000);
  }, 60_000);
});
