import path from 'node:path';
import { cellColumns, type CellColumns } from '../model/cell-layout.js';
import type { Amount, MergedValue, Mode, SkipReason, TeacherYear } from '../model/types.js';
import { readNumber } from '../read/numbers.js';
import { cellText } from '../read/cell.js';
import { a1, type RawRow } from '../read/types.js';
import { normaliseLabel } from './header.js';
import { MergeFill, type MergedCell } from './merges.js';
import type { Detection, ParsedSheet, ShapeContext } from './types.js';

const zero = (): Record<Mode, Amount> => ({ concentrated: { hours: 0, credits: 0 }, online: { hours: 0, credits: 0 }, school: { hours: 0, credits: 0 }, other: { hours: 0, credits: 0 } });

/**
 * What the per-record shapes (a platform export, the generic records layout) share: every row
 * accounted for (blank rows, 合计 rows, records, not recognised, not understood), merged cells applied
 * (./merges.ts), records gathered into a teacher-year per person and year, and the sheet's result.
 */
export class RecordSheet {
  readonly skipped: Record<SkipReason, number[]> = { blank: [], total: [], footer: [], 'not-understood': [], 'not-recognised': [] };
  readonly notRecognised: Record<string, number[]> = {};
  readonly teachers: TeacherYear[] = [];
  readonly years = new Set<number>();
  rowsRead = 0;
  records = 0;
  readonly fileBase: string;
  private expected: number;
  private readonly merges: MergeFill | null;
  // A person's teacher-years, keyed by the 身份证号 (or, without one, the name) string the row
  // already holds: a key made for each of a million records cost ~0.3 s (issue 5).
  private readonly byPerson = new Map<string, TeacherYear[]>();
  // Each teacher-year's remarks, in record order, joined once at the end: joined at each record, a
  // teacher's remarks were copied again with each one (50 000 records of one teacher took 21 s; issue 5).
  private readonly remarks = new Map<TeacherYear, string[]>();
  // A teacher's row is their first record's: only 姓名 is a field of that row.
  private readonly nameCells: CellColumns;

  constructor(
    private readonly det: Detection,
    private readonly ctx: ShapeContext,
    private readonly nameColumn: number | undefined,
    private readonly withRoles: boolean,
  ) {
    this.fileBase = path.basename(ctx.file, path.extname(ctx.file));
    this.expected = det.headerRow + 1;
    this.merges = MergeFill.for(ctx.merges, det.headerRow + 1);
    this.nameCells = cellColumns(nameColumn !== undefined ? { name: nameColumn } : {});
  }

  /**
   * Account for a row below the header (and the blank rows before it) and apply the merged cells
   * to it: the row's merged cells (or null), or `skip` when the row is the header's, blank or a
   * 合计 row (`idOf` gives its 身份证号 text: a total row has none).
   */
  take(r: RawRow, idOf: () => string): MergedCell[] | null | 'skip' {
    if (r.row <= this.det.headerRow) return 'skip';
    for (; this.expected < r.row; this.expected++) {
      this.skipped.blank.push(this.expected);
      this.rowsRead++;
    }
    this.expected = r.row + 1;
    this.rowsRead++;
    const merged = this.merges ? this.merges.apply(r) : null;
    if (r.cells.every((v) => cellText(v).trim() === '')) {
      this.skipped.blank.push(r.row);
      return 'skip';
    }
    if (/^(合计|总计|小计)/.test(normaliseLabel(r.cells.find((v) => cellText(v).trim() !== '') ?? null)) && !idOf()) {
      this.skipped.total.push(r.row);
      return 'skip';
    }
    return merged;
  }

  /** A record whose 审核状态 does not mean recognised: listed under its status. */
  notRecognisedRow(row: number, status: string): void {
    this.skipped['not-recognised'].push(row);
    (this.notRecognised[status || '(空)'] ??= []).push(row);
  }

  notUnderstood(row: number): void {
    this.skipped['not-understood'].push(row);
  }

  /**
   * A record, once it names a teacher (姓名 or 身份证号), a mode and a year: counted, its year
   * noted, and its row's ref returned; otherwise listed as not understood and null returned.
   */
  accept(row: number, namesTeacher: boolean, mode: Mode | null, year: number | null): ReturnType<RecordSheet['refOf']> | null {
    if (!namesTeacher || mode === null || year === null) {
      this.notUnderstood(row);
      return null;
    }
    this.records++;
    this.years.add(year);
    return this.refOf(row);
  }

  /** The row where a record of the sheet is: its 姓名 cell. */
  refOf(row: number) {
    return { file: this.ctx.file, sheet: this.ctx.sheet.name, row, cell: a1(row, this.nameColumn ?? 0) };
  }

  /** The person's teacher-year, made at their first row; their school is the one on their latest row. */
  teacherOf(id: string, name: string, year: number, school: string, row: number): TeacherYear {
    const person = this.byPerson.get(id || name);
    let t = person?.find((x) => x.year === year);
    if (!t) {
      t = { id, name, gender: '', school, year, subject: '', title: '', remarks: '', raw: zero(), counted: zero(), declared: { hours: null, credits: null }, badValues: [], exempt: null, records: [], ref: this.refOf(row), cells: this.nameCells };
      if (this.withRoles) t.roles = [];
      if (person) person.push(t);
      else this.byPerson.set(id || name, [t]);
      this.teachers.push(t);
    }
    t.school = school;
    return t;
  }

  remark(t: TeacherYear, text: string): void {
    if (!text) return;
    const list = this.remarks.get(t);
    if (list) list.push(text);
    else this.remarks.set(t, [text]);
  }

  /** The sheet's teachers and account, once every row is read. */
  result(shape: string, hasSchoolColumn: boolean): ParsedSheet {
    for (const [t, list] of this.remarks) t.remarks = list.join('；');
    const { years, ctx, det } = this;
    const onlyYear = years.size === 1 ? [...years][0]! : null;
    return {
      teachers: this.teachers,
      account: { sheet: ctx.sheet.name, shape, rowsRead: this.rowsRead, records: this.records, teachers: this.teachers.length, skipped: this.skipped, notRecognised: this.notRecognised, headerRow: det.headerRow },
      year: onlyYear ?? (years.size ? Math.max(...years) : ctx.yearOption),
      yearSource: years.size ? 'column' : ctx.yearOption !== null ? 'option' : null,
      years: [...years].sort(),
      school: hasSchoolColumn ? '' : this.fileBase,
      schoolSource: hasSchoolColumn ? 'column' : 'file-name',
      firstDataRow: det.headerRow + 1,
    };
  }
}

/**
 * A merged 学时, 学分 or 天数 is used for each record it covers, and said so (merged-number; see
 * ./merges.ts): each such cell of the row, by the field it fills.
 */
export function noteMergedAmounts(t: TeacherYear, merged: MergedCell[], r: RawRow, mode: Mode, columns: Partial<Record<'hours' | 'credits' | 'days', number>>): void {
  for (const { col, range } of merged) {
    const c = col === columns.credits ? 'credits' : col === columns.hours || col === columns.days ? 'hours' : null;
    if (c && readNumber(r.cells[col]).kind === 'number') {
      const m: MergedValue = { field: `${mode}.${c}`, range, ref: { ...t.ref, row: r.row, cell: a1(r.row, col) } };
      (t.merged ??= []).push(m);
    }
  }
}
