/**
 * Generates the Pu'er 附件2—2 fixtures and, beside each, the result it must give
 * (`<name>.expected.json`). Re-runnable: `npm run fixtures`. The expected results are computed
 * here from the planted values by a second, plain reading of REGULATIONS.md (puer), independent of
 * src/checks, so the scenario test compares two implementations.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { makeCycleFixtures } from './make-cycle-fixtures.js';
import { person, rng, type Person } from './fixture-kit.js';

const ROOT = path.resolve(import.meta.dirname, '..', 'fixtures');

type Display = string | number | null | { formula: string; result: number } | { richText: Array<{ text: string; font?: Partial<ExcelJS.Font> }> };

export interface TeacherSpec {
  kind: 'teacher';
  p: Person;
  /** Numeric meaning of the six value cells: 集中 学时/学分, 网络 学时/学分, 校本 学时/学分; null = not a number. */
  v: [number | null, number | null, number | null, number | null, number | null, number | null];
  /** How a value cell is written when not as a plain number. */
  show?: Partial<Record<0 | 1 | 2 | 3 | 4 | 5, Display>>;
  /** 全年汇总: 'sum' (a plain number), 'formula' (SUM with a cached result), [h, c] declared, or 'blank'. */
  total?: 'sum' | 'formula' | [number, number] | 'blank';
  remarks?: string;
  name?: Display;
  idShown?: string;
}

export type RowSpec =
  | TeacherSpec
  | { kind: 'blank' }
  | { kind: 'template' }
  | { kind: 'total' }
  | { kind: 'note'; text: string }
  | { kind: 'footer'; text: string };

export interface FormSpec {
  file: string;
  preamble: Array<Array<Display> | null>;
  /** 1-based column where the form starts. */
  col: number;
  headerBreaks?: boolean;
  rows: RowSpec[];
}

const MODES = ['concentrated', 'online', 'school'] as const;
const VALUE_FIELDS = ['concentrated.hours', 'concentrated.credits', 'online.hours', 'online.credits', 'school.hours', 'school.credits'];

// ---- the rules as REGULATIONS.md states them for puer (independent of src/) ----

/**
 * 新任教师 by whole phrases of 备注 (REGULATIONS.md puer, Roles): 新任教师, 新教师, 新入职, 入职培训,
 * 岗前培训, 上岗培训, 规范化培训 — not 新教师指导教师 / 新教师导师 (mentors), 非新教师, 培训者, nor a
 * certificate course (…C证上岗培训).
 */
export function isNewTeacher(remarks: string): boolean {
  const voided = remarks.replace(/(非|不是|并非)(新任教师|新教师)|(新任教师|新教师)(指导|导师|培训者|带教)|[Cc]证(上岗|岗前)培训/g, '');
  return /新任教师|新教师|新入职|入职培训|岗前培训|上岗培训|规范化培训/.test(voided);
}
function expectedFor(t: TeacherSpec) {
  const n = (x: number | null) => x ?? 0;
  const raw = { concentrated: [n(t.v[0]), n(t.v[1])], online: [n(t.v[2]), n(t.v[3])], school: [n(t.v[4]), n(t.v[5])] };
  const counted = structuredClone(raw);
  // 附件3 三: 校本 hours above 48 are not counted, nor the credits they earned (in proportion).
  if (counted.school[0]! > 48) {
    counted.school[1] = (counted.school[1]! * 48) / counted.school[0]!;
    counted.school[0] = 48;
  }
  const findings: string[] = [];
  const exempt = isNewTeacher(t.remarks ?? '');
  if (exempt) findings.push('teacher-exempt@remarks:info');
  let incomplete = false;
  if (!exempt) {
    for (const m of MODES) {
      if (counted[m][0]! < 24) findings.push(`annual-mode-minimum@${m}.hours:error`);
      if (counted[m][1]! < 24) findings.push(`annual-mode-minimum@${m}.credits:error`);
    }
    const th = MODES.reduce((s, m) => s + counted[m][0]!, 0);
    const tc = MODES.reduce((s, m) => s + counted[m][1]!, 0);
    if (th < 72) findings.push('annual-total-minimum@total.hours:error');
    if (tc < 72) findings.push('annual-total-minimum@total.credits:error');
    incomplete = findings.length > 0;
  }
  if (raw.school[0]! > 48) findings.push('mode-hours-cap@school.hours:warning');
  if (raw.school[0]! > 48 && raw.school[1]! > 0) findings.push('mode-hours-cap@school.credits:warning');
  if (Array.isArray(t.total)) {
    const sumH = MODES.reduce((s, m) => s + raw[m][0]!, 0);
    const sumC = MODES.reduce((s, m) => s + raw[m][1]!, 0);
    if (Math.abs(t.total[0] - sumH) > 0.01) findings.push('declared-total-mismatch@total.hours:error');
    if (Math.abs(t.total[1] - sumC) > 0.01) findings.push('declared-total-mismatch@total.credits:error');
  }
  for (const m of ['online', 'school'] as const) if (raw[m][1]! > raw[m][0]! * 1.2 + 1e-9) findings.push(`mode-credit-ceiling@${m}.credits:error`);
  const [ch, cc] = raw.concentrated as [number, number];
  if (cc > ch * 10 + 1e-9) findings.push('mode-credit-ceiling@concentrated.credits:error');
  else if (cc > ch * 3.6 + 1e-9) findings.push('mode-credit-ceiling@concentrated.credits:warning');
  t.v.forEach((x, i) => {
    if (x === null) findings.push(`value-not-number@${VALUE_FIELDS[i]}:error`);
  });
  return { status: exempt ? 'exempt' : incomplete ? 'incomplete' : 'complete', findings: findings.sort() };
}

function headerCells(breaks: boolean): { top: string[]; sub: string[] } {
  const b = (s: string) => (breaks && s.length === 4 ? `${s.slice(0, 2)}\n${s.slice(2)}` : s);
  return {
    top: ['序号', '姓名', '性别', breaks ? '身份证\n号码' : '身份证号码', '任教学段学科', '职称', b('集中培训'), '', b('网络研修'), '', b('校本研修'), '', b('全年汇总'), '', '备注'],
    sub: ['', '', '', '', '', '', '学时', '学分', '学时', '学分', '学时', '学分', '总学时', '总学分', ''],
  };
}

export interface Built {
  grid: Array<{ row: number; cells: Display[] }>;
  merges: string[];
  expected: {
    input: { year: number | null; school: string; rowsRead: number; teachers: number; skipped: Record<'blank' | 'total' | 'footer' | 'notUnderstood', number[]> };
    teachers: Array<{ row: number; id: string; name: string; status: string; findings: string[] }>;
    schools: Array<{ name: string; teachers: number; incomplete: number; exempt: number; flagged: boolean }>;
  };
}

function colName(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function build(spec: FormSpec, year: number | null, school: string): Built {
  const grid: Built['grid'] = [];
  const merges: string[] = [];
  let row = 1;
  for (const line of spec.preamble) {
    if (line) grid.push({ row, cells: line });
    row++;
  }
  const c0 = spec.col;
  const pad = (cells: Display[]) => [...Array(c0 - 1).fill(null), ...cells];
  const { top, sub } = headerCells(Boolean(spec.headerBreaks));
  grid.push({ row, cells: pad(top) });
  grid.push({ row: row + 1, cells: pad(sub) });
  for (const off of [0, 1, 2, 3, 4, 5, 14]) merges.push(`${colName(c0 + off)}${row}:${colName(c0 + off)}${row + 1}`);
  for (const off of [6, 8, 10, 12]) merges.push(`${colName(c0 + off)}${row}:${colName(c0 + off + 1)}${row}`);
  row += 2;
  const first = row;
  const expected: Built['expected'] = {
    input: { year, school, rowsRead: 0, teachers: 0, skipped: { blank: [], total: [], footer: [], notUnderstood: [] } },
    teachers: [],
    schools: [],
  };
  let seq = 0;
  const sums = [0, 0, 0, 0, 0, 0, 0, 0];
  for (const r of spec.rows) {
    if (r.kind === 'blank') expected.input.skipped.blank.push(row);
    else if (r.kind === 'template') {
      grid.push({ row, cells: pad([++seq]) });
      expected.input.skipped.blank.push(row);
    } else if (r.kind === 'total') {
      grid.push({ row, cells: pad(['合计', '', '', '', '', '', ...sums.map((x) => Math.round(x * 10) / 10)]) });
      expected.input.skipped.total.push(row);
    } else if (r.kind === 'note') {
      grid.push({ row, cells: pad([r.text]) });
      expected.input.skipped.notUnderstood.push(row);
    } else if (r.kind === 'footer') {
      grid.push({ row, cells: pad([r.text]) });
      expected.input.skipped.footer.push(row);
    } else {
      const values: Display[] = r.v.map((x, i) => (r.show && i in r.show ? r.show[i as 0]! : x));
      const h = (r.v[0] ?? 0) + (r.v[2] ?? 0) + (r.v[4] ?? 0);
      const c = (r.v[1] ?? 0) + (r.v[3] ?? 0) + (r.v[5] ?? 0);
      const C = (off: number) => `${colName(c0 + off)}${row}`;
      let totals: Display[];
      if (r.total === 'blank') totals = [null, null];
      else if (r.total === 'formula') totals = [{ formula: `${C(6)}+${C(8)}+${C(10)}`, result: h }, { formula: `${C(7)}+${C(9)}+${C(11)}`, result: c }];
      else if (Array.isArray(r.total)) totals = r.total;
      else totals = [h, c];
      r.v.forEach((x, i) => (sums[i]! += x ?? 0));
      sums[6]! += h;
      sums[7]! += c;
      grid.push({ row, cells: pad([++seq, r.name ?? r.p.name, r.p.gender, r.idShown ?? r.p.id, r.p.subject, r.p.title, ...values, ...totals, r.remarks ?? null]) });
      const e = expectedFor(r);
      expected.teachers.push({ row, id: r.p.id, name: r.p.name, status: e.status, findings: e.findings });
    }
    row++;
  }
  expected.input.rowsRead = row - first;
  expected.input.teachers = expected.teachers.length;
  const audited = expected.teachers.filter((t) => t.status !== 'exempt');
  const incomplete = audited.filter((t) => t.status === 'incomplete').length;
  expected.schools.push({
    name: school,
    teachers: audited.length,
    incomplete,
    exempt: expected.teachers.length - audited.length,
    // 细则 五(三): 20 % or more, compared exactly.
    flagged: audited.length > 0 && incomplete * 5 >= audited.length,
  });
  return { grid, merges, expected };
}

export async function writeXlsx(file: string, built: Built): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'WPS 表格';
  // Fixed dates keep regenerated fixtures stable in git.
  wb.created = wb.modified = new Date('2026-03-01T08:00:00Z');
  const ws = wb.addWorksheet('Sheet1');
  for (const { row, cells } of built.grid) {
    cells.forEach((v, i) => {
      if (v === null || v === '') return;
      ws.getCell(row, i + 1).value = v as ExcelJS.CellValue;
    });
  }
  for (const m of built.merges) ws.mergeCells(m);
  await wb.xlsx.writeFile(file);
}

export function writeCsv(file: string, built: Built): void {
  const lines: string[][] = [];
  let row = 1;
  for (const { row: r, cells } of built.grid) {
    for (; row < r; row++) lines.push([]);
    lines.push(
      cells.map((v) => {
        if (v === null) return '';
        if (typeof v === 'object') return 'result' in v ? String(v.result) : v.richText.map((x) => x.text).join('');
        return String(v);
      }),
    );
    row++;
  }
  // Excel on Windows opens UTF-8 CSV correctly only with a BOM.
  writeFileSync(file, '\uFEFF' + stringify(lines));
}

export function teacher(p: Person, v: TeacherSpec['v'], extra: Partial<TeacherSpec> = {}): TeacherSpec {
  return { kind: 'teacher', p, v, ...extra };
}

/** A complete year: realistic hours and credits by the 第十一条 formula. */
export function completeValues(r: () => number): TeacherSpec['v'] {
  const perf = [0, 0.1, 0.15, 0.2][Math.floor(r() * 4)]!;
  const ch = [24, 30, 36, 42, 48, 60][Math.floor(r() * 6)]!;
  const oh = [24, 30, 40, 50][Math.floor(r() * 4)]!;
  const sh = [24, 32, 40, 48][Math.floor(r() * 4)]!;
  const rate = [1, 1.5, 2][Math.floor(r() * 3)]!;
  const round1 = (x: number) => Math.round(x * 10) / 10;
  return [ch, round1(ch * rate * (1 + perf)), oh, round1(oh * (1 + perf)), sh, round1(sh * (1 + perf))];
}

export const TITLE = '普洱市中小学幼儿园教师全员培训学时学分申报表(试行)';
export const FOOTERS = [
  '审核单位(盖章):                          审核人:              日期:',
  '说明:此表由学校汇总填写上报,学员年度学时学分的申报须按照《普洱市中小学教师全员培训管理办法(试行)》执行。',
];

async function main() {
  const r = rng(20250301);
  const outDir = path.join(ROOT, 'puer');
  mkdirSync(outDir, { recursive: true });
  mkdirSync(path.join(ROOT, 'bad'), { recursive: true });
  const cases: Array<{ name: string; spec: FormSpec; year: number | null; school: string; csv?: boolean }> = [];

  // 1. The form as the seed prints it: 14 teachers, 2 incomplete (14 %: not flagged).
  {
    const school = '思茅区第一中学';
    const rows: RowSpec[] = [];
    for (let i = 0; i < 11; i++) rows.push(teacher(person(r), completeValues(r)));
    rows.push(teacher(person(r), [24, 24, 24, 24, 24, 24])); // exactly the minimums: complete
    rows.push(teacher(person(r), [30, 36, 23.5, 23.5, 30, 30])); // 23.5 online hours fails
    rows.push(teacher(person(r), [40, 20, 30, 30, 30, 30])); // concentrated credits short
    rows.push({ kind: 'total' });
    for (const f of FOOTERS) rows.push({ kind: 'footer', text: f });
    cases.push({
      name: '2025年度思茅区第一中学',
      year: 2025,
      school,
      spec: { file: '', col: 1, preamble: [['附件2—2'], [`2025年度${TITLE}`], [`学校(盖章):${school}`, null, null, null, null, null, null, null, null, '联系人及电话:李老师 0879-2123456']], rows },
    });
  }

  // 2. Value quirks: numeric text, units, full-width digits, formulas, blanks, rich text, lower-case x.
  //    5 teachers, 1 incomplete: exactly 20 % — flagged (1 of 5 flags).
  {
    const school = '宁洱县民族中学';
    const a = person(r);
    const withX = (() => {
      for (;;) {
        const p = person(r);
        if (p.id.endsWith('X')) return p;
      }
    })();
    const rows: RowSpec[] = [
      teacher(a, [24, 26.4, 30, 30, 24, 24], { show: { 0: '24', 1: '26.4学分', 2: '30学时', 3: '３０', 4: ' 24.0 ' }, total: 'formula' }),
      teacher({ ...person(r), name: '崔文' }, [36, 43.2, 24, 24, 40, 40], { name: { richText: [{ text: '崔', font: { bold: true } }, { text: '文', font: { color: { argb: 'FFFF0000' } } }] }, total: 'formula' }),
      teacher(withX, [48, 57.6, 24, 28.8, 24, 28.8], { idShown: withX.id.replace('X', 'x'), total: 'formula' }),
      teacher(person(r), [30, 33, 30, 33, 30, 0], { show: { 5: null }, total: 'formula' }), // a blank cell is 0
      teacher(person(r), [24, 24, 24, 24, 24, 24], { show: { 0: '２４', 1: '２４．０', 2: '24 学时', 3: '24.0', 4: '24', 5: '24' }, total: 'sum' }),
    ];
    rows.push({ kind: 'total' });
    for (const f of FOOTERS) rows.push({ kind: 'footer', text: f });
    cases.push({
      name: 'value-quirks',
      year: 2025,
      school,
      spec: { file: '', col: 2, headerBreaks: true, preamble: [null, [null, `2025年度${TITLE.replace('(', '（').replace(')', '）')}`], [null, `学校（盖章）：${school}        联系人及电话：王老师`], null], rows },
    });
  }

  // 3. Layout quirks: header at row 8 / column C, year only in the file name, school in the next
  //    cell, blank and template rows, a note row, 合计 and footer. 6 teachers, 1 incomplete (not flagged).
  {
    const school = '景谷县永平镇中心小学';
    const rows: RowSpec[] = [];
    for (let i = 0; i < 3; i++) rows.push(teacher(person(r), completeValues(r)));
    rows.push({ kind: 'blank' });
    rows.push(teacher(person(r), completeValues(r)));
    rows.push({ kind: 'note', text: '以下为外校交流教师' });
    rows.push(teacher(person(r), completeValues(r)));
    rows.push(teacher(person(r), [24, 24, 24, 24, 12, 12])); // school-based short
    rows.push({ kind: 'template' });
    rows.push({ kind: 'template' });
    rows.push({ kind: 'blank' });
    rows.push({ kind: 'total' });
    rows.push({ kind: 'blank' });
    for (const f of FOOTERS) rows.push({ kind: 'footer', text: f });
    cases.push({
      name: '2024年景谷县永平镇中心小学',
      year: 2024,
      school,
      spec: {
        file: '',
        col: 3,
        preamble: [['附件2—2'], null, [null, null, TITLE], null, [null, null, '学校(盖章):', school, null, null, null, null, null, null, '联系人及电话:'], null, [null, null, '单位:学时、学分']],
        rows,
      },
    });
  }

  // 4. Data findings: mismatched totals, credits above the formula, 校本 above 48, text values,
  //    new teachers (exempt). 8 teachers.
  {
    const school = '墨江县第二小学';
    const rows: RowSpec[] = [
      teacher(person(r), [30, 30, 24, 24, 24, 24], { total: [80, 78] }), // declared ≠ sum
      teacher(person(r), [24, 24, 24, 30, 24, 24]), // online 30 > 24 × 1.2
      teacher(person(r), [24, 100, 24, 24, 24, 24]), // concentrated 100 > 24 × 3.6: lecturing warning
      teacher(person(r), [24, 300, 24, 24, 24, 24]), // concentrated 300 > 24 × 10: error
      teacher(person(r), [10, 12, 24, 24, 60, 60]), // 校本 60 h: 48 count; concentrated short
      teacher(person(r), [24, 24, null, 24, 24, 24], { show: { 2: '二十四' } }), // text: missing
      teacher(person(r), [0, 0, 0, 0, 0, 0], { remarks: '新任教师（参加上岗培训）' }),
      teacher(person(r), [12, 12, 20, 20, 10, 10], { remarks: '2025年9月入职新教师' }),
    ];
    for (const f of FOOTERS) rows.push({ kind: 'footer', text: f });
    cases.push({
      name: '2025年度墨江县第二小学-数据问题',
      year: 2025,
      school,
      spec: { file: '', col: 1, preamble: [[`2025年度${TITLE}`], [`学校(盖章):${school}`]], rows },
    });
  }

  // 5. CSV (UTF-8 with BOM), 10 teachers, 2 incomplete: 20 % — flagged.
  {
    const school = '澜沧县第一中学';
    const rows: RowSpec[] = [];
    for (let i = 0; i < 8; i++) rows.push(teacher(person(r), completeValues(r)));
    rows.push(teacher(person(r), [24, 24, 24, 24, 24, 23.9]));
    rows.push(teacher(person(r), [0, 0, 40, 40, 40, 40]));
    for (const f of FOOTERS) rows.push({ kind: 'footer', text: f });
    cases.push({
      name: '2025年度澜沧县第一中学',
      year: 2025,
      school,
      csv: true,
      spec: { file: '', col: 1, preamble: [['附件2—2'], [`2025年度${TITLE}`], [`学校(盖章):${school}`, null, null, null, null, null, null, null, null, '联系人及电话:']], rows },
    });
  }

  for (const c of cases) {
    const built = build(c.spec, c.year, c.school);
    const file = path.join(outDir, `${c.name}.${c.csv ? 'csv' : 'xlsx'}`);
    if (c.csv) writeCsv(file, built);
    else await writeXlsx(file, built);
    writeFileSync(path.join(outDir, `${c.name}.expected.json`), JSON.stringify({ file: path.basename(file), ...built.expected }, null, 2) + '\n');
  }

  // A form with no year in its title or file name: exit 2 unless --year is given.
  {
    const school = '孟连县勐马镇中心完小';
    const rows: RowSpec[] = [teacher(person(r), completeValues(r)), teacher(person(r), completeValues(r))];
    const built = build({ file: '', col: 1, preamble: [[TITLE], [`学校(盖章):${school}`]], rows }, null, school);
    await writeXlsx(path.join(ROOT, 'bad', '申报表-无年度.xlsx'), built);
  }
  await makeCycleFixtures(ROOT);
  console.log(`fixtures written to ${path.relative(process.cwd(), ROOT)}`);
}

// Run when invoked as a script (npm run fixtures), not when imported for its builders.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
