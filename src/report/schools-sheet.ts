import type { SchoolResult } from '../model/types.js';
import type { ReportContext } from './report-context.js';
import { fitColumn, widthOf } from './teacher-columns.js';
import { cell, FILL, type ReportCell, type ReportSheet } from './sheets.js';

/** 学校: one row per school for the cycle (first), then per school and year, and where each school's row is. */
export interface SchoolsSheet {
  sheet: ReportSheet;
  /** The row (the header is row 1) of a school in a period: a year, or the cycle's `start-end`. */
  rowOf(school: string, period: string | number | null): number | undefined;
}

/** The cycle's period as 学校 and 问题清单 name it. */
export function cyclePeriodOf(ctx: ReportContext): string {
  const cy = ctx.result.cycle;
  return cy ? `${cy.window.start}-${cy.window.end}` : '';
}

export function schoolsSheet(ctx: ReportContext): SchoolsSheet {
  const { result, U } = ctx;
  const cy = result.cycle;
  const schoolRow = new Map<string, number>();
  const schoolHead = [U('school'), U('year'), U('audited'), U('incompleteCol'), U('exemptCol'), U('share'), U('flagged')];
  if (cy) schoolHead.push(U('behindCol'), U('overallRate'), U('concentratedRate'), U('selfSelectedRate'));
  const schoolRows: ReportCell[][] = [[]];
  const schoolLine = (x: SchoolResult, period: string | number | null) => {
    const f = x.flagged ? { fill: FILL.flagged } : {};
    const pctCell = (v: number | null | undefined) => cell(v ?? null, { ...f, numFmt: '0.0%' });
    const row = [cell(x.name, f), cell(period, f), cell(x.teachers, f), cell(x.incomplete, f), cell(x.exempt, f), cell(x.share, { ...f, numFmt: '0.0%' }), cell(x.flagged ? U('yes') : U('no'), f)];
    if (cy) row.push(cell(x.behind ?? null, f), pctCell(x.indicators?.overall), pctCell(x.indicators?.concentrated), pctCell(x.indicators?.selfSelected));
    return row;
  };
  // A cycle audit leads with the cycle, as the console does; its years follow, the latest first (issue 20).
  const cyclePeriod = cyclePeriodOf(ctx);
  const cycleLabel = cy ? ctx.R('cyclePeriod', { cycle: cyclePeriod }) : '';
  for (const x of cy?.schools ?? []) {
    schoolRow.set(`${x.name}\u0000${cyclePeriod}`, schoolRows.length + 1);
    schoolRows.push(schoolLine(x, cycleLabel));
  }
  for (const x of result.schools) {
    schoolRow.set(`${x.name}\u0000${x.year}`, schoolRows.length + 1);
    schoolRows.push(schoolLine(x, ctx.yearOf(x.year)));
  }
  // Each column as wide as its values and its header's longest word, the header broken at words
  // (集中培训完成率 was broken mid-word at 14), as 教师's are.
  const base = [16, 14, 8, 8, 8, 10, 6, 8, 10, 10, 10];
  const fitted = schoolHead.map((h, c) => {
    let content = 0;
    for (let r = 1; r < schoolRows.length; r++) {
      const x = schoolRows[r]![c];
      // A share is shown as `33.3%`, not as the fraction it holds.
      if (x) content = Math.max(content, x.numFmt && typeof x.v === 'number' ? 6 : widthOf(x.v));
    }
    return fitColumn(h, content, base[c]!, c === 0 ? 40 : 16);
  });
  schoolRows[0] = fitted.map((f) => cell(f.head));
  const sheet: ReportSheet = {
    name: ctx.names.schools,
    widths: fitted.map((f) => f.width),
    header: true,
    rowCount: schoolRows.length,
    rows: () => schoolRows,
    ...(result.schools.length || cy?.schools.length ? { dataBar: { column: 6 } } : {}),
  };

  return { sheet, rowOf: (school, period) => schoolRow.get(`${school}\u0000${period}`) };
}
