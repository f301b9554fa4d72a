import { statSync } from 'node:fs';
import { idGroups, repeatedGroups, sharingAnId } from '../checks/support/rows.js';
import { MODES, type InputSetAside, type InputSummary, type TeacherResult, type TeacherYear } from '../model/types.js';
import type { AuditedTeachers } from '../load/teacher-audit.js';

/**
 * Duplicates are counted once (issue 18). A row pasted five times, a file sent twice, a school's
 * resent copy left beside the original: each made totals, shares and cycles count a teacher-year
 * more than once (a year of 72 学时 five times made a cycle of 360). What counts is decided here,
 * as data — a set-aside marker on the row, a set-aside entry on the input — before any tally; the
 * checks report the duplicates (duplicate-in-school, duplicate-across-schools, duplicate-input,
 * resent-input) and the engine never looks for their findings.
 */

/** An input as audit() holds it: its summary and its teachers audited by the teacher checks. */
export interface InputRead {
  summary: InputSummary;
  audited: AuditedTeachers;
}

/**
 * Inputs counted once. Two inputs of the same bytes (SHA-256) are one: the first in input order
 * counts, the other is set aside whole (`same-content`). Then a school's year held by two inputs
 * of different content, whose rows of it share a 身份证号, is a resent copy: the later-modified
 * input (file mtime; on a tie the later in input order) counts and the other's rows of that school
 * and year are set aside (`resent`). Rows of two inputs that share no teacher are not a copy (two
 * parts of a return, or two schools of one name) and both count, as before.
 * A set-aside part's teachers and their findings leave the input (`audited`); its summary says
 * what was set aside, how many teacher rows, and which input counts instead.
 */
export function setAsideInputs(inputs: InputRead[], mtimeOf: (file: string) => number = fileMtime): void {
  if (inputs.length < 2) return;
  const bySha = new Map<string, InputRead>();
  const live: InputRead[] = [];
  for (const input of inputs) {
    const s = input.summary;
    if (s.error || !s.sha256) continue;
    const first = bySha.get(s.sha256);
    if (!first) {
      bySha.set(s.sha256, input);
      live.push(input);
      continue;
    }
    setAsideEntry(s, { reason: 'same-content', kept: first.summary, school: null, year: null, teachers: input.audited.results.length });
    input.audited = { results: [], findings: [] };
  }
  if (live.length < 2) return;
  // Each input's school-years, in input order. A return's rows of one school and year come one
  // after another: one key per run of them, not per row (a province's million rows; issue 5).
  const holders = new Map<string, Array<{ input: InputRead; order: number; rows: TeacherYear[] }>>();
  live.forEach((input, order) => {
    let last: { rows: TeacherYear[] } | undefined;
    let lastSchool = '';
    let lastYear = NaN;
    const mine = new Map<string, { input: InputRead; order: number; rows: TeacherYear[] }>();
    for (const { teacher: t } of input.audited.results) {
      if (!last || t.school !== lastSchool || t.year !== lastYear) {
        const key = `${t.school}\u0000${t.year}`;
        let part = mine.get(key);
        if (!part) {
          part = { input, order, rows: [] };
          mine.set(key, part);
          const list = holders.get(key);
          if (list) list.push(part);
          else holders.set(key, [part]);
        }
        last = part;
        lastSchool = t.school;
        lastYear = t.year;
      }
      last.rows.push(t);
    }
  });
  const mtimes = new Map<string, number>();
  const mtime = (file: string) => {
    let m = mtimes.get(file);
    if (m === undefined) mtimes.set(file, (m = mtimeOf(file)));
    return m;
  };
  const dropped = new Map<InputRead, Set<string>>();
  for (const [key, parts] of holders) {
    if (parts.length < 2) continue;
    let keep = parts[0]!;
    for (const p of parts) if (mtime(p.input.summary.file) >= mtime(keep.input.summary.file)) keep = p;
    const keptIds = new Set<string>();
    for (const t of keep.rows) if (t.id) keptIds.add(t.id);
    for (const p of parts) {
      if (p === keep || !p.rows.some((t) => t.id && keptIds.has(t.id))) continue;
      const { school, year } = p.rows[0]!;
      setAsideEntry(p.input.summary, { reason: 'resent', kept: keep.input.summary, school, year, teachers: p.rows.length });
      let keys = dropped.get(p.input);
      if (!keys) dropped.set(p.input, (keys = new Set()));
      keys.add(key);
    }
  }
  for (const [input, keys] of dropped) {
    const off = (school: string, year: number | null) => keys.has(`${school}\u0000${year}`);
    input.audited = {
      results: input.audited.results.filter((r) => !off(r.teacher.school, r.teacher.year)),
      // The input's findings are its teachers' (teacher checks): each names the teacher's school and year.
      findings: input.audited.findings.filter((f) => !off(f.school, f.year)),
    };
  }
}

function setAsideEntry(s: InputSummary, entry: InputSetAside): void {
  (s.setAside ??= []).push(entry);
}

function fileMtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Each teacher-year counted once, whatever the rows of it the inputs hold. Rows of one 身份证号 and
 * year — repeated in a school's return, or in two schools' returns — count once: the row with the
 * most hours (then credits; then the first in input order), never the sum. Every other row is
 * marked set aside (TeacherYear.setAside, naming the row that counts) and its result gets the
 * status `set-aside`; the rows stay listed and the duplicate checks report them until the return
 * is corrected. Rows without a 身份证号 are told apart by school and name, and only a row identical
 * to another is set aside: two rows of one name that differ may be two teachers.
 *
 * Returns the results that count (the list itself when nothing is set aside) and the rows that
 * share a 身份证号, for the batch checks (found once; issue 5).
 */
export function countOnce(results: TeacherResult[], sharing: TeacherYear[] = sharingAnId(results.map((r) => r.teacher))): { counted: TeacherResult[]; sharing: TeacherYear[] } {
  const years = results.map((r) => r.teacher);
  let any = false;
  // The rows of an ID, grouped once for this and the batch checks (idGroups keeps them for the
  // list). In a cycle every ID repeats, a row a year: a year seen twice is looked for in place, and
  // only then are the ID's rows split by year — not 500 000 lists of parts made for nothing (issue 5).
  for (const group of idGroups(sharing)) {
    if (!yearRepeats(group)) continue;
    for (const rows of repeatedGroups(group, (a, b) => a.year === b.year)) {
      let keep = rows[0]!;
      for (let i = 1; i < rows.length; i++) if (outweighs(rows[i]!, keep)) keep = rows[i]!;
      for (const t of rows) if (t !== keep) t.setAside = { reason: t.school === keep.school ? 'same-school' : 'other-school', kept: keep, identical: sameFigures(t, keep) };
      any = true;
    }
  }
  // Rows without a 身份证号 (few: each is an error of teacher-identity-missing), keyed by school,
  // name, year and every figure: a row whose key was seen is a copy. A key, not a comparison with
  // each row seen, so a name copied down 20 000 rows of differing hours is not 2 × 10⁸ comparisons.
  let unnamed: Map<string, TeacherYear> | undefined;
  for (const t of years) {
    if (t.id || !t.name) continue;
    const key = rowKey(t);
    const same = (unnamed ??= new Map<string, TeacherYear>()).get(key);
    if (!same) unnamed.set(key, t);
    else {
      t.setAside = { reason: 'same-school', kept: same, identical: true };
      any = true;
    }
  }
  if (!any) return { counted: results, sharing };
  const counted: TeacherResult[] = [];
  for (const r of results) {
    if (r.teacher.setAside) r.status = 'set-aside';
    else counted.push(r);
  }
  return { counted, sharing };
}

/**
 * Whether two rows of one ID share a year. Quadratic only in the years before the first repeat:
 * an ID copied down 20 000 rows repeats at its second row.
 */
function yearRepeats(rows: readonly TeacherYear[]): boolean {
  for (let i = 1; i < rows.length; i++) for (let j = 0; j < i; j++) if (rows[i]!.year === rows[j]!.year) return true;
  return false;
}

/** Whether `a` has more hours than `b` (then more credits): the row that counts. */
function outweighs(a: TeacherYear, b: TeacherYear): boolean {
  let ah = 0;
  let bh = 0;
  let ac = 0;
  let bc = 0;
  for (const m of MODES) {
    ah += a.counted[m].hours;
    bh += b.counted[m].hours;
    ac += a.counted[m].credits;
    bc += b.counted[m].credits;
  }
  return ah > bh || (ah === bh && ac > bc);
}

/** What makes a row the same row again (sameFigures), as one text. */
function rowKey(t: TeacherYear): string {
  let key = `${t.school}\u0000${t.name}\u0000${t.year}\u0000${t.remarks}\u0000${t.declared.hours}\u0000${t.declared.credits}`;
  for (const m of MODES) key += `\u0000${t.raw[m].hours}\u0000${t.raw[m].credits}`;
  for (const b of t.badValues) key += `\u0000${b.field}\u0000${b.text}`;
  return key;
}

/** The same row again: name, every figure as written, the declared total, 备注 and unreadable cells. */
export function sameFigures(a: TeacherYear, b: TeacherYear): boolean {
  if (a.name !== b.name || a.remarks !== b.remarks || a.school !== b.school || a.year !== b.year) return false;
  for (const m of MODES) if (a.raw[m].hours !== b.raw[m].hours || a.raw[m].credits !== b.raw[m].credits) return false;
  if (a.declared.hours !== b.declared.hours || a.declared.credits !== b.declared.credits) return false;
  if (a.badValues.length !== b.badValues.length) return false;
  for (let i = 0; i < a.badValues.length; i++) if (a.badValues[i]!.field !== b.badValues[i]!.field || a.badValues[i]!.text !== b.badValues[i]!.text) return false;
  return true;
}
