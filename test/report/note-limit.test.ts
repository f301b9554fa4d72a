import path from 'node:path';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/model/types.js';
import { NOTE_LIMIT, reportSheets, type ReportOptions } from '../../src/report/report-content.js';
import { writeReport } from '../../src/report/write-report.js';
import { cyclePuer as cycle, yearlyPuer as yearly } from '../helpers/fixture-audits.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * Above NOTE_LIMIT findings about teachers, the 教师 sheets fill the cells without notes (a
 * spreadsheet program opening and closing hundreds of thousands of notes takes many minutes),
 * 汇总 says so, and `--all-notes` notes every cell. Tested with a small limit in place of 50 000.
 */

const aboutTeachers = (result: AuditResult) => result.findings.filter((f) => f.teacherName || f.teacherId).length;

/** Each sheet's cells that are noted and that are filled, and 汇总 as text. */
function layout(result: AuditResult, opts: Partial<ReportOptions>) {
  const sheets = reportSheets(result, { lang: 'zh', maskIds: false, ...opts });
  const count = (pick: (c: { note?: string; fill?: string }) => unknown) => Object.fromEntries(sheets.map((s) => [s.name, [...s.rows()].flat().filter(pick).length]));
  const summary = [...sheets[0]!.rows()].map((r) => r.map((c) => String(c.v ?? '')).join(' ')).join('\n');
  return { notes: count((c) => c.note), fills: count((c) => c.fill), summary };
}

describe('notes on the 教师 sheets above the limit', () => {
  it.each([
    ['a yearly audit', yearly, '教师'],
    ['a cycle audit', cycle, '教师年度'],
  ] as const)('in %s: notes at the limit; one finding above it, the same cells filled without notes, and 汇总 says so', async (_, run, sheet) => {
    const result = await run();
    const n = aboutTeachers(result);
    expect(n).toBeGreaterThan(10);
    const at = layout(result, { noteLimit: n });
    const above = layout(result, { noteLimit: n - 1 });
    expect(at.notes[sheet]).toBeGreaterThan(0);
    expect(at.summary).not.toContain('只填色、不加批注');
    for (const name of Object.keys(above.notes)) expect(above.notes[name], name).toBe(0);
    // The same cells filled; 汇总 has one row more, filled as a warning.
    expect({ ...above.fills, 汇总: 0 }).toEqual({ ...at.fills, 汇总: 0 });
    expect(above.fills['汇总']).toBe(at.fills['汇总']! + 2);
    expect(above.summary).toContain(`有关教师的问题 ${n} 条，超过 ${n - 1} 条`);
    expect(above.summary).toContain('用 --all-notes 全部加批注');
    // --all-notes: every note, whatever the limit.
    expect(layout(result, { noteLimit: n - 1, allNotes: true }).notes).toEqual(at.notes);
  });

  it('is 50 000 unless set, and the README gives the same number', () => {
    expect(NOTE_LIMIT).toBe(50_000);
    expect(readFileSync(path.resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8')).toContain('Above 50 000 findings about teachers');
  });

  it('in the written report: no note part for 教师, the fills kept, 汇总 saying so in English too', async () => {
    const result = await yearly();
    const out = path.join(scratchDir(), 'r.xlsx');
    await writeReport(result, out, { lang: 'en', maskIds: false, noteLimit: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    let noted = 0;
    let filled = 0;
    wb.getWorksheet('Teachers')!.eachRow((row, r) =>
      row.eachCell((c) => {
        if (c.note) noted++;
        if (r > 1 && (c.fill as ExcelJS.FillPattern | undefined)?.fgColor) filled++;
      }),
    );
    expect(noted).toBe(0);
    expect(filled).toBeGreaterThan(10);
    const summary = wb.getWorksheet('Summary')!.getSheetValues().flat().map(String).join(' ');
    expect(summary).toContain(`${aboutTeachers(result)} findings about teachers, more than 1`);
  });
});
