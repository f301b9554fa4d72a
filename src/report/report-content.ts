import path from 'node:path';
import stringWidth from 'string-width';
import { errorMessage, message, t, term, type Lang } from '../i18n/index.js';
import type { AuditResult, CycleAudit, CycleResultEntry, Finding, SchoolResult, Severity, Shortfall, TeacherResult } from '../model/types.js';
import { MODES } from '../model/types.js';
import { CHECKS } from '../checks/index.js';
import { modeSum } from '../model/amounts.js';
import { fieldAt } from '../model/cell-layout.js';
import { maskId } from './mask.js';
import { RowIndex } from './row-index.js';
import { compressRows } from './rows.js';
import { readAs } from './read-as.js';
import { skippedSheetText } from './skipped-sheets.js';
import { yearLabeller } from './year-label.js';
import { cell, EXCEL_MAX_LINKS, EXCEL_MAX_ROWS, FILL, type ReportCell, type ReportSheet } from './sheets.js';

export interface ReportOptions {
  lang: Lang;
  maskIds: boolean;
  /** List every teacher in 教师, however many (`--all-teachers`). */
  allTeachers?: boolean;
  /** The limit above which 教师 lists only teachers who need attention; TEACHER_SHEET_LIMIT unless a test sets it. */
  teacherSheetLimit?: number;
  /** Note every failing cell of the 教师 sheets, however many (`--all-notes`). */
  allNotes?: boolean;
  /** The findings about teachers above which their cells are filled without notes; NOTE_LIMIT unless a test sets it. */
  noteLimit?: number;
  /** Rows a sheet holds, the header included; Excel's EXCEL_MAX_ROWS unless a test sets it. */
  sheetRowLimit?: number;
  /** Links a sheet holds; Excel's EXCEL_MAX_LINKS unless a test sets it. */
  sheetLinkLimit?: number;
}

/**
 * A sheet longer than Excel allows, as parts that follow one another (教师, 教师 (2), …): Excel
 * does not load a longer sheet as written, and a province's 问题清单 or `--all-teachers` 教师 can
 * pass 1 048 575 rows; 问题清单, a link a row, passes the links a sheet holds much sooner. Data
 * row i (from 0) of the whole is in part ⌊i / perPart⌋.
 */
interface Parts {
  names: string[];
  perPart: number;
  rows: number;
  /** What a part may not pass: Excel's rows, or its links (a row of 问题清单 has one). */
  limit: { by: 'rows' | 'links'; count: number };
  /** The sheet and row (counting the header as row 1) of data row i. */
  at(i: number): { sheet: string; row: number };
}

function partsOf(name: string, dataRows: number, rowLimit: number, linkLimit = Infinity): Parts {
  const limit = linkLimit < rowLimit - 1 ? { by: 'links' as const, count: linkLimit } : { by: 'rows' as const, count: rowLimit };
  const perPart = limit.by === 'links' ? linkLimit : rowLimit - 1;
  const names = Array.from({ length: Math.max(1, Math.ceil(dataRows / perPart)) }, (_, k) => (k === 0 ? name : `${name} (${k + 1})`));
  return { names, perPart, rows: dataRows, limit, at: (i) => ({ sheet: names[Math.floor(i / perPart)]!, row: (i % perPart) + 2 }) };
}

/**
 * `sheet` as its parts, each with the header. The parts share one pass over `sheet.rows()`, each
 * taking the next rows, so they are written in order, as the writers do: building the rows twice
 * would cost as much again.
 */
function splitSheet(sheet: ReportSheet, parts: Parts): ReportSheet[] {
  if (parts.names.length === 1) return [sheet];
  let source: Iterator<ReportCell[]> | undefined;
  let header: ReportCell[] = [];
  return parts.names.map((name, k) => {
    const here = Math.min(parts.perPart, parts.rows - k * parts.perPart);
    return {
      ...sheet,
      name,
      rowCount: here + 1,
      *rows() {
        if (!source) {
          source = sheet.rows()[Symbol.iterator]();
          header = source.next().value ?? [];
        }
        yield header;
        for (let n = 0; n < here; n++) {
          const next = source.next();
          if (next.done) return;
          yield next.value;
        }
      },
    };
  });
}

/**
 * Above this many teachers, 教师 lists only the teachers who need attention — not complete, or
 * with a finding — and 汇总 says so (issue 5): a province's million rows of complete teachers
 * help nobody and cost most of the report's size and time. `--all-teachers` lists everyone.
 */
export const TEACHER_SHEET_LIMIT = 100_000;

/**
 * Above this many findings about teachers, the 教师 sheets fill the cells they point at without a
 * note, and 汇总 says so; each finding's reason and clause stay in 问题清单, a link away, and the
 * shortfall in 还差. A spreadsheet program makes an object of every note: LibreOffice 7.4 opened
 * and closed a report of 2 621 notes in 7 s, 25 816 in 19 s, 51 560 in 56 s, and the
 * million-row return's 256 000 in more than 12 minutes (most of it in closing, each note's
 * removal renumbering the rest); without its notes, 22 s (issue 5, measured here; Excel and WPS
 * could not be tried here). `--all-notes` notes every cell.
 */
export const NOTE_LIMIT = 50_000;

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function worst(findings: Finding[]): Severity {
  return findings.reduce<Severity>((w, f) => (SEVERITY_RANK[f.severity] < SEVERITY_RANK[w] ? f.severity : w), 'info');
}


/** The column a finding belongs to in the 教师 sheet. */
function teacherColumnKey(f: Finding, tr: TeacherResult): string {
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
function shortfallText(lang: Lang, shortfalls: readonly Shortfall[], cycle = false): string {
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

function noteText(lang: Lang, findings: Finding[]): string {
  return findings.map((f) => `[${term(lang, f.severity)}] ${message(lang, f.messageId, f.data)}（${t(lang, 'ui', 'clause')}：${f.clause}）`).join('\n');
}

const STATUS_FILL: Record<string, string | undefined> = { incomplete: FILL.error, behind: FILL.warning, exempt: FILL.exempt, 'set-aside': FILL.warning };

/**
 * Fill each cell a finding points at (its worst severity) and, with `notes`, note every reason with
 * its clause; findings with no column of their own go to the status cell, which also shows the status.
 */
function annotateRow(row: ReportCell[], keys: string[], findings: Finding[], columnOf: (f: Finding) => string, status: string, lang: Lang, notes: boolean): void {
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

/**
 * 汇总's first column: its labels, then each input's path. Excel measures a column in widths of
 * the digit 0, and a Chinese character takes two: a district's paths
 * (`returns/2025年度墨江县第二小学-数据问题.xlsx`, ~44) were cut at 22 by the SHA-256 beside them.
 * At most 80, so one deep path does not push the rest of the sheet off the screen.
 */
export function fileColumnWidth(files: readonly string[]): number {
  let widest = 0;
  for (const f of files) widest = Math.max(widest, stringWidth(f));
  return Math.min(80, Math.max(22, widest + 2));
}

/** 汇总, 学校, 教师, 问题清单 (DESIGN.md, The Excel report), as data. */
export function reportSheets(result: AuditResult, opts: ReportOptions): ReportSheet[] {
  const L = opts.lang;
  const R = (k: string, data?: Record<string, string | number>) => t(L, 'report', k, data);
  const U = (k: string) => t(L, 'ui', k);
  const id = (s: string) => (opts.maskIds ? maskId(s) : s);
  const cy = result.cycle;
  const yearOf = yearLabeller(L, result.rules);
  // In a cycle audit 教师 holds one row per teacher for the cycle, and the yearly rows move to 教师年度.
  const names = {
    summary: t(L, 'sheets', 'summary'),
    schools: t(L, 'sheets', 'schools'),
    teachers: t(L, 'sheets', cy ? 'teacherYears' : 'teachers'),
    cycle: t(L, 'sheets', 'teachers'),
    findings: t(L, 'sheets', 'findings'),
  };

  // 教师 lists everyone, or above the limit only those who need attention.
  const teacherFindingRows = new RowIndex<true>();
  for (const f of result.findings) if (f.ref && !f.period && (f.teacherName || f.teacherId)) teacherFindingRows.set(f.ref, true);
  const limit = opts.teacherSheetLimit ?? TEACHER_SHEET_LIMIT;
  const listAll = opts.allTeachers || result.teachers.length <= limit;
  const listed = listAll ? result.teachers : result.teachers.filter((tr) => tr.status !== 'complete' || teacherFindingRows.has(tr.teacher.ref));
  // Notes on the 教师 sheets, or above the limit fills alone.
  let teacherFindings = 0;
  for (const f of result.findings) if (f.teacherName || f.teacherId) teacherFindings++;
  const noteLimit = opts.noteLimit ?? NOTE_LIMIT;
  const notes = opts.allNotes || teacherFindings <= noteLimit;
  const rowLimit = opts.sheetRowLimit ?? EXCEL_MAX_ROWS;
  const teacherParts = partsOf(names.teachers, listed.length, rowLimit);
  const cycleParts = cy ? partsOf(names.cycle, cy.teachers.length, rowLimit) : null;
  // Each finding's row holds a link (to its teacher or school).
  const findingParts = partsOf(names.findings, result.findings.length, rowLimit, opts.sheetLinkLimit ?? EXCEL_MAX_LINKS);
  const split = [cycleParts, teacherParts, findingParts].filter((p): p is Parts => p !== null && p.names.length > 1);

  // 汇总
  const s = result.summary;
  const audited = s.complete + s.incomplete;
  const summaryRows: ReportCell[][] = [
    [cell(R('item')), cell(R('value'))],
    [cell(R('ruleSet')), cell(`${result.rules.name}（${result.rules.id}）`)],
    [cell(R('ruleSource')), cell(result.rules.source)],
    [cell(R('ruleFile')), cell(result.rules.file)],
    [cell(R('generatedAt')), cell(result.generatedAt)],
    [cell(R('tool')), cell(`${result.tool.name} ${result.tool.version}`)],
    [],
    [cell(R('totalsTitle'), { bold: true })],
    [cell(R('teachersAll')), cell(s.teachers)],
    [cell(term(L, 'complete')), cell(s.complete)],
    [cell(term(L, 'incomplete')), cell(s.incomplete)],
    [cell(term(L, 'exempt')), cell(s.exempt)],
    // Rows read and not counted (a repeated row, a file sent twice): beside the counts, not in them.
    ...(s.setAside ? [[cell(term(L, 'set-aside'), { fill: FILL.warning }), cell(s.setAside, { fill: FILL.warning })]] : []),
    [cell(R('completeRate')), cell(audited ? s.complete / audited : 0, { numFmt: '0.0%' })],
    [cell(R('schoolsAll')), cell(s.schools)],
    [cell(R('schoolsFlagged')), cell(s.schoolsFlagged)],
    ...(['error', 'warning', 'info'] as const).map((sev) => [cell(term(L, sev)), cell(s.findings[sev])]),
    ...(listAll
      ? []
      : [[cell(R('teachersListed'), { fill: FILL.warning }), cell(R('teachersListedNote', { listed: listed.length, all: result.teachers.length, limit }), { fill: FILL.warning })]]),
    ...(notes ? [] : [[cell(R('notesLeftOut'), { fill: FILL.warning }), cell(R('notesLeftOutNote', { findings: teacherFindings, limit: noteLimit }), { fill: FILL.warning })]]),
    ...split.map((p) => [
      cell(R('sheetSplit'), { fill: FILL.warning }),
      cell(R(p.limit.by === 'links' ? 'sheetSplitLinksNote' : 'sheetSplitNote', { sheet: p.names[0]!, rows: p.rows, limit: p.limit.count, names: p.names.join('、') }), { fill: FILL.warning }),
    ]),
    ...(cy
      ? [
          [],
          [cell(R('cycle'), { bold: true }), cell(`${cy.window.start}-${cy.window.end}`), ...(result.rules.yearStart ? [cell(`${yearOf(cy.window.start)} — ${yearOf(cy.window.end)}`)] : [])],
          [cell(R('asOf')), cell(cy.window.asOf)],
          [cell(R('yearsFound')), cell(cy.yearsFound.join(', '))],
          [cell(R('yearsNoInput')), cell(cy.yearsWithoutInput.join(', '), cy.yearsWithoutInput.length ? { fill: FILL.warning } : {})],
          ...(['complete', 'in-progress', 'behind', 'incomplete', 'exempt'] as const).map((st) => [cell(`${R('cycle')}：${term(L, st)}`), cell(cy.teachers.filter((x) => x.status === st).length)]),
        ]
      : []),
    // The rule set's district targets (三(二)1), each year's share against its target.
    ...(result.targets?.length
      ? [
          [],
          [cell(R('targetsTitle'), { bold: true }), cell(U('year')), cell(R('targetShare')), cell(R('targetGoal')), cell(R('targetMet'))],
          ...result.targets.map((x) => {
            const f = x.met ? {} : { fill: FILL.warning };
            return [cell(term(L, x.key), f), cell(yearOf(x.year), f), cell(x.share / 100, { ...f, numFmt: '0.00%' }), cell(x.target / 100, { ...f, numFmt: '0%' }), cell(U(x.met ? 'yes' : 'no'), f)];
          }),
        ]
      : []),
    [],
    [cell(R('inputsTitle'), { bold: true })],
    ['file', 'sha256', 'format', 'encoding', 'years', 'yearFrom', 'school', 'sheet', 'rowsRead', 'teachers', 'skippedBlank', 'skippedTotal', 'skippedFooter', 'skippedNotUnderstood', 'skippedRows', 'error'].map((k) =>
      cell(k === 'school' || k === 'teachers' ? U(k) : R(k), { bold: true }),
    ),
  ];
  for (const i of result.inputs) {
    for (const sh of i.skippedSheets ?? []) {
      summaryRows.push([cell(i.file), cell(i.sha256), cell(i.format), cell(readAs(i)), ...Array(3).fill(cell(null)), cell(sh.sheet), ...Array(7).fill(cell(null)), cell(R('skippedSheet') + skippedSheetText(L, sh), { fill: FILL.warning })]);
    }
    if (i.error) {
      summaryRows.push([cell(i.file), cell(i.sha256), cell(i.format), cell(readAs(i)), ...Array(11).fill(cell(null)), cell(errorMessage(L, i.error.messageId, i.error.data), { fill: FILL.error })]);
      continue;
    }
    // What of the input is not counted (the same bytes as another input, a school's year resent), beside its first sheet.
    let setAside = (i.setAside ?? [])
      .map((s) => t(L, 'ui', s.reason === 'same-content' ? 'inputSameContent' : 'inputResent', { file: i.file, kept: s.kept.file, teachers: s.teachers, school: s.school ?? '', year: s.year ?? '' }))
      .join('\n');
    for (const sh of i.sheets) {
      const all = [...sh.skipped.blank, ...sh.skipped.total, ...sh.skipped.footer, ...sh.skipped['not-understood']];
      const note = setAside;
      setAside = '';
      summaryRows.push([
        cell(i.file),
        cell(i.sha256),
        cell(i.format),
        cell(readAs(i)),
        cell(i.years.join(', ')),
        cell(i.yearSource ? term(L, i.yearSource) : ''),
        cell(i.school),
        cell(sh.sheet),
        cell(sh.rowsRead),
        cell(sh.teachers),
        cell(sh.skipped.blank.length),
        cell(sh.skipped.total.length),
        cell(sh.skipped.footer.length),
        cell(sh.skipped['not-understood'].length, sh.skipped['not-understood'].length ? { fill: FILL.warning } : {}),
        cell(compressRows(all)),
        note ? cell(note, { fill: FILL.warning }) : cell(null),
      ]);
    }
  }
  // Files met and not audited (a folder's PDFs and archives, our own reports), each with the reason (issue 21).
  for (const f of result.skippedFiles ?? []) {
    summaryRows.push([cell(f.file), ...Array(14).fill(cell(null)), cell(R('skippedFile') + term(L, `fileSkip.${f.reason}`), { fill: FILL.warning })]);
  }
  const summary: ReportSheet = {
    name: names.summary,
    widths: [fileColumnWidth([...result.inputs.map((i) => i.file), ...(result.skippedFiles ?? []).map((f) => f.file)]), 60, 8, 10, 8, 10, 24, 12, 10, 8, 10, 10, 10, 12, 30, 50],
    header: false,
    rowCount: summaryRows.length,
    rows: () => summaryRows,
  };

  // 学校
  const schoolRow = new Map<string, number>();
  const schoolHead = [U('school'), U('year'), U('audited'), U('incompleteCol'), U('exemptCol'), U('share'), U('flagged')];
  if (cy) schoolHead.push(U('behindCol'), U('overallRate'), U('concentratedRate'), U('selfSelectedRate'));
  const schoolRows: ReportCell[][] = [schoolHead.map((h) => cell(h))];
  const schoolLine = (x: SchoolResult, period: string | number | null) => {
    const f = x.flagged ? { fill: FILL.flagged } : {};
    const pctCell = (v: number | null | undefined) => cell(v ?? null, { ...f, numFmt: '0.0%' });
    const row = [cell(x.name, f), cell(period, f), cell(x.teachers, f), cell(x.incomplete, f), cell(x.exempt, f), cell(x.share, { ...f, numFmt: '0.0%' }), cell(x.flagged ? U('yes') : U('no'), f)];
    if (cy) row.push(cell(x.behind ?? null, f), pctCell(x.indicators?.overall), pctCell(x.indicators?.concentrated), pctCell(x.indicators?.selfSelected));
    return row;
  };
  for (const x of result.schools) {
    schoolRow.set(`${x.name}\u0000${x.year}`, schoolRows.length + 1);
    schoolRows.push(schoolLine(x, yearOf(x.year)));
  }
  const cyclePeriod = cy ? `${cy.window.start}-${cy.window.end}` : '';
  for (const x of cy?.schools ?? []) {
    schoolRow.set(`${x.name}\u0000${cyclePeriod}`, schoolRows.length + 1);
    schoolRows.push(schoolLine(x, cyclePeriod));
  }
  const schools: ReportSheet = {
    name: names.schools,
    widths: [30, 10, 10, 10, 10, 12, 8, 10, 12, 14, 12],
    header: true,
    rowCount: schoolRows.length,
    rows: () => schoolRows,
    ...(result.schools.length ? { dataBar: { column: 6 } } : {}),
  };

  // 教师: one row per teacher, in result order; where each lands is known without building the rows.
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
    year: (tr) => yearOf(tr.teacher.year),
    name: (tr) => tr.teacher.name,
    id: (tr) => id(tr.teacher.id),
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
  const teachers: ReportSheet = {
    name: names.teachers,
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

  const cycleRow = new Map<string, number>();
  cy?.teachers.forEach((r, i) => cycleRow.set(`${r.cycle.id}\u0000${r.cycle.name}`, i));
  const cycleSheet = cy ? cycleTeachersSheet(cy, result.findings, names.cycle, opts, notes) : null;

  // 问题清单
  const findings: ReportSheet = {
    name: names.findings,
    // For review (issue 20): the link first, the check by its title, the file by its name; the
    // check's id last, narrow, for looking it up in docs/checks.md.
    widths: [14, 6, 8, 22, 26, 8, 10, 21, 70, 26, 30, 12, 8, 10],
    header: true,
    rowCount: result.findings.length + 1,
    *rows() {
      yield [R('link'), R('seq'), U('severity'), U('check'), U('school'), U('year'), R('name'), R('id'), U('message'), U('clause'), R('file'), R('sheet'), U('cell'), R('checkId')].map((h) => cell(h));
      let seq = 0;
      for (const f of result.findings) {
        const isTeacher = Boolean(f.teacherName || f.teacherId);
        const cycleTarget = isTeacher && f.period ? cycleRow.get(`${f.teacherId}\u0000${f.teacherName}`) : undefined;
        const teacherTarget = isTeacher && !f.period && f.ref ? teacherRow.get(f.ref) : undefined;
        const schoolTarget = !isTeacher ? schoolRow.get(`${f.school}\u0000${f.period ?? f.year}`) : undefined;
        const target =
          cycleTarget !== undefined
            ? cycleParts!.at(cycleTarget)
            : teacherTarget !== undefined
              ? teacherParts.at(teacherTarget)
              : schoolTarget
                ? { sheet: names.schools, row: schoolTarget }
                : null;
        // A school's finding is about its row on 学校 (the link), not a cell of its file.
        const place = schoolTarget ? null : f.ref;
        yield [
          target ? cell(`${target.sheet}!A${target.row}`, { link: `'${target.sheet}'!A${target.row}` }) : cell(null),
          cell(++seq),
          cell(term(L, f.severity), { fill: FILL[f.severity] }),
          cell(CHECKS[f.check]?.meta.title[L] ?? f.check),
          cell(f.school),
          cell(yearOf(f.year)),
          cell(f.teacherName),
          cell(id(f.teacherId)),
          cell(message(L, f.messageId, f.data)),
          cell(f.clause),
          cell(f.ref ? (f.ref.file.split(/[\\/]/).pop() ?? f.ref.file) : ''),
          cell(place?.sheet ?? ''),
          cell(place?.cell ?? ''),
          cell(f.check),
        ];
      }
    },
  };
  return [summary, schools, ...(cycleSheet ? splitSheet(cycleSheet, cycleParts!) : []), ...splitSheet(teachers, teacherParts), ...splitSheet(findings, findingParts)];
}

/** 教师 in a cycle audit: one row per teacher — each year, cycle to date, required, pace, status. */
function cycleTeachersSheet(cy: CycleAudit, allFindings: Finding[], name: string, opts: ReportOptions, notes: boolean): ReportSheet {
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
