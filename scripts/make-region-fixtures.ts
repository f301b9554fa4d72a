/**
 * Fixtures of the generic per-record layout for the regions of issue 19 (shape `records`): 天津市
 * 滨海新区 lists of training records. Beside each, the result it must give, computed here from the
 * planted records by a plain reading of REGULATIONS.md `binhai` (a school year from 1 September;
 * 天数 × 8 学时 where no 学时 are given; ≥ 96 学时 a year; a new teacher ≥ 16 学时 of 职业道德教育;
 * coverage = teachers with a recognised record ÷ teachers listed; completion = complete ÷ audited),
 * independently of src/. Run: npx tsx scripts/make-region-fixtures.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { chineseName, idNumber, pick, rng } from './fixture-kit.js';

const OUT = path.resolve(import.meta.dirname, '..', 'fixtures', 'binhai');
/** 滨海新区 (120116) and the districts it merged in 2009, still on older cards: 塘沽 120107, 汉沽 120108, 大港 120109. */
const BINHAI_CODES = ['120116', '120107', '120108', '120109'];
const SCHOOLS = ['天津市滨海新区塘沽第一中学', '天津市滨海新区汉沽第二小学', '天津市滨海新区大港第三中学', '天津经济技术开发区第一小学'];
const PROJECTS = ['新时代教师职业行为准则专题培训', '信息技术应用能力提升工程2.0', '大单元教学设计区级研修', '班主任立德树人能力提升专项培训', '双减背景下作业设计培训', '学科核心素养课堂教学研修'];
const ETHICS = '职业道德教育';
const HOURS_PER_DAY = 8;
const ANNUAL = 96;
const NEW_TEACHER_ETHICS = 16;

interface Rec {
  date: string;
  project: string;
  category: string;
  days: number | null;
  /** A number, or text a school typed that is not one (it counts 0 and is reported: value-not-number). */
  hours: number | string | null;
  status: '已审核' | '待审核' | '审核不通过';
}
interface Planted {
  name: string;
  id: string;
  school: string;
  roles: string[];
  /** A roster row: the teacher listed with no figures. */
  roster?: boolean;
  recs: Rec[];
}

const r = rng(20260419);
const rec = (date: string, hours: Rec['hours'], days: number | null = null, over: Partial<Rec> = {}): Rec => ({ date, project: pick(r, PROJECTS), category: '专业知识', days, hours, status: '已审核', ...over });
function teacher(school: string, recs: Rec[], roles: string[] = []): Planted {
  const gender = r() < 0.6 ? '女' : '男';
  return { name: chineseName(r), id: idNumber(r, gender, pick(r, BINHAI_CODES)), school, roles, recs };
}
/** A teacher meeting the minimum: records of the school year 2023 (2023-09-01 … 2024-08-31). */
function ordinary(school: string): Planted {
  // 3–6 天 (24–48 学时) + 24–44 + 48: at least 96.
  const recs = [rec('2023-10-14', null, 3 + Math.floor(r() * 4)), rec('2024-03-09', 24 + 4 * Math.floor(r() * 6)), rec('2024-07-02', 48)];
  return teacher(school, recs);
}

interface Fixture {
  file: string;
  headers: string[];
  encoding: 'utf8' | 'gb18030';
  teachers: Planted[];
  note: string;
}

function hoursOf(x: Rec): number {
  if (typeof x.hours === 'string') return (x.days ?? 0) * HOURS_PER_DAY;
  return x.hours ?? (x.days ?? 0) * HOURS_PER_DAY;
}
function schoolYear(date: string): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m < 9 ? y - 1 : y;
}

/** What a plain reading of the rules gives, per teacher-year. */
function expectedOf(f: Fixture) {
  const years = new Map<string, { row: number; name: string; id: string; year: number; hours: number; ethics: number; covered: boolean; roles: string[]; school: string; notNumbers: number }>();
  let row = 1;
  const rowsOf: number[] = [];
  for (const t of f.teachers) {
    for (const x of t.roster ? [null] : t.recs) {
      row++;
      rowsOf.push(row);
      const year = x ? schoolYear(x.date) : 2023;
      const key = `${t.id}|${year}`;
      let e = years.get(key);
      if (!e) years.set(key, (e = { row, name: t.name, id: t.id, year, hours: 0, ethics: 0, covered: false, roles: t.roles, school: t.school, notNumbers: 0 }));
      if (!x || x.status !== '已审核') continue;
      if (typeof x.hours === 'string') e.notNumbers++;
      const h = hoursOf(x);
      e.hours += h;
      if (h > 0) e.covered = true;
      if (x.category === ETHICS) e.ethics += h;
    }
  }
  const teachers = [...years.values()].map((e) => {
    const findings: string[] = [];
    if (e.hours < ANNUAL) findings.push('annual-total-minimum:error');
    if (e.roles.includes('新任教师') && e.ethics < NEW_TEACHER_ETHICS) findings.push('role-topic-minimum:error');
    for (let i = 0; i < e.notNumbers; i++) findings.push('value-not-number:error');
    return { row: e.row, id: e.id, name: e.name, year: e.year, status: findings.length ? 'incomplete' : 'complete', hours: Math.round(e.hours * 100) / 100, findings: findings.sort() };
  });
  const byYear = new Map<number, typeof teachers>();
  for (const t of teachers) byYear.set(t.year, [...(byYear.get(t.year) ?? []), t]);
  const targets = [...byYear].sort(([a], [b]) => a - b).flatMap(([year, ts]) => {
    const listed = ts.length;
    const covered = ts.filter((t) => [...years.values()].find((e) => e.id === t.id && e.year === year)!.covered).length;
    const complete = ts.filter((t) => t.status === 'complete').length;
    return [
      { key: 'coverage', year, count: covered, of: listed, target: 0.98, met: covered / listed >= 0.98 },
      { key: 'completion', year, count: complete, of: listed, target: 0.95, met: complete / listed >= 0.95 },
    ];
  });
  return { teachers, targets, rowsRead: row - 1 };
}

function write(f: Fixture): void {
  const rows = rowsOf(f);
  const text = stringify(rows);
  writeFileSync(path.join(OUT, f.file), f.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : '\ufeff' + text);
  writeExpected(f);
}

function writeExpected(f: Fixture): void {
  const exp = expectedOf(f);
  writeFileSync(path.join(OUT, f.file.replace(/\.(csv|xlsx)$/, '.expected.json')), JSON.stringify({ file: f.file, note: f.note, rules: 'binhai', rowsRead: exp.rowsRead, teachers: exp.teachers, targets: exp.targets }, null, 2) + '\n');
}

/**
 * An .xlsx as a school's office saves one: dates as date cells, 天数 and 学时 as numbers (the text a
 * person typed as text), 身份证号 as text, a bold header, the columns widened.
 */
async function writeXlsx(f: Fixture): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  // Fixed document dates (the zip's own timestamps still change: the audit reads none of them).
  wb.created = wb.modified = new Date(Date.UTC(2024, 8, 2, 8, 0, 0));
  wb.creator = '滨海新区教师发展中心';
  const ws = wb.addWorksheet('培训记录');
  for (const [i, row] of rowsOf(f).entries()) {
    const values = (row as unknown[]).map((v, col) => {
      if (i === 0) return v;
      const h = CANONICAL[f.headers[col]!] ?? f.headers[col];
      if (h === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
        const [y, m, d] = v.split('-').map(Number) as [number, number, number];
        return new Date(Date.UTC(y, m - 1, d));
      }
      return v === '' ? null : v;
    });
    ws.addRow(values);
  }
  ws.getRow(1).font = { bold: true };
  ws.getColumn(1).numFmt = '@';
  f.headers.forEach((h, col) => {
    ws.getColumn(col + 1).width = h === '项目名称' ? 30 : h === '身份证号' || h === '学校' ? 24 : 10;
    if ((CANONICAL[h] ?? h) === 'date') ws.getColumn(col + 1).numFmt = 'yyyy-mm-dd';
  });
  await wb.xlsx.writeFile(path.join(OUT, f.file));
  writeExpected(f);
}

function rowsOf(f: Fixture): unknown[][] {
  const rows: unknown[][] = [f.headers];
  for (const t of f.teachers) {
    for (const x of t.roster ? [null] : t.recs) {
      const byHeader: Record<string, unknown> = {
        id: t.id, name: t.name, school: t.school, date: x?.date ?? '2023-09-01', project: x?.project ?? '', category: x?.category ?? '',
        days: x?.days ?? '', hours: x?.hours ?? '', roles: t.roles.join('、'), status: x?.status ?? '',
      };
      rows.push(f.headers.map((h) => byHeader[CANONICAL[h] ?? h]));
    }
  }
  return rows;
}

const CANONICAL: Record<string, string> = { 身份证号: 'id', 姓名: 'name', 学校: 'school', 培训日期: 'date', 项目名称: 'project', 课程类别: 'category', 培训天数: 'days', 培训学时: 'hours', 角色: 'roles', 审核状态: 'status' };
const ZH = ['身份证号', '姓名', '学校', '培训日期', '项目名称', '课程类别', '培训天数', '培训学时', '角色', '审核状态'];

mkdirSync(OUT, { recursive: true });

// A: 50 teachers listed, 49 with a recognised record: coverage exactly 98 % (met).
{
  const ts: Planted[] = [];
  // 11.5 天 + 4 学时 = 96: complete.
  ts.push(teacher(SCHOOLS[0]!, [rec('2023-11-20', null, 11.5), rec('2024-05-10', 4)]));
  // 95.5 学时: 0.5 short.
  ts.push(teacher(SCHOOLS[0]!, [rec('2023-12-01', 60), rec('2024-04-12', 35.5)]));
  // 92 recognised and a pending 8 that would have made 100: incomplete.
  ts.push(teacher(SCHOOLS[1]!, [rec('2023-09-20', 92), rec('2024-06-18', 8, null, { status: '待审核' })]));
  // The school year's first and last day both count in 2023.
  ts.push(teacher(SCHOOLS[1]!, [rec('2023-09-01', 90), rec('2024-08-31', 6)]));
  // New teachers: 16 学时 of 职业道德教育 (2 天) is enough, 12 is not.
  ts.push(teacher(SCHOOLS[2]!, [rec('2023-09-05', null, 2, { project: '新入职教师职业道德教育', category: ETHICS }), rec('2024-01-10', 80)], ['新任教师']));
  ts.push(teacher(SCHOOLS[2]!, [rec('2023-09-05', 12, null, { project: '新入职教师职业道德教育', category: ETHICS }), rec('2024-01-10', 90)], ['新任教师', '班主任']));
  // A roster row: listed, not covered, incomplete.
  ts.push({ ...teacher(SCHOOLS[3]!, []), roster: true });
  while (ts.length < 50) ts.push(ordinary(SCHOOLS[ts.length % SCHOOLS.length]!));
  write({ file: '滨海新区培训记录-2023学年.csv', headers: ZH, encoding: 'utf8', teachers: ts, note: 'coverage 49/50 = 98 % (met); 11.5 天 + 4 学时 = 96; 95.5; pending record; 2023-09-01 and 2024-08-31; new teachers 16 and 12; roster row' });
}

// B: 49 listed, 48 covered (97.96 %, just under): one teacher whose only record waits for 审核.
{
  const ts: Planted[] = [teacher(SCHOOLS[0]!, [rec('2024-02-02', 100, null, { status: '待审核' })])];
  while (ts.length < 49) ts.push(ordinary(SCHOOLS[ts.length % SCHOOLS.length]!));
  write({ file: 'binhai-records-2023.csv', headers: ['id', 'name', 'school', 'date', 'project', 'days', 'hours', 'status'], encoding: 'utf8', teachers: ts, note: 'English headers; coverage 48/49 (just under 98 %); a teacher listed only by a pending record' });
}

// C: both sides of 1 September, GB18030: 2024-08-31 is 2023—2024学年 (2023), 2024-09-01 is 2024.
{
  const ts: Planted[] = [
    teacher(SCHOOLS[0]!, [rec('2024-08-31', 96)]),
    teacher(SCHOOLS[0]!, [rec('2024-09-01', 96)]),
    teacher(SCHOOLS[1]!, [rec('2024-08-31', 50), rec('2024-09-01', 50)]),
  ];
  write({ file: '滨海新区培训记录-跨学年-GB18030.csv', headers: ['身份证号', '姓名', '学校', '培训日期', '项目名称', '培训学时', '审核状态'], encoding: 'gb18030', teachers: ts, note: '2024-08-31 → 2023, 2024-09-01 → 2024; 50 + 50 across the boundary is two short years, not one of 100' });
}
// D: an .xlsx of the records layout as a district office saves one (dates as date cells), for the
// audit and for --annotate: 11.5 天 + 4 学时 = 96; 95.5 学时; a new teacher with 12 of 16 学时 of
// 职业道德教育; 学时 typed as 四十 (not a number: 0, reported at its cell); a pending record that
// would have completed a teacher; the others complete.
{
  const ts: Planted[] = [
    teacher(SCHOOLS[0]!, [rec('2023-11-20', null, 11.5), rec('2024-05-10', 4)]),
    teacher(SCHOOLS[0]!, [rec('2023-12-01', 60), rec('2024-04-12', 35.5)]),
    teacher(SCHOOLS[1]!, [rec('2023-09-05', 12, null, { project: '新入职教师职业道德教育', category: ETHICS }), rec('2024-01-10', 90)], ['新任教师']),
    teacher(SCHOOLS[1]!, [rec('2023-10-08', 56), rec('2024-03-15', '四十')]),
    teacher(SCHOOLS[2]!, [rec('2023-09-20', 92), rec('2024-06-18', 8, null, { status: '待审核' })]),
  ];
  while (ts.length < 12) ts.push(ordinary(SCHOOLS[ts.length % SCHOOLS.length]!));
  await writeXlsx({ file: '滨海新区培训记录-2023学年-发展中心汇总.xlsx', headers: ZH, encoding: 'utf8', teachers: ts, note: 'an .xlsx (dates as date cells): 11.5 天 + 4 学时 = 96; 95.5; new teacher 12 of 16 职业道德教育; 学时 四十 (not a number); pending record; for --annotate' });
}
console.log(`wrote ${OUT}`);
