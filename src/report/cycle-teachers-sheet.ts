import { message, term } from '../i18n/index.js';
import type { CycleFigure, CycleResultEntry, Finding, Measure } from '../model/types.js';
import { MODES } from '../model/types.js';
import { modeSum, roundNoise } from '../model/amounts.js';
import type { ReportContext } from './report-context.js';
import { annotateRow, shortfallText } from './row-notes.js';
import { cell, FILL, type ReportCell, type ReportSheet } from './sheets.js';
import { fitColumns, problemsFirst, tierOf, widthOf, type Column } from './teacher-columns.js';

/** The cycle's 教师: one row per teacher, and where each teacher's row is. */
export interface CycleTeachersSheet {
  sheet: ReportSheet;
  /** The data row (from 0) of the teacher (身份证号, name), if listed. */
  indexOf(id: string, name: string): number | undefined;
}

/** Behind pace is listed with the warnings. */
const WARN_STATUSES = ['behind'];

/** The column of a figure a check shows (上海虹口 表1's cells), and of the findings about its part. */
const figureKey = (part: readonly string[], measure: string) => `part:${measure}:${part.join('|')}`;

/**
 * The value most rows share, or null where none has one: a requirement every teacher has (the
 * cycle's 360) is said once in a header, and a row shows its own only where it differs (a joiner's
 * pro-rated 144).
 */
function common(values: Iterable<number | undefined>): number | null {
  const counts = new Map<number, number>();
  for (const v of values) if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | null = null;
  for (const [v, k] of counts) if (best === null || k > counts.get(best)!) best = v;
  return best;
}

/**
 * 教师 in a cycle audit, for action (issue 20): the teachers with problems first, by school; the
 * identity and 状态 frozen at the left; 还差 as a sentence; the cycle's totals with what they must
 * reach in the header; the parts a rule set judges apart (上海虹口 表1's level × category cells, issue
 * 19), each in a column of its own, filled where short, with a note saying what is short and what an
 * offset covered; the modes; each year; moves and missing years.
 */
export function cycleTeachersSheet(ctx: ReportContext, notes: boolean): CycleTeachersSheet {
  const { result, L, R } = ctx;
  const cy = result.cycle!;
  const teachers = cy.teachers;
  const n = teachers.length;
  const w = cy.window;
  const years: number[] = [];
  for (let y = w.start; y <= Math.min(w.asOf, w.end); y++) years.push(y);
  const modes = MODES.filter((m) => teachers.some((x) => x.cycle.toDate[m].hours || x.cycle.toDate[m].credits));
  const measures = (['hours', 'credits'] as const).filter((me) => teachers.some((x) => MODES.some((m) => x.cycle.toDate[m][me]) || x.required[me] !== undefined));

  const rowOf = new Map<string, number>();
  teachers.forEach((r, i) => rowOf.set(`${r.cycle.id}\u0000${r.cycle.name}`, i));
  // Each teacher's cycle findings, found by the teacher's entry: a key string a finding, not one
  // each time a row asks (its tier, its 还差, its notes).
  const byTeacher = new Map<CycleResultEntry, Finding[]>();
  for (const f of result.findings) {
    if (!f.period || !(f.teacherId || f.teacherName)) continue;
    const i = rowOf.get(`${f.teacherId}\u0000${f.teacherName}`);
    if (i === undefined) continue;
    const r = teachers[i]!;
    const list = byTeacher.get(r);
    if (list) list.push(f);
    else byTeacher.set(r, [f]);
  }
  const findingsOf = (r: CycleResultEntry) => byTeacher.get(r);
  const { order, position, schools } = problemsFirst(
    n,
    (i) => tierOf(teachers[i]!.status, findingsOf(teachers[i]!), WARN_STATUSES),
    (i) => teachers[i]!.cycle.school,
  );

  type C = Column<CycleResultEntry>;
  const col = (key: string, head: string, get: C['get'], min = 8, max = 12): C => ({ key, head, get, min, max });
  const yearLabel = (y: number) => ctx.yearOf(y)!;
  const round = (v: number) => Math.round(v * 100) / 100;

  // What every teacher must reach, in the header; a teacher's own where it differs.
  const fullOf = new Map<Measure, number | null>();
  const paceOf = new Map<Measure, number | null>();
  for (const me of measures) {
    fullOf.set(me, common(teachers.map((r) => r.required[me]?.full)));
    paceOf.set(me, w.ended ? null : common(teachers.map((r) => r.required[me]?.pace)));
  }
  const differs = (me: Measure, which: 'full' | 'pace', r: CycleResultEntry) => {
    const v = r.required[me]?.[which];
    return v !== undefined && v !== (which === 'full' ? fullOf : paceOf).get(me) ? v : null;
  };

  const identity: C[] = [
    col('school', R('latestSchool'), (r) => r.cycle.school, 10, 40),
    col('name', R('name'), (r) => r.cycle.name, 8, 16),
    col('id', R('id'), (r) => ctx.id(r.cycle.id), 20, 22),
    col('status', R('status'), (r) => term(L, r.status), 8, 12),
  ];
  // Behind pace while the cycle runs: each amount below its pace, as the pace findings measure it
  // (scope, measure, missing, the pace required), and each year failed or missing where every year counts.
  const behindText = (r: CycleResultEntry) => {
    const items: string[] = [];
    for (const f of findingsOf(r) ?? []) {
      const { scope, measure, missing, required } = f.data;
      if (f.shortfall || f.severity === 'info' || typeof missing !== 'number' || typeof scope !== 'string' || typeof measure !== 'string') continue;
      items.push(R('behindBy', { what: term(L, scope === 'total' ? 'cycle.total' : scope), missing, measure: term(L, measure), pace: String(required ?? '') }));
    }
    if (w.everyYear) {
      for (const year of r.cycle.failedYears) items.push(R('year.failed', { year }));
      for (const year of r.cycle.missingYears) items.push(R('year.missing', { year }));
    }
    return items.join(R('itemSep'));
  };
  const action: C[] = [col('shortfall', R('shortfall'), (r) => (r.status === 'behind' ? behindText(r) : r.shortfalls.length ? shortfallText(L, r.shortfalls, true) : ''), 16, 60)];

  const figures: C[] = [];
  for (const me of measures) {
    const full = fullOf.get(me) ?? null;
    const pace = paceOf.get(me) ?? null;
    const due = full === null ? '' : pace === null ? R('requiredIn', { required: full }) : R('requiredPaceIn', { required: full, pace });
    figures.push(col(`total.${me}`, `${R('cycleToDate')} ${term(L, me)}${due}`, (r) => round(modeSum(r.cycle.toDate, me))));
    // As the rule set's checks ask it of each teacher (a joiner's pro-rated: cycle.prorate), where not the header's.
    if (teachers.some((r) => differs(me, 'full', r) !== null)) figures.push(col(`required.${me}`, `${R('ownRequired')} ${term(L, me)}`, (r) => differs(me, 'full', r)));
    if (!w.ended && teachers.some((r) => differs(me, 'pace', r) !== null)) figures.push(col(`pace.${me}`, `${R('ownPace')} ${term(L, me)}`, (r) => differs(me, 'pace', r)));
  }
  // The parts a check judges apart, in the order its first teacher lists them (a table's cells, then its sums).
  const parts = new Map<string, { part: string[]; measure: Measure; required: number | null }>();
  for (const r of teachers) {
    for (const f of r.figures ?? []) {
      const k = figureKey(f.part, f.measure);
      const seen = parts.get(k);
      if (!seen) parts.set(k, { part: f.part, measure: f.measure, required: f.required });
      else if (seen.required !== f.required) seen.required = null;
    }
  }
  // Found by comparing parts, not by making a key string per cell.
  const figureOf = (r: CycleResultEntry, k: string): CycleFigure | undefined => {
    const p = parts.get(k);
    if (!p || !r.figures) return undefined;
    return r.figures.find((f) => f.measure === p.measure && f.part.length === p.part.length && f.part.every((x, i) => x === p.part[i]));
  };
  for (const [k, p] of parts) {
    const due = p.required === null ? '' : R('requiredIn', { required: p.required });
    figures.push(col(k, `${p.part.map((x) => term(L, x)).join(' ')} ${term(L, p.measure)}${due}`, (r) => figureOf(r, k)?.value ?? null));
  }
  for (const m of modes) for (const me of measures) figures.push(col(`${m}.${me}`, `${R('cycleToDate')} ${term(L, `${m}.${me}`)}`, (r) => r.cycle.toDate[m][me]));
  for (const y of years) {
    for (const me of measures) {
      figures.push(
        col(`${y}.${me}`, `${yearLabel(y)} ${term(L, me)}`, (r) => {
          const entry = r.cycle.years.find((e) => e.year === y);
          return entry ? round(modeSum(entry.counted, me)) : null;
        }),
      );
    }
  }
  const about: C[] = [
    col('moves', R('moves'), (r) => r.cycle.moves.map((m) => `${ctx.yearOf(m.year)}: ${m.from} → ${m.to}`).join('；'), 8, 50),
    col('missing', R('missingYears'), (r) => r.cycle.missingYears.map((y) => yearLabel(y)).join(', '), 8, 30),
  ];
  const blank = (v: string | number | null) => v === null || v === '';
  const columns = [...identity, ...action, ...figures, ...about].filter((c) => !['moves', 'missing'].includes(c.key) || teachers.some((r) => !blank(c.get(r))));

  const { heads, widths } = fitColumns(columns, teachers, order, schools);
  const keys = columns.map((c) => c.key);
  const getters = columns.map((c) => c.get);
  const shortfallAt = keys.indexOf('shortfall');
  const figureCols = [...parts.keys()].map((k) => keys.indexOf(k));
  const ownCols = keys.flatMap((k, at) => (k.startsWith('required.') || k.startsWith('pace.') ? [at] : []));

  const columnOf = (f: Finding): string => {
    if (f.column === 'year') return `${f.data.year}.${measures[0]}`;
    if (f.column === 'moves') return 'moves';
    const sf = f.shortfall;
    if (sf?.scope === 'year') return `${sf.year}.${measures[0]}`;
    if (sf && sf.part) {
      const k = figureKey(sf.part, sf.measure);
      if (parts.has(k)) return k;
    }
    const scope = String(sf?.scope ?? f.data.scope ?? f.data.mode ?? '');
    const measure = String((sf && 'measure' in sf ? sf.measure : undefined) ?? f.data.measure ?? '');
    if (scope === 'total') return `total.${measure}`;
    return scope && measure ? `${scope}.${measure}` : 'status';
  };

  const sheet: ReportSheet = {
    name: ctx.names.cycle,
    widths,
    header: true,
    freezeColumns: 4,
    rowCount: n + 1,
    *rows() {
      yield heads.map((h) => cell(h));
      for (let k = 0; k < n; k++) {
        const r = teachers[order[k]!]!;
        const row: ReportCell[] = new Array(getters.length);
        for (let c = 0; c < getters.length; c++) row[c] = cell(getters[c]!(r) ?? null);
        const short = row[shortfallAt]!;
        if (typeof short.v === 'string' && short.v.length * 3 > widths[shortfallAt]! - 1 && widthOf(short.v) > widths[shortfallAt]! - 1) short.wrap = true;
        annotateRow(row, keys, findingsOf(r) ?? [], columnOf, r.status, L, notes);
        // A joiner's own requirement says why it is not the cycle's (普洱 第十条; 上海虹口 二(二)2 逐年递减).
        const joined = r.cycle.joined;
        if (joined !== null && notes) {
          const why = R('ownRequiredNote', { joined, cycle: `${w.start}-${w.end}`, years: r.cycle.liable.years, length: w.length });
          for (const at of ownCols) if (row[at]!.v !== null && !row[at]!.note) row[at]!.note = why;
        }
        // A part short of its own minimum that an offset covered in full: no finding, so said here.
        if (r.figures) {
          for (const at of figureCols) {
            const f = figureOf(r, keys[at]!);
            if (!f?.covered || row[at]!.fill) continue;
            row[at]!.fill = FILL.info;
            if (notes) row[at]!.note = message(L, f.covered.messageId, f.covered.data);
          }
        }
        yield row;
      }
    },
  };
  return {
    sheet,
    indexOf: (id, name) => {
      const i = rowOf.get(`${id}\u0000${name}`);
      return i === undefined ? undefined : position[i];
    },
  };
}
