import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CHECKS } from '../checks/index.js';
import type { Check } from '../checks/types.js';
import { MEASURES, MODES, SEVERITIES, type Severity } from '../model/types.js';

/** The built-in rule sets ship in rules/ at the package root (same depth from src/ and dist/). */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

const checkEntry = z.strictObject({
  severity: z.enum([...SEVERITIES, 'off']),
  clause: z.string().min(1),
  options: z.record(z.string(), z.unknown()).optional(),
});

/** Exported for `credit-audit rules --validate`, which lists every issue where loadRules stops at the first. */
export const ruleFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: z.string().min(1),
  region: z.string().min(1),
  source: z.string().min(1),
  /**
   * Amounts above a cap are reported (check mode-hours-cap) and not counted. `scale` names the
   * other measures of the mode cut in the same proportion: 普洱 校本 credits earned by hours above
   * the 48-学时 cap do not count either (附件3 三).
   */
  caps: z
    .array(
      z.strictObject({
        mode: z.enum(MODES),
        measure: z.enum(MEASURES),
        max: z.number().nonnegative(),
        scale: z.array(z.enum(MEASURES)).default([]),
        clause: z.string().min(1),
      }),
    )
    .default([]),
  /**
   * Who is exempt, recognised by whole phrases (src/periods/phrases.ts): a teacher-year whose 备注
   * holds one of `remarks` is exempt from the minimums; a record whose project name holds one of
   * `projects` is not counted (a new teacher's probation training), and a year made only of such
   * records is exempt. A phrase right after one of `exceptAfter` (非, C证) or right before one of
   * `exceptBefore` (导师, 指导) does not count. `firstYearOnly`: the exemption holds in the
   * teacher's first year in the inputs only (普洱 第十条 "任职第一年"); a later year so marked is
   * audited and the repeat reported.
   */
  exemptions: z
    .array(
      z
        .strictObject({
          reason: z.string().min(1),
          remarks: z.array(z.string().min(1)).default([]),
          projects: z.array(z.string().min(1)).default([]),
          exceptAfter: z.array(z.string().min(1)).default([]),
          exceptBefore: z.array(z.string().min(1)).default([]),
          firstYearOnly: z.boolean().default(false),
          clause: z.string().min(1),
        })
        .refine((e) => e.remarks.length + e.projects.length > 0, { message: 'give remarks or projects' }),
    )
    .default([]),
  /** Where the rule set's year starts: a date before it belongs to the year before (Tianjin: 9-01). */
  yearStart: z
    .strictObject({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) })
    .default({ month: 1, day: 1 }),
  /**
   * Conversions of the figures read (issue 19), applied to per-record inputs before any check:
   * `hoursPerDay` turns a record's 天数 into 学时 where it gives no 学时 (天津滨海: 半天 = 4, so 8);
   * `hoursPerCredit` turns 学时 into 学分 where a record gives no 学分 (10 学时 = 1 学分), per
   * category where `byCategory` says otherwise; a category with `creditsGiven` is never converted
   * (上海虹口 实践体验: sessions cannot be inferred from hours). The figures read stay on the record.
   */
  conversions: z
    .strictObject({
      hoursPerDay: z.number().positive().optional(),
      hoursPerCredit: z.number().positive().optional(),
      byCategory: z
        .array(z.strictObject({ category: z.string().min(1), hoursPerCredit: z.number().positive().optional(), creditsGiven: z.boolean().default(false) }))
        .default([]),
      clause: z.string().min(1),
    })
    .optional(),
  /**
   * Run-wide targets of a training office (天津滨海 三(二)1: 全员培训覆盖率 ≥ 98 %, 完成率 ≥ 95 %),
   * in percent, shown against the shares measured per year (README, "District targets"): coverage
   * is the teachers listed with any recognised hours or credits ÷ the teachers listed; completion is
   * the complete ÷ the teachers audited (exempt ones in neither).
   */
  targets: z
    .strictObject({
      coverage: z.number().min(0).max(100).optional(),
      completion: z.number().min(0).max(100).optional(),
      clause: z.string().min(1),
    })
    .optional(),
  /** The multi-year cycle: its length, the first year of some cycle, and when to audit it. */
  cycle: z
    .strictObject({
      years: z.number().int().min(1).max(10),
      /** Any cycle's first year; cycles follow each other from it (e.g. 2021 → 2021–2025, 2026–2030). */
      anchor: z.number().int().min(1990).max(2100),
      /** Audit the cycle even when the inputs hold one year and no --cycle is given (platform exports). */
      always: z.boolean().default(false),
      /** Severity of "behind pace" (below minimum × years elapsed ÷ length) before the cycle ends. */
      paceSeverity: z.enum(SEVERITIES).default('warning'),
      /**
       * Every year of the cycle must pass its annual minimums for the cycle to be complete (普洱
       * 第十条 "每年不少于72"; 浙教师〔2016〕71号 第四条 "每年不少于24学分"): check cycle-every-year.
       */
      everyYear: z.boolean().default(false),
      /** A failed year's amounts are left out of the cycle totals (普洱 第七条: the year is not 认定). */
      dropFailedYears: z.boolean().default(false),
      /**
       * A teacher whose exempt first year (新任教师) falls inside the cycle joined then: the cycle
       * minimums are scaled by the years after it ÷ the cycle's length (a decision, REGULATIONS.md).
       */
      prorate: z.boolean().default(true),
      /**
       * Joiners named by the input: a `records` return's 入职年度 (joined) inside the cycle, after its
       * first year, is when the teacher joined, and with `prorate` the cycle minimums scale by the
       * years from it ÷ the cycle's length (上海虹口 二(二)2 "2016年以后进入教育系统的新教师，逐年递减
       * 培训学分"). `yearServed`: the year joined is a year of service and is owed (default). Absent
       * (the default): the column is not read, and a teacher is held to the full cycle.
       */
      joiners: z.strictObject({ yearServed: z.boolean().default(true), clause: z.string().min(1) }).optional(),
      clause: z.string().min(1),
    })
    .optional(),
  checks: z.record(z.string(), checkEntry),
});

export type RuleFile = z.infer<typeof ruleFileSchema>;

export interface ActiveCheck {
  check: Check;
  severity: Severity;
  clause: string;
  options: unknown;
}

export interface LoadedRules {
  file: string;
  def: RuleFile;
  checks: ActiveCheck[];
}

/** A rule file that cannot be used: rendered through i18n, exit code 2. */
export class RuleError extends Error {
  constructor(
    readonly messageId: string,
    readonly data: Record<string, string | number>,
  ) {
    super(`${messageId} ${JSON.stringify(data)}`);
    this.name = 'RuleError';
  }
}

export function builtinRuleIds(): string[] {
  return readdirSync(BUILTIN_RULES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** `--rules puer` picks a built-in set; anything with a slash or .yaml ending is a path. */
export function resolveRulesArg(arg: string, cwd: string): string {
  if (/[\\/]/.test(arg) || /\.ya?ml$/i.test(arg)) return path.resolve(cwd, arg);
  const file = path.join(BUILTIN_RULES_DIR, `${arg}.yaml`);
  if (!existsSync(file)) throw new RuleError('rules.unknownBuiltin', { name: arg, allowed: builtinRuleIds().join(', ') });
  return file;
}

function keyPath(p: ReadonlyArray<PropertyKey>): string {
  return p.map(String).join('.') || '(top level)';
}

export function allowedKeys(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

export function loadRules(file: string): LoadedRules {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new RuleError('rules.unreadable', { file });
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new RuleError('rules.badYaml', { file, detail: String((e as Error).message).split('\n')[0]! });
  }
  const parsed = ruleFileSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') {
      const parent = issue.path.length ? resolveSchemaAt(issue.path) : ruleFileSchema;
      throw new RuleError('rules.unknownKey', {
        file,
        key: keyPath([...issue.path, issue.keys[0]!]),
        allowed: allowedKeys(parent).join(', '),
      });
    }
    throw issueError(file, keyPath(issue.path), issue);
  }
  const def = parsed.data;
  const checks: ActiveCheck[] = [];
  for (const [id, entry] of Object.entries(def.checks)) {
    const check = CHECKS[id];
    if (!check) {
      throw new RuleError('rules.unknownCheck', { file, key: `checks.${id}`, allowed: Object.keys(CHECKS).join(', ') });
    }
    if (entry.severity === 'off') continue;
    const opts = check.meta.options.safeParse(entry.options ?? {});
    if (!opts.success) {
      const issue = opts.error.issues[0]!;
      const base = ['checks', id, 'options'];
      if (issue.code === 'unrecognized_keys') {
        throw new RuleError('rules.unknownKey', {
          file,
          key: keyPath([...base, ...issue.path, issue.keys[0]!]),
          allowed: allowedKeys(check.meta.options).join(', ') || '(none)',
        });
      }
      throw issueError(file, keyPath([...base, ...issue.path]), issue);
    }
    checks.push({ check, severity: entry.severity, clause: entry.clause, options: opts.data });
  }
  return { file, def, checks };
}

export function resolveSchemaAt(p: ReadonlyArray<PropertyKey>): z.ZodType {
  let s: unknown = ruleFileSchema;
  for (const k of p) {
    const any = s as { shape?: Record<string, unknown>; element?: unknown; def?: { innerType?: unknown; valueType?: unknown } };
    const inner = any.def?.innerType as typeof any | undefined;
    const base = inner ?? any;
    if (typeof k === 'number') s = (base as { element?: unknown }).element;
    else if (base.shape && k in base.shape) s = base.shape[k as string];
    else if (base.def?.valueType) s = base.def.valueType;
    else return ruleFileSchema;
  }
  const any = s as { def?: { innerType?: unknown } };
  return (any.def?.innerType ?? s) as z.ZodType;
}

/**
 * A value zod refused, said in the tool's own words and language (zod's messages are English
 * only): the bound, the type or the allowed values. Other issues keep zod's text as the detail.
 */
function issueError(file: string, key: string, issue: z.core.$ZodIssue): RuleError {
  const i = issue as z.core.$ZodIssue & { origin?: string; minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean; expected?: string; values?: unknown[] };
  const bounded = i.origin === 'number' || i.origin === 'int' || i.origin === 'bigint';
  switch (issue.code) {
    case 'too_small':
      return new RuleError(bounded ? (i.inclusive === false ? 'rules.tooSmallExclusive' : 'rules.tooSmall') : 'rules.tooShort', { file, key, minimum: Number(i.minimum) });
    case 'too_big':
      return new RuleError(bounded ? (i.inclusive === false ? 'rules.tooBigExclusive' : 'rules.tooBig') : 'rules.tooLong', { file, key, maximum: Number(i.maximum) });
    case 'invalid_type':
      // The types the i18n tables name (terms type.*); others (a tuple, a record) keep zod's text.
      if (['number', 'int', 'string', 'boolean', 'object', 'array'].includes(i.expected ?? '')) return new RuleError('rules.wrongType', { file, key, expected: `type.${i.expected}` });
      return new RuleError('rules.badValue', { file, key, detail: issue.message });
    case 'invalid_value':
      return new RuleError('rules.notOneOf', { file, key, allowed: (i.values ?? []).map((v) => String(v)).join(', ') });
    default:
      return new RuleError('rules.badValue', { file, key, detail: issue.message });
  }
}

/** A rule set's check as findings name it: its id, and the severity and clause the rule file gives it. */
export function checkOf(active: ActiveCheck): { id: string; severity: Severity; clause: string } {
  return { id: active.check.meta.id, severity: active.severity, clause: active.clause };
}
