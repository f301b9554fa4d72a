import path from 'node:path';
import { errorMessage, message, t, term, type Lang } from '../i18n/index.js';
import type { AuditResult, Finding, Severity, TeacherResult } from '../model/types.js';
import { MODES } from '../model/types.js';
import { maskId } from './mask.js';
import { compressRows } from './rows.js';
import { skippedSheetText } from './skipped-sheets.js';
import { cell, FILL, type ReportCell, type ReportSheet } from './sheets.js';

export interface ReportOptions {
  lang: Lang;
  maskIds: boolean;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function worst(findings: Finding[]): Severity {
  return findings.reduce<Severity>((w, f) => (SEVERITY_RANK[f.severity] < SEVERITY_RANK[w] ? f.severity : w), 'info');
}

const rowKey = (ref: { file: string; sheet: string; row: number }) => `${ref.file}\u0000${ref.sheet}\u0000${ref.row}`;

/** The column a finding belongs to in the 教师 sheet. */
function teacherColumnKey(f: Finding, tr: TeacherResult): string {
  if (f.shortfall) return f.shortfall.scope === 'total' ? `counted.${f.shortfall.measure}` : `${f.shortfall.scope}.${f.shortfall.measure}`;
  if (f.check === 'teacher-exempt') return 'status';
  if (f.ref) {
    for (const [key, c] of Object.entries(tr.teacher.cells)) if (c === f.ref.cell) return key;
  }
  return 'status';
}

function noteText(lang: Lang, findings: Finding[]): string {
  return findings.map((f) => `[${term(lang, f.severity)}] ${message(lang, f.messageId, f.data)}（${t(lang, 'ui', 'clause')}：${f.clause}）`).join('\n');
}

/** 汇总, 学校, 教师, 问题清单 (DESIGN.md, The Excel report), as data. */
export function reportSheets(result: AuditResult, opts: ReportOptions): ReportSheet[] {
  const L = opts.lang;
  const R = (k: string) => t(L, 'report', k);
  const U = (k: string) => t(L, 'ui', k);
  const id = (s: string) => (opts.maskIds ? maskId(s) : s);
  const names = { summary: t(L, 'sheets', 'summary'), schools: t(L, 'sheets', 'schools'), teachers: t(L, 'sheets', 'teachers'), findings: t(L, 'sheets', 'findings') };

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
    [cell(R('completeRate')), cell(audited ? s.complete / audited : 0, { numFmt: '0.0%' })],
    [cell(R('schoolsAll')), cell(s.schools)],
    [cell(R('schoolsFlagged')), cell(s.schoolsFlagged)],
    ...(['error', 'warning', 'info'] as const).map((sev) => [cell(term(L, sev)), cell(s.findings[sev])]),
    [],
    [cell(R('inputsTitle'), { bold: true })],
    ['file', 'sha256', 'format', 'encoding', 'year', 'yearFrom', 'school', 'sheet', 'rowsRead', 'teachers', 'skippedBlank', 'skippedTotal', 'skippedFooter', 'skippedNotUnderstood', 'skippedRows', 'error'].map((k) =>
      cell(k === 'year' || k === 'school' || k === 'teachers' ? U(k) : R(k), { bold: true }),
    ),
  ];
  for (const i of result.inputs) {
    for (const sh of i.skippedSheets ?? []) {
      summaryRows.push([cell(i.file), cell(i.sha256), cell(i.format), cell(i.encoding ?? ''), ...Array(3).fill(cell(null)), cell(sh.sheet), ...Array(7).fill(cell(null)), cell(R('skippedSheet') + skippedSheetText(L, sh), { fill: FILL.warning })]);
    }
    if (i.error) {
      summaryRows.push([cell(i.file), cell(i.sha256), cell(i.format), cell(i.encoding ?? ''), ...Array(11).fill(cell(null)), cell(errorMessage(L, i.error.messageId, i.error.data), { fill: FILL.error })]);
      continue;
    }
    for (const sh of i.sheets) {
      const all = [...sh.skipped.blank, ...sh.skipped.total, ...sh.skipped.footer, ...sh.skipped['not-understood']];
      summaryRows.push([
        cell(i.file),
        cell(i.sha256),
        cell(i.format),
        cell(i.encoding ?? ''),
        cell(i.year),
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
        cell(null),
      ]);
    }
  }
  const summary: ReportSheet = {
    name: names.summary,
    widths: [22, 60, 8, 10, 8, 10, 24, 12, 10, 8, 10, 10, 10, 12, 30, 50],
    header: false,
    rowCount: summaryRows.length,
    rows: () => summaryRows,
  };

  // 学校
  const schoolRow = new Map<string, number>();
  const schoolRows: ReportCell[][] = [[U('school'), U('year'), U('audited'), U('incompleteCol'), U('exemptCol'), U('share'), U('flagged')].map((h) => cell(h))];
  for (const x of result.schools) {
    schoolRow.set(`${x.name}\u0000${x.year}`, schoolRows.length + 1);
    const f = x.flagged ? { fill: FILL.flagged } : {};
    schoolRows.push([cell(x.name, f), cell(x.year, f), cell(x.teachers, f), cell(x.incomplete, f), cell(x.exempt, f), cell(x.share, { ...f, numFmt: '0.0%' }), cell(x.flagged ? U('yes') : U('no'), f)]);
  }
  const schools: ReportSheet = {
    name: names.schools,
    widths: [30, 8, 10, 10, 10, 12, 8],
    header: true,
    rowCount: schoolRows.length,
    rows: () => schoolRows,
    ...(result.schools.length ? { dataBar: { column: 6 } } : {}),
  };

  // 教师: one row per teacher, in result order; row numbers are known without building the rows.
  const teacherRow = new Map<string, number>();
  result.teachers.forEach((tr, i) => teacherRow.set(rowKey(tr.teacher.ref), i + 2));
  const findingsByRow = new Map<string, Finding[]>();
  for (const f of result.findings) {
    if (!f.ref || (!f.teacherName && !f.teacherId)) continue;
    const k = rowKey(f.ref);
    if (!teacherRow.has(k)) continue;
    const list = findingsByRow.get(k);
    if (list) list.push(f);
    else findingsByRow.set(k, [f]);
  }
  const modeCols = MODES.filter((m) => result.teachers.some((x) => x.teacher.cells[`${m}.hours`] || x.teacher.cells[`${m}.credits`]));
  const keys: string[] = ['seq', 'school', 'year', 'name', 'id', 'gender', 'subject', 'title'];
  const heads: string[] = [R('seq'), U('school'), U('year'), R('name'), R('id'), R('gender'), R('subject'), R('title')];
  for (const m of modeCols) {
    keys.push(`${m}.hours`, `${m}.credits`);
    heads.push(term(L, `${m}.hours`), term(L, `${m}.credits`));
  }
  keys.push('total.hours', 'total.credits', 'counted.hours', 'counted.credits', 'status', 'shortfall', 'remarks', 'source');
  heads.push(R('declaredHours'), R('declaredCredits'), R('countedHours'), R('countedCredits'), R('status'), R('shortfall'), R('remarks'), R('source'));
  const statusCol = keys.indexOf('status');
  const teachers: ReportSheet = {
    name: names.teachers,
    widths: keys.map((k) => (k === 'school' ? 26 : k === 'id' ? 21 : k === 'shortfall' ? 40 : k === 'source' ? 30 : k === 'name' ? 10 : 9)),
    header: true,
    rowCount: result.teachers.length + 1,
    *rows() {
      yield heads.map((h) => cell(h));
      let seq = 0;
      for (const tr of result.teachers) {
        const x = tr.teacher;
        const sumOf = (measure: 'hours' | 'credits') => Math.round(MODES.reduce((n, m) => n + x.counted[m][measure], 0) * 100) / 100;
        const values: Record<string, string | number | null> = {
          seq: ++seq,
          school: x.school,
          year: x.year,
          name: x.name,
          id: id(x.id),
          gender: x.gender,
          subject: x.subject,
          title: x.title,
          'total.hours': x.declared.hours,
          'total.credits': x.declared.credits,
          'counted.hours': sumOf('hours'),
          'counted.credits': sumOf('credits'),
          status: term(L, tr.status),
          shortfall: tr.shortfalls.map((sf) => `${term(L, sf.scope)}${term(L, sf.measure)} ${sf.missing}`).join('；'),
          remarks: x.remarks,
          source: `${path.basename(x.ref.file)}!${x.ref.sheet ? `${x.ref.sheet}!` : ''}${x.ref.cell}`,
        };
        for (const m of modeCols) {
          values[`${m}.hours`] = x.raw[m].hours;
          values[`${m}.credits`] = x.raw[m].credits;
        }
        const row = keys.map((k) => cell(values[k] ?? null));
        const byCol = new Map<number, Finding[]>();
        for (const f of findingsByRow.get(rowKey(x.ref)) ?? []) {
          const c = keys.indexOf(teacherColumnKey(f, tr));
          const at = c >= 0 ? c : statusCol;
          byCol.set(at, [...(byCol.get(at) ?? []), f]);
        }
        for (const [c, list] of byCol) {
          row[c]!.fill = FILL[worst(list)];
          row[c]!.note = noteText(L, list);
        }
        if (tr.status === 'incomplete') row[statusCol]!.fill = FILL.error;
        if (tr.status === 'exempt') row[statusCol]!.fill = FILL.exempt;
        yield row;
      }
    },
  };

  // 问题清单
  const findings: ReportSheet = {
    name: names.findings,
    widths: [6, 8, 24, 26, 8, 10, 21, 70, 26, 30, 12, 8, 12],
    header: true,
    rowCount: result.findings.length + 1,
    *rows() {
      yield [R('seq'), U('severity'), U('check'), U('school'), U('year'), R('name'), R('id'), U('message'), U('clause'), R('file'), R('sheet'), U('cell'), R('link')].map((h) => cell(h));
      let seq = 0;
      for (const f of result.findings) {
        const teacherTarget = f.teacherName || f.teacherId ? f.ref && teacherRow.get(rowKey(f.ref)) : undefined;
        const schoolTarget = !f.teacherName && !f.teacherId ? schoolRow.get(`${f.school}\u0000${f.year}`) : undefined;
        const target = teacherTarget ? { sheet: names.teachers, row: teacherTarget } : schoolTarget ? { sheet: names.schools, row: schoolTarget } : null;
        yield [
          cell(++seq),
          cell(term(L, f.severity), { fill: FILL[f.severity] }),
          cell(f.check),
          cell(f.school),
          cell(f.year),
          cell(f.teacherName),
          cell(id(f.teacherId)),
          cell(message(L, f.messageId, f.data)),
          cell(f.clause),
          cell(f.ref?.file ?? ''),
          cell(f.ref?.sheet ?? ''),
          cell(f.ref?.cell ?? ''),
          target ? cell(`${target.sheet}!A${target.row}`, { link: `'${target.sheet}'!A${target.row}` }) : cell(null),
        ];
      }
    },
  };
  return [summary, schools, teachers, findings];
}
