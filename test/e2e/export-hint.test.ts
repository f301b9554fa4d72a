import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { workspace } from './helpers.js';

/**
 * A 杭州 district that runs `check` on a platform export without --rules gets the default rule set
 * (Pu'er), under which every teacher of an export is incomplete: stderr says which rules were used
 * and how to check with Hangzhou's. The results themselves are what the Pu'er rules give.
 */
describe('a platform export checked without --rules', () => {
  const dir = workspace('hangzhou', 'puer');
  const EXPORT = 'hangzhou/杭州市直属学校学分明细-2022-2025.xlsx';

  it('is checked with the Pu\'er rules, and stderr says so, naming the file and --rules hangzhou', async () => {
    const r = await runCli(['check', EXPORT, '--no-out', '--format', 'json'], dir);
    expect(JSON.parse(r.stdout).rules.id).toBe('puer');
    expect(r.stderr).toContain(`提示：${EXPORT}是浙江省培训平台导出表，这次按默认的普洱规则核查`);
    expect(r.stderr).toContain('--rules hangzhou');
  });

  it('in English with --lang en', async () => {
    const r = await runCli(['check', EXPORT, '--no-out', '--lang', 'en'], dir);
    expect(r.stderr).toContain(`note: a Zhejiang training-platform export (${EXPORT}) was checked with the default Pu'er rules`);
    expect(r.stderr).toContain('--rules hangzhou');
  });

  it('names the first of several exports and how many there are', async () => {
    expect((await runCli(['check', 'hangzhou', '--no-out'], dir)).stderr).toMatch(/提示：hangzhou\/\S+ 等 3 个文件是浙江省培训平台导出表/);
    expect((await runCli(['check', 'hangzhou', '--no-out', '--lang', 'en'], dir)).stderr).toMatch(/export \(hangzhou\/\S+, 3 files in all\) was checked/);
  });

  it('says nothing when --rules is given, even as puer, nor for a Pu\'er form', async () => {
    for (const args of [[EXPORT, '--rules', 'puer'], [EXPORT, '--rules', 'hangzhou'], ['puer']]) {
      const r = await runCli(['check', ...args, '--no-out'], dir);
      expect(r.stderr, args.join(' ')).not.toContain('--rules hangzhou');
      expect(r.stderr, args.join(' ')).not.toContain('培训平台导出表');
    }
  });
});
