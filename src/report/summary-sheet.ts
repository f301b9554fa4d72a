import stringWidth from 'string-width';
import { errorMessage, t, term } from '../i18n/index.js';
import type { ReportContext } from './report-context.js';
import type { Parts } from './sheet-parts.js';
import { compressRows } from './rows.js';
import { readAs } from './read-as.js';
import { skippedSheetText } from './skipped-sheets.js';
import { cell, FILL, type ReportCell, type ReportSheet } from './sheets.js';

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

/** What 汇总 says besides the result: how 教师 was listed and noted, and which sheets were split. */
export interface SummaryNotes {
  listAll: boolean;
  listed: number;
  limit: number;
  notes: boolean;
  teacherFindings: number;
  noteLimit: number;
  split: Parts[];
}

/** 汇总 (DESIGN.md, The Excel report). */
export function summarySheet(ctx: ReportContext, n: SummaryNotes): ReportSheet {
  const { result, L, R, U, yearOf } = ctx;
  const cy = result.cycle;
  const { listAll, notes, limit, noteLimit, teacherFindings, split } = n;
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
      : [[cell(R('teachersListed'), { fill: FILL.warning }), cell(R('teachersListedNote', { listed: n.listed, all: result.teachers.length, limit }), { fill: FILL.warning })]]),
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
  return {
    name: ctx.names.summary,
    widths: [fileColumnWidth([...result.inputs.map((i) => i.file), ...(result.skippedFiles ?? []).map((f) => f.file)]), 60, 8, 10, 8, 10, 24, 12, 10, 8, 10, 10, 10, 12, 30, 50],
    header: false,
    rowCount: summaryRows.length,
    rows: () => summaryRows,
  };
}
