import type { AuditResult } from '../model/types.js';
import { cycleTeachersSheet } from './cycle-teachers-sheet.js';
import { findingsSheet } from './findings-sheet.js';
import { reportContext, type ReportOptions } from './report-context.js';
import { RowIndex } from './row-index.js';
import { schoolsSheet } from './schools-sheet.js';
import { partsOf, splitSheet, type Parts } from './sheet-parts.js';
import { EXCEL_MAX_LINKS, EXCEL_MAX_ROWS, type ReportSheet } from './sheets.js';
import { summarySheet } from './summary-sheet.js';
import { teachersSheet } from './teachers-sheet.js';

export type { ReportOptions } from './report-context.js';
export { commandLine, fileColumnWidth, localTime } from './summary-sheet.js';

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

/**
 * 汇总, 学校, 教师, 问题清单 (DESIGN.md, The Excel report), as data. Each sheet is made by a module
 * of its own; this decides what they share — who is listed, whether cells get notes, how a long
 * sheet is split — and gives 问题清单 where each teacher's and school's row landed.
 */
export function reportSheets(result: AuditResult, opts: ReportOptions): ReportSheet[] {
  const ctx = reportContext(result, opts);
  const { names } = ctx;
  const cy = result.cycle;

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

  const schools = schoolsSheet(ctx);
  const teachers = teachersSheet(ctx, listed, notes);
  // Each 教师 sheet orders its rows (problems first) and says where each teacher landed.
  const cycleSheet = cy ? cycleTeachersSheet(ctx, notes) : null;
  const findings = findingsSheet(ctx, {
    teacher: teachers.indexOf,
    teacherParts,
    cycleTeacher: (id, name) => cycleSheet?.indexOf(id, name),
    cycleParts,
    school: (name, period) => schools.rowOf(name, period),
  });
  const summary = summarySheet(ctx, { listAll, listed: listed.length, limit, notes, teacherFindings, noteLimit, split, schoolRow: schools.rowOf });
  return [summary, schools.sheet, ...(cycleSheet ? splitSheet(cycleSheet.sheet, cycleParts!) : []), ...splitSheet(teachers.sheet, teacherParts), ...splitSheet(findings, findingParts)];
}
