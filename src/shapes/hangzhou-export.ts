import { cellColumns } from '../model/cell-layout.js';
import { TextPool } from '../model/intern.js';
import path from 'node:path';
import { readNumber } from '../read/numbers.js';
import type { Amount, BadValue, MergedValue, Mode, SkipReason, TeacherYear, TrainingRecord } from '../model/types.js';
import { cellText } from '../read/cell.js';
import { a1, InputError, type RawRow } from '../read/types.js';
import { looseLabel, normaliseLabel } from './header.js';
import { normaliseId } from './puer-form.js';
import { MergeFill } from './merges.js';
import { modeOf, selfSelectedOf, statusRecognised, yearOfDate } from './record-fields.js';
import type { Detection, ParsedSheet, Shape, ShapeContext } from './types.js';

/**
 * A Zhejiang training-platform export (浙江省中小学教师培训管理平台, seed 004 §七.2): one row per
 * credit record. Columns are recognised by name, with the synonyms platforms and districts use;
 * extra columns are ignored.
 */

type Column =
  | 'name'
  | 'id'
  | 'school'
  | 'year'
  | 'date'
  | 'project'
  | 'mode'
  | 'credits'
  | 'projectId'
  | 'level'
  | 'hours'
  | 'selfSelected'
  | 'status'
  | 'remarks';

const LABELS: Record<Column, RegExp> = {
  name: /^(教师)?姓名$/,
  id: /^(身份证号码?|身份证件号码?|证件号码?|证件号)$/,
  school: /^(学校|学校名称|单位|单位名称|工作单位|所在学校|所在单位|任职学校)$/,
  year: /^(年度|培训年度|学年度|学年|认定年度)$/,
  date: /^(培训时间|培训日期|开始时间|开始日期|培训开始时间|培训开始日期)$/,
  project: /^(培训)?项目名称$/,
  mode: /^(培训类别|项目类别|培训类型|培训形式|项目类型)$/,
  credits: /^(学分|培训学分|获得学分|认定学分|学分数)$/,
  projectId: /^(项目编号|培训项目编号)$/,
  level: /^(培训层次|项目层次|培训级别|项目级别)$/,
  hours: /^(学时|培训学时|学时数)$/,
  selfSelected: /^(选课方式|是否自主选课|自主选课)$/,
  status: /^(审核状态|状态|认定状态|学分状态)$/,
  remarks: /^备注$/,
};

interface ExportDetection extends Detection {
  columns: Partial<Record<Column, number>>;
}

const REQUIRED: Column[] = ['name', 'id', 'school', 'mode', 'credits'];

function detect(head: RawRow[]): ExportDetection | null {
  let best: ExportDetection | null = null;
  for (const r of head) {
    const columns: Partial<Record<Column, number>> = {};
    r.cells.forEach((v, col) => {
      const label = looseLabel(v);
      if (!label) return;
      for (const c of Object.keys(LABELS) as Column[]) {
        if (columns[c] === undefined && LABELS[c].test(label)) {
          columns[c] = col;
          break;
        }
      }
    });
    // Needed: 姓名, 身份证号, 学校, 培训类别, 学分, and a year or a date (6 in all).
    const found = REQUIRED.filter((c) => columns[c] !== undefined).length + (columns.year !== undefined || columns.date !== undefined ? 1 : 0);
    if (columns.credits === undefined || columns.mode === undefined) continue;
    const score = found / 6;
    if (!best || score > best.score) {
      best = { shape: 'hangzhou-export', score, headerRow: r.row, labels: r.cells.map((v) => normaliseLabel(v)).filter(Boolean), columns };
    }
  }
  return best;
}

// The shared readings live in ./record-fields.ts (the generic records shape reads them too).
export { yearOfDate } from './record-fields.js';

async function parse(det: Detection, rows: AsyncIterable<RawRow>, ctx: ShapeContext): Promise<ParsedSheet> {
  const { columns } = det as ExportDetection;
  const fileBase = path.basename(ctx.file, path.extname(ctx.file));
  const sheet = ctx.sheet.name;
  const skipped: Record<SkipReason, number[]> = { blank: [], total: [], footer: [], 'not-understood': [], 'not-recognised': [] };
  const notRecognised: Record<string, number[]> = {};
  // A person's teacher-years, keyed by the 身份证号 (or, without one, the name) string the row
  // already holds: a key made for each of a million records cost ~0.3 s (issue 5).
  const byPerson = new Map<string, TeacherYear[]>();
  const teachers: TeacherYear[] = [];
  // Each teacher-year's remarks, in record order.
  const remarks = new Map<TeacherYear, string[]>();
  // A teacher's row is their first record's: only 姓名 is a field of that row.
  const nameColumn = cellColumns(columns.name !== undefined ? { name: columns.name } : {});
  const text = (r: RawRow, c: Column) => (columns[c] === undefined ? '' : cellText(r.cells[columns[c]!]).trim());
  // Texts a million records repeat (project, level, status, school), each held once: a CSV gives
  // every cell a string of its own (TextPool).
  const pools = { projectId: new TextPool(), project: new TextPool(), level: new TextPool(), status: new TextPool(), school: new TextPool() };
  if (columns.year === undefined && columns.date === undefined && ctx.yearOption === null) {
    throw new InputError('input.noYearColumn', { file: ctx.file, sheet });
  }
  let rowsRead = 0;
  let records = 0;
  let expected = det.headerRow + 1;
  const years = new Set<number>();

  const merges = MergeFill.for(ctx.merges, det.headerRow + 1);
  for await (const r of rows) {
    if (r.row <= det.headerRow) continue;
    for (; expected < r.row; expected++) {
      skipped.blank.push(expected);
      rowsRead++;
    }
    expected = r.row + 1;
    rowsRead++;
    const mergedCells = merges ? merges.apply(r) : null;
    if (r.cells.every((v) => cellText(v).trim() === '')) {
      skipped.blank.push(r.row);
      continue;
    }
    const name = text(r, 'name').replace(/\s+/g, '');
    const idRaw = text(r, 'id');
    if (/^(合计|总计|小计)/.test(normaliseLabel(r.cells.find((v) => cellText(v).trim() !== '') ?? null)) && !idRaw) {
      skipped.total.push(r.row);
      continue;
    }
    const status = pools.status.of(text(r, 'status'));
    const recognised = columns.status === undefined || statusRecognised(status);
    if (!recognised) {
      skipped['not-recognised'].push(r.row);
      (notRecognised[status || '(空)'] ??= []).push(r.row);
      continue;
    }
    const mode = modeOf(text(r, 'mode'));
    const yearText = text(r, 'year') || text(r, 'date');
    const year = columns.year !== undefined && text(r, 'year') ? yearOfDate(text(r, 'year'), { month: 1, day: 1 }) : yearText ? yearOfDate(yearText, ctx.yearStart) : ctx.yearOption;
    if ((!name && !idRaw) || mode === null || year === null) {
      skipped['not-understood'].push(r.row);
      continue;
    }
    records++;
    years.add(year);
    const ref = { file: ctx.file, sheet, row: r.row, cell: a1(r.row, columns.name ?? 0) };
    const badValues: BadValue[] = [];
    const numberAt = (c: 'credits' | 'hours'): number => {
      if (columns[c] === undefined) return 0;
      const n = readNumber(r.cells[columns[c]!]);
      if (n.kind === 'bad') {
        badValues.push({ field: `${mode}.${c}`, text: n.text, ref: { ...ref, cell: a1(r.row, columns[c]!) } });
        return 0;
      }
      return n.kind === 'number' ? n.value : 0;
    };
    const record: TrainingRecord = {
      mode,
      credits: numberAt('credits'),
      hours: numberAt('hours'),
      project: pools.project.of(text(r, 'project')),
      level: pools.level.of(text(r, 'level')),
      selfSelected: columns.selfSelected === undefined ? null : selfSelectedOf(text(r, 'selfSelected')),
      status,
      projectId: pools.projectId.of(text(r, 'projectId')),
      ref: { ...ref, cell: a1(r.row, columns.credits!) },
      counted: true,
    };
    const id = normaliseId(idRaw);
    const person = byPerson.get(id || name);
    let t = person?.find((x) => x.year === year);
    const school = pools.school.of(text(r, 'school') || fileBase);
    if (!t) {
      const zero = (): Record<Mode, Amount> => ({ concentrated: { hours: 0, credits: 0 }, online: { hours: 0, credits: 0 }, school: { hours: 0, credits: 0 }, other: { hours: 0, credits: 0 } });
      t = {
        id,
        name,
        gender: '',
        school,
        year,
        subject: '',
        title: '',
        remarks: '',
        raw: zero(),
        counted: zero(),
        declared: { hours: null, credits: null },
        badValues: [],
        exempt: null,
        records: [],
        ref,
        cells: nameColumn,
      };
      if (person) person.push(t);
      else byPerson.set(id || name, [t]);
      teachers.push(t);
    }
    // A teacher's school for the year is the one on their latest record.
    t.school = school;
    const remark = text(r, 'remarks');
    if (remark) {
      const list = remarks.get(t);
      if (list) list.push(remark);
      else remarks.set(t, [remark]);
    }
    t.raw[mode].credits += record.credits;
    t.raw[mode].hours += record.hours;
    t.badValues.push(...badValues);
    if (mergedCells) {
      // A merged 学分 or 学时 is used for each record it covers, and said so (see ./merges.ts).
      for (const { col, range } of mergedCells) {
        const c = col === columns.credits ? 'credits' : col === columns.hours ? 'hours' : null;
        if (c && readNumber(r.cells[col]).kind === 'number') {
          const m: MergedValue = { field: `${mode}.${c}`, range, ref: { ...ref, cell: a1(r.row, col) } };
          (t.merged ??= []).push(m);
        }
      }
    }
    t.records!.push(record);
  }
  // Joined once at the end: joined at each record, a teacher's remarks were copied again with each
  // one (50 000 records of one teacher, each with a remark, took 21 s to read; issue 5).
  for (const [t, list] of remarks) t.remarks = list.join('；');
  const onlyYear = years.size === 1 ? [...years][0]! : null;
  return {
    teachers,
    account: { sheet, shape: 'hangzhou-export', rowsRead, records, teachers: teachers.length, skipped, notRecognised, headerRow: det.headerRow },
    year: onlyYear ?? (years.size ? Math.max(...years) : ctx.yearOption),
    yearSource: years.size ? 'column' : ctx.yearOption !== null ? 'option' : null,
    years: [...years].sort(),
    school: columns.school !== undefined ? '' : fileBase,
    schoolSource: columns.school !== undefined ? 'column' : 'file-name',
    firstDataRow: det.headerRow + 1,
  };
}

const REQUIRED_LABELS = ['姓名', '身份证号', '学校(单位)', '年度 或 培训时间', '培训类别', '学分'];
/** The columns each of REQUIRED_LABELS stands for (any one of them will do). */
const REQUIRED_COLUMNS: Column[][] = [['name'], ['id'], ['school'], ['year', 'date'], ['mode'], ['credits']];

/** The required labels no cell of the first rows carries, for the message when no shape matches. */
function missingLabels(head: RawRow[]): string[] {
  const labels = head.flatMap((r) => r.cells.map((v) => looseLabel(v)).filter(Boolean));
  return REQUIRED_LABELS.filter((_, i) => !REQUIRED_COLUMNS[i]!.some((c) => labels.some((l) => LABELS[c].test(l))));
}

export const hangzhouExport: Shape = {
  id: 'hangzhou-export',
  requiredLabels: REQUIRED_LABELS,
  detect,
  parse,
  missingLabels,
};
