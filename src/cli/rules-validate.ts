import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { allowedKeys, loadRules, resolveSchemaAt, RuleError, ruleFileSchema } from '../rules/rules.js';
import { CHECKS } from '../checks/index.js';
import type { Data, Lang } from '../i18n/index.js';
import { errorMessage, t } from '../i18n/index.js';

/** One problem of a rule file, where it is (1-based line and column) and what to do, as message ids. */
export interface RuleIssue {
  line: number;
  col: number;
  /** The key it is about (`checks.annual-total-minimum.options.hours`), or '' for the file itself. */
  key: string;
  messageId: string;
  data: Data;
  /** A refusal of loadRules the walk did not foresee: said as `check` says it. */
  error?: { messageId: string; data: Data };
}

type Path = ReadonlyArray<PropertyKey>;

/**
 * Every problem of a rule file at once, each with its line and column, for `rules --validate`.
 * loadRules (what `check` uses) stops at the first; this walks the same schema and the same
 * per-check option schemas, then loads the file with loadRules all the same, so a file this calls
 * valid is one `check` accepts.
 */
export function validateRuleText(text: string, file: string): RuleIssue[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    return doc.errors.map((e) => {
      const at = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
      return { line: at.line, col: at.col, key: '', messageId: 'v.yaml', data: { detail: e.message.split('\n')[0]! } };
    });
  }
  const value: unknown = doc.toJS();
  const issues: RuleIssue[] = [];
  const place = (p: Path, onKey: boolean) => {
    const offset = offsetOf(doc, p, onKey);
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const parsed = ruleFileSchema.safeParse(value);
  if (!parsed.success) for (const issue of parsed.error.issues) issues.push(...describe(issue, [], ruleFileSchema, value, place));
  const checks = isRecord(value) && isRecord(value.checks) ? value.checks : {};
  for (const [id, entry] of Object.entries(checks)) {
    const check = Object.hasOwn(CHECKS, id) ? CHECKS[id] : undefined;
    if (!check) {
      issues.push({ ...place(['checks', id], true), key: `checks.${id}`, messageId: 'v.unknownCheck', data: { allowed: Object.keys(CHECKS).join(', ') } });
      continue;
    }
    // As loadRules: a check switched off is not run, so its options are not read.
    if (!isRecord(entry) || entry.severity === 'off') continue;
    const opts = check.meta.options.safeParse(entry.options ?? {});
    if (!opts.success) {
      for (const issue of opts.error.issues) issues.push(...describe(issue, ['checks', id, 'options'], check.meta.options, entry.options ?? {}, place));
    }
  }
  issues.sort((a, b) => a.line - b.line || a.col - b.col);
  if (issues.length) return issues;
  // Anything loadRules refuses that the walk above did not see is still said, at its key.
  try {
    loadRules(file);
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    const key = typeof e.data.key === 'string' ? e.data.key : '';
    const at = key ? place(key.split('.'), true) : { line: 1, col: 1 };
    return [{ ...at, key, messageId: '', data: {}, error: { messageId: e.messageId, data: e.data } }];
  }
  return [];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function valueAt(root: unknown, p: Path): unknown {
  let v = root;
  for (const k of p) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k as string];
  }
  return v;
}

/**
 * Where a key path is in the file: its value's first character, or with `onKey` its key's. A path
 * that goes further than the file (a missing key) points at the last key it found: the mapping
 * that lacks it.
 */
function offsetOf(doc: Document, p: Path, onKey: boolean): number {
  let node: unknown = doc.contents;
  let keyStart = (doc.contents as Node | null)?.range?.[0] ?? 0;
  let valueStart = keyStart;
  for (const k of p) {
    if (isMap(node)) {
      const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(k));
      if (!pair) return keyStart;
      keyStart = (pair.key as Node).range?.[0] ?? keyStart;
      node = pair.value;
      valueStart = (node as Node | null)?.range?.[0] ?? keyStart;
    } else if (isSeq(node) && typeof k === 'number' && node.items[k]) {
      node = node.items[k];
      keyStart = valueStart = (node as Node).range?.[0] ?? keyStart;
    } else return keyStart;
  }
  return onKey ? keyStart : valueStart;
}

/** zod's `expected` values (and a few of its formats) as terms of the v.type.* messages. */
const TYPES = new Set(['number', 'string', 'boolean', 'array', 'object', 'int', 'record']);

/** One zod issue as the tool's own message, in either language (never zod's English text). */
function describe(
  issue: z.core.$ZodIssue,
  base: string[],
  schema: z.ZodType,
  root: unknown,
  place: (p: Path, onKey: boolean) => { line: number; col: number },
): RuleIssue[] {
  const p = [...base, ...issue.path];
  const key = p.map(String).join('.');
  const at = (onKey: boolean) => place(p, onKey);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const parent = issue.path.length ? resolveIn(schema, issue.path) : schema;
      const allowed = allowedKeys(parent).join(', ') || '—';
      return issue.keys.map((k) => ({ ...place([...p, k], true), key: [...p, k].map(String).join('.'), messageId: 'v.unknownKey', data: { allowed } }));
    }
    case 'invalid_type': {
      // A missing key: the mapping that should hold it is pointed at.
      if (valueAt(root, issue.path) === undefined) return [{ ...at(true), key, messageId: 'v.missing', data: {} }];
      const expected = TYPES.has(issue.expected) ? issue.expected : 'other';
      return [{ ...at(false), key, messageId: 'v.type', data: { expected: `type.${expected}` } }];
    }
    case 'too_small':
    case 'too_big': {
      const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const sign = issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
      const what = issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint' ? 'v.number' : issue.origin === 'string' ? 'v.length' : 'v.count';
      return [{ ...at(false), key, messageId: what, data: { sign, bound } }];
    }
    case 'invalid_value':
      return [{ ...at(false), key, messageId: 'v.allowed', data: { allowed: issue.values.map(String).join(', ') } }];
    case 'invalid_format':
      // The only pattern of a rule file is its id's.
      return [{ ...at(false), key, messageId: key === 'id' ? 'v.id' : 'v.format', data: { pattern: 'pattern' in issue ? String(issue.pattern) : issue.format } }];
    case 'custom':
      return [{ ...at(true), key, messageId: issue.message === 'give remarks or projects' ? 'v.remarksOrProjects' : 'v.other', data: { detail: issue.message } }];
    default:
      return [{ ...at(false), key, messageId: 'v.other', data: { detail: issue.message } }];
  }
}

/** The schema of a value inside `schema` (the rule file's or a check's options) at a key path. */
function resolveIn(schema: z.ZodType, p: Path): z.ZodType {
  if (schema === (ruleFileSchema as unknown)) return resolveSchemaAt(p);
  let s: unknown = schema;
  for (const k of p) {
    const any = s as { shape?: Record<string, unknown>; element?: unknown; def?: { innerType?: unknown; valueType?: unknown; element?: unknown } };
    const base = (any.def?.innerType as typeof any | undefined) ?? any;
    if (typeof k === 'number') s = base.element ?? base.def?.element;
    else if (base.shape && k in base.shape) s = base.shape[k as string];
    else if (base.def?.valueType) s = base.def.valueType;
    else return schema;
  }
  const any = s as { def?: { innerType?: unknown } };
  return (any.def?.innerType ?? s) as z.ZodType;
}

/** A rule issue as one line: `file:line:col  key: what is wrong and what is allowed`. */
export function issueLine(lang: Lang, file: string, issue: RuleIssue): string {
  const data: Data = { ...issue.data };
  if (typeof data.expected === 'string') data.expected = t(lang, 'cmd', data.expected);
  const text = issue.error ? errorMessage(lang, issue.error.messageId, issue.error.data) : t(lang, 'cmd', issue.messageId, data);
  return `${file}:${issue.line}:${issue.col}  ${issue.key ? `${issue.key}: ` : ''}${text}`;
}
