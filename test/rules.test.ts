import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES_DIR, builtinRuleIds, loadRules, resolveRulesArg, RuleError } from '../src/rules/rules.js';
import { scratchDir } from './helpers/scratch.js';
import { CHECKS } from '../src/checks/index.js';
import { errorMessage } from '../src/i18n/index.js';

const puerText = readFileSync(path.join(BUILTIN_RULES_DIR, 'puer.yaml'), 'utf8');

function ruleFile(text: string): string {
  const dir = scratchDir('rules-');
  const f = path.join(dir, 'my-rules.yaml');
  writeFileSync(f, text);
  return f;
}

function errorOf(text: string): RuleError {
  try {
    loadRules(ruleFile(text));
  } catch (e) {
    if (e instanceof RuleError) return e;
    throw e;
  }
  throw new Error('expected a RuleError');
}

describe('rule files', () => {
  it('loads the built-in puer set with every check it lists', () => {
    const r = loadRules(resolveRulesArg('puer', '/'));
    expect(r.def.id).toBe('puer');
    expect(r.checks.map((c) => c.check.meta.id)).toContain('annual-mode-minimum');
    expect(builtinRuleIds()).toContain('puer');
  });

  it.each([
    ['hongkou', ['cycle-total-minimum', 'cycle-matrix-minimum', 'cycle-title-minimum', 'cycle-role-minimum'], { anchor: 2016, always: true, everyYear: false }],
    ['wenzhou', ['annual-total-minimum', 'annual-mode-minimum', 'cycle-total-minimum', 'cycle-mode-minimum', 'cycle-single-record-minimum', 'cycle-role-minimum', 'school-concentrated-share'], { anchor: 2011, always: true, everyYear: false }],
  ] as const)('loads the built-in %s set (issue 19) with its region checks, a clause for each, and its cycle', (id, ids, cycle) => {
    const r = loadRules(resolveRulesArg(id, '/'));
    expect(r.def.id).toBe(id);
    const active = r.checks.map((c) => c.check.meta.id);
    for (const want of ids) expect(active).toContain(want);
    for (const c of r.checks) expect(c.clause.length).toBeGreaterThan(2);
    expect(r.def.cycle).toMatchObject({ years: 5, ...cycle });
    // The mission's 20 % flag stays for every rule set.
    expect(active).toContain('school-incomplete-share');
  });

  it('hongkou lists cycle-title-minimum after cycle-total-minimum, so a 高级教师\'s 要求 is 54, not 36', () => {
    const active = loadRules(resolveRulesArg('hongkou', '/')).checks.map((c) => c.check.meta.id);
    expect(active.indexOf('cycle-title-minimum')).toBeGreaterThan(active.indexOf('cycle-total-minimum'));
  });

  it('names a typo\'d level in a matrix cell and the allowed ones', () => {
    const text = readFileSync(path.join(BUILTIN_RULES_DIR, 'hongkou.yaml'), 'utf8').replace('{ level: district, category: ethics, minimum: 2 }', '{ level: distrct, category: ethics, minimum: 2 }');
    const e = errorOf(text);
    expect(e.messageId).toBe('rules.notOneOf');
    expect(String(e.data.key)).toMatch(/^checks\.cycle-matrix-minimum\.options\.tables\.0\.cells\.2\.level$/);
    expect(String(e.data.allowed)).toBe('national, city, district, school');
  });

  it('cites a clause for every check', () => {
    for (const c of loadRules(resolveRulesArg('puer', '/')).checks) expect(c.clause.length).toBeGreaterThan(2);
  });

  it('names an unknown check id and lists the known ones', () => {
    const e = errorOf(puerText.replace('annual-mode-minimum:', 'annual-mode-minimun:'));
    expect(e.messageId).toBe('rules.unknownCheck');
    expect(e.data.key).toBe('checks.annual-mode-minimun');
    expect(String(e.data.allowed)).toContain('annual-mode-minimum');
  });

  it('names a typo\'d key in a check\'s options and the allowed keys', () => {
    const e = errorOf(puerText.replace('options: { hours: 72, credits: 72 }', 'options: { hours: 72, credit: 72 }'));
    expect(e.messageId).toBe('rules.unknownKey');
    expect(e.data.key).toBe('checks.annual-total-minimum.options.credit');
    expect(e.data.allowed).toBe('hours, credits');
  });

  it('names a typo\'d top-level key', () => {
    const e = errorOf(puerText.replace('exemptions:', 'exemption:'));
    expect(e.messageId).toBe('rules.unknownKey');
    expect(e.data.key).toBe('exemption');
    expect(String(e.data.allowed)).toContain('exemptions');
  });

  it('refuses a negative minimum, naming the key and the bound in the tool\'s words, not zod\'s', () => {
    const e = errorOf(puerText.replace('options: { hours: 72, credits: 72 }', 'options: { hours: -72, credits: 72 }'));
    expect(e.messageId).toBe('rules.tooSmall');
    expect(e.data.key).toBe('checks.annual-total-minimum.options.hours');
    expect(e.data.minimum).toBe(0);
    expect(errorMessage('zh', e.messageId, e.data)).toContain('“checks.annual-total-minimum.options.hours”的值应不小于 0');
    expect(errorMessage('en', e.messageId, e.data)).toContain('must be at least 0');
    expect(errorMessage('zh', e.messageId, e.data)).not.toMatch(/Too small|expected/);
  });

  it('accepts a minimum of 0 (the bound itself)', () => {
    expect(() => loadRules(ruleFile(puerText.replace('options: { hours: 72, credits: 72 }', 'options: { hours: 0, credits: 72 }')))).not.toThrow();
  });

  it('refuses an unknown severity, listing the allowed ones', () => {
    const e = errorOf(puerText.replace('severity: warning', 'severity: warn'));
    expect(e.messageId).toBe('rules.notOneOf');
    expect(String(e.data.key)).toMatch(/^checks\..+\.severity$/);
    expect(String(e.data.allowed).split(', ')).toEqual(expect.arrayContaining(['error', 'warning', 'info', 'off']));
    expect(errorMessage('zh', e.messageId, e.data)).toContain('的值应为以下之一：');
  });

  it('says a value of the wrong type by the type wanted, in Chinese', () => {
    const e = errorOf(puerText.replace('options: { hours: 72, credits: 72 }', 'options: { hours: 七十二, credits: 72 }'));
    expect(e.messageId).toBe('rules.wrongType');
    expect(errorMessage('zh', e.messageId, e.data)).toContain('应为数字');
    expect(errorMessage('en', e.messageId, e.data)).toContain('must be a number');
  });

  it('lists every known check when a check is unknown, not cut with …', () => {
    const e = errorOf(puerText.replace('annual-total-minimum:', 'annual-total-minimun:'));
    expect(e.messageId).toBe('rules.unknownCheck');
    const text = errorMessage('zh', e.messageId, e.data);
    expect(text).not.toContain('…');
    for (const id of Object.keys(CHECKS)) expect(text).toContain(id);
  });

  it('switches a check off with severity: off', () => {
    const r = loadRules(ruleFile(puerText.replace(/(annual-total-minimum:\n\s+severity:) error/, '$1 off')));
    expect(r.checks.map((c) => c.check.meta.id)).not.toContain('annual-total-minimum');
  });

  it('says which built-in sets exist when the name is unknown', () => {
    expect(() => resolveRulesArg('pu-er', '/')).toThrow(RuleError);
  });

  it('reports YAML that does not parse', () => {
    expect(errorOf('id: [unclosed').messageId).toBe('rules.badYaml');
  });
});
