import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { cli, workspace } from './helpers.js';

/**
 * A region's per-record lists audited by the real binary with worker threads give the verdict of
 * one thread. (Teacher checks run inside the worker, so the roles that cross back are guarded by
 * test/load/transfer.test.ts, which compares every field of every teacher.)
 */
describe('binhai lists with --jobs 2 give the result of --jobs 1', () => {
  it('the same teachers, statuses and findings, the role check included', async () => {
    const dir = workspace('binhai');
    const args = (jobs: string) => ['check', 'binhai', '--rules', 'binhai', '--format', 'json', '--no-out', '--jobs', jobs];
    const parse = (r: { code: number | null; stdout: string; stderr: string }) => {
      expect(r.stderr).not.toMatch(/at .*\.[jt]s:\d+/);
      const json = JSON.parse(r.stdout);
      return { code: r.code, findings: json.findings, summary: json.summary };
    };
    // One thread in this process (as test/e2e/scale.test.ts compares); the worker threads run only
    // from dist/, through bin/.
    const one = parse(await runCli(args('1'), dir));
    const two = parse(cli(args('2'), dir));
    expect(two).toEqual(one);
    // As many as the fixtures' expected results plant (a new teacher with 12 of 16 学时, in the .csv and the .xlsx).
    const planted = readdirSync(path.join(dir, 'binhai'))
      .filter((f) => f.endsWith('.expected.json'))
      .flatMap((f) => (JSON.parse(readFileSync(path.join(dir, 'binhai', f), 'utf8')) as { teachers: Array<{ findings: string[] }> }).teachers)
      .filter((t) => t.findings.includes('role-topic-minimum:error')).length;
    expect(planted).toBe(2);
    expect(one.findings.filter((f: { check: string }) => f.check === 'role-topic-minimum')).toHaveLength(planted);
  });
});
