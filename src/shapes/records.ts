import { TextPool } from '../model/intern.js';
import type { BadValue, Mode, TrainingRecord } from '../model/types.js';
import { cellText } from '../read/cell.js';
import { readNumber } from '../read/numbers.js';
import { a1, InputError, type RawRow } from '../read/types.js';
import { looseLabel, normaliseLabel } from './header.js';
import { normaliseId } from './puer-form.js';
import { modeOf, statusRecognised, yearOfDate, yearOfLabel } from './record-fields.js';
import { noteMergedAmounts, RecordSheet } from './record-sheet.js';
import type { Detection, ParsedSheet, Shape, ShapeContext } from './types.js';

/**
 * The generic per-record layout (issue 19): one row per training record, columns recognised by
 * their Chinese names and synonyms or the English canonical names. The Hangzhou platform export
 * stays a shape of its own (it needs 培训类别 and 学分, and reads 项目编号 and 选课方式); both read
 * statuses, modes and dates through ./record-fields.ts, so its results do not change. On a sheet
 * both match equally, the Hangzhou export wins (SHAPES order); a column only this layout knows
 * (天数, 课程类别, 是否信息技术, 角色) makes it win, unless the sheet has a column only the export
 * reads (项目编号, 选课方式).
 */

export type RecordColumn =
  | 'id' | 'name' | 'school' | 'year' | 'date' | 'hours' | 'credits' | 'days' | 'project' | 'level'
  | 'category' | 'it' | 'mode' | 'title' | 'roles' | 'status' | 'remarks' | 'joined' | 'titled';

/**
 * The canonical (English) names, in the order the issue lists them; then 入职年度 and 职称评定年度
 * (上海虹口 二(二)2 "逐年递减": when a teacher joined, when the 职称 came).
 */
export const RECORD_COLUMNS: readonly RecordColumn[] = ['id', 'name', 'school', 'year', 'date', 'hours', 'credits', 'days', 'project', 'level', 'category', 'it', 'mode', 'title', 'roles', 'status', 'remarks', 'joined', 'titled'];

const LABELS: Record<RecordColumn, RegExp> = {
  id: /^(身份证号码?|身份证件号码?|证件号码?|id)$/i,
  name: /^((教师)?姓名|name)$/i,
  school: /^(学校|学校名称|单位|单位名称|工作单位|所在学校|school)$/i,
  year: /^(年度|培训年度|year)$/i,
  date: /^(日期|培训日期|培训时间|培训开始时间|开始日期|date)$/i,
  hours: /^(学时|培训学时|认定学时|hours)$/i,
  credits: /^(学分|培训学分|获得学分|认定学分|credits)$/i,
  days: /^(天数|培训天数|days)$/i,
  project: /^(项目名称|培训项目名称|课程名称|project)$/i,
  level: /^(培训层次|层次|级别|level)$/i,
  category: /^(课程类别|类别|category)$/i,
  it: /^(是否信息技术|it)$/i,
  mode: /^(培训形式|培训方式|培训类别|mode)$/i,
  title: /^(职称|title)$/i,
  roles: /^(角色|岗位|身份|roles)$/i,
  status: /^(审核状态|status)$/i,
  remarks: /^(备注|remarks)$/i,
  joined: /^(入职(年度|年份|时间|日期)|进入教育系统(年度|年份|时间)|joined)$/i,
  titled: /^(职称(评定|取得|评聘)(年度|年份|时间|日期)|(评定|取得|评聘)职称(年度|年份|时间|日期)|评聘时间|titled)$/i,
};

/** Columns the Hangzhou export does not read: one of them present says the sheet is this layout. */
const OWN: readonly RecordColumn[] = ['days', 'category', 'it', 'roles'];
/** Columns only the Hangzhou export reads (项目编号, 选课方式): one of them present keeps a tie its. */
const EXPORT_ONLY = /^(培训)?项目编号$|^(选课方式|是否自主选课|自主选课)$/;

export interface RecordsDetection extends Detection {
  columns: Partial<Record<RecordColumn, number>>;
}

function columnsOf(r: RawRow): Partial<Record<RecordColumn, number>> {
  const columns: Partial<Record<RecordColumn, number>> = {};
  r.cells.forEach((v, col) => {
    const label = looseLabel(v);
    if (!label) return;
    for (const c of RECORD_COLUMNS) {
      if (columns[c] === undefined && LABELS[c].test(label)) {
        columns[c] = col;
        break;
      }
    }
  });
  return columns;
}

function detect(head: RawRow[]): RecordsDetection | null {
  let best: RecordsDetection | null = null;
  for (const r of head) {
    const columns = columnsOf(r);
    const amount = columns.hours !== undefined || columns.credits !== undefined || columns.days !== undefined;
    if (!amount) continue;
    // Needed: 身份证号, 姓名, 学校, a year or a date, and an amount (5 in all).
    const found = (['id', 'name', 'school'] as const).filter((c) => columns[c] !== undefined).length + (columns.year !== undefined || columns.date !== undefined ? 1 : 0) + 1;
    // Below 1 (a tie) the export keeps the sheet; a column of its own lifts this layout just above.
    const exportOnly = r.cells.some((v) => EXPORT_ONLY.test(looseLabel(v)));
    const score = found / 5 + (!exportOnly && OWN.some((c) => columns[c] !== undefined) ? 0.01 : 0);
    if (!best || score > best.score) best = { shape: 'records', score, headerRow: r.row, labels: r.cells.map((v) => normaliseLabel(v)).filter(Boolean), columns };
  }
  return best;
}

/** Where a `--columns` map's header was not found: the column, the header it names, and the headers present. */
export interface MappedMiss {
  column: string;
  header: string;
  headers: string[];
}

/**
 * A sheet read through a `--columns` map (canonical name → the header as the file writes it): the
 * header row is the one holding most of the mapped headers, and every mapped header must be in it.
 * The mapped columns replace what the synonyms found; the other columns are still recognised by
 * name. Null when the row then lacks what the layout needs (the usual unknown-layout message says
 * what); a miss names the first mapped header the sheet does not have.
 */
export function detectMapped(head: RawRow[], map: Readonly<Record<string, string>>): { detection: RecordsDetection } | { miss: MappedMiss } | null {
  const wanted = Object.entries(map).map(([column, header]) => [column as RecordColumn, header, looseLabel(header)] as const);
  let best: { row: RawRow; found: number; at: Map<RecordColumn, number> } | null = null;
  for (const r of head) {
    const at = new Map<RecordColumn, number>();
    for (const [column, , label] of wanted) {
      const col = r.cells.findIndex((v) => looseLabel(v) === label);
      if (col >= 0) at.set(column, col);
    }
    if (!best || at.size > best.found) best = { row: r, found: at.size, at };
  }
  const widest = [...head].sort((a, b) => b.cells.filter((c) => c !== null).length - a.cells.filter((c) => c !== null).length)[0];
  const labelsOf = (r: RawRow | undefined) => (r?.cells ?? []).map((v) => normaliseLabel(v)).filter(Boolean);
  const missing = wanted.find(([column]) => !best?.at.has(column));
  if (missing || !best) {
    const shown = best && best.found ? best.row : widest;
    return { miss: { column: missing?.[0] ?? wanted[0]![0], header: missing?.[1] ?? wanted[0]![1], headers: labelsOf(shown) } };
  }
  const columns = columnsOf(best.row);
  // A mapped column wins over a synonym found elsewhere, and its cell means nothing else.
  for (const [column, col] of best.at) {
    for (const c of RECORD_COLUMNS) if (columns[c] === col) delete columns[c];
    columns[column] = col;
  }
  const has = (c: RecordColumn) => columns[c] !== undefined;
  if (!(has('id') && has('name') && has('school') && (has('year') || has('date')) && (has('hours') || has('credits') || has('days')))) return null;
  return { detection: { shape: 'records', score: 1, headerRow: best.row.row, labels: labelsOf(best.row), columns } };
}

const ROLE_SPLIT = /[、,，;；/\s]+/;
const IT_YES = /^(是|y|yes|true|1|√)$/i;
const IT_NO = /^(否|n|no|false|0|×)$/i;

async function parse(det: Detection, rows: AsyncIterable<RawRow>, ctx: ShapeContext): Promise<ParsedSheet> {
  const { columns } = det as RecordsDetection;
  const sheet = new RecordSheet(det, ctx, columns.name, columns.roles !== undefined);
  const text = (r: RawRow, c: RecordColumn) => (columns[c] === undefined ? '' : cellText(r.cells[columns[c]!]).trim());
  const pools = { project: new TextPool(), level: new TextPool(), status: new TextPool(), school: new TextPool(), category: new TextPool() };
  if (columns.year === undefined && columns.date === undefined && ctx.yearOption === null) {
    throw new InputError('input.noYearColumn', { file: ctx.file, sheet: ctx.sheet.name });
  }
  const amountColumn = columns.hours ?? columns.credits ?? columns.days!;
  for await (const r of rows) {
    const mergedCells = sheet.take(r, () => text(r, 'id'));
    if (mergedCells === 'skip') continue;
    const name = text(r, 'name').replace(/\s+/g, '');
    const idRaw = text(r, 'id');
    // Without a 培训形式 column (or with it blank) a record's mode is `other`: the layout does not
    // say, and no rule set with per-mode minimums audits such a file. A mode that is written and
    // not understood is never guessed: the row is listed as not understood.
    const modeText = text(r, 'mode');
    const mode: Mode | null = modeText ? modeOf(modeText) : 'other';
    const dateText = text(r, 'date');
    const yearText = text(r, 'year');
    const year = yearText ? yearOfLabel(yearText) : dateText ? yearOfDate(dateText, ctx.yearStart) : ctx.yearOption;
    const id = normaliseId(idRaw);
    const school = pools.school.of(text(r, 'school') || sheet.fileBase);
    const status = pools.status.of(text(r, 'status'));
    // A roster row (no 学时, 学分 or 天数) has nothing to recognise: its 审核状态 is not asked.
    const figures = text(r, 'hours') !== '' || text(r, 'credits') !== '' || text(r, 'days') !== '';
    if (figures && columns.status !== undefined && !statusRecognised(status)) {
      sheet.notRecognisedRow(r.row, status);
      // The teacher is listed all the same (coverage counts the teachers listed, 三(二)1): a
      // teacher whose records all wait for 审核 is audited with none, not left out of the tally.
      if ((name || idRaw) && year !== null) sheet.teacherOf(id, name, year, school, r.row);
      continue;
    }
    const ref = sheet.accept(r.row, Boolean(name || idRaw), mode, year);
    if (!ref || mode === null || year === null) continue;
    const badValues: BadValue[] = [];
    const numberAt = (c: 'credits' | 'hours' | 'days'): number | null => {
      if (columns[c] === undefined) return null;
      const n = readNumber(r.cells[columns[c]!]);
      if (n.kind === 'bad') {
        badValues.push({ field: `${mode}.${c === 'days' ? 'hours' : c}`, text: n.text, ref: { ...ref, cell: a1(r.row, columns[c]!) } });
        return null;
      }
      return n.kind === 'number' ? n.value : null;
    };
    const read = { hours: numberAt('hours'), credits: numberAt('credits'), days: numberAt('days') };
    const t = sheet.teacherOf(id, name, year, school, r.row);
    const title = text(r, 'title');
    if (title) t.title = title;
    // 入职年度 / 职称评定年度: a year, or a date in the rule set's year (a later row of the teacher's year wins).
    // Text that holds no year is not a year given: the teacher is held to the full requirement.
    for (const c of ['joined', 'titled'] as const) {
      const given = text(r, c);
      const y = given ? yearOfDate(given, ctx.yearStart) : null;
      if (y !== null) t[c] = y;
    }
    const roleText = text(r, 'roles');
    // Roles are known where the layout has the column: a teacher without any then has none (not unknown).
    if (columns.roles !== undefined) {
      const roles = t.roles!;
      for (const role of roleText.split(ROLE_SPLIT)) if (role && !roles.includes(role)) roles.push(role);
    }
    sheet.remark(t, text(r, 'remarks'));
    t.badValues.push(...badValues);
    // A roster row (a teacher and no hours, credits or days) lists the teacher and adds no record
    // (issue 19, 三(二)1 coverage: the teachers listed are the denominator).
    if (read.hours === null && read.credits === null && read.days === null && !badValues.length) continue;
    const itText = text(r, 'it');
    const record: TrainingRecord = {
      mode,
      // The figures as read; a rule set's conversions (days → 学时, 学时 → 学分) replace them when
      // applied (src/periods/period-rules.ts), and `read` keeps what the file said.
      hours: read.hours ?? 0,
      credits: read.credits ?? 0,
      project: pools.project.of(text(r, 'project')),
      level: pools.level.of(text(r, 'level')),
      selfSelected: null,
      status,
      projectId: '',
      // The record's cell: its 学时 where it gives them, else its 天数 (what becomes 学时), else its 学分.
      ref: { ...ref, cell: a1(r.row, read.hours !== null ? columns.hours! : read.days !== null ? columns.days! : (columns.credits ?? amountColumn)) },
      counted: true,
      read,
    };
    if (columns.category !== undefined) record.category = pools.category.of(text(r, 'category'));
    if (columns.it !== undefined) record.it = IT_YES.test(itText) ? true : IT_NO.test(itText) ? false : null;
    if (read.days !== null) record.days = read.days;
    if (dateText) record.date = dateText;
    t.raw[mode].credits += record.credits;
    t.raw[mode].hours += record.hours;
    if (mergedCells) noteMergedAmounts(t, mergedCells, r, mode, { credits: columns.credits, hours: columns.hours, days: columns.days });
    t.records!.push(record);
  }
  return sheet.result('records', columns.school !== undefined);
}

const REQUIRED_LABELS = ['身份证号', '姓名', '学校', '年度 或 日期', '学时 / 学分 / 天数'];
const REQUIRED_COLUMNS: RecordColumn[][] = [['id'], ['name'], ['school'], ['year', 'date'], ['hours', 'credits', 'days']];

function missingLabels(head: RawRow[]): string[] {
  const labels = head.flatMap((r) => r.cells.map((v) => looseLabel(v)).filter(Boolean));
  return REQUIRED_LABELS.filter((_, i) => !REQUIRED_COLUMNS[i]!.some((c) => labels.some((l) => LABELS[c].test(l))));
}

export const recordsShape: Shape = { id: 'records', requiredLabels: REQUIRED_LABELS, detect, parse, missingLabels };
