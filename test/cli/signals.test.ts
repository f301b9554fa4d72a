import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addTempFile, dropTempFile, liveTempFiles, removeTempFiles } from '../../src/report/temp-files.js';
import { writeLeanWorkbook } from '../../src/report/workbook-writer.js';
import type { ReportSheet } from '../../src/report/sheets.js';
import { BIN, bigReturn } from '../e2e/helpers.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * Ctrl+C (SIGINT) or a CI job's timeout (SIGTERM) while the report is written left a 14 MB
 * `.report.xlsx.tmp-*` and its `.part.links*` files behind (issue 18). The writers register their
 * temporary files (src/report/temp-files.ts) and bin/'s signal handler removes them.
 */
describe('the registry of temporary files', () => {
  it('removes the files being written, and not those renamed into place or removed', () => {
    const dir = scratchDir();
    const live = addTempFile(path.join(dir, '.r.xlsx.tmp-1'));
    const done = addTempFile(path.join(dir, '.r.xlsx.tmp-2'));
    // Registered before it is created: one never made is no error.
    addTempFile(path.join(dir, '.r.xlsx.tmp-3'));
    writeFileSync(live, 'half');
    writeFileSync(done, 'whole');
    dropTempFile(done);
    removeTempFiles();
    expect(existsSync(live)).toBe(false);
    expect(existsSync(done)).toBe(true);
    expect(liveTempFiles()).toEqual([]);
  });

  it('holds the report\'s temporary files while it is written, hidden, and none once it is', async () => {
    const dir = scratchDir();
    const rows = 5000;
    const sheet: ReportSheet = {
      name: '教师',
      header: true,
      widths: [10, 10],
      rowCount: rows,
      *rows() {
        for (let r = 0; r < rows; r++) yield [{ v: `t${r}` }, { v: r, link: `'教师'!A${r + 1}` }];
      },
    };
    const seen: string[][] = [];
    await writeLeanWorkbook([sheet], path.join(dir, '.r.xlsx.tmp-abcd'), new Date(), undefined, undefined, () => seen.push(liveTempFiles()));
    // The links of the sheet wait in a file beside the report, registered while they do.
    expect(seen[0]).toEqual([path.join(dir, '.r.xlsx.tmp-abcd.part.links1')]);
    expect(liveTempFiles()).toEqual([]);
    // A report written under a plain name keeps its temporary files hidden all the same.
    await writeLeanWorkbook([sheet], path.join(dir, 'plain.xlsx'), new Date(), undefined, undefined, () => seen.push(liveTempFiles()));
    expect(seen.at(-1)).toEqual([path.join(dir, '.plain.xlsx.part.links1')]);
    expect(readdirSync(dir).sort()).toEqual(['.r.xlsx.tmp-abcd', 'plain.xlsx']);
  });
});

/**
 * Run bin/ on a 20 000-teacher return, send `signal` once the report's temporary file appears, and
 * wait for the end. Its report takes ~0.4 s to write, time enough to be stopped in (60 000 teachers
 * took 1.2 s more to read, and no longer to be stopped).
 */
async function stopWhileWriting(signal: NodeJS.Signals, nodeArgs: string[] = []) {
  const file = bigReturn(20_000);
  const dir = path.dirname(file);
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'check', path.basename(file), '--out', 'report.xlsx'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b) => (stderr += b));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
  let sawTemp: string[] = [];
  // The processes this one started when the signal was sent (Linux: /proc): a run moved to a process with more heap.
  let children = '';
  const poll = setInterval(() => {
    const temps = readdirSync(dir).filter((f) => f.startsWith('.report.xlsx.tmp-'));
    if (temps.length && !sawTemp.length) {
      sawTemp = temps;
      if (process.platform === 'linux') children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim();
      child.kill(signal);
    }
  }, 2);
  const end = await ended;
  clearInterval(poll);
  return { ...end, stderr, sawTemp, children, left: readdirSync(dir) };
}

describe('a run stopped while it writes the report (bin/, a real process)', () => {
  it('SIGINT (Ctrl+C): removes the temporary files, writes no report and exits 130', async () => {
    const r = await stopWhileWriting('SIGINT');
    // The signal came while the report was being written, not before or after.
    expect(r.sawTemp.length).toBeGreaterThan(0);
    expect(r).toMatchObject({ code: 130, signal: null });
    expect(r.left).toEqual(['2025年度思茅区第一中学.csv']);
    expect(r.stderr).toContain('已中断（SIGINT）');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('SIGTERM (a CI job\'s timeout): the same, and exits 143', async () => {
    const r = await stopWhileWriting('SIGTERM');
    expect(r.sawTemp.length).toBeGreaterThan(0);
    expect(r).toMatchObject({ code: 143, signal: null });
    expect(r.left).toEqual(['2025年度思茅区第一中学.csv']);
  }, 60_000);

  it.skipIf(process.platform !== 'linux')('a run moved to a process with more heap: SIGTERM to the first reaches the moved one, which removes its files; 143', async () => {
    // A 64 MB heap is short for this return (~117 MB expected): the run is moved to a new process.
    const r = await stopWhileWriting('SIGTERM', ['--max-old-space-size=64']);
    expect(r.sawTemp.length).toBeGreaterThan(0);
    expect(r.children).toMatch(/^\d+/);
    expect(r).toMatchObject({ code: 143, signal: null });
    expect(r.left).toEqual(['2025年度思茅区第一中学.csv']);
    // Said once, by the run that was writing.
    expect(r.stderr.match(/已中断（SIGTERM）/g)).toHaveLength(1);
  }, 60_000);
});
