import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { stringify } from 'yaml';
import { TOOL_VERSION } from '../engine/audit.js';
import { builtinRuleIds, BUILTIN_RULES_DIR, loadRules, resolveRulesArg, type RuleFile } from '../rules/rules.js';
import { CHECKS } from '../checks/index.js';
import { errorMessage, t, term, type Lang } from '../i18n/index.js';
import { consoleText } from '../report/console-text.js';
import type { Io } from './io.js';
import { issueLine, validateRuleText } from './rules-validate.js';

interface RulesOptions {
  init?: boolean;
  validate?: string;
  lang: Lang;
}

/** `credit-audit rules [id|file]`: list, show, copy (--init) or validate (--validate) rule sets. */
export function registerRulesCommand(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('rules')
    .description('list the built-in rule sets, show one, copy it (--init) or validate a rule file (--validate)')
    .argument('[id|file]', 'a built-in rule set id (e.g. puer) or a rule file (.yaml)')
    .option('--init', 'print an editable, commented copy of the rule set (credit-audit rules puer --init > my-rules.yaml)')
    .option('--validate <file>', 'check a rule file: every error with its line and column; exit 2 on error, 0 when valid')
    .addOption(new Option('--lang <lang>', 'language of the output').choices(['zh', 'en']).default('zh'))
    .action(async (id: string | undefined, o: RulesOptions) => {
      done(await runRules(id, o, io));
    });
}

async function out(io: Io, text: string): Promise<void> {
  const behind = io.stdout(text);
  if (behind) await behind;
}

function say(io: Io, text: string): void {
  io.stderr(`credit-audit: ${consoleText(text)}\n`);
}

export async function runRules(id: string | undefined, o: RulesOptions, io: Io): Promise<number> {
  const lang = o.lang;
  if (o.validate !== undefined) {
    if (id !== undefined || o.init) {
      say(io, t(lang, 'cmd', 'rules.validateAlone'));
      return 2;
    }
    return validate(o.validate, lang, io);
  }
  if (o.init) {
    if (id === undefined) {
      say(io, t(lang, 'cmd', 'rules.initNeedsId', { allowed: builtinRuleIds().join(', ') }));
      return 2;
    }
    const file = resolveRulesArg(id, io.cwd);
    // Loaded first: a copy is only ever made of a rule set that works.
    const rules = loadRules(file);
    const text = readFileSync(file, 'utf8');
    const header = t(lang, 'cmd', 'rules.initHeader', { id: rules.def.id, version: TOOL_VERSION })
      .split('\n')
      .map((l) => `# ${l}`.trimEnd())
      .join('\n');
    await out(io, `${header}\n\n${text.endsWith('\n') ? text : `${text}\n`}`);
    return 0;
  }
  if (id === undefined) {
    await out(io, listRuleSets(lang));
    return 0;
  }
  const file = resolveRulesArg(id, io.cwd);
  await out(io, showRuleSet(loadRules(file).def, file, lang));
  return 0;
}

async function validate(arg: string, lang: Lang, io: Io): Promise<number> {
  const file = path.resolve(io.cwd, arg);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    say(io, errorMessage(lang, 'rules.unreadable', { file: arg }));
    return 2;
  }
  const issues = validateRuleText(text, file);
  if (issues.length === 0) {
    const rules = loadRules(file);
    await out(io, `${consoleText(t(lang, 'cmd', 'rules.valid', { file: arg, id: rules.def.id, checks: rules.checks.length }))}\n`);
    return 0;
  }
  // The command's output, on stdout as ESLint's problems are: `file:line:col  key: message`, one a line.
  const lines = issues.map((issue) => consoleText(issueLine(lang, arg, issue)));
  lines.push(consoleText(t(lang, 'cmd', 'rules.invalid', { file: arg, count: issues.length })));
  await out(io, `${lines.join('\n')}\n`);
  return 2;
}

/** What a rule set counts: 学时, 学分 or both, from the minimums its checks set. */
function unitsOf(def: RuleFile): string[] {
  const found = new Set<string>();
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'hours' || k === 'credits') found.add(k);
        if (k === 'measure' && (x === 'hours' || x === 'credits')) found.add(x);
        visit(x);
      }
    }
  };
  for (const entry of Object.values(def.checks)) if (entry.severity !== 'off') visit(entry.options);
  return ['hours', 'credits'].filter((m) => found.has(m));
}

function cycleText(def: RuleFile, lang: Lang): string {
  if (!def.cycle) return t(lang, 'cmd', 'rules.noCycle');
  const c = def.cycle;
  return t(lang, 'cmd', c.always ? 'rules.cycleAlways' : 'rules.cycleAsked', { years: c.years, first: c.anchor, last: c.anchor + c.years - 1 });
}

export function listRuleSets(lang: Lang): string {
  const lines: string[] = [];
  for (const id of builtinRuleIds()) {
    const def = loadRules(path.join(BUILTIN_RULES_DIR, `${id}.yaml`)).def;
    lines.push(`${id}  ${def.name}`);
    lines.push(`  ${t(lang, 'cmd', 'rules.region')}${def.region}`);
    lines.push(`  ${t(lang, 'cmd', 'rules.source')}${def.source}`);
    lines.push(`  ${t(lang, 'cmd', 'rules.unit')}${unitsOf(def).map((m) => term(lang, m)).join(t(lang, 'cmd', 'rules.and'))}`);
    lines.push(`  ${t(lang, 'cmd', 'rules.cycle')}${cycleText(def, lang)}`);
    lines.push('');
  }
  lines.push(t(lang, 'cmd', 'rules.listHint'));
  return `${lines.join('\n')}\n`;
}

/** Options as the rule file writes them, on one line: `{ hours: 72, credits: 72 }`. */
function inline(v: unknown): string {
  return stringify(v, { collectionStyle: 'flow', lineWidth: 0 }).trim();
}

export function showRuleSet(def: RuleFile, file: string, lang: Lang): string {
  const c = (key: string, data = {}) => t(lang, 'cmd', key, data);
  const lines: string[] = [`${def.id}  ${def.name}`];
  lines.push(`  ${c('rules.region')}${def.region}`);
  lines.push(`  ${c('rules.source')}${def.source}`);
  lines.push(`  ${c('rules.file')}${file}`);
  lines.push(`  ${c('rules.unit')}${unitsOf(def).map((m) => term(lang, m)).join(c('rules.and'))}`);
  lines.push(`  ${c('rules.cycle')}${cycleText(def, lang)}`);
  if (def.cycle) {
    const { years, anchor, clause, ...rest } = def.cycle;
    lines.push(`    ${inline(rest)}  [${clause}]`);
  }
  if (def.yearStart.month !== 1 || def.yearStart.day !== 1) lines.push(`  ${c('rules.yearStart', { month: def.yearStart.month, day: def.yearStart.day })}`);
  if (def.conversions) {
    const { clause, ...rest } = def.conversions;
    lines.push(`  ${c('rules.conversions')}${inline(rest)}  [${clause}]`);
  }
  if (def.targets) {
    const { clause, ...rest } = def.targets;
    lines.push(`  ${c('rules.targets')}${inline(rest)}  [${clause}]`);
  }
  for (const cap of def.caps) {
    const scaled = cap.scale.length ? `  ${c('rules.capScale', { measures: cap.scale.map((m) => term(lang, m)).join(c('rules.and')) })}` : '';
    lines.push(`  ${c('rules.cap', { mode: term(lang, cap.mode), measure: term(lang, cap.measure), max: cap.max })}${scaled}  [${cap.clause}]`);
  }
  for (const e of def.exemptions) {
    const { reason, clause, ...rest } = e;
    lines.push(`  ${c('rules.exemption', { reason: term(lang, reason) })}  [${clause}]`);
    lines.push(`    ${inline(rest)}`);
  }
  lines.push('', c('rules.checksTitle'));
  for (const [id, entry] of Object.entries(def.checks)) {
    const check = CHECKS[id]!;
    const severity = entry.severity === 'off' ? c('rules.off') : term(lang, entry.severity);
    lines.push(`  ${id}  ${check.meta.title[lang]}  [${severity}]`);
    lines.push(`    ${c('rules.clause')}${entry.clause}`);
    if (entry.options && Object.keys(entry.options).length) lines.push(`    ${c('rules.options')}${inline(entry.options)}`);
  }
  const unused = Object.keys(CHECKS).filter((id) => !Object.hasOwn(def.checks, id));
  if (unused.length) lines.push('', `${c('rules.notUsed')}${unused.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
