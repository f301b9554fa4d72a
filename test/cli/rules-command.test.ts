import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { run } from '../../src/cli/main.js';
import { BUILTIN_RULES_DIR, builtinRuleIds, loadRules, RuleError } from '../../src/rules/rules.js';
import { CHECKS } from '../../src/checks/index.js';
import { memoryIo } from '../helpers/cli.js';
import { scratchDir } from '../helpers/scratch.js';


async function rules(cwd: string, ...args: string[]) {
  const io = memoryIo(cwd);
  const code = await run(['rules', ...args], io);
  return { code, out: io.out, err: io.err };
}

const PUER = path.join(BUILTIN_RULES_DIR, 'puer.yaml');
const puerText = readFileSync(PUER, 'utf8');

describe('credit-audit rules', () => {
  it('lists every built-in rule set with its id, region, source, unit and cycle (zh)', async () => {
    const r = await rules(scratchDir());
    expect(r.code).toBe(0);
    expect(builtinRuleIds()).toEqual(['binhai', 'hangzhou', 'hongkou', 'puer', 'wenzhou']);
    for (const id of builtinRuleIds()) {
      const def = loadRules(path.join(BUILTIN_RULES_DIR, `${id}.yaml`)).def;
      expect(r.out).toContain(`${id}  ${def.name}`);
      expect(r.out).toContain(`地区：${def.region}`);
      expect(r.out).toContain(`依据：${def.source}`);
    }
    expect(r.out).toContain('单位：学时、学分');
    expect(r.out).toContain('单位：学分\n');
    expect(r.out).toContain('周期：5 年（2021–2025 起，依次顺延），加 --cycle 时审核');
    expect(r.out).toContain('周期：5 年（2022–2026 起，依次顺延），总是审核周期');
  });

  it('lists them in English with --lang en', async () => {
    const r = await rules(scratchDir(), '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Region: 普洱市');
    expect(r.out).toContain('Unit: hours and credits');
    expect(r.out).toContain('Unit: credits\n');
    expect(r.out).toContain('Cycle: 5 years (2022–2026, then each following), always audited');
    // The tool's own words are English; a rule set's name and source are its data (滨海 第六周期…).
    expect(r.out.replace(/^\S+ {2}.*$|^ {2}(Source|Clause): .*$|\[.*\]$/gm, '')).not.toMatch(/地区|单位|周期/);
  });

  it('`rules puer` shows every check of the rule set with its severity, clause and numbers', async () => {
    const def = parseYaml(puerText) as { checks: Record<string, { severity: string; clause: string; options?: Record<string, unknown> }> };
    for (const lang of ['zh', 'en'] as const) {
      const r = await rules(scratchDir(), 'puer', '--lang', lang);
      expect(r.code).toBe(0);
      const severity = { zh: { error: '错误', warning: '警告', info: '提示' }, en: { error: 'error', warning: 'warning', info: 'info' } }[lang];
      for (const [id, entry] of Object.entries(def.checks)) {
        const at = r.out.indexOf(`  ${id}  ${CHECKS[id]!.meta.title[lang]}  [${severity[entry.severity as 'error']}]\n`);
        expect(at, id).toBeGreaterThan(0);
        expect(r.out.slice(at).split('\n')[1]).toBe(`    ${lang === 'zh' ? '依据：' : 'Clause: '}${entry.clause}`);
      }
      expect(r.out).toContain(lang === 'zh' ? '参数：{ hours: 72, credits: 72 }' : 'Options: { hours: 72, credits: 72 }');
      expect(r.out).toContain('{ modes: [ concentrated, online, school ], hours: 24, credits: 24 }');
      expect(r.out).toContain('{ percent: 20, cycleSeverity: warning }');
      expect(r.out).toContain(lang === 'zh' ? '上限：校本研修学时超过 48 的部分不计入' : 'above 48 are not counted');
    }
  });

  it('`rules binhai` shows where its year starts, its conversions and its district targets', async () => {
    const zh = await rules(scratchDir(), 'binhai');
    expect(zh.code).toBe(0);
    expect(zh.out).toContain('年度从 9 月 1 日开始');
    expect(zh.out).toContain('折算：{ hoursPerDay: 8, hoursPerCredit: 10, byCategory: [] }  [第六周期继续教育规划 四(五)1]');
    expect(zh.out).toContain('区域目标（%）：{ coverage: 98, completion: 95 }');
    const en = await rules(scratchDir(), 'binhai', '--lang', 'en');
    expect(en.out).toContain('conversions: { hoursPerDay: 8');
    expect(en.out).toContain('district targets (%): { coverage: 98, completion: 95 }');
  });

  it('`rules nosuch` says which rule sets there are, exit 2', async () => {
    const r = await rules(scratchDir(), 'nosuch');
    expect(r.code).toBe(2);
    expect(r.err).toContain('binhai, hangzhou, hongkou, puer, wenzhou');
    expect(r.out).toBe('');
  });

  it('`rules puer --init` prints a faithful, commented copy under a header, which validates and loads as the built-in', async () => {
    const dir = scratchDir();
    const r = await rules(dir, 'puer', '--init');
    expect(r.code).toBe(0);
    const [header, body] = [r.out.slice(0, r.out.indexOf('\n\n')), r.out.slice(r.out.indexOf('\n\n') + 2)];
    expect(header.split('\n').every((l) => l.startsWith('#'))).toBe(true);
    expect(header).toContain('credit-audit rules --validate my-rules.yaml');
    expect(body).toBe(puerText);
    writeFileSync(path.join(dir, 'my-rules.yaml'), r.out);
    const v = await rules(dir, '--validate', 'my-rules.yaml');
    expect(v.code).toBe(0);
    expect(v.out).toContain('my-rules.yaml：规则文件有效（规则集 puer');
    expect(loadRules(path.join(dir, 'my-rules.yaml')).def).toEqual(loadRules(PUER).def);
    // The copy is shown as the built-in is, and its header is in the language asked for.
    const shown = await rules(dir, './my-rules.yaml');
    expect(shown.code).toBe(0);
    expect(shown.out.replace(/规则文件：.*\n/, '')).toBe((await rules(dir, 'puer')).out.replace(/规则文件：.*\n/, ''));
    const en = await rules(dir, 'hangzhou', '--init', '--lang', 'en');
    expect(en.out).toMatch(/^# Copied by credit-audit \S+ from the rule set hangzhou\.\n/);
    expect(en.out.endsWith(readFileSync(path.join(BUILTIN_RULES_DIR, 'hangzhou.yaml'), 'utf8'))).toBe(true);
  });

  it('`rules --init` without a rule set is refused, exit 2', async () => {
    const r = await rules(scratchDir(), '--init');
    expect(r.code).toBe(2);
    expect(r.err).toContain('rules puer --init');
  });
});

describe('credit-audit rules --validate', () => {
  /** puer.yaml with lines replaced: each [original line, new line]. */
  function edited(...changes: Array<[string, string]>): string {
    let text = puerText;
    for (const [from, to] of changes) {
      expect(text, from).toContain(from);
      text = text.replace(from, to);
    }
    return text;
  }
  function lineOf(text: string, needle: string): number {
    return text.slice(0, text.indexOf(needle)).split('\n').length;
  }
  async function validate(text: string, ...args: string[]) {
    const dir = scratchDir();
    const file = path.join(dir, 'my-rules.yaml');
    writeFileSync(file, text);
    const r = await rules(dir, '--validate', 'my-rules.yaml', ...args);
    // What `check` does with the same file: a file --validate refuses is one loadRules refuses.
    let loads = true;
    try {
      loadRules(file);
    } catch (e) {
      expect(e).toBeInstanceOf(RuleError);
      loads = false;
    }
    return { ...r, loads };
  }

  it('lists every error with its line and column and the allowed values, exit 2', async () => {
    const text = edited(
      ['id: puer', 'id: My_Puer'],
      ['  years: 5\n', '  years: 11\n'],
      ['options: { hours: 72, credits: 72 }', 'options: { hours: -0.01, credits: 七十二, houres: 1 }'],
      ['  mode-hours-cap:\n    severity: warning', '  mode-hours-cap:\n    severity: warn'],
      ['  annual-mode-minimum:', '  annual-mode-minimun:'],
    );
    const r = await validate(text);
    expect(r.code).toBe(2);
    expect(r.loads).toBe(false);
    const at = (needle: string) => {
      const line = lineOf(text, needle);
      const col = text.split('\n')[line - 1]!.indexOf(needle.trimEnd()) + 1;
      return `my-rules.yaml:${line}:${col}  `;
    };
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toEqual([
      `${at('My_Puer')}id: 规则集 id 只能由小写字母、数字和连字符组成，并以字母开头（例如 my-puer）。`,
      `${at('11')}cycle.years: 应为 ≤ 10 的数。`,
      `${at('-0.01')}checks.annual-total-minimum.options.hours: 应为 ≥ 0 的数。`,
      `${at('七十二')}checks.annual-total-minimum.options.credits: 应为数字。`,
      `${at('houres')}checks.annual-total-minimum.options.houres: 不认识的键。允许的键：hours, credits。`,
      `${at('annual-mode-minimun')}checks.annual-mode-minimun: 没有这项检查。已有的检查：${Object.keys(CHECKS).join(', ')}。`,
      `${at('warn\n')}checks.mode-hours-cap.severity: 取值只能是：error, warning, info, off。`,
      'my-rules.yaml：7 处错误，规则文件不能使用。',
    ]);
  });

  it('says the same in English with --lang en', async () => {
    const r = await validate(edited(['  years: 5\n', '  years: 0\n']), '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^my-rules\.yaml:\d+:10 {2}cycle\.years: expected a number ≥ 1\.\nmy-rules\.yaml: 1 error\(s\); the rule file cannot be used\.\n$/);
  });

  it('accepts the boundary values (a minimum of 0, a cycle of 10 years), exit 0', async () => {
    const r = await validate(edited(['  years: 5\n', '  years: 10\n'], ['options: { hours: 72, credits: 72 }', 'options: { hours: 0, credits: 0 }']));
    expect(r.code).toBe(0);
    expect(r.loads).toBe(true);
    expect(r.out).toContain('规则文件有效');
  });

  it('a missing key points at the mapping that lacks it', async () => {
    const text = edited(['  mode-hours-cap:\n    severity: warning\n    clause: 附件3 三\n', '  mode-hours-cap:\n    severity: warning\n']);
    const r = await validate(text);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`my-rules.yaml:${lineOf(text, '  mode-hours-cap:')}:3  checks.mode-hours-cap.clause: 缺少必填的键（或写在了错误的层级）。`);
  });

  it('a wrong value inside a list points at the item (a severity per limit)', async () => {
    const text = edited(['{ mode: concentrated, factor: 3.6, severity: warning', '{ mode: concentrated, factor: 3.6, severity: fatal']);
    const r = await validate(text);
    expect(r.code).toBe(2);
    const line = lineOf(text, 'severity: fatal');
    const col = text.split('\n')[line - 1]!.indexOf('fatal') + 1;
    expect(r.out).toContain(`my-rules.yaml:${line}:${col}  checks.mode-credit-ceiling.options.limits.2.severity: 取值只能是：error, warning, info。`);
  });

  it('a YAML syntax error is given with its line and column', async () => {
    const r = await validate('id: puer\nname: [unclosed\nregion: x\n');
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^my-rules\.yaml:\d+:\d+ {2}YAML 语法错误/);
    expect(r.loads).toBe(false);
  });

  it('an exemption with neither remarks nor projects is explained', async () => {
    const text = edited(['    remarks: [新任教师, 新教师, 新入职, 入职培训, 岗前培训, 上岗培训, 规范化培训]\n', '']);
    const r = await validate(text, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.out).toContain('exemptions.0: an exemption needs remarks or projects (or both).');
  });

  it('a file that cannot be read is refused with exit 2, and --validate with a rule set id too', async () => {
    const dir = scratchDir();
    const missing = await rules(dir, '--validate', 'nosuch.yaml');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nosuch.yaml');
    const both = await rules(dir, 'puer', '--validate', 'x.yaml');
    expect(both.code).toBe(2);
  });
});
