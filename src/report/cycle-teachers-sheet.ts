import { t, term } from '../i18n/index.js';
import type { CycleAudit, CycleResultEntry, Finding } from '../model/types.js';
import { MODES } from '../model/types.js';
import { modeSum } from '../model/amounts.js';
import { maskId } from './mask.js';
import type { ReportOptions } from './report-context.js';
import { annotateRow, shortfallText } from './row-notes.js';
import { cell, type ReportSheet } from './sheets.js';

/** 教师 in a cycle audit: one row per teacher — each year, cycle to date, required, pace, status. */
export function cycleTeachersSheet(cy: CycleAudit, allFindings: Finding[], name: string, opts: ReportOptions, notes: boolean): ReportSheet {
  const L = opts.lang;
  const R = (k: string) => t(L, 'report', k);
  const w = cy.window;
  const years: number[] = [];
  for (let y = w.start; y <= Math.min(w.asOf, w.end); y++) years.push(y);
  const modes = MODES.filter((m) => cy.teachers.some((x) => x.cycle.toDate[m].hours || x.cycle.toDate[m].credits));
  const measures = (['hours', 'credits'] as const).filter((me) => cy.teachers.some((x) => MODES.some((m) => x.cycle.toDate[m][me]) || x.required[me] !== undefined));
  const keys: string[] = ['seq', 'school', 'name', 'id'];
  const heads: string[] = [R('seq'), R('latestSchool'), R('name'), R('id')];
  for (const y of years) for (const me of measures) {
    keys.push(`${y}.${me}`);
    heads.push(`${y} ${term(L, me)}`);
  }
  for (const me of measures) {
    keys.push(`total.${me}`, `required.${me}`, `pace.${me}`);
    heads.push(`${R('cycleToDate')} ${term(L, me)}`, `${R('required')} ${term(L, me)}`, `${R('pace')} ${term(L, me)}`);
  }
  for (const m of modes) for (const me of measures) {
    keys.push(`${m}.${me}`);
    heads.push(`${R('cycleToDate')} ${term(L, `${m}.${me}`)}`);
  }
  keys.push('status', 'shortfall', 'moves', 'missing');
  heads.push(R('status'), R('shortfall'), R('moves'), R('missingYears'));
  const byTeacher = new Map<string, Finding[]>();
  for (const f of allFindings) {
    if (!f.period || !(f.teacherId || f.teacherName)) continue;
    const k = `${f.teacherId}\u0000${f.teacherName}`;
    const list = byTeacher.get(k);
    if (list) list.push(f);
    else byTeacher.set(k, [f]);
  }
  const columnOf = (f: Finding): string => {
    if (f.column === 'year') return `${f.data.year}.${measures[0]}`;
    if (f.column === 'moves') return 'moves';
    if (f.shortfall?.scope === 'year') return `${f.shortfall.year}.${measures[0]}`;
    const scope = String(f.shortfall?.scope ?? f.data.scope ?? f.data.mode ?? '');
    const measure = String((f.shortfall && 'measure' in f.shortfall ? f.shortfall.measure : undefined) ?? f.data.measure ?? '');
    if (scope === 'total') return `total.${measure}`;
    return scope && measure ? `${scope}.${measure}` : 'status';
  };
  // One function per column, made once, as for the yearly 教师 (a province's cycle, issue 5).
  type Getter = (r: CycleResultEntry, seq: number) => string | number | null;
  const valueOf: Record<string, Getter> = {
    seq: (_, n) => n,
    school: (r) => r.cycle.school,
    name: (r) => r.cycle.name,
    id: (r) => (opts.maskIds ? maskId(r.cycle.id) : r.cycle.id),
    status: (r) => term(L, r.status),
    shortfall: (r) => shortfallText(L, r.shortfalls, true),
    moves: (r) => r.cycle.moves.map((m) => `${m.year}: ${m.from} → ${m.to}`).join('；'),
    missing: (r) => r.cycle.missingYears.join(', '),
  };
  for (const y of years) for (const me of measures) {
    valueOf[`${y}.${me}`] = (r) => {
      const entry = r.cycle.years.find((e) => e.year === y);
      return entry ? Math.round(modeSum(entry.counted, me) * 100) / 100 : null;
    };
  }
  for (const me of measures) {
    valueOf[`total.${me}`] = (r) => Math.round(modeSum(r.cycle.toDate, me) * 100) / 100;
    // As the rule set's checks ask it of each teacher (a joiner's pro-rated: cycle.prorate).
    valueOf[`required.${me}`] = (r) => r.required[me]?.full ?? null;
    valueOf[`pace.${me}`] = (r) => {
      const req = r.required[me];
      return req === undefined ? null : w.ended ? req.full : req.pace;
    };
  }
  for (const m of modes) for (const me of measures) valueOf[`${m}.${me}`] = (r) => r.cycle.toDate[m][me];
  const getters = keys.map((k) => valueOf[k] ?? (() => null));
  return {
    name,
    widths: keys.map((k) => (k === 'school' ? 26 : k === 'id' ? 21 : k === 'shortfall' || k === 'moves' ? 36 : k === 'name' ? 10 : 10)),
    header: true,
    rowCount: cy.teachers.length + 1,
    *rows() {
      yield heads.map((h) => cell(h));
      let seq = 0;
      for (const r of cy.teachers) {
        const c = r.cycle;
        const n = ++seq;
        const row = getters.map((get) => cell(get(r, n)));
        annotateRow(row, keys, byTeacher.get(`${c.id}\u0000${c.name}`) ?? [], columnOf, r.status, L, notes);
        yield row;
      }
    },
  };
}
