/**
 * Multi-year fixtures: a Zhejiang platform export (xlsx, plus the same data as a GB18030 CSV and a
 * BOM-less UTF-8 CSV) and five years of Pu'er 附件2—2 returns. Beside each, the result it must
 * give, computed here from the planted records by a plain reading of REGULATIONS.md (hangzhou;
 * puer → Cycle), independently of src/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { person, pick, rng, type Person } from './fixture-kit.js';
import { build, completeValues, FOOTERS, teacher, TITLE, writeXlsx, type RowSpec, type TeacherSpec } from './make-fixtures.js';

// ---------------------------------------------------------------- Hangzhou platform export

type Mode = '集中培训' | '网络研修' | '校本培训' | '学分转换';
interface Rec {
  p: Person;
  school: string;
  year: number;
  project: string;
  mode: Mode;
  level: string;
  hours: number;
  credits: number;
  self: '自主选课' | '指令性' | '';
  status: '已认定' | '待审核' | '审核不通过';
  remarks?: string;
}

const HZ_SCHOOLS = ['杭州学军中学', '杭州第十四中学', '浙江大学附属中学', '杭州市长寿桥小学', '杭州市文三街小学'];
const PROJECTS: Record<Mode, string[]> = {
  集中培训: ['走进名校·高中语文教学改革研修', '新课程新教材实施专题培训', '信息技术应用能力提升工程2.0', '学科带头人高级研修班', '班主任专业能力提升培训'],
  网络研修: ['浙江省教师教育网络课程·课堂观察', '师德师风网络专题学习', '心理健康教育网络研修', '作业设计与评价网络课程'],
  校本培训: ['校本研修·大单元教学设计', '校本研修·课堂教学诊断', '校本研修·项目化学习实践'],
  学分转换: ['公开课学分转换', '论文发表学分转换', '课题结题学分转换'],
};
const LEVELS = ['省级', '市级', '区级', '校级'];
/** Hangzhou rule numbers (REGULATIONS.md hangzhou), restated for the expectations. */
const HZ = { annual: 24, cycle: 360, start: 2022, end: 2026, asOf: 2025, long: 90, schoolRecordMax: 30 };

function hzRecords(): Rec[] {
  const r = rng(20260101);
  const recs: Rec[] = [];
  const years = [2022, 2023, 2024, 2025];
  const add = (p: Person, school: string, year: number, mode: Mode, credits: number, extra: Partial<Rec> = {}) =>
    recs.push({
      p,
      school,
      year,
      project: pick(r, PROJECTS[mode]),
      mode,
      level: mode === '校本培训' ? '校级' : pick(r, LEVELS),
      hours: mode === '学分转换' ? 0 : credits,
      credits,
      self: r() < 0.6 ? '自主选课' : '指令性',
      status: '已认定',
      ...extra,
    });
  /** A normal year: 60–96 credits over 3–4 records. */
  const normalYear = (p: Person, school: string, year: number, withLong: boolean) => {
    if (withLong) add(p, school, year, '集中培训', 90, { project: '90学分限定选修·走进名校', self: '自主选课' });
    else add(p, school, year, '集中培训', pick(r, [24, 30, 36]));
    add(p, school, year, '网络研修', pick(r, [12, 16, 20]));
    add(p, school, year, '校本培训', pick(r, [12, 16, 20]));
    if (r() < 0.5) add(p, school, year, '学分转换', pick(r, [4, 6]));
  };
  HZ_SCHOOLS.forEach((school, si) => {
    for (let k = 0; k < 8; k++) {
      const p = person(r);
      const profile = k + si * 8;
      if (profile % 8 === 0) {
        // behind pace: ~45 credits a year (each year ≥ 24)
        for (const y of years) {
          add(p, school, y, '网络研修', 20);
          add(p, school, y, '校本培训', 25);
        }
      } else if (profile % 8 === 1) {
        // one weak year (20 credits: the annual minimum fails), strong otherwise
        for (const y of years) {
          if (y === 2023) add(p, school, y, '网络研修', 20);
          else normalYear(p, school, y, y === 2022);
          if (y !== 2023) add(p, school, y, '集中培训', 30);
        }
      } else if (profile === 2 || profile === 18) {
        // moved: first school 2022–2023, then the next school
        const next = HZ_SCHOOLS[(si + 1) % HZ_SCHOOLS.length]!;
        for (const y of years) normalYear(p, y <= 2023 ? school : next, y, y === 2024);
      } else if (profile === 3 || profile === 27) {
        // new teacher from 2024: probation training only (not counted), then a normal year
        add(p, school, 2024, '集中培训', 120, { project: '新教师培训（试用期）', remarks: '新教师' });
        add(p, school, 2024, '校本培训', 60, { project: '新教师培训·校本实践' });
        normalYear(p, school, 2025, false);
      } else if (profile === 4) {
        // a school-based record above 30 (seed 004 §六) and 校本 above a third
        for (const y of years) {
          add(p, school, y, '校本培训', y === 2023 ? 35 : 30);
          add(p, school, y, '网络研修', 24);
          add(p, school, y, '集中培训', 24);
        }
      } else {
        for (const y of years) normalYear(p, school, y, y === 2022 + (profile % 3));
      }
      // Records that must not count: pending and rejected.
      if (profile % 5 === 0) add(p, school, 2025, '集中培训', 40, { status: '待审核' });
      if (profile % 7 === 0) add(p, school, 2024, '网络研修', 30, { status: '审核不通过' });
    }
  });
  return recs;
}

const HZ_HEAD = ['序号', '姓名', '身份证号码', '单位名称', '培训年度', '项目编号', '项目名称', '培训类别', '培训层次', '学时', '学分', '选课方式', '审核状态', '备注'];

function hzRows(recs: Rec[]): Array<Array<string | number>> {
  return recs.map((x, i) => [i + 1, x.p.name, x.p.id, x.school, `${x.year}`, `ZJ${x.year}${String(1000 + i)}`, x.project, x.mode, x.level, x.hours, x.credits, x.self, x.status, x.remarks ?? '']);
}

function hzExpected(recs: Rec[]) {
  const ok = recs.filter((x) => x.status === '已认定');
  // Probation by whole phrases (REGULATIONS.md hangzhou), never 上岗培训 alone (…C证上岗培训 counts).
  const probation = (x: Rec) => /新教师培训|新任教师培训|新教师入职培训|新入职教师培训|试用期|岗前培训|规范化培训/.test(x.project);
  const byTeacher = new Map<string, Rec[]>();
  for (const x of ok) byTeacher.set(x.p.id, [...(byTeacher.get(x.p.id) ?? []), x]);
  const yearsFound = [...new Set(ok.map((x) => x.year))].sort();
  const elapsed = HZ.asOf - HZ.start + 1;
  const pace = (HZ.cycle * elapsed) / (HZ.end - HZ.start + 1);
  const teachers: Array<{ id: string; name: string; school: string; status: string; toDateCredits: number; findings: string[] }> = [];
  const annual = new Map<string, { name: string; year: number; teachers: number; incomplete: number }>();
  for (const [id, list] of byTeacher) {
    const findings: string[] = [];
    const years = [...new Set(list.map((x) => x.year))].sort();
    let toDate = 0;
    let school = 0;
    let exemptYears = 0;
    // 71号 第四条 "每年不少于24学分": a failed year makes a running cycle behind (its credits still count).
    let failedYear = false;
    // A first year exempt as a new teacher inside the cycle is when the teacher joined: years before
    // it are not missing, and the pace is 72 a year over the covered years after it.
    let joined: number | null = null;
    for (const y of years) {
      const inYear = list.filter((x) => x.year === y);
      const counted = inYear.filter((x) => !probation(x));
      const exempt = counted.length === 0 || inYear.some((x) => /新任教师|新教师/.test(x.remarks ?? ''));
      const credits = counted.reduce((n, x) => n + x.credits, 0);
      const schoolName = inYear[inYear.length - 1]!.school;
      const a = annual.get(`${schoolName}|${y}`) ?? { name: schoolName, year: y, teachers: 0, incomplete: 0 };
      for (const x of inYear) if (probation(x)) findings.push(`teacher-exempt@${y}`); // each record not counted
      if (exempt) {
        exemptYears++;
        if (y === years[0]) joined = y;
        findings.push(`teacher-exempt@${y}`);
      } else {
        a.teachers++;
        if (credits < HZ.annual) {
          a.incomplete++;
          failedYear = true;
          findings.push(`annual-total-minimum@${y}`, `cycle-every-year@${y}`);
        }
        toDate += credits;
        school += counted.filter((x) => x.mode === '校本培训').reduce((n, x) => n + x.credits, 0);
      }
      annual.set(`${schoolName}|${y}`, a);
      for (const x of inYear) if (!probation(x) && x.mode === '校本培训' && x.credits > HZ.schoolRecordMax) findings.push(`single-record-maximum@${y}`);
    }
    const missing = yearsFound.filter((y) => !years.includes(y) && (joined === null || y > joined));
    for (const y of missing) findings.push(`cycle-missing-year@${y}`);
    const schools = years.map((y) => list.filter((x) => x.year === y).at(-1)!.school);
    for (let i = 1; i < schools.length; i++) if (schools[i] !== schools[i - 1]) findings.push(`teacher-moved@${years[i]}`);
    const allExempt = exemptYears === years.length;
    const coveredAfterJoin = yearsFound.filter((y) => joined === null || y > joined).length;
    const teacherPace = joined === null ? pace : (HZ.cycle * coveredAfterJoin) / (HZ.end - HZ.start + 1);
    const belowPace = !allExempt && toDate < teacherPace;
    if (belowPace) findings.push('cycle-total-minimum@pace');
    const behind = !allExempt && (belowPace || failedYear || missing.length > 0);
    if (toDate > 0 && school * 3 > toDate) findings.push('cycle-mode-share-maximum@school');
    teachers.push({
      id,
      name: list[0]!.p.name,
      school: schools.at(-1)!,
      status: allExempt ? 'exempt' : behind ? 'behind' : 'in-progress',
      toDateCredits: toDate,
      findings: findings.sort(),
    });
  }
  const cycleSchools = HZ_SCHOOLS.map((name) => {
    const members = teachers.filter((t) => t.school === name && t.status !== 'exempt');
    const withLong = members.filter((t) => ok.some((x) => x.p.id === t.id && x.mode === '集中培训' && x.credits >= HZ.long && !probation(x)));
    const chosen = ok.filter((x) => members.some((m) => m.id === x.p.id) && !probation(x) && x.self !== '');
    const chosenCredits = chosen.reduce((n, x) => n + x.credits, 0);
    return {
      name,
      teachers: members.length,
      behind: members.filter((t) => t.status === 'behind').length,
      overall: round4((members.length - members.filter((t) => t.status === 'behind').length) / members.length),
      concentrated: round4(withLong.length / members.length),
      selfSelected: round4(chosen.filter((x) => x.self === '自主选课').reduce((n, x) => n + x.credits, 0) / chosenCredits),
    };
  });
  return {
    records: { rows: recs.length, recognised: ok.length, notRecognised: recs.length - ok.length },
    cycle: { start: HZ.start, end: HZ.end, asOf: HZ.asOf, yearsFound, teachers: teachers.sort((a, b) => a.id.localeCompare(b.id)), schools: cycleSchools },
    annualSchools: [...annual.values()]
      .filter((a) => a.teachers > 0)
      .map((a) => ({ ...a, flagged: a.incomplete * 5 >= a.teachers }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.year - b.year),
  };
}

/** Six decimals, as the audit rounds shares (roundNoise). */
function round4(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

async function writeHangzhou(root: string): Promise<void> {
  const dir = path.join(root, 'hangzhou');
  mkdirSync(dir, { recursive: true });
  const recs = hzRecords();
  const rows = hzRows(recs);
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date('2026-03-01T08:00:00Z');
  const ws = wb.addWorksheet('学分明细');
  ws.addRow(HZ_HEAD);
  for (const r of rows) ws.addRow(r);
  // The platform stores 身份证号 as text; numbers as numbers.
  ws.getColumn(3).numFmt = '@';
  await wb.xlsx.writeFile(path.join(dir, '杭州市直属学校学分明细-2022-2025.xlsx'));
  const csv = stringify([HZ_HEAD, ...rows.map((r) => r.map(String))]);
  // What Excel on a Chinese Windows saves ("CSV (逗号分隔)"): GBK, a subset of GB18030.
  writeFileSync(path.join(dir, '学分明细-GB18030.csv'), iconv.encode(csv, 'gb18030'));
  writeFileSync(path.join(dir, '学分明细-UTF8无BOM.csv'), csv, 'utf8');
  writeFileSync(path.join(dir, 'expected.json'), JSON.stringify(hzExpected(recs), null, 2) + '\n');
}

// ---------------------------------------------------------------- Pu'er, five years

const PUER_SCHOOLS = ['思茅区第四中学', '宁洱县第一小学', '景东县民族中学'];
const PUER_YEARS = [2021, 2022, 2023, 2024, 2025];

interface PuerPlan {
  p: Person;
  /** school index per year, or null where the teacher has no return that year. */
  schoolOf: Record<number, number | null>;
  values: Record<number, TeacherSpec['v']>;
  remarks: Record<number, string>;
}

function puerPlans(): PuerPlan[] {
  const r = rng(20211231);
  const plans: PuerPlan[] = [];
  const every = (si: number) => Object.fromEntries(PUER_YEARS.map((y) => [y, si]));
  PUER_SCHOOLS.forEach((_, si) => {
    for (let k = 0; k < 6; k++) {
      const p = person(r);
      const values = Object.fromEntries(PUER_YEARS.map((y) => [y, completeValues(r)]));
      plans.push({ p, schoolOf: every(si), values, remarks: {} });
    }
  });
  // Moved: school 0 in 2021–2023, school 1 in 2024–2025.
  const mover = plans[1]!;
  for (const y of [2024, 2025]) mover.schoolOf[y] = 1;
  // Missing 2023 (e.g. on leave): reported, not guessed.
  plans[7]!.schoolOf[2023] = null;
  // Online 20 学时 a year: every annual audit fails, and the cycle's 120 online hours too.
  for (const y of PUER_YEARS) plans[13]!.values[y] = [40, 40, 20, 20, 40, 40];
  // New teacher from 2023 (exempt that year), complete after: missing 2021–2022.
  const newcomer = plans[14]!;
  for (const y of [2021, 2022]) newcomer.schoolOf[y] = null;
  newcomer.values[2023] = [0, 0, 0, 0, 0, 0];
  newcomer.remarks[2023] = '新任教师';
  // Exactly the annual minimums every year: 360 over the cycle, each mode 120 — complete.
  for (const y of PUER_YEARS) plans[15]!.values[y] = [24, 24, 24, 24, 24, 24];
  // 23.5 online hours in one year: that year fails; the cycle has 119.5 online hours — incomplete.
  plans[16]!.values = Object.fromEntries(PUER_YEARS.map((y) => [y, [24, 24, y === 2022 ? 23.5 : 24, 24, 24, 24]])) as PuerPlan['values'];
  return plans;
}

function puerCycleExpected(plans: PuerPlan[]) {
  const teachers = plans.map((pl) => {
    const findings: string[] = [];
    const years = PUER_YEARS.filter((y) => pl.schoolOf[y] !== null);
    const toDate = { ch: 0, cc: 0, oh: 0, oc: 0, sh: 0, sc: 0 };
    // 第十条 "任职第一年": a new teacher's exempt first year inside the cycle is when they joined.
    const isNew = (y: number) => /新任教师|新教师/.test(pl.remarks[y] ?? '');
    const joined = years.length && isNew(years[0]!) ? years[0]! : null;
    for (const y of years) {
      if (isNew(y) && y === joined) continue;
      let [ch, cc, oh, oc, sh, sc] = pl.values[y]!.map((x) => x ?? 0) as number[];
      // 附件3 三: 校本 above 48 学时 not counted, nor the credits those hours earned.
      if (sh! > 48) [sh, sc] = [48, (sc! * 48) / sh!];
      // 第十条 / 第七条: the year passes only with each mode ≥ 24 学时 and 学分 and the total ≥ 72; a
      // failed year fails the cycle and its 学时学分 are not counted.
      const passes = [ch, cc, oh, oc, sh, sc].every((x) => x! >= 24) && ch! + oh! + sh! >= 72 && cc! + oc! + sc! >= 72;
      if (!passes) {
        findings.push(`cycle-every-year@${y}`);
        continue;
      }
      toDate.ch += ch!;
      toDate.cc += cc!;
      toDate.oh += oh!;
      toDate.oc += oc!;
      toDate.sh += sh!;
      toDate.sc += sc!;
    }
    // An ended cycle: a year without a return (after joining) is missing, and fails the cycle.
    for (const y of PUER_YEARS) if (!years.includes(y) && (joined === null || y > joined)) findings.push(`cycle-missing-year@${y}`);
    const schools = years.map((y) => PUER_SCHOOLS[pl.schoolOf[y]!]!);
    for (let i = 1; i < schools.length; i++) if (schools[i] !== schools[i - 1]) findings.push(`teacher-moved@${years[i]}`);
    const hours = toDate.ch + toDate.oh + toDate.sh;
    const credits = toDate.cc + toDate.oc + toDate.sc;
    // 第十条, 细则 三: ≥ 360 学时 and 学分; each mode ≥ 120 学时, 校本 ≥ 120 学分 — a joiner's scaled
    // by the years after joining ÷ 5 (the cycle.prorate decision).
    const share = joined === null ? 1 : (2025 - joined) / 5;
    if (hours < 360 * share) findings.push('cycle-total-minimum@total.hours');
    if (credits < 360 * share) findings.push('cycle-total-minimum@total.credits');
    if (toDate.ch < 120 * share) findings.push('cycle-mode-minimum@concentrated.hours');
    if (toDate.oh < 120 * share) findings.push('cycle-mode-minimum@online.hours');
    if (toDate.sh < 120 * share) findings.push('cycle-mode-minimum@school.hours');
    if (toDate.sc < 120 * share) findings.push('cycle-mode-minimum@school.credits');
    const incomplete = findings.some((f) => /^cycle-(total|mode|every-year|missing-year)/.test(f));
    return { id: pl.p.id, name: pl.p.name, school: schools.at(-1)!, status: incomplete ? 'incomplete' : 'complete', findings: findings.sort() };
  });
  const schools = PUER_SCHOOLS.map((name) => {
    const members = teachers.filter((t) => t.school === name);
    const incomplete = members.filter((t) => t.status === 'incomplete').length;
    return { name, teachers: members.length, incomplete, flagged: incomplete * 5 >= members.length };
  });
  return { cycle: { start: 2021, end: 2025, asOf: 2025, teachers: teachers.sort((a, b) => a.id.localeCompare(b.id)), schools } };
}

async function writePuerCycle(root: string): Promise<void> {
  const dir = path.join(root, 'puer-cycle');
  const plans = puerPlans();
  for (const y of PUER_YEARS) {
    mkdirSync(path.join(dir, String(y)), { recursive: true });
    for (const [si, school] of PUER_SCHOOLS.entries()) {
      const rows: RowSpec[] = plans
        .filter((pl) => pl.schoolOf[y] === si)
        .map((pl) => teacher(pl.p, pl.values[y]!, pl.remarks[y] ? { remarks: pl.remarks[y] } : {}));
      for (const f of FOOTERS) rows.push({ kind: 'footer', text: f });
      const built = build({ file: '', col: 1, preamble: [['附件2—2'], [`${y}年度${TITLE}`], [`学校(盖章):${school}`]], rows }, y, school);
      await writeXlsx(path.join(dir, String(y), `${y}年度${school}.xlsx`), built);
    }
  }
  writeFileSync(path.join(dir, 'expected.json'), JSON.stringify(puerCycleExpected(plans), null, 2) + '\n');
}

export async function makeCycleFixtures(root: string): Promise<void> {
  await writeHangzhou(root);
  await writePuerCycle(root);
}
