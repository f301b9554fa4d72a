import { errorMessage, message, type Lang } from '../i18n/index.js';
import type { AuditResult, CycleAudit, Finding } from '../model/types.js';
import { maskId } from './mask.js';
import { skippedSheetText } from './skipped-sheets.js';

export interface ReportOptions {
  lang: Lang;
  maskIds: boolean;
}

/** The canonical machine-readable result (schema: docs/result.schema.json). */
export function toJson(result: AuditResult, opts: ReportOptions) {
  const id = (s: string) => (opts.maskIds ? maskId(s) : s);
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
      year: i.year,
      yearSource: i.yearSource,
      school: i.school,
      schoolSource: i.schoolSource,
      years: i.years,
      rowsRead: i.sheets.reduce((s, x) => s + x.rowsRead, 0),
      records: i.sheets.reduce((s, x) => s + x.records, 0),
      teachers: i.sheets.reduce((s, x) => s + x.teachers, 0),
      skipped: {
        blank: i.sheets.flatMap((x) => x.skipped.blank),
        total: i.sheets.flatMap((x) => x.skipped.total),
        footer: i.sheets.flatMap((x) => x.skipped.footer),
        notUnderstood: i.sheets.flatMap((x) => x.skipped['not-understood']),
        notRecognised: i.sheets.flatMap((x) => x.skipped['not-recognised']),
      },
      notRecognisedByStatus: mergeLists(i.sheets.map((x) => x.notRecognised ?? {})),
      sheets: i.sheets,
      skippedSheets: (i.skippedSheets ?? []).map((s) => ({ ...s, message: skippedSheetText(opts.lang, s) })),
      error: i.error ? { messageId: i.error.messageId, message: errorMessage(opts.lang, i.error.messageId, i.error.data) } : null,
    })),
    schools: result.schools.map(schoolJson),
    teachers: result.teachers.map(({ teacher: t, status, shortfalls }) => ({
      id: id(t.id),
      name: t.name,
      school: t.school,
      year: t.year,
      status,
      shortfalls,
      counted: t.counted,
      declared: t.declared,
      file: t.ref.file,
      sheet: t.ref.sheet,
      row: t.ref.row,
    })),
    findings: result.findings.map((f) => findingJson(f, opts)),
    cycle: result.cycle ? cycleJson(result.cycle, id) : null,
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

function cycleJson(c: CycleAudit, id: (s: string) => string) {
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
      name: t.name,
      school: t.school,
      status,
      shortfalls,
      toDate: t.toDate,
      years: t.years.map((y) => ({ year: y.year, school: y.school, counted: y.counted, exempt: y.exempt })),
      missingYears: t.missingYears,
      moves: t.moves,
    })),
  };
}

function mergeLists(maps: Array<Record<string, number[]>>): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const m of maps) for (const [k, v] of Object.entries(m)) (out[k] ??= []).push(...v);
  return out;
}

export function findingJson(f: Finding, opts: ReportOptions) {
  const data = opts.maskIds ? maskData(f) : f.data;
  return {
    check: f.check,
    severity: f.severity,
    school: f.school,
    year: f.year,
    teacherId: opts.maskIds ? maskId(f.teacherId) : f.teacherId,
    teacherName: f.teacherName,
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

function maskData(f: Finding): Finding['data'] {
  const out: Finding['data'] = {};
  for (const [k, v] of Object.entries(f.data)) out[k] = typeof v === 'string' && /^\d{17}[\dX]$/i.test(v) ? maskId(v) : v;
  return out;
}

export function renderJson(result: AuditResult, opts: ReportOptions): string {
  return JSON.stringify(toJson(result, opts), null, 2) + '\n';
}
