import path from 'node:path';
import type { InputSummary, TeacherYear } from '../model/types.js';
import { openInput } from '../read/open.js';
import { peek } from '../read/peek.js';
import { InputError } from '../read/types.js';
import { detectShape, HEADER_SEARCH_ROWS, labelsFound, SHAPES } from '../shapes/index.js';

export interface LoadOptions {
  yearOption: number | null;
  yearStart?: { month: number; day: number };
  shape?: string | undefined;
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
  try {
    return await loadOrThrow(file, opts);
  } catch (e) {
    const summary = emptySummary(file);
    if (e instanceof InputError) summary.error = { messageId: e.messageId, data: e.data };
    else summary.error = { messageId: 'input.unexpected', data: { file, detail: String(e instanceof Error ? e.message : e).split('\n')[0]!.slice(0, 300) } };
    return { summary, teachers: [] };
  }
}

async function loadOrThrow(file: string, opts: LoadOptions): Promise<LoadedInput> {
  const { source, sha256 } = await openInput(file);
  const summary: InputSummary = { ...emptySummary(file), sha256, format: source.format, ...(source.encoding ? { encoding: source.encoding } : {}) };
  const teachers: TeacherYear[] = [];
  const unmatched: Array<{ sheet: string; labels: string[] }> = [];
  for (const sheet of source.sheets) {
    if (sheet.hidden) continue;
    const { head, all } = await peek(sheet.rows(), HEADER_SEARCH_ROWS);
    const found = detectShape(head, opts.shape);
    if (!found) {
      if (head.length) unmatched.push({ sheet: sheet.name, labels: labelsFound(head) });
      continue;
    }
    const parsed = await found.shape.parse(found.detection, all, { file, sheet, yearOption: opts.yearOption, yearStart: opts.yearStart ?? { month: 1, day: 1 } });
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
    teachers.push(...parsed.teachers);
  }
  if (summary.sheets.length === 0) {
    const first = unmatched[0];
    if (!first) throw new InputError('input.noRows', { file });
    throw new InputError('input.unknownShape', {
      file,
      sheet: first.sheet,
      found: first.labels.join(' | ') || '(none)',
      needs: SHAPES.map((s) => `${s.id}: ${s.requiredLabels.join(', ')}`).join('; '),
    });
  }
  return { summary, teachers };
}
