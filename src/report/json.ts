import { errorMessage, message, term, type Lang } from '../i18n/index.js';
import type { AuditResult, CycleAudit, Finding } from '../model/types.js';
import { maskId, maskText } from './mask.js';
import { maskFindingData } from './mask-result.js';
import { skippedSheetText } from './skipped-sheets.js';

export interface ReportOptions {
  lang: Lang;
  maskIds: boolean;
}

/** The canonical machine-readable result (schema: docs/result.schema.json). */
export function toJson(result: AuditResult, opts: ReportOptions) {
  const id = (s: string) => (opts.maskIds ? maskId(s) : s);
  // A name cell may hold a 身份证号 typed in the wrong column: masked as maskResult masks it.
  const name = opts.maskIds ? maskText : id;
  return {
    tool: result.tool,
    rules: result.rules,
    generatedAt: result.generatedAt,
    lang: opts.lang,
    summary: result.summary,
    inputs: result.inputs.map((i) => ({
      file: i.file,
      sha256: i.sha256,
      format: i.format,
      ...(i.encoding ? { encoding: i.encoding } : {}),
      ...(i.delimiter ? { delimiter: i.delimiter } : {}),
      year: i.year,
      yearSource: i.yearSource,
      school: i.school,
      schoolSource: i.schoolSource,
      years: i.years,
      rowsRead: i.sheets.reduce((s, x) => s + x.rowsRead, 0),
      records: i.sheets.reduce((s, x) => s + x.records, 0),
      teachers: i.sheets.reduce((s, x) => s + x.teachers, 0),
      skipped: {
        blank: rowRuns(i.sheets.flatMap((x) => x.skipped.blank)),
        total: i.sheets.flatMap((x) => x.skipped.total),
        footer: i.sheets.flatMap((x) => x.skipped.footer),
        notUnderstood: i.sheets.flatMap((x) => x.skipped['not-understood']),
        notRecognised: i.sheets.flatMap((x) => x.skipped['not-recognised']),
      },
      notRecognisedByStatus: mergeLists(i.sheets.map((x) => x.notRecognised ?? {})),
      sheets: i.sheets.map((x) => ({ ...x, skipped: { ...x.skipped, blank: rowRuns(x.skipped.blank) } })),
      skippedSheets: (i.skippedSheets ?? []).map((s) => ({ ...s, message: skippedSheetText(opts.lang, s) })),
      setAside: (i.setAside ?? []).map((s) => ({ ...s, kept: s.kept.file })),
      error: i.error ? { messageId: i.error.messageId, data: i.error.data, message: errorMessage(opts.lang, i.error.messageId, i.error.data) } : null,
    })),
    // Every file met and not audited, with the reason (issue 21): a school that sent a PDF is named.
    skippedFiles: (result.skippedFiles ?? []).map((f) => ({ file: f.file, reason: f.reason, message: term(opts.lang, `fileSkip.${f.reason}`) })),
    schools: result.schools.map(schoolJson),
    teachers: result.teachers.map((tr) => teacherJson(tr, id, name)),
    findings: result.findings.map((f) => findingJson(f, opts)),
    cycle: result.cycle ? cycleJson(result.cycle, id, name) : null,
    // The rule set's run-wide targets against what each year measured (三(二)1); absent without targets.
    ...(result.targets ? { targets: result.targets } : {}),
  };
}

function teacherJson({ teacher: t, status, shortfalls }: AuditResult['teachers'][number], id: (s: string) => string, name: (s: string) => string = (s) => s) {
  const kept = t.setAside?.kept;
  return {
    id: id(t.id),
    name: name(t.name),
    school: t.school,
    year: t.year,
    status,
    shortfalls,
    counted: t.counted,
    declared: t.declared,
    file: t.ref.file,
    sheet: t.ref.sheet,
    row: t.ref.row,
    // The row that counts instead of this one (status set-aside).
    setAside: kept ? { reason: t.setAside!.reason, identical: t.setAside!.identical, school: kept.school, file: kept.ref.file, sheet: kept.ref.sheet, row: kept.ref.row } : null,
  };
}

function schoolJson(s: AuditResult['schools'][number]) {
  return {
    name: s.name,
    year: s.year,
    teachers: s.teachers,
    incomplete: s.incomplete,
    exempt: s.exempt,
    share: s.share,
    flagged: s.flagged,
    ...(s.behind !== undefined ? { behind: s.behind } : {}),
    ...(s.indicators ? { indicators: s.indicators } : {}),
  };
}

function cycleJson(c: CycleAudit, id: (s: string) => string, name: (s: string) => string = (s) => s) {
  const count = (s: string) => c.teachers.filter((t) => t.status === s).length;
  return {
    start: c.window.start,
    end: c.window.end,
    asOf: c.window.asOf,
    ended: c.window.ended,
    elapsed: c.window.elapsed,
    length: c.window.length,
    yearsFound: c.yearsFound,
    yearsWithoutInput: c.yearsWithoutInput,
    summary: {
      teachers: c.teachers.length,
      complete: count('complete'),
      inProgress: count('in-progress'),
      behind: count('behind'),
      incomplete: count('incomplete'),
      exempt: count('exempt'),
    },
    schools: c.schools.map(schoolJson),
    teachers: c.teachers.map(({ cycle: t, status, shortfalls }) => ({
      id: id(t.id),
      name: name(t.name),
      school: t.school,
      status,
      shortfalls,
      toDate: t.toDate,
      years: t.years.map((y) => ({ year: y.year, school: y.school, counted: y.counted, exempt: y.exempt })),
      missingYears: t.missingYears,
      moves: t.moves,
      ...(t.joined !== null ? { joined: t.joined } : {}),
      ...(t.given ? { given: t.given } : {}),
    })),
  };
}

/**
 * Blank rows as runs: a row alone is its number, two or more in a row are `"12-1048575"`. One
 * stray value at A1048576 listed every blank row above it, a JSON of 42 MB (issue 18).
 */
export function rowRuns(rows: number[]): Array<number | string> {
  const out: Array<number | string> = [];
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    out.push(i === j ? rows[i]! : `${rows[i]}-${rows[j]}`);
    i = j + 1;
  }
  return out;
}

function mergeLists(maps: Array<Record<string, number[]>>): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  // Not push(...): a sheet's skipped rows can number more than a call takes arguments.
  for (const m of maps) for (const [k, v] of Object.entries(m)) {
    const list = (out[k] ??= []);
    for (const row of v) list.push(row);
  }
  return out;
}

export function findingJson(f: Finding, opts: ReportOptions) {
  const data = opts.maskIds ? maskFindingData(f.data) : f.data;
  return {
    check: f.check,
    severity: f.severity,
    school: f.school,
    year: f.year,
    teacherId: opts.maskIds ? maskId(f.teacherId) : f.teacherId,
    teacherName: opts.maskIds ? maskText(f.teacherName) : f.teacherName,
    file: f.ref?.file ?? null,
    sheet: f.ref?.sheet ?? null,
    cell: f.ref?.cell ?? null,
    row: f.ref?.row ?? null,
    messageId: f.messageId,
    data,
    message: message(opts.lang, f.messageId, data),
    clause: f.clause,
    ...(f.period ? { period: f.period } : {}),
    ...(f.shortfall ? { shortfall: f.shortfall } : {}),
  };
}


export function renderJson(result: AuditResult, opts: ReportOptions): string {
  return JSON.stringify(toJson(result, opts), null, 2) + '\n';
}

/**
 * renderJson in pieces of under 64 KB, byte for byte the same text. A province's result is too
 * large for one string (V8 caps a string at 2^29 characters, ~0.5 GB; a million teachers and
 * their findings pass that) and for one tree of JSON objects: the teachers and findings, the two
 * lists that grow with the input, are turned into JSON one at a time (issue 5).
 */
export function* renderJsonChunks(result: AuditResult, opts: ReportOptions): Generator<string> {
  const id = (s: string) => (opts.maskIds ? maskId(s) : s);
  const name = opts.maskIds ? maskText : id;
  const doc: Record<string, unknown> = toJson({ ...result, teachers: [], findings: [] }, opts);
  doc.teachers = new LazyList(result.teachers.length, (i) => teacherJson(result.teachers[i]!, id, name));
  doc.findings = new LazyList(result.findings.length, (i) => findingJson(result.findings[i]!, opts));
  let out = '';
  for (const piece of pretty(doc, '')) {
    out += piece;
    if (out.length >= 1 << 14) {
      yield out;
      out = '';
    }
  }
  yield `${out}\n`;
}

/** A list whose items are made as they are written. */
class LazyList {
  constructor(
    readonly length: number,
    readonly item: (i: number) => unknown,
  ) {}
}

/** Lists of plain values up to this long are written in one piece; others item by item. */
const SHORT_LIST = 64;

const isListToSplit = (v: unknown): v is unknown[] =>
  Array.isArray(v) && (v.length > SHORT_LIST || v.some((x) => x !== null && typeof x === 'object'));

/**
 * JSON.stringify(value, null, 2), in pieces: objects key by key, lists item by item, the items of a
 * LazyList (a teacher, a finding) and short lists of plain values whole. Text in JSON holds no raw line
 * break, so re-indenting a piece is adding `pad` after each of its line breaks.
 */
function* pretty(value: unknown, pad: string, whole = false): Generator<string> {
  if (!whole && (value instanceof LazyList || isListToSplit(value))) {
    const item = value instanceof LazyList ? value.item : (i: number) => (value as unknown[])[i];
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield `${pad}  `;
      // An absent item is null in a JSON array, as JSON.stringify writes it.
      yield* pretty(item(i) ?? null, `${pad}  `, value instanceof LazyList);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    yield `${pad}]`;
  } else if (!whole && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined && typeof o[k] !== 'function');
    if (keys.length === 0) {
      yield '{}';
      return;
    }
    yield '{\n';
    for (const [n, k] of keys.entries()) {
      yield `${pad}  ${JSON.stringify(k)}: `;
      yield* pretty(o[k], `${pad}  `);
      yield n < keys.length - 1 ? ',\n' : '\n';
    }
    yield `${pad}}`;
  } else yield JSON.stringify(value, null, 2).replace(/\n/g, `\n${pad}`);
}
