import type { AuditedTeachers } from './teacher-audit.js';
import path from 'node:path';
import type { InputSummary, SkippedSheet, TeacherYear } from '../model/types.js';
import { cellText } from '../read/cell.js';
import { openInput, type XlsxReader } from '../read/open.js';
import { peek } from '../read/peek.js';
import { InputError, type RawRow, type WorkbookSource } from '../read/types.js';
import { detectShape, HEADER_SEARCH_ROWS, labelsFound, nearestShape, SHAPES } from '../shapes/index.js';
import { detectMapped, recordsShape, type MappedMiss } from '../shapes/records.js';
import type { Detection, Shape } from '../shapes/types.js';

export interface LoadOptions {
  yearOption: number | null;
  yearStart?: { month: number; day: number };
  shape?: string | undefined;
  /** `--columns`: canonical column name → the header as the inputs write it (shape records). */
  columns?: Readonly<Record<string, string>> | undefined;
  /** The xlsx reader; the streaming one unless a test asks for the exceljs reference. */
  reader?: XlsxReader | undefined;
}

export interface LoadedInput {
  summary: InputSummary;
  teachers: TeacherYear[];
}

function emptySummary(file: string): InputSummary {
  return { file, sha256: '', format: path.extname(file).toLowerCase() === '.csv' ? 'csv' : 'xlsx', year: null, yearSource: null, years: [], school: '', schoolSource: null, sheets: [] };
}

/**
 * Read one input into teacher-years. Never throws: a file that cannot be audited comes back
 * with `summary.error` set and no teachers, so the rest of a batch goes on (exit 2 at the end).
 */
export async function loadInput(file: string, opts: LoadOptions): Promise<LoadedInput> {
  const summary = emptySummary(file);
  try {
    return await loadOrThrow(file, opts, summary);
  } catch (e) {
    // What was learnt before the failure stays (the file's hash, the sheets skipped); nothing is audited.
    summary.sheets = [];
    if (e instanceof InputError) {
      summary.error = { messageId: e.messageId, data: e.data };
      if (e.sha256) summary.sha256 = e.sha256;
    } else summary.error = { messageId: 'input.unexpected', data: { file, detail: String(e instanceof Error ? e.message : e).split('\n')[0]!.slice(0, 300) } };
    return { summary, teachers: [] };
  }
}

/** Labels short enough for a one-line message (a header cell may hold 50 000 characters). */
function shortLabels(labels: string[]): string[] {
  return labels.slice(0, 20).map((l) => (l.length > 40 ? `${l.slice(0, 40)}…` : l));
}

async function loadOrThrow(file: string, opts: LoadOptions, summary: InputSummary): Promise<LoadedInput> {
  const { source, sha256 } = await openInput(file, { reader: opts.reader });
  try {
    return await parseSource(file, opts, summary, source, sha256);
  } finally {
    source.close?.();
  }
}

async function parseSource(file: string, opts: LoadOptions, summary: InputSummary, source: WorkbookSource, sha256: string): Promise<LoadedInput> {
  Object.assign(summary, { sha256, format: source.format, ...(source.encoding ? { encoding: source.encoding } : {}), ...(source.delimiter ? { delimiter: source.delimiter } : {}) });
  const teachers: TeacherYear[] = [];
  const skippedSheets: SkippedSheet[] = [];
  const unmatched: Array<{ sheet: string; head: RawRow[]; labels: string[] }> = [];
  // Sheets a --columns map did not fit: named in the error when no sheet fits it.
  const misses: Array<MappedMiss & { sheet: string }> = [];
  const detect = (head: RawRow[], sheetName: string): { shape: Shape; detection: Detection } | null => {
    if (!opts.columns) return detectShape(head, opts.shape);
    const m = detectMapped(head, opts.columns);
    if (m && 'miss' in m) {
      misses.push({ ...m.miss, sheet: sheetName });
      return null;
    }
    return m ? { shape: recordsShape, detection: m.detection } : null;
  };
  for (const sheet of source.sheets) {
    let { head, all } = await peek(sheet.rows(), HEADER_SEARCH_ROWS);
    // A sheet read to its end in its first rows: a streaming reader knows its layout now, and
    // reads rows out of order sorted from here on.
    const before = sheet.layout?.() ?? null;
    if (before?.rowsOutOfOrder) ({ head, all } = await peek(sheet.rows(), HEADER_SEARCH_ROWS));
    const found = detect(head, sheet.name);
    if (sheet.hidden) {
      // A hidden sheet is never audited in silence nor skipped in silence: it is often last year's
      // form or a template, so it is listed, and one holding a form is named as such.
      skippedSheets.push({ sheet: sheet.name, reason: found ? 'hidden-form' : 'hidden' });
      continue;
    }
    if (!found) {
      const labels = shortLabels(labelsFound(head));
      if (head.every((r) => r.cells.every((c) => c === null || cellText(c).trim() === ''))) skippedSheets.push({ sheet: sheet.name, reason: 'empty' });
      else {
        skippedSheets.push({ sheet: sheet.name, reason: 'not-a-form', labels });
        unmatched.push({ sheet: sheet.name, head, labels });
      }
      continue;
    }
    const shapeCtx = { file, sheet, yearOption: opts.yearOption, yearStart: opts.yearStart ?? { month: 1, day: 1 } };
    let parsed = await found.shape.parse(found.detection, all, { ...shapeCtx, merges: before?.merges });
    const after = before ? null : (sheet.layout?.() ?? null);
    if (after && (after.rowsOutOfOrder || after.merges.some((m) => m.top >= parsed.firstDataRow && m.bottom > m.top))) {
      // What the sheet's end told (a streaming reader learns merged ranges only there, and rows out
      // of order only when they come): the sheet is read again, its rows sorted and its merged
      // data cells applied. Only such a sheet pays for a second read (issue 18).
      const again = await peek(sheet.rows(), HEADER_SEARCH_ROWS);
      const refound = (after.rowsOutOfOrder ? detect(again.head, sheet.name) : null) ?? found;
      parsed = await refound.shape.parse(refound.detection, again.all, { ...shapeCtx, merges: after.merges });
    }
    if (parsed.year === null) throw new InputError('input.noYear', { file, sheet: sheet.name });
    summary.sheets.push(parsed.account);
    summary.year ??= parsed.year;
    for (const y of parsed.years ?? [parsed.year]) if (!summary.years.includes(y)) summary.years.push(y);
    summary.years.sort();
    summary.yearSource ??= parsed.yearSource;
    if (!summary.school) {
      summary.school = parsed.school;
      summary.schoolSource = parsed.schoolSource;
    }
    // Not push(...): a million arguments overflow the stack.
    for (const t of parsed.teachers) teachers.push(t);
  }
  if (skippedSheets.length) summary.skippedSheets = skippedSheets;
  if (summary.sheets.length === 0) {
    const hiddenForm = skippedSheets.find((s) => s.reason === 'hidden-form');
    if (hiddenForm) throw new InputError('input.onlyHiddenForm', { file, sheet: hiddenForm.sheet });
    const miss = misses.find((m) => !skippedSheets.some((s) => s.sheet === m.sheet && s.reason !== 'not-a-form'));
    if (miss) throw new InputError('input.columnNotFound', { file, sheet: miss.sheet, column: miss.column, header: miss.header, headers: shortLabels(miss.headers).join(' | ') || '(none)' });
    if (unmatched.length === 0) throw new InputError('input.noRows', { file });
    // The sheet nearest a known shape is the one the person meant to be the form.
    const ranked = unmatched.map((u) => ({ ...u, ...nearestShape(u.head) })).sort((a, b) => a.missing.length - b.missing.length);
    const first = ranked[0]!;
    // A CSV's message says how it was read: a wrong delimiter or encoding shows as headers cut or joined.
    const csv = source.format === 'csv' ? { encoding: source.encoding ?? '', delimiter: `delimiter.${source.delimiter ?? 'comma'}` } : null;
    throw new InputError(csv ? 'input.unknownShapeCsv' : 'input.unknownShape', {
      ...csv,
      file,
      sheet: first.sheet,
      found: first.labels.join(' | ') || '(none)',
      nearest: first.shape.id,
      missing: first.missing.join(', ') || '-',
      others: SHAPES.filter((s) => s !== first.shape).map((s) => `${s.id}（${s.requiredLabels.join(', ')}）`).join('; ') || '-',
    });
  }
  return { summary, teachers };
}

/** An input read and its teachers audited by the teacher checks. */
export interface AuditedInput extends LoadedInput {
  audited: AuditedTeachers;
}
