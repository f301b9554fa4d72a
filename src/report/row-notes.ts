import { message, t, term, type Lang } from '../i18n/index.js';
import type { Finding, Severity, Shortfall, TeacherResult } from '../model/types.js';
import { fieldAt } from '../model/cell-layout.js';
import { FILL, type ReportCell } from './sheets.js';

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function worst(findings: Finding[]): Severity {
  return findings.reduce<Severity>((w, f) => (SEVERITY_RANK[f.severity] < SEVERITY_RANK[w] ? f.severity : w), 'info');
}


/** The column a finding belongs to in the 教师 sheet. */
export function teacherColumnKey(f: Finding, tr: TeacherResult): string {
  if (f.shortfall) {
    const sf = f.shortfall;
    return sf.scope === 'year' ? 'status' : sf.scope === 'total' ? `counted.${sf.measure}` : `${sf.scope}.${sf.measure}`;
  }
  if (f.column === 'status') return 'status';
  if (f.ref) {
    const key = fieldAt(tr.teacher, f.ref.cell);
    if (key) return key;
  }
  return 'status';
}

/** What is still missing, as the 教师 sheets show it: `网络研修学时 0.5；…`. */
export function shortfallText(lang: Lang, shortfalls: readonly Shortfall[], cycle = false): string {
  // A cycle's total is the cycle's, not the year's (全年合计 read as a year's).
  const scope = (s: string) => term(lang, cycle && s === 'total' ? 'cycle.total' : s);
  return shortfalls
    .map((sf) =>
      sf.scope === 'year'
        ? t(lang, 'report', `year.${sf.kind}`, { year: sf.year })
        : sf.part
          ? `${sf.part.map((p) => term(lang, p)).join(' ')} ${term(lang, sf.measure)} ${sf.missing}`
          : `${sf.topic ?? scope(sf.scope)}${term(lang, sf.measure)} ${sf.missing}`,
    )
    .join('；');
}

export function noteText(lang: Lang, findings: Finding[]): string {
  return findings.map((f) => `[${term(lang, f.severity)}] ${message(lang, f.messageId, f.data)}（${t(lang, 'ui', 'clause')}：${f.clause}）`).join('\n');
}

const STATUS_FILL: Record<string, string | undefined> = { incomplete: FILL.error, behind: FILL.warning, exempt: FILL.exempt, 'set-aside': FILL.warning };

/**
 * Fill each cell a finding points at (its worst severity) and, with `notes`, note every reason with
 * its clause; findings with no column of their own go to the status cell, which also shows the status.
 */
export function annotateRow(row: ReportCell[], keys: string[], findings: Finding[], columnOf: (f: Finding) => string, status: string, lang: Lang, notes: boolean): void {
  const statusCol = keys.indexOf('status');
  const byCol = new Map<number, Finding[]>();
  for (const f of findings) {
    const at = keys.indexOf(columnOf(f));
    const col = at >= 0 ? at : statusCol;
    const list = byCol.get(col);
    if (list) list.push(f);
    else byCol.set(col, [f]);
  }
  for (const [col, list] of byCol) {
    row[col]!.fill = FILL[worst(list)];
    if (notes) row[col]!.note = noteText(lang, list);
  }
  const statusFill = STATUS_FILL[status];
  if (statusFill) row[statusCol]!.fill = statusFill;
}

