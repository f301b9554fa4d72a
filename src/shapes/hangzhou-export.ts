import { TextPool } from '../model/intern.js';
import { readNumber } from '../read/numbers.js';
import type { BadValue, TrainingRecord } from '../model/types.js';
import { cellText } from '../read/cell.js';
import { a1, InputError, type RawRow } from '../read/types.js';
import { looseLabel, normaliseLabel } from './header.js';
import { normaliseId } from './puer-form.js';
import { noteMergedAmounts, RecordSheet } from './record-sheet.js';
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
  const sheet = new RecordSheet(det, ctx, columns.name, false);
  const text = (r: RawRow, c: Column) => (columns[c] === undefined ? '' : cellText(r.cells[columns[c]!]).trim());
  // Texts a million records repeat (project, level, status, school), each held once: a CSV gives
  // every cell a string of its own (TextPool).
  const pools = { projectId: new TextPool(), project: new TextPool(), level: new TextPool(), status: new TextPool(), school: new TextPool() };
  if (columns.year === undefined && columns.date === undefined && ctx.yearOption === null) {
    throw new InputError('input.noYearColumn', { file: ctx.file, sheet: ctx.sheet.name });
  }
  for await (const r of rows) {
    const mergedCells = sheet.take(r, () => text(r, 'id'));
    if (mergedCells === 'skip') continue;
    const name = text(r, 'name').replace(/\s+/g, '');
    const idRaw = text(r, 'id');
    const status = pools.status.of(text(r, 'status'));
    const recognised = columns.status === undefined || statusRecognised(status);
    if (!recognised) {
      sheet.notRecognisedRow(r.row, status);
      continue;
    }
    const mode = modeOf(text(r, 'mode'));
    const yearText = text(r, 'year') || text(r, 'date');
    const year = columns.year !== undefined && text(r, 'year') ? yearOfDate(text(r, 'year'), { month: 1, day: 1 }) : yearText ? yearOfDate(yearText, ctx.yearStart) : ctx.yearOption;
    const ref = sheet.accept(r.row, Boolean(name || idRaw), mode, year);
    if (!ref || mode === null || year === null) continue;
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
    // A teacher's school for the year is the one on their latest record.
    const t = sheet.teacherOf(id, name, year, pools.school.of(text(r, 'school') || sheet.fileBase), r.row);
    sheet.remark(t, text(r, 'remarks'));
    t.raw[mode].credits += record.credits;
    t.raw[mode].hours += record.hours;
    t.badValues.push(...badValues);
    if (mergedCells) noteMergedAmounts(t, mergedCells, r, mode, { credits: columns.credits, hours: columns.hours });
    t.records!.push(record);
  }
  return sheet.result('hangzhou-export', columns.school !== undefined);
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
