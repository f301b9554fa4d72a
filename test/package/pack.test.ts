/**
 * SLOW (~20–40 s): packs the project as `npm publish` would, installs the tarball into an empty
 * folder as a user would (`npm install <tarball>`, dependencies from npm's cache or the registry),
 * and runs the installed command there. It packs with --ignore-scripts: `npm test` has just built
 * dist/ (running the prepack build here would rebuild dist/ under the other test files that spawn
 * bin/). Run alone, `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type Io } from '../../src/cli/main.js';
import { scratchDir } from '../helpers/scratch.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> };
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function sh(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' } });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

describe('the npm package (slow: npm pack + npm install)', () => {
  it('builds on pack, not on install, and ships its license', () => {
    // `prepare` runs when the package is installed as a dependency: npm warns of it (tsc is not there).
    expect(pkg.scripts.prepare).toBeUndefined();
    expect(pkg.scripts.prepack).toBe('npm run build');
    expect(pkg.scripts.test).toMatch(/^npm run build && /);
    expect(readFileSync(path.join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} credit-audit contributors\n/);
  });

  it('packs bin, dist without maps, rules, the docs the README links to, README and LICENSE; installs without a warning; runs', { timeout: 180_000 }, async () => {
    expect(existsSync(path.join(ROOT, 'dist', 'cli', 'main.js')), 'run `npm run build` first').toBe(true);
    const work = scratchDir('credit-audit-pack-');
    const packed = sh(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT);
    expect(packed.code, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = info!.files.map((f) => f.path).sort();
    for (const f of ['bin/credit-audit.js', 'dist/cli/main.js', 'rules/puer.yaml', 'rules/hangzhou.yaml', 'docs/checks.md', 'docs/result.schema.json', 'README.md', 'LICENSE', 'package.json']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => !/^(bin|dist|rules)\/|^(docs\/checks\.md|docs\/result\.schema\.json|README\.md|LICENSE|package\.json)$/.test(f))).toEqual([]);

    const app = path.join(work, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), '{ "name": "district-office", "private": true }\n');
    const installed = sh(NPM, ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, info!.filename)], app);
    expect(installed.code, installed.stderr).toBe(0);
    expect(`${installed.stdout}${installed.stderr}`).not.toMatch(/npm warn|npm WARN/);

    const bin = path.join(app, 'node_modules', 'credit-audit', 'bin', 'credit-audit.js');
    const cli = (...args: string[]) => sh(process.execPath, [bin, ...args], app);
    const version = cli('--version');
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    const rules = cli('rules');
    expect(rules.code).toBe(0);
    expect(rules.stdout).toContain('puer  ');
    expect(rules.stdout).toContain('hangzhou  ');
    const template = cli('template', 'puer-2-2', '--year', '2025', '--school', '思茅区第一中学', '--out', '申报表.xlsx');
    expect(template.code, template.stderr).toBe(0);
    expect(existsSync(path.join(app, '申报表.xlsx'))).toBe(true);

    // The installed package audits a return as the source tree does.
    copyFileSync(path.join(ROOT, 'fixtures', 'puer', '2025年度思茅区第一中学.xlsx'), path.join(app, 'return.xlsx'));
    const checked = cli('check', 'return.xlsx', '--format', 'json', '--no-out');
    const io: Io & { out: string } = { out: '', isTTY: false, env: {}, cwd: app, stdout: (s: string) => void (io.out += s), stderr: () => {} };
    const code = await run(['check', 'return.xlsx', '--format', 'json', '--no-out'], io);
    expect(checked.code).toBe(code);
    const summary = JSON.parse(checked.stdout).summary;
    expect(summary.teachers).toBeGreaterThan(0);
    expect(summary).toEqual(JSON.parse(io.out).summary);
  });
});
