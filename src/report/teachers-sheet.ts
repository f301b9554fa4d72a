import path from 'node:path';
import { term } from '../i18n/index.js';
import type { Finding, SourceRef, TeacherResult } from '../model/types.js';
import { MODES } from '../model/types.js';
import { modeSum, roundNoise } from '../model/amounts.js';
import { excelText } from './excel-text.js';
import type { ReportContext } from './report-context.js';
import { RowIndex } from './row-index.js';
import { annotateRow, shortfallText, teacherColumnKey } from './row-notes.js';
import { cell, FILL, type ReportCell, type ReportSheet } from './sheets.js';
import { fitColumns, problemsFirst, tierOf, widthOf, type Column } from './teacher-columns.js';

/** 教师 (教师年度 in a cycle audit): one row per teacher and year, and where each teacher's row is. */
export interface TeachersSheet {
  sheet: ReportSheet;
  /** The data row (from 0) of the teacher read at `ref`, if listed. */
  indexOf(ref: SourceRef): number | undefined;
}

const NO_FINDINGS: Finding[] = [];
/** A row set aside (a repeat, not counted) is listed with the warnings. */
const WARN_STATUSES = ['set-aside'];

/** School, name, 身份证号 and 状态: kept in view as the sheet scrolls right (issue 20). */
const FROZEN = 4;

/**
 * For action (issue 20): the teachers with problems first (incomplete, then errors and warnings,
 * then exempt, then complete), by school and source row; the identity and 状态 frozen at the left,
 * 还差 as a sentence beside them, then the figures, then where the row came from. A column blank on
 * every row is left out, and a year shared by every row moves into 还差's header.
 */
export function teachersSheet(ctx: ReportContext, listed: readonly TeacherResult[], notes: boolean): TeachersSheet {
  const { result, L, R, U } = ctx;
  const n = listed.length;
  // Where each teacher is read; where each lands is known once the rows are ordered.
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
  // Each row's findings, looked up once for its tier and again never (a million rows).
  const found: Array<Finding[] | undefined> = new Array(n);
  const { order, position, schools } = problemsFirst(
    n,
    (i) => tierOf(listed[i]!.status, (found[i] = findingsByRow.get(listed[i]!.teacher.ref)), WARN_STATUSES),
    (i) => listed[i]!.teacher.school,
  );

  const baseNames = new Map<string, string>();
  const baseName = (file: string) => baseNames.get(file) ?? baseNames.set(file, path.basename(file)).get(file)!;
  // A CSV's one sheet is named after the file: `澜沧县第一中学.csv!B6`, not the name twice.
  const placeOf = (ref: SourceRef) => {
    const base = baseName(ref.file);
    return `${base}!${ref.sheet && ref.sheet !== base ? `${ref.sheet}!` : ''}${ref.cell}`;
  };
  const sumOf = (x: TeacherResult['teacher'], measure: 'hours' | 'credits') => Math.round(modeSum(x.counted, measure) * 100) / 100;
  const num = (v: number | null) => (v === null ? null : roundNoise(v));
  type C = Column<TeacherResult>;
  const col = (key: string, head: string, get: C['get'], min = 8, max = 12): C => ({ key, head, get, min, max });

  const years = new Set<number>();
  for (const tr of listed) if (years.add(tr.teacher.year).size > 1) break;
  const oneYear = years.size === 1 ? ctx.yearOf([...years][0]!) : null;

  const identity: C[] = [
    col('school', U('school'), (tr) => tr.teacher.school, 10, 40),
    col('name', R('name'), (tr) => tr.teacher.name, 8, 16),
    col('id', R('id'), (tr) => ctx.id(tr.teacher.id), 20, 22),
    col('status', R('status'), (tr) => term(L, tr.status), 8, 12),
  ];
  const action: C[] = [
    col(
      'shortfall',
      oneYear === null ? R('shortfall') : R('shortfallIn', { year: typeof oneYear === 'number' ? R('yearN', { year: oneYear }) : oneYear }),
      // A row set aside needs nothing: another row counts for the teacher's year, and 还差 says which.
      (tr) => (tr.teacher.setAside ? R('setAsideFor', { place: placeOf(tr.teacher.setAside.kept.ref), school: tr.teacher.setAside.kept.school }) : tr.shortfalls.length ? shortfallText(L, tr.shortfalls) : ''),
      16,
      60,
    ),
    ...(oneYear === null ? [col('year', U('year'), (tr) => ctx.yearOf(tr.teacher.year), 6, 20)] : []),
  ];
  const figures: C[] = [];
  for (const m of MODES) {
    if (!listed.some((x) => x.teacher.cells[`${m}.hours`] !== undefined || x.teacher.cells[`${m}.credits`] !== undefined)) continue;
    figures.push(col(`${m}.hours`, term(L, `${m}.hours`), (tr) => tr.teacher.raw[m].hours), col(`${m}.credits`, term(L, `${m}.credits`), (tr) => tr.teacher.raw[m].credits));
  }
  // Per-record lists (shape records) keep the figures read: shown beside what counts after the rule
  // set's conversions (天数 → 学时, 学时 → 学分), so a reader sees both (issue 19).
  if (listed.some((x) => x.teacher.records?.some((r) => r.read))) {
    for (const m of ['days', 'hours', 'credits'] as const) {
      // The counted records' figures as read: blank where no record gave one.
      figures.push(
        col(`read.${m}`, R(m === 'days' ? 'readDays' : m === 'hours' ? 'readHours' : 'readCredits'), (tr) => {
          let sum: number | null = null;
          for (const r of tr.teacher.records ?? []) {
            const v = r.counted ? r.read?.[m] : null;
            if (v !== null && v !== undefined) sum = (sum ?? 0) + v;
          }
          return sum === null ? null : Math.round(sum * 100) / 100;
        }),
      );
    }
  }
  figures.push(
    col('total.hours', R('declaredHours'), (tr) => num(tr.teacher.declared.hours)),
    col('total.credits', R('declaredCredits'), (tr) => num(tr.teacher.declared.credits)),
    col('counted.hours', R('countedHours'), (tr) => sumOf(tr.teacher, 'hours')),
    col('counted.credits', R('countedCredits'), (tr) => sumOf(tr.teacher, 'credits')),
  );
  const about: C[] = [
    col('gender', R('gender'), (tr) => tr.teacher.gender, 6, 8),
    col('subject', R('subject'), (tr) => tr.teacher.subject, 8, 20),
    col('title', R('title'), (tr) => tr.teacher.title, 8, 16),
    col('remarks', R('remarks'), (tr) => tr.teacher.remarks, 10, 40),
    col('source', R('source'), (tr) => placeOf(tr.teacher.ref), 12, 60),
  ];
  // A column with nothing in it says nothing (no 性别 in a platform export, no 填报总学时 in a record list).
  const blank = (v: string | number | null) => v === null || v === '';
  const optional = new Set(['total.hours', 'total.credits', 'gender', 'subject', 'title', 'remarks', 'read.days', 'read.hours', 'read.credits']);
  const every = [...identity, ...action, ...figures, ...about];
  // Where a value the school wrote that is not a number is shown: its field's own column (a form's),
  // or beside the figures read of the other records (a per-record list has no column per field).
  const fields = new Set(every.map((c) => c.key));
  const unreadAt = (field: string) => (fields.has(field) ? field : `read.${field.slice(field.indexOf('.') + 1)}`);
  const unread = new Set<string>();
  for (const tr of listed) for (const b of tr.teacher.badValues) unread.add(unreadAt(b.field));
  const columns = every.filter((c) => !optional.has(c.key) || unread.has(c.key) || listed.some((tr) => !blank(c.get(tr))));
  const { heads, widths } = fitColumns(columns, listed, order, schools);
  const keys = columns.map((c) => c.key);
  const getters = columns.map((c) => c.get);
  const shortfallAt = keys.indexOf('shortfall');

  const sheet: ReportSheet = {
    name: ctx.names.teachers,
    widths,
    header: true,
    freezeColumns: FROZEN,
    rowCount: n + 1,
    *rows() {
      yield heads.map((h) => cell(h));
      for (let k = 0; k < n; k++) {
        const i = order[k]!;
        const tr = listed[i]!;
        const x = tr.teacher;
        const row: ReportCell[] = new Array(getters.length);
        for (let c = 0; c < getters.length; c++) row[c] = cell(getters[c]!(tr) ?? null);
        // A 还差 longer than its column wraps rather than run under the figures.
        const short = row[shortfallAt]!;
        if (typeof short.v === 'string' && short.v.length * 3 > widths[shortfallAt]! - 1 && widthOf(short.v) > widths[shortfallAt]! - 1) short.wrap = true;
        annotateRow(row, keys, found[i] ?? NO_FINDINGS, (f) => teacherColumnKey(f, tr), tr.status, L, notes);
        // What the school wrote where a number was wanted ("二十四"): shown as written and marked,
        // never 0 — in the field's own column (a form's), or beside the other records' figures read
        // (a per-record list: "12 + 二十四").
        for (const b of x.badValues) {
          const key = unreadAt(b.field);
          const own = key === b.field;
          const at = keys.indexOf(key);
          if (at < 0) continue;
          const c = row[at]!;
          c.v = own || c.v === null || c.v === '' ? excelText(b.text) : `${c.v} + ${excelText(b.text)}`;
          c.fill ??= FILL.error;
          // Said where no finding on the cell says it (a rule set without value-not-number; a shortfall's note).
          if (notes && !c.note?.includes(b.text)) c.note = c.note ? `${c.note}\n${R('unreadValue', { text: b.text })}` : R('unreadValue', { text: b.text });
        }
        yield row;
      }
    },
  };

  return {
    sheet,
    indexOf: (ref) => {
      const i = teacherRow.get(ref);
      return i === undefined ? undefined : position[i];
    },
  };
}
