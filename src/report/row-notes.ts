import { message, t, term, type Lang } from '../i18n/index.js';
import type { AmountShortfall, Finding, Measure, Severity, Shortfall, TeacherResult } from '../model/types.js';
import { MEASURES } from '../model/types.js';
import { roundNoise } from '../model/amounts.js';
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

/**
 * What a teacher still has to make up, as the 教师 sheets' 还差 says it (issue 20): a sentence to
 * act on — each part short by how much, hours and credits together (需补：校本研修 12 学时、12 学分);
 * the total only where it asks more than making up those parts adds (the modes short add up, the
 * other parts may overlap: at least the largest); then the years of a cycle failed or missing.
 */
export function shortfallText(lang: Lang, shortfalls: readonly Shortfall[], cycle = false): string {
  if (!shortfalls.length) return '';
  const R = (k: string, data?: Record<string, string | number>) => t(lang, 'report', k, data);
  const items = new Map<string, Partial<Record<Measure, number>>>();
  const add = (what: string, measure: Measure, missing: number) => {
    const item = items.get(what) ?? {};
    item[measure] = Math.max(item[measure] ?? 0, missing);
    items.set(what, item);
  };
  const modes: Record<Measure, number> = { hours: 0, credits: 0 };
  const parts: Record<Measure, number> = { hours: 0, credits: 0 };
  const totals: AmountShortfall[] = [];
  const years: string[] = [];
  for (const sf of shortfalls) {
    if (sf.scope === 'year') years.push(R(`year.${sf.kind}`, { year: sf.year }));
    else if (sf.scope === 'total' && !sf.part && !sf.topic) totals.push(sf);
    else {
      if (sf.part || sf.topic || sf.scope === 'total') parts[sf.measure] = Math.max(parts[sf.measure], sf.missing);
      else modes[sf.measure] += sf.missing;
      add(sf.part ? sf.part.map((p) => term(lang, p)).join(' ') : (sf.topic ?? term(lang, sf.scope)), sf.measure, sf.missing);
    }
  }
  for (const sf of totals) {
    if (sf.missing > roundNoise(Math.max(modes[sf.measure], parts[sf.measure]))) add(term(lang, cycle ? 'cycle.total' : 'total'), sf.measure, sf.missing);
  }
  const amounts = [...items].map(
    ([what, m]) => `${what} ${MEASURES.filter((me) => m[me] !== undefined).map((me) => `${roundNoise(m[me]!)} ${term(lang, me)}`).join(R('amountSep'))}`,
  );
  const said = amounts.length ? [R('makeUp', { items: amounts.join(R('itemSep')) })] : [];
  return [...said, ...years].join(R('itemSep'));
}

export function noteText(lang: Lang, findings: Finding[]): string {
  return findings.map((f) => `[${term(lang, f.severity)}] ${message(lang, f.messageId, f.data)}（${t(lang, 'ui', 'clause')}：${f.clause}）`).join('\n');
}

const STATUS_FILL: Record<string, string | undefined> = { incomplete: FILL.error, behind: FILL.warning, exempt: FILL.exempt, 'set-aside': FILL.warning };

/**
 * Fill each cell a finding points at (its worst severity) and, with `notes`, note every reason with
 * its clause; findings with no column of their own go to the status cell, which also shows the
 * status, or else the worst finding of the row.
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
  // A row listed among the problems for a cell out of view (a 填报总学时 that does not add up) shows
  // why in its frozen 状态: the colour of its worst finding (the note stays on that cell).
  else if (!row[statusCol]!.fill && findings.length) {
    const w = worst(findings);
    if (w !== 'info') row[statusCol]!.fill = FILL[w];
  }
}

