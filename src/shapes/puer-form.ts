import path from 'node:path';
import { readNumber, toHalfWidth } from '../read/numbers.js';
import { cellColumns } from '../model/cell-layout.js';
import { NO_BAD_VALUES, sharedInterner, TextPool } from '../model/intern.js';
import { MODES, type Amount, type BadValue, type MergedValue, type Mode, type SkipReason, type TeacherYear } from '../model/types.js';
import { cellText } from '../read/cell.js';
import { cleanText } from '../read/clean-text.js';
import { a1, type RawRow } from '../read/types.js';
import { looseLabel, normaliseLabel } from './header.js';
import { MergeFill } from './merges.js';
import type { Detection, ParsedSheet, Shape, ShapeContext } from './types.js';

/**
 * 附件2—2 《普洱市中小学幼儿园教师全员培训学时学分申报表(试行)》 (seed 001): a title row, a
 * `学校(盖章):` line, a two-row header whose group names (集中培训, 网络研修, 校本研修, 全年汇总) are
 * merged over their 学时/学分 sub-columns, one row per teacher, then footer lines.
 */

type Field = 'seq' | 'name' | 'gender' | 'id' | 'subject' | 'title' | 'remarks';
type Group = Mode | 'total';

const FIELD_LABELS: Record<Field, RegExp> = {
  seq: /^(序号|编号)$/,
  name: /^(教师)?姓名$/,
  gender: /^性别$/,
  id: /^(公民)?身份证(号码|号)?$/,
  subject: /^任教(学段)?(及|和)?(学段)?学科$|^学段学科$/,
  title: /^(专业技术)?职称$/,
  remarks: /^备注$/,
};

const GROUP_LABELS: Record<Group, RegExp> = {
  concentrated: /^集中(培训|研修)$/,
  online: /^网络(研修|培训)$/,
  school: /^校本(研修|培训)$/,
  other: /^其他(形式|培训)$/,
  total: /^(全年汇总|全年合计|汇总|合计)$/,
};

const MEASURE_LABELS = { hours: /^(总)?学时(数)?$/, credits: /^(总)?学分(数)?$/ };

interface Columns {
  fields: Partial<Record<Field, number>>;
  groups: Partial<Record<Group, { hours?: number; credits?: number }>>;
  firstDataRow: number;
}

interface PuerDetection extends Detection {
  columns: Columns;
  preamble: RawRow[];
}

const TOTAL_ROW = /^(合计|总计|小计|共计)/;
const FOOTER_ROW = /^(审核单位|审核人|说明|备注:|注:|填表人|填报人|负责人|制表|校长签字|单位负责人|联系人)/;
const SCHOOL_LINE = /学校\(盖章\)|学校名称|单位\(盖章\)|填报单位/;

function matchField(label: string): Field | null {
  for (const f of Object.keys(FIELD_LABELS) as Field[]) if (FIELD_LABELS[f].test(label)) return f;
  return null;
}

function matchGroup(label: string): Group | null {
  for (const g of Object.keys(GROUP_LABELS) as Group[]) if (GROUP_LABELS[g].test(label)) return g;
  return null;
}

function matchMeasure(label: string): 'hours' | 'credits' | null {
  if (MEASURE_LABELS.hours.test(label)) return 'hours';
  if (MEASURE_LABELS.credits.test(label)) return 'credits';
  return null;
}

/** A single-row header may name group and measure together: "集中培训学时", "集中培训(学分)". */
function matchCombined(label: string): { group: Group; measure: 'hours' | 'credits' } | null {
  const m = /^(.*?)(总?学时|总?学分)(数)?$/.exec(label.replace(/[()]/g, ''));
  if (!m || !m[1]) {
    if (/^总学时$/.test(label)) return { group: 'total', measure: 'hours' };
    if (/^总学分$/.test(label)) return { group: 'total', measure: 'credits' };
    return null;
  }
  const group = matchGroup(m[1]);
  return group ? { group, measure: m[2]!.includes('学时') ? 'hours' : 'credits' } : null;
}

function readColumns(header: RawRow, sub: RawRow | undefined): Columns | null {
  const fields: Columns['fields'] = {};
  const groups: Columns['groups'] = {};
  const groupStarts: Array<{ group: Group; col: number }> = [];
  header.cells.forEach((v, col) => {
    const label = looseLabel(v);
    if (!label) return;
    const field = matchField(label);
    if (field && fields[field] === undefined) {
      fields[field] = col;
      return;
    }
    const group = matchGroup(label);
    if (group) {
      groupStarts.push({ group, col });
      return;
    }
    const combined = matchCombined(label);
    if (combined) (groups[combined.group] ??= {})[combined.measure] = col;
  });
  let usedSub = false;
  if (sub) {
    // A group's sub-columns run from its merged cell to the next labelled header cell.
    const labelled = header.cells.map((v, col) => (looseLabel(v) ? col : -1)).filter((c) => c >= 0);
    for (const { group, col } of groupStarts) {
      const next = labelled.find((c) => c > col) ?? col + 3;
      for (let c = col; c < next; c++) {
        const measure = matchMeasure(looseLabel(sub.cells[c]));
        if (measure && (groups[group] ??= {})[measure] === undefined) {
          groups[group]![measure] = c;
          usedSub = true;
        }
      }
    }
  }
  const modeCount = MODES.filter((m) => groups[m]?.hours !== undefined || groups[m]?.credits !== undefined).length;
  if (fields.name === undefined || modeCount === 0) return null;
  return { fields, groups, firstDataRow: header.row + (usedSub ? 2 : 1) };
}

function detect(head: RawRow[]): PuerDetection | null {
  let best: PuerDetection | null = null;
  for (let i = 0; i < head.length; i++) {
    const header = head[i]!;
    const sub = head[i + 1]?.row === header.row + 1 ? head[i + 1] : undefined;
    const columns = readColumns(header, sub);
    if (!columns) continue;
    // Required: 姓名, 身份证号码 and the three modes, each with 学时 and 学分 (7 labels in all).
    const modes = (['concentrated', 'online', 'school'] as const).filter(
      (m) => columns.groups[m]?.hours !== undefined && columns.groups[m]?.credits !== undefined,
    ).length;
    const score = ((columns.fields.name !== undefined ? 1 : 0) + (columns.fields.id !== undefined ? 1 : 0) + modes * 1.5) / 6.5;
    if (!best || score > best.score) {
      best = {
        shape: 'puer-form',
        score,
        headerRow: header.row,
        labels: header.cells.map((v) => normaliseLabel(v)).filter(Boolean),
        columns,
        preamble: head.slice(0, i),
      };
    }
  }
  return best;
}

function yearIn(text: string, strict: boolean): number | null {
  const withNian = /((?:19|20)\d{2})\s*(?:年度|学年|年)/.exec(text);
  if (withNian) return Number(withNian[1]);
  if (strict) return null;
  const bare = /(?<!\d)((?:19|20)\d{2})(?!\d)/.exec(text);
  return bare ? Number(bare[1]) : null;
}

function schoolFromPreamble(preamble: RawRow[]): string | null {
  for (const r of preamble) {
    for (let c = 0; c < r.cells.length; c++) {
      const text = normaliseLabel(r.cells[c]);
      const m = SCHOOL_LINE.exec(text);
      if (!m) continue;
      const rest = text.slice(m.index + m[0].length).replace(/^[:：]/, '').split(/联系人|联系电话|填报日期|填表日期/)[0]!;
      if (rest) return rest;
      for (let k = c + 1; k < r.cells.length; k++) {
        const next = normaliseLabel(r.cells[k]);
        if (next && !/^联系/.test(next)) return next.split(/联系人|联系电话/)[0]!;
        if (next) break;
      }
    }
  }
  return null;
}

const EMPTY_AMOUNT = (): Record<Mode, Amount> => ({
  concentrated: { hours: 0, credits: 0 },
  online: { hours: 0, credits: 0 },
  school: { hours: 0, credits: 0 },
  other: { hours: 0, credits: 0 },
});

/** Spaces, a leading apostrophe (Excel's text marker), full-width digits and a lower-case x are typing, not the number. */
export function normaliseId(raw: string): string {
  return toHalfWidth(raw).replace(/[\s\u3000'’`]/g, '').replace(/x$/, 'X');
}

async function parse(det: Detection, rows: AsyncIterable<RawRow>, ctx: ShapeContext): Promise<ParsedSheet> {
  const { columns, preamble } = det as PuerDetection;
  const fileBase = path.basename(ctx.file, path.extname(ctx.file));
  const titleText = preamble.map((r) => r.cells.map(cellText).join(' ')).join(' ');
  let year = yearIn(titleText, true);
  let yearSource: ParsedSheet['yearSource'] = year !== null ? 'title' : null;
  if (year === null) {
    year = yearIn(fileBase, false);
    if (year !== null) yearSource = 'file-name';
  }
  if (year === null && ctx.yearOption !== null) {
    year = ctx.yearOption;
    yearSource = 'option';
  }
  const formSchool = schoolFromPreamble(preamble);
  const school = formSchool ?? fileBase;

  const skipped: Record<SkipReason, number[]> = { blank: [], total: [], footer: [], 'not-understood': [], 'not-recognised': [] };
  const teachers: TeacherYear[] = [];
  let rowsRead = 0;
  let expected = columns.firstDataRow;
  const sheet = ctx.sheet.name;
  const valueCols: Array<{ group: Group; measure: 'hours' | 'credits'; col: number }> = [];
  for (const [group, m] of Object.entries(columns.groups) as Array<[Group, { hours?: number; credits?: number }]>) {
    if (m.hours !== undefined) valueCols.push({ group, measure: 'hours', col: m.hours });
    if (m.credits !== undefined) valueCols.push({ group, measure: 'credits', col: m.credits });
  }
  // One column layout for the sheet: a teacher's cells are made from it and the row (memory).
  const layout = cellColumns({
    ...(columns.fields as Record<string, number>),
    ...Object.fromEntries(valueCols.map((v) => [`${v.group}.${v.measure}`, v.col])),
  });
  const amounts = sharedInterner();
  // Fields of few values, each text held once (a CSV gives every cell a string of its own).
  const pools = { gender: new TextPool(), subject: new TextPool(), title: new TextPool(), remarks: new TextPool() };
  const raw = EMPTY_AMOUNT();
  const declared: TeacherYear['declared'] = { hours: null, credits: null };
  const textAt = (r: RawRow, f: Field): string => {
    const c = columns.fields[f];
    return c === undefined ? '' : cellText(r.cells[c]).trim();
  };

  const merges = MergeFill.for(ctx.merges, columns.firstDataRow);
  for await (const r of rows) {
    if (r.row < columns.firstDataRow) continue;
    // Rows the reader left out are empty rows of the sheet: account for them too.
    for (; expected < r.row; expected++) {
      skipped.blank.push(expected);
      rowsRead++;
    }
    expected = r.row + 1;
    rowsRead++;
    const mergedCells = merges ? merges.apply(r) : null;
    // Only the first non-empty cell's text matters for a footer, and a total row has no 身份证号:
    // a teacher's row makes no label text for its other cells (a million rows; issue 5). A number
    // is never a total or footer label.
    let first = '';
    for (const v of r.cells) {
      if (typeof v === 'number') {
        first = '0';
        break;
      }
      const text = normaliseLabel(v);
      if (text) {
        first = text;
        break;
      }
    }
    if (!first) {
      skipped.blank.push(r.row);
      continue;
    }
    if (!textAt(r, 'id') && r.cells.some((v) => typeof v !== 'number' && TOTAL_ROW.test(normaliseLabel(v)))) {
      skipped.total.push(r.row);
      continue;
    }
    if (FOOTER_ROW.test(first)) {
      skipped.footer.push(r.row);
      continue;
    }
    const name = textAt(r, 'name').replace(/\s+/g, '');
    const idRaw = textAt(r, 'id');
    if (!name && !idRaw) {
      // A pre-numbered template row (a number in 序号, zeros from a copied formula, or a formula
      // never calculated, as a template written by a program holds) is blank; any other content
      // without a teacher is listed, never dropped in silence.
      const template = r.cells.every((v, c) => {
        const n = readNumber(v);
        if (n.kind === 'blank') return true;
        if (typeof v === 'object' && v !== null && v.error.startsWith('=') && valueCols.some((x) => x.col === c)) return true;
        if (c === columns.fields.seq) return n.kind === 'number';
        return n.kind === 'number' && n.value === 0 && valueCols.some((x) => x.col === c);
      });
      // A row with amounts but neither name nor 身份证号 is a teacher whose identity was lost:
      // audited, and reported by teacher-identity-missing, rather than dropped.
      const amounts = valueCols.some((x) => {
        const n = readNumber(r.cells[x.col]);
        return n.kind === 'number' && n.value !== 0;
      });
      if (template || !amounts) {
        (template ? skipped.blank : skipped['not-understood']).push(r.row);
        continue;
      }
    }
    // Scratch amounts, filled for each row: the interner keeps a copy of each distinct set.
    for (const m of MODES) {
      raw[m].hours = 0;
      raw[m].credits = 0;
    }
    declared.hours = null;
    declared.credits = null;
    let badValues: BadValue[] | null = null;
    const ref = { file: ctx.file, sheet, row: r.row, cell: a1(r.row, columns.fields.name ?? 0) };
    for (const { group, measure, col } of valueCols) {
      const v = r.cells[col];
      // A number cell is read as readNumber would read it, without a reading made for it: most
      // amounts of a million rows are numbers (issue 5).
      let value: number | null;
      if (typeof v === 'number' && Number.isFinite(v)) value = v;
      else {
        const n = readNumber(v);
        if (n.kind === 'bad') {
          (badValues ??= []).push({ field: `${group}.${measure}`, text: cleanText(n.text), ref: { file: ctx.file, sheet, row: r.row, cell: a1(r.row, col) } });
          continue;
        }
        value = n.kind === 'number' ? n.value : null;
      }
      if (group === 'total') {
        if (value !== null) declared[measure] = value;
      } else raw[group][measure] = value ?? 0;
    }
    let merged: MergedValue[] | undefined;
    if (mergedCells) {
      // A merged number is used for each row it covers, and said so: the sheet shows it on each
      // row, but a person may have merged it for a group total.
      for (const { col, range } of mergedCells) {
        const v = valueCols.find((x) => x.col === col);
        if (v && readNumber(r.cells[col]).kind === 'number') {
          (merged ??= []).push({ field: `${v.group}.${v.measure}`, range, ref: { file: ctx.file, sheet, row: r.row, cell: a1(r.row, col) } });
        }
      }
    }
    const shared = amounts.raw(raw);
    teachers.push({
      id: normaliseId(idRaw),
      name,
      gender: pools.gender.of(textAt(r, 'gender')),
      school,
      year: year ?? 0,
      subject: pools.subject.of(textAt(r, 'subject')),
      title: pools.title.of(textAt(r, 'title')),
      remarks: pools.remarks.of(textAt(r, 'remarks')),
      raw: shared,
      counted: shared, // applyPeriodRules sets what counts
      declared: amounts.declared(declared),
      badValues: badValues ?? NO_BAD_VALUES,
      exempt: null,
      ref,
      cells: layout,
      // Every teacher built with the same keys (one hidden class; a spread here, and capped added
      // later by the audit, gave objects of several shapes with out-of-object properties: memory).
      idFromNumber: columns.fields.id !== undefined && typeof r.cells[columns.fields.id] === 'number' ? true : undefined,
      capped: undefined,
    });
    // Only on a teacher whose amounts came from a merged range (rare): a slot on every teacher of
    // a million rows is memory for nothing.
    if (merged) teachers[teachers.length - 1]!.merged = merged;
  }
  return {
    teachers,
    account: { sheet, shape: 'puer-form', rowsRead, records: teachers.length, teachers: teachers.length, skipped, headerRow: det.headerRow },
    year,
    yearSource,
    school,
    schoolSource: formSchool ? 'form' : 'file-name',
    firstDataRow: columns.firstDataRow,
  };
}

const REQUIRED_LABELS = ['姓名', '身份证号码', '集中培训(学时, 学分)', '网络研修(学时, 学分)', '校本研修(学时, 学分)'];

/** The required labels no cell of the first rows carries, in the order of REQUIRED_LABELS. */
function missingLabels(head: RawRow[]): string[] {
  const labels = new Set(head.flatMap((r) => r.cells.map((v) => looseLabel(v)).filter(Boolean)));
  const any = (ok: (label: string) => boolean) => [...labels].some(ok);
  const modeFound = (m: Mode) => any((l) => matchGroup(l) === m || matchCombined(l)?.group === m);
  const found = [
    any((l) => FIELD_LABELS.name.test(l)),
    any((l) => FIELD_LABELS.id.test(l)),
    modeFound('concentrated'),
    modeFound('online'),
    modeFound('school'),
  ];
  return REQUIRED_LABELS.filter((_, i) => !found[i]);
}

export const puerForm: Shape = {
  id: 'puer-form',
  requiredLabels: REQUIRED_LABELS,
  detect,
  parse,
  missingLabels,
};

