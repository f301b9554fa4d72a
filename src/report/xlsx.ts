import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { errorMessage, message, t, term, type Lang } from '../i18n/index.js';
import type { AuditResult, Finding, Severity, TeacherResult } from '../model/types.js';
import { MODES } from '../model/types.js';
import { maskId } from './mask.js';
import { compressRows } from './rows.js';

export interface XlsxOptions {
  lang: Lang;
  maskIds: boolean;
}

const FILL: Record<Severity | 'flagged' | 'exempt' | 'header', string> = {
  error: 'FFFFC7CE',
  warning: 'FFFFEB9C',
  info: 'FFDDEBF7',
  flagged: 'FFFFC7CE',
  exempt: 'FFEDEDED',
  header: 'FFD9E1F2',
};

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function fill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

function styleHeader(ws: ExcelJS.Worksheet, columns: number): void {
  const row = ws.getRow(1);
  row.font = { bold: true };
  for (let c = 1; c <= columns; c++) row.getCell(c).fill = fill(FILL.header);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns } };
}

/** The column a finding belongs to in the 教师 sheet. */
function teacherColumnKey(f: Finding, tr: TeacherResult): string {
  if (f.shortfall) return f.shortfall.scope === 'total' ? `counted.${f.shortfall.measure}` : `${f.shortfall.scope}.${f.shortfall.measure}`;
  if (f.check === 'teacher-exempt') return 'status';
  if (f.ref) {
    for (const [key, cell] of Object.entries(tr.teacher.cells)) if (cell === f.ref.cell) return key;
  }
  return 'status';
}

function noteText(lang: Lang, findings: Finding[]): string {
  return findings.map((f) => `[${term(lang, f.severity)}] ${message(lang, f.messageId, f.data)}（${t(lang, 'ui', 'clause')}：${f.clause}）`).join('\n');
}

function worst(findings: Finding[]): Severity {
  return findings.reduce<Severity>((w, f) => (SEVERITY_RANK[f.severity] < SEVERITY_RANK[w] ? f.severity : w), 'info');
}

/** Build the workbook: 汇总, 学校, 教师, 问题清单 (DESIGN.md, The Excel report). */
export function buildWorkbook(result: AuditResult, opts: XlsxOptions): ExcelJS.Workbook {
  const L = opts.lang;
  const R = (k: string) => t(L, 'report', k);
  const id = (s: string) => (opts.maskIds ? maskId(s) : s);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'credit-audit';
  wb.created = new Date(result.generatedAt);
  const names = { summary: t(L, 'sheets', 'summary'), schools: t(L, 'sheets', 'schools'), teachers: t(L, 'sheets', 'teachers'), findings: t(L, 'sheets', 'findings') };

  // 汇总
  const sum = wb.addWorksheet(names.summary);
  sum.columns = [{ width: 22 }, { width: 60 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 30 }, { width: 50 }];
  sum.addRow([R('item'), R('value')]);
  styleHeader(sum, 2);
  sum.autoFilter = undefined as unknown as ExcelJS.AutoFilter;
  sum.addRow([R('ruleSet'), `${result.rules.name}（${result.rules.id}）`]);
  sum.addRow([R('ruleSource'), result.rules.source]);
  sum.addRow([R('ruleFile'), result.rules.file]);
  sum.addRow([R('generatedAt'), result.generatedAt]);
  sum.addRow([R('tool'), `${result.tool.name} ${result.tool.version}`]);
  sum.addRow([]);
  sum.addRow([R('totalsTitle')]).font = { bold: true };
  const s = result.summary;
  const audited = s.complete + s.incomplete;
  sum.addRow([R('teachersAll'), s.teachers]);
  sum.addRow([term(L, 'complete'), s.complete]);
  sum.addRow([term(L, 'incomplete'), s.incomplete]);
  sum.addRow([term(L, 'exempt'), s.exempt]);
  const rate = sum.addRow([R('completeRate'), audited ? s.complete / audited : 0]);
  rate.getCell(2).numFmt = '0.0%';
  sum.addRow([R('schoolsAll'), s.schools]);
  sum.addRow([R('schoolsFlagged'), s.schoolsFlagged]);
  for (const sev of ['error', 'warning', 'info'] as const) sum.addRow([term(L, sev), s.findings[sev]]);
  sum.addRow([]);
  sum.addRow([R('inputsTitle')]).font = { bold: true };
  const inputHead = sum.addRow([R('file'), R('sha256'), R('format'), R('encoding'), t(L, 'ui', 'year'), R('yearFrom'), t(L, 'ui', 'school'), R('sheet'), R('rowsRead'), t(L, 'ui', 'teachers'), R('skippedBlank'), R('skippedTotal'), R('skippedFooter'), R('skippedNotUnderstood'), R('skippedRows'), R('error')]);
  inputHead.font = { bold: true };
  for (const i of result.inputs) {
    if (i.error) {
      const r = sum.addRow([i.file, i.sha256, i.format, i.encoding ?? '', '', '', '', '', '', '', '', '', '', '', '', errorMessage(L, i.error.messageId, i.error.data)]);
      r.getCell(16).fill = fill(FILL.error);
      continue;
    }
    for (const sh of i.sheets) {
      const all = [...sh.skipped.blank, ...sh.skipped.total, ...sh.skipped.footer, ...sh.skipped['not-understood']];
      const r = sum.addRow([i.file, i.sha256, i.format, i.encoding ?? '', i.year ?? '', i.yearSource ? term(L, i.yearSource) : '', i.school, sh.sheet, sh.rowsRead, sh.teachers, sh.skipped.blank.length, sh.skipped.total.length, sh.skipped.footer.length, sh.skipped['not-understood'].length, compressRows(all), '']);
      if (sh.skipped['not-understood'].length) r.getCell(14).fill = fill(FILL.warning);
    }
  }

  // 学校
  const sch = wb.addWorksheet(names.schools);
  sch.columns = [{ width: 30 }, { width: 8 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 12 }, { width: 8 }];
  sch.addRow([t(L, 'ui', 'school'), t(L, 'ui', 'year'), t(L, 'ui', 'audited'), t(L, 'ui', 'incompleteCol'), t(L, 'ui', 'exemptCol'), t(L, 'ui', 'share'), t(L, 'ui', 'flagged')]);
  styleHeader(sch, 7);
  const schoolRow = new Map<string, number>();
  for (const x of result.schools) {
    const r = sch.addRow([x.name, x.year ?? '', x.teachers, x.incomplete, x.exempt, x.share, x.flagged ? t(L, 'ui', 'yes') : t(L, 'ui', 'no')]);
    r.getCell(6).numFmt = '0.0%';
    schoolRow.set(`${x.name}\u0000${x.year}`, r.number);
    if (x.flagged) for (let c = 1; c <= 7; c++) r.getCell(c).fill = fill(FILL.flagged);
  }
  if (result.schools.length) {
    sch.addConditionalFormatting({
      ref: `F2:F${result.schools.length + 1}`,
      rules: [{ type: 'dataBar', priority: 1, cfvo: [{ type: 'num', value: 0 }, { type: 'num', value: 1 }], color: { argb: 'FFF8696B' } } as unknown as ExcelJS.ConditionalFormattingRule],
    });
  }

  // 教师
  const tea = wb.addWorksheet(names.teachers);
  const modeCols = MODES.filter((m) => result.teachers.some((x) => x.teacher.cells[`${m}.hours`] || x.teacher.cells[`${m}.credits`]));
  const keys: string[] = ['seq', 'school', 'year', 'name', 'id', 'gender', 'subject', 'title'];
  const heads: string[] = [R('seq'), t(L, 'ui', 'school'), t(L, 'ui', 'year'), R('name'), R('id'), R('gender'), R('subject'), R('title')];
  for (const m of modeCols) {
    keys.push(`${m}.hours`, `${m}.credits`);
    heads.push(term(L, `${m}.hours`), term(L, `${m}.credits`));
  }
  keys.push('total.hours', 'total.credits', 'counted.hours', 'counted.credits', 'status', 'shortfall', 'remarks', 'source');
  heads.push(R('declaredHours'), R('declaredCredits'), R('countedHours'), R('countedCredits'), R('status'), R('shortfall'), R('remarks'), R('source'));
  tea.columns = keys.map((k) => ({ width: k === 'school' ? 26 : k === 'id' ? 21 : k === 'shortfall' ? 40 : k === 'source' ? 30 : k === 'name' ? 10 : 9 }));
  tea.addRow(heads);
  styleHeader(tea, keys.length);
  const col = (k: string) => keys.indexOf(k) + 1;
  const findingsByTeacher = new Map<TeacherResult['teacher'], Finding[]>();
  const teacherByRef = new Map<string, TeacherResult>();
  for (const tr of result.teachers) teacherByRef.set(`${tr.teacher.ref.file}\u0000${tr.teacher.ref.sheet}\u0000${tr.teacher.ref.row}`, tr);
  for (const f of result.findings) {
    if (!f.teacherName && !f.teacherId) continue;
    const tr = f.ref && teacherByRef.get(`${f.ref.file}\u0000${f.ref.sheet}\u0000${f.ref.row}`);
    if (!tr) continue;
    const list = findingsByTeacher.get(tr.teacher) ?? [];
    list.push(f);
    findingsByTeacher.set(tr.teacher, list);
  }
  const teacherRow = new Map<string, number>();
  result.teachers.forEach((tr, i) => {
    const x = tr.teacher;
    const sumOf = (measure: 'hours' | 'credits') => MODES.reduce((n, m) => n + x.counted[m][measure], 0);
    const values: Record<string, string | number | null> = {
      seq: i + 1,
      school: x.school,
      year: x.year,
      name: x.name,
      id: id(x.id),
      gender: x.gender,
      subject: x.subject,
      title: x.title,
      'total.hours': x.declared.hours,
      'total.credits': x.declared.credits,
      'counted.hours': Math.round(sumOf('hours') * 100) / 100,
      'counted.credits': Math.round(sumOf('credits') * 100) / 100,
      status: term(L, tr.status),
      shortfall: tr.shortfalls.map((sf) => `${term(L, sf.scope)}${term(L, sf.measure)} ${sf.missing}`).join('；'),
      remarks: x.remarks,
      source: `${path.basename(x.ref.file)}!${x.ref.sheet ? `${x.ref.sheet}!` : ''}${x.ref.cell}`,
    };
    for (const m of modeCols) {
      values[`${m}.hours`] = x.raw[m].hours;
      values[`${m}.credits`] = x.raw[m].credits;
    }
    const r = tea.addRow(keys.map((k) => values[k] ?? null));
    teacherRow.set(`${x.ref.file}\u0000${x.ref.sheet}\u0000${x.ref.row}`, r.number);
    const fs = findingsByTeacher.get(x) ?? [];
    const byCol = new Map<string, Finding[]>();
    for (const f of fs) {
      const k = teacherColumnKey(f, tr);
      byCol.set(k, [...(byCol.get(k) ?? []), f]);
    }
    for (const [k, list] of byCol) {
      const cell = r.getCell(col(k) || col('status'));
      cell.fill = fill(FILL[worst(list)]);
      cell.note = noteText(L, list);
    }
    if (tr.status === 'incomplete') r.getCell(col('status')).fill = fill(FILL.error);
    if (tr.status === 'exempt') r.getCell(col('status')).fill = fill(FILL.exempt);
  });

  // 问题清单
  const fin = wb.addWorksheet(names.findings);
  const fHeads = [R('seq'), t(L, 'ui', 'severity'), t(L, 'ui', 'check'), t(L, 'ui', 'school'), t(L, 'ui', 'year'), R('name'), R('id'), t(L, 'ui', 'message'), t(L, 'ui', 'clause'), R('file'), R('sheet'), t(L, 'ui', 'cell'), R('link')];
  fin.columns = [{ width: 6 }, { width: 8 }, { width: 24 }, { width: 26 }, { width: 8 }, { width: 10 }, { width: 21 }, { width: 70 }, { width: 26 }, { width: 30 }, { width: 12 }, { width: 8 }, { width: 12 }];
  fin.addRow(fHeads);
  styleHeader(fin, fHeads.length);
  result.findings.forEach((f, i) => {
    const r = fin.addRow([i + 1, term(L, f.severity), f.check, f.school, f.year ?? '', f.teacherName, id(f.teacherId), message(L, f.messageId, f.data), f.clause, f.ref?.file ?? '', f.ref?.sheet ?? '', f.ref?.cell ?? '', '']);
    r.getCell(2).fill = fill(FILL[f.severity]);
    const target = f.teacherName || f.teacherId
      ? f.ref && teacherRow.get(`${f.ref.file}\u0000${f.ref.sheet}\u0000${f.ref.row}`) && { sheet: names.teachers, row: teacherRow.get(`${f.ref.file}\u0000${f.ref.sheet}\u0000${f.ref.row}`)! }
      : schoolRow.get(`${f.school}\u0000${f.year}`) && { sheet: names.schools, row: schoolRow.get(`${f.school}\u0000${f.year}`)! };
    if (target) {
      r.getCell(13).value = { text: `${target.sheet}!A${target.row}`, hyperlink: `'${target.sheet}'!A${target.row}` };
      r.getCell(13).font = { color: { argb: 'FF0563C1' }, underline: true };
    }
  });
  return wb;
}

/** Write atomically: a temporary file beside the target, then a rename. */
export async function writeReport(result: AuditResult, file: string, opts: XlsxOptions): Promise<void> {
  const wb = buildWorkbook(result, opts);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${randomBytes(4).toString('hex')}`);
  try {
    await wb.xlsx.writeFile(tmp);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
