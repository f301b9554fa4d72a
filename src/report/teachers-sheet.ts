import path from 'node:path';
import { term } from '../i18n/index.js';
import type { Finding, SourceRef, TeacherResult } from '../model/types.js';
import { MODES } from '../model/types.js';
import { modeSum } from '../model/amounts.js';
import type { ReportContext } from './report-context.js';
import { RowIndex } from './row-index.js';
import { annotateRow, shortfallText, teacherColumnKey } from './row-notes.js';
import { cell, type ReportCell, type ReportSheet } from './sheets.js';

/** 教师 (教师年度 in a cycle audit): one row per teacher and year, and where each teacher's row is. */
export interface TeachersSheet {
  sheet: ReportSheet;
  /** The data row (from 0) of the teacher read at `ref`, if listed. */
  indexOf(ref: SourceRef): number | undefined;
}

export function teachersSheet(ctx: ReportContext, listed: readonly TeacherResult[], notes: boolean): TeachersSheet {
  const { result, L, R, U } = ctx;
  // Where each teacher lands is known without building the rows.
  const teacherRow = new RowIndex<number>();
  listed.forEach((tr, i) => teacherRow.set(tr.teacher.ref, i));
  const findingsByRow = new RowIndex<Finding[]>();
  for (const f of result.findings) {
    if (!f.ref || f.period || (!f.teacherName && !f.teacherId)) continue;
    const k = f.ref;
    if (!teacherRow.has(k)) continue;
    const list = findingsByRow.get(k);
    if (list) list.push(f);
    else findingsByRow.set(k, [f]);
  }
  const modeCols = MODES.filter((m) => listed.some((x) => x.teacher.cells[`${m}.hours`] !== undefined || x.teacher.cells[`${m}.credits`] !== undefined));
  const keys: string[] = ['seq', 'school', 'year', 'name', 'id', 'gender', 'subject', 'title'];
  const heads: string[] = [R('seq'), U('school'), U('year'), R('name'), R('id'), R('gender'), R('subject'), R('title')];
  for (const m of modeCols) {
    keys.push(`${m}.hours`, `${m}.credits`);
    heads.push(term(L, `${m}.hours`), term(L, `${m}.credits`));
  }
  // Per-record lists (shape records) keep the figures read: shown beside what counts after the rule
  // set's conversions (天数 → 学时, 学时 → 学分), so a reader sees both (issue 19).
  const readCols = listed.some((x) => x.teacher.records?.some((r) => r.read)) ? (['days', 'hours', 'credits'] as const) : [];
  for (const m of readCols) {
    keys.push(`read.${m}`);
    heads.push(R(m === 'days' ? 'readDays' : m === 'hours' ? 'readHours' : 'readCredits'));
  }
  keys.push('total.hours', 'total.credits', 'counted.hours', 'counted.credits', 'status', 'shortfall', 'remarks', 'source');
  heads.push(R('declaredHours'), R('declaredCredits'), R('countedHours'), R('countedCredits'), R('status'), R('shortfall'), R('remarks'), R('source'));
  // One function per column, made once: a row is a loop over them (a million rows, issue 5).
  const baseNames = new Map<string, string>();
  const baseName = (file: string) => baseNames.get(file) ?? baseNames.set(file, path.basename(file)).get(file)!;
  const sumOf = (x: TeacherResult['teacher'], measure: 'hours' | 'credits') => Math.round(modeSum(x.counted, measure) * 100) / 100;
  type Getter = (tr: TeacherResult, seq: number) => string | number | null;
  const placeOf = (ref: TeacherResult['teacher']['ref']) => `${baseName(ref.file)}!${ref.sheet ? `${ref.sheet}!` : ''}${ref.cell}`;
  const valueOf: Record<string, Getter> = {
    seq: (_, n) => n,
    school: (tr) => tr.teacher.school,
    year: (tr) => ctx.yearOf(tr.teacher.year),
    name: (tr) => tr.teacher.name,
    id: (tr) => ctx.id(tr.teacher.id),
    gender: (tr) => tr.teacher.gender,
    subject: (tr) => tr.teacher.subject,
    title: (tr) => tr.teacher.title,
    'total.hours': (tr) => tr.teacher.declared.hours,
    'total.credits': (tr) => tr.teacher.declared.credits,
    'counted.hours': (tr) => sumOf(tr.teacher, 'hours'),
    'counted.credits': (tr) => sumOf(tr.teacher, 'credits'),
    status: (tr) => term(L, tr.status),
    // A row set aside needs nothing: another row counts for the teacher's year, and 还差 says which.
    shortfall: (tr) => (tr.teacher.setAside ? R('setAsideFor', { place: placeOf(tr.teacher.setAside.kept.ref), school: tr.teacher.setAside.kept.school }) : shortfallText(L, tr.shortfalls)),
    source: (tr) => placeOf(tr.teacher.ref),
    remarks: (tr) => tr.teacher.remarks,
  };
  for (const m of readCols) {
    // The counted records' figures as read: blank where no record gave one.
    valueOf[`read.${m}`] = (tr) => {
      let sum: number | null = null;
      for (const r of tr.teacher.records ?? []) {
        const v = r.counted ? r.read?.[m] : null;
        if (v !== null && v !== undefined) sum = (sum ?? 0) + v;
      }
      return sum === null ? null : Math.round(sum * 100) / 100;
    };
  }
  for (const m of modeCols) {
    valueOf[`${m}.hours`] = (tr) => tr.teacher.raw[m].hours;
    valueOf[`${m}.credits`] = (tr) => tr.teacher.raw[m].credits;
  }
  const getters = keys.map((k) => valueOf[k] ?? (() => null));
  const sheet: ReportSheet = {
    name: ctx.names.teachers,
    widths: keys.map((k) => (k === 'school' ? 26 : k === 'id' ? 21 : k === 'shortfall' ? 40 : k === 'source' ? 30 : k === 'name' ? 10 : 9)),
    header: true,
    rowCount: listed.length + 1,
    *rows() {
      yield heads.map((h) => cell(h));
      let seq = 0;
      for (const tr of listed) {
        const x = tr.teacher;
        const row: ReportCell[] = new Array(getters.length);
        seq++;
        for (let c = 0; c < getters.length; c++) row[c] = cell(getters[c]!(tr, seq) ?? null);
        annotateRow(row, keys, findingsByRow.get(x.ref) ?? [], (f) => teacherColumnKey(f, tr), tr.status, L, notes);
        yield row;
      }
    },
  };

  return { sheet, indexOf: (ref) => teacherRow.get(ref) };
}
