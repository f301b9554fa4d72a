import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { message } from '../../src/i18n/index.js';
import type { AuditResult } from '../../src/model/types.js';
import { githubChunks, junitChunks, renderGithub, renderJunit } from '../../src/report/ci-formats.js';
import { renderConsole } from '../../src/report/console.js';
import { renderJson, renderJsonChunks } from '../../src/report/json.js';
import { puerRules } from '../helpers/teacher.js';

const FILE = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'puer', 'value-quirks.xlsx');
let result: AuditResult;
beforeAll(async () => {
  result = await audit({ files: [FILE], rules: puerRules(), yearOption: null });
});

describe('rendered text (snapshots of the templates)', () => {
  it('says a mode minimum in Chinese and in English', () => {
    const data = { mode: 'online', measure: 'hours', measured: 23.5, required: 24, missing: 0.5 };
    expect(message('zh', 'annualModeBelow', data)).toBe('网络研修学时 23.5，低于每年要求的 24，还差 0.5（各模式不能相互冲抵）');
    expect(message('en', 'annualModeBelow', data)).toBe('online study hours 23.5 is below the yearly 24; 0.5 short (modes do not offset each other)');
  });
  it('says a school flag', () => {
    expect(message('zh', 'schoolFlagged', { incomplete: 1, teachers: 5, share: 20, percent: 20 })).toBe('1/5 名教师未完成（20%），达到 20% 标准，学校被标记');
  });
});

describe('console colour', () => {
  it('uses ANSI colour only when asked (a terminal without NO_COLOR)', () => {
    expect(renderConsole(result, { lang: 'zh', color: true, maskIds: false })).toMatch(/\u001b\[/);
    expect(renderConsole(result, { lang: 'zh', color: false, maskIds: false })).not.toMatch(/\u001b\[/);
  });
});

describe('CI formats', () => {
  it('JUnit: one case per teacher, the incomplete one a failure', () => {
    const x = renderJunit(result, { lang: 'zh', maskIds: false });
    expect(x).toMatch(/^<\?xml/);
    expect((x.match(/<testcase /g) ?? []).length).toBe(6); // 5 teachers + the flagged school
    expect((x.match(/<failure /g) ?? []).length).toBe(2); // the teacher with 0 school credits, and the school
    expect(x).toContain('tests="6" failures="2"');
  });
  it('GitHub: one annotation per finding, at the file and row', () => {
    const g = renderGithub(result, { lang: 'en', maskIds: false }).trim().split('\n');
    expect(g).toHaveLength(result.findings.length);
    expect(g[0]).toMatch(/^::error file=.*value-quirks\.xlsx,line=\d+,title=/);
  });
});

describe('JUnit and GitHub annotations in pieces (a province result: 236 MB of JUnit)', () => {
  it('cuts them at line ends into pieces of at least the size asked, which join to the same text', () => {
    for (const [chunks, whole] of [
      [junitChunks, renderJunit(result, { lang: 'zh', maskIds: false })],
      [githubChunks, renderGithub(result, { lang: 'zh', maskIds: false })],
    ] as const) {
      const pieces = [...chunks(result, { lang: 'zh', maskIds: false }, 100)];
      expect(pieces.length).toBeGreaterThan(2);
      expect(pieces.join('')).toBe(whole);
      for (const p of pieces) expect(p.endsWith('\n')).toBe(true);
      for (const p of pieces.slice(0, -1)) expect(p.length).toBeGreaterThanOrEqual(100);
    }
  });
});

describe('JSON in pieces (a province result is too large for one string)', () => {
  const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'fixtures');
  it.each([
    ['puer', 'puer', 'zh', false],
    ['puer', 'puer', 'en', true],
    ['puer-cycle', 'puer', 'zh', false],
    ['hangzhou', 'hangzhou', 'zh', true],
    ['identity', 'puer', 'en', false],
  ] as const)('%s (%s rules, %s, masked %s): the pieces join to exactly renderJson, each under 64 KB of text', async (dir, rules, lang, maskIds) => {
    const { readdirSync } = await import('node:fs');
    const { loadRules, BUILTIN_RULES_DIR } = await import('../../src/rules/rules.js');
    const files = (readdirSync(path.join(FIXTURES, dir), { recursive: true }) as string[]).filter((f) => /\.(xlsx|csv)$/.test(f)).map((f) => path.join(FIXTURES, dir, f));
    const r = await audit({ files, rules: loadRules(path.join(BUILTIN_RULES_DIR, `${rules}.yaml`)), yearOption: null, cycle: dir === 'puer-cycle' ? 'default' : null });
    const pieces = [...renderJsonChunks(r, { lang, maskIds })];
    expect(pieces.join('')).toBe(renderJson(r, { lang, maskIds }));
    expect(r.teachers.length).toBeGreaterThan(0);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(1 << 16);
  });
});
