/**
 * Generates fixtures/fidelity/: one folder per verdict that seeds 001 (普洱) and 004 (杭州) settle
 * (issue 22), each with its returns and `expected.json` — the runs to make and, per run, every
 * teacher's status and the findings of the checks the case is about, as the clause decides them.
 * Each case plants both sides of its boundary. Re-runnable: `npm run fixtures:fidelity` (seeded).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { person, rng, type Person } from './fixture-kit.js';
import { build, FOOTERS, teacher, TITLE, writeXlsx, type RowSpec, type TeacherSpec } from './make-fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '..', 'fixtures', 'fidelity');
const RULES = path.resolve(import.meta.dirname, '..', 'rules');
const r = rng(20261206);

type Six = TeacherSpec['v'];
/** Exactly the annual minimums: each mode 24 学时 and 24 学分 (第十条; 细则 三). */
const MIN: Six = [24, 24, 24, 24, 24, 24];
/** A full year: 40 学时 and 40 学分 in each mode (120 a year). */
const FULL: Six = [40, 40, 40, 40, 40, 40];
/** Online 20 学时 and 20 学分: the year fails (网络研修 < 24), whatever the rest. */
const ONLINE_20: Six = [40, 40, 20, 20, 40, 40];

interface Line {
  p: Person;
  v: Six;
  remarks?: string;
}

export interface Expected {
  about: string;
  runs: Run[];
}

/** One audit of the case's inputs and what it must give. */
export interface Run {
  name: string;
  /** Inputs, relative to the case folder. */
  files: string[];
  /** A built-in rule set id, or a rule file in the case folder. */
  rules: string;
  cycle?: string;
  asOf?: number;
  /** Findings of these checks are compared exactly, as `check@key:severity`. */
  watch: string[];
  /** Cycle runs: by 身份证号; yearly runs: by `身份证号@year`. */
  teachers: Record<string, { name: string; status: string; findings: string[] }>;
  schools?: Array<{ name: string; year: number | null; teachers: number; incomplete: number; exempt: number; flagged: boolean; severity?: string }>;
  /** A school check's finding for a school and year: its severity, or null where there must be none. */
  schoolChecks?: Array<{ check: string; school: string; year: number | null; severity: string | null }>;
}

async function form(dir: string, year: number, school: string, lines: Line[]): Promise<string> {
  const rows: RowSpec[] = lines.map((l) => teacher(l.p, l.v, l.remarks ? { remarks: l.remarks } : {}));
  for (const f of FOOTERS) rows.push({ kind: 'footer', text: f });
  const built = build({ file: '', col: 1, preamble: [['附件2—2'], [`${year}年度${TITLE}`], [`学校(盖章):${school}`]], rows }, year, school);
  const file = `${year}年度${school}.xlsx`;
  await writeXlsx(path.join(dir, file), built);
  return file;
}

/** A copy of a built-in rule file with lines changed: the other side of a rule-file option. */
function ruleVariant(dir: string, id: string, file: string, ...changes: Array<[string, string]>): string {
  let text = readFileSync(path.join(RULES, `${id}.yaml`), 'utf8');
  for (const [from, to] of changes) {
    if (!text.includes(from)) throw new Error(`${id}.yaml has no "${from}"`);
    text = text.replace(from, to);
  }
  writeFileSync(path.join(dir, file), text.replace(/^id: .*$/m, `id: ${id}-variant`));
  return `./${file}`;
}

const HZ_HEAD = ['序号', '姓名', '身份证号码', '单位名称', '培训年度', '项目编号', '项目名称', '培训类别', '培训层次', '学时', '学分', '审核状态', '备注'];
interface HzRec {
  p: Person;
  year: number;
  project: string;
  mode: '集中培训' | '网络研修' | '校本培训';
  credits: number;
  projectId?: string;
  status?: string;
  remarks?: string;
}

async function hzExport(dir: string, file: string, school: string, recs: HzRec[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date('2026-03-01T08:00:00Z');
  const ws = wb.addWorksheet('学分明细');
  ws.addRow(HZ_HEAD);
  recs.forEach((x, i) =>
    ws.addRow([i + 1, x.p.name, x.p.id, school, `${x.year}`, x.projectId ?? `ZJ${x.year}${String(5000 + i)}`, x.project, x.mode, x.mode === '校本培训' ? '校级' : '市级', x.credits, x.credits, x.status ?? '已认定', x.remarks ?? '']),
  );
  ws.getColumn(3).numFmt = '@';
  await wb.xlsx.writeFile(path.join(dir, file));
  return file;
}

/** A Hangzhou year of `credits` in three records: half 集中, a quarter each 网络 and 校本 (≤ 30, seed 004 §六). */
function hzYear(p: Person, year: number, credits: number): HzRec[] {
  return [
    { p, year, project: '新课程新教材实施专题培训', mode: '集中培训', credits: credits / 2 },
    { p, year, project: '师德师风网络专题学习', mode: '网络研修', credits: credits / 4 },
    { p, year, project: '校本研修·大单元教学设计', mode: '校本培训', credits: credits / 4 },
  ];
}

const YEARS = [2021, 2022, 2023, 2024, 2025];
const who = (p: Person) => ({ name: p.name });
const withSubject = (p: Person, subject: string): Person => ({ ...p, subject });

// ---------------------------------------------------------------- the cases

/** 1. A failed year inside a cycle fails the cycle (第十条, 第七条; 71号 第四条). */
async function everyYear(dir: string): Promise<Expected> {
  const school = '思茅区第五中学';
  const [steady, weak2023, atMinimum, weakDropped] = [person(r), person(r), person(r), person(r)];
  const plan: Record<number, Line[]> = {};
  for (const y of YEARS) {
    plan[y] = [
      { p: steady, v: FULL },
      // 20 online in 2023, 120 a year otherwise: 480 over the four other years, each mode 160.
      { p: weak2023, v: y === 2023 ? ONLINE_20 : FULL },
      { p: atMinimum, v: MIN },
      // 72 a year, 2023 failed with 100 学时: 388 with it, 288 without (第七条: not 认定).
      { p: weakDropped, v: y === 2023 ? ONLINE_20 : MIN },
    ];
  }
  const files = [];
  for (const y of YEARS) files.push(await form(dir, y, school, plan[y]!));
  const off = ruleVariant(dir, 'puer', 'puer-everyYear-off.yaml', ['everyYear: true', 'everyYear: false']);
  const keep = ruleVariant(dir, 'puer', 'puer-keep-failed-years.yaml', ['dropFailedYears: true', 'dropFailedYears: false']);
  const watch = ['cycle-every-year', 'cycle-total-minimum', 'cycle-mode-minimum'];
  const failed2023 = 'cycle-every-year@2023:error';
  const onlineShort = ['cycle-mode-minimum@online.hours:error'];
  return {
    about: '普洱 第十条 "每年…不少于72", 第七条 (a failed year is not 认定): a failed year fails the cycle, and its 学时学分 leave the totals',
    runs: [
      {
        name: 'ended: the failed year makes the cycle incomplete and is named',
        files,
        rules: 'puer',
        cycle: '2021-2025',
        watch,
        teachers: {
          [steady.id]: { ...who(steady), status: 'complete', findings: [] },
          [weak2023.id]: { ...who(weak2023), status: 'incomplete', findings: [failed2023] },
          [atMinimum.id]: { ...who(atMinimum), status: 'complete', findings: [] },
          // 288 学时学分 without 2023: every total short; 网络 96 < 120, the other modes 96 + 0 < 120 too.
          [weakDropped.id]: {
            ...who(weakDropped),
            status: 'incomplete',
            findings: [
              failed2023,
              'cycle-mode-minimum@concentrated.hours:error',
              'cycle-mode-minimum@online.hours:error',
              'cycle-mode-minimum@school.credits:error',
              'cycle-mode-minimum@school.hours:error',
              'cycle-total-minimum@total.credits:error',
              'cycle-total-minimum@total.hours:error',
            ].sort(),
          },
        },
      },
      {
        name: 'running (as of 2024): the failed year makes the teacher behind, not incomplete',
        files: files.slice(0, 4),
        rules: 'puer',
        cycle: '2021-2025',
        watch: ['cycle-every-year'],
        teachers: {
          [steady.id]: { ...who(steady), status: 'in-progress', findings: [] },
          [weak2023.id]: { ...who(weak2023), status: 'behind', findings: ['cycle-every-year@2023:warning'] },
          [atMinimum.id]: { ...who(atMinimum), status: 'in-progress', findings: [] },
          [weakDropped.id]: { ...who(weakDropped), status: 'behind', findings: ['cycle-every-year@2023:warning'] },
        },
      },
      {
        name: 'cycle.everyYear off: the totals alone decide (the option\'s other side)',
        files,
        rules: off,
        cycle: '2021-2025',
        watch,
        teachers: {
          [steady.id]: { ...who(steady), status: 'complete', findings: [] },
          [weak2023.id]: { ...who(weak2023), status: 'complete', findings: [] },
          [atMinimum.id]: { ...who(atMinimum), status: 'complete', findings: [] },
          // Still dropped (dropFailedYears is on): 288 over the four years.
          [weakDropped.id]: {
            ...who(weakDropped),
            status: 'incomplete',
            findings: [
              'cycle-mode-minimum@concentrated.hours:error',
              'cycle-mode-minimum@online.hours:error',
              'cycle-mode-minimum@school.credits:error',
              'cycle-mode-minimum@school.hours:error',
              'cycle-total-minimum@total.credits:error',
              'cycle-total-minimum@total.hours:error',
            ].sort(),
          },
        },
      },
      {
        name: 'dropFailedYears off: the failed year\'s 100 count (388 ≥ 360), but the year still fails the cycle',
        files,
        rules: keep,
        cycle: '2021-2025',
        watch,
        teachers: {
          [steady.id]: { ...who(steady), status: 'complete', findings: [] },
          [weak2023.id]: { ...who(weak2023), status: 'incomplete', findings: [failed2023] },
          [atMinimum.id]: { ...who(atMinimum), status: 'complete', findings: [] },
          // 网络 4 × 24 + 20 = 116 < 120: the only total short once 2023 counts.
          [weakDropped.id]: { ...who(weakDropped), status: 'incomplete', findings: [failed2023, ...onlineShort].sort() },
        },
      },
    ],
  };
}

/** 1 (杭州 side). 71号 第四条: every year ≥ 24, a failed year's credits still count toward 360. */
async function everyYearHangzhou(dir: string): Promise<Expected> {
  const school = '杭州市文三街小学';
  const [steady, weak, exact] = [person(r), person(r), person(r)];
  const recs: HzRec[] = [];
  for (const y of [2022, 2023, 2024, 2025, 2026]) {
    recs.push(...hzYear(steady, y, 90), ...hzYear(exact, y, 72));
    // 20 in 2024, 100 otherwise: 420 ≥ 360, yet 2024 misses 24.
    recs.push(...hzYear(weak, y, y === 2024 ? 20 : 100));
  }
  // One single concentrated training of 90 each (the 2010 rule), so only the rule under test decides.
  for (const p of [steady, weak, exact]) recs.push({ p, year: 2022, project: '90学分限定选修·走进名校', mode: '集中培训', credits: 90 });
  const file = await hzExport(dir, '杭州市文三街小学学分明细-2022-2026.xlsx', school, recs);
  return {
    about: '浙教师〔2016〕71号 第四条 "周期内累计不少于360学分，每年不少于24学分": a failed year fails the cycle; its credits still count',
    runs: [
      {
        name: 'ended 2022-2026: 420 学分 with a year of 20 is incomplete',
        files: [file],
        rules: 'hangzhou',
        cycle: '2022-2026',
        asOf: 2026,
        watch: ['cycle-every-year', 'cycle-total-minimum', 'annual-total-minimum'],
        teachers: {
          [steady.id]: { ...who(steady), status: 'complete', findings: [] },
          [weak.id]: { ...who(weak), status: 'incomplete', findings: ['annual-total-minimum@2024:error', 'cycle-every-year@2024:error'] },
          [exact.id]: { ...who(exact), status: 'complete', findings: [] },
        },
      },
    ],
  };
}

/** 2. Exemptions are phrases, not substrings (第十条; 71号 第四条). */
async function phrases(dir: string): Promise<Expected> {
  // A school of 6 with 2 incomplete: the two "exempt by substring" remarks must not hide them.
  const a = '墨江县第三小学';
  const mentor = person(r);
  const notNew = person(r);
  const fourComplete = [person(r), person(r), person(r), person(r)];
  const fa = await form(dir, 2025, a, [
    { p: mentor, v: [24, 24, 24, 24, 12, 12], remarks: '新教师指导教师' },
    { p: notNew, v: [24, 24, 24, 24, 12, 12], remarks: '非新教师' },
    ...fourComplete.map((p) => ({ p, v: FULL })),
  ]);
  // A real 新任教师 among 6: exempt, so 1 incomplete of 5 audited — exactly 20 %, flagged.
  const b = '墨江县第四小学';
  const newcomer = person(r);
  const certificate = person(r);
  const bOthers = [person(r), person(r), person(r), person(r)];
  const fb = await form(dir, 2025, b, [
    { p: newcomer, v: [0, 0, 0, 0, 0, 0], remarks: '新任教师（参加上岗培训）' },
    // A certificate course is not a new teacher: audited, and short.
    { p: certificate, v: [24, 24, 24, 24, 12, 12], remarks: '心理健康教育C证上岗培训' },
    ...bOthers.map((p) => ({ p, v: FULL })),
  ]);
  // 杭州 records.
  const hzSchool = '杭州市长寿桥小学';
  const [hzMentor, hzCert, hzProbation] = [person(r), person(r), person(r)];
  const recs: HzRec[] = [
    // 新教师导师 on one record: a mentor, audited; 20 < 24.
    { p: hzMentor, year: 2025, project: '师德师风网络专题学习', mode: '网络研修', credits: 20, remarks: '新教师导师' },
    // A certificate course counts: 20 + 10 = 30 ≥ 24.
    { p: hzCert, year: 2025, project: '心理健康教育C证上岗培训', mode: '集中培训', credits: 20 },
    { p: hzCert, year: 2025, project: '校本研修·课堂教学诊断', mode: '校本培训', credits: 10 },
    // Real probation: not counted, each record reported, the year exempt.
    { p: hzProbation, year: 2025, project: '新教师入职培训（第一阶段）', mode: '集中培训', credits: 90 },
    { p: hzProbation, year: 2025, project: '新教师入职培训（第二阶段）', mode: '校本培训', credits: 90 },
  ];
  const fh = await hzExport(dir, '杭州市长寿桥小学学分明细-2025.xlsx', hzSchool, recs);
  const y = (p: Person) => `${p.id}@2025`;
  return {
    about: '新任教师 and probation recognised by whole phrases with exclusions (导师, 指导, 非, C证), each exclusion reported',
    runs: [
      {
        name: '普洱: 新教师指导教师 and 非新教师 are audited (2 of 6 flag the school); a real 新任教师 is exempt (1 of 5 flags)',
        files: [fa, fb],
        rules: 'puer',
        watch: ['teacher-exempt', 'school-incomplete-share'],
        teachers: {
          [y(mentor)]: { ...who(mentor), status: 'incomplete', findings: [] },
          [y(notNew)]: { ...who(notNew), status: 'incomplete', findings: [] },
          ...Object.fromEntries(fourComplete.map((p) => [y(p), { ...who(p), status: 'complete', findings: [] }])),
          [y(newcomer)]: { ...who(newcomer), status: 'exempt', findings: ['teacher-exempt@2025:info'] },
          [y(certificate)]: { ...who(certificate), status: 'incomplete', findings: [] },
          ...Object.fromEntries(bOthers.map((p) => [y(p), { ...who(p), status: 'complete', findings: [] }])),
        },
        schools: [
          { name: a, year: 2025, teachers: 6, incomplete: 2, exempt: 0, flagged: true, severity: 'error' },
          { name: b, year: 2025, teachers: 5, incomplete: 1, exempt: 1, flagged: true, severity: 'error' },
        ],
      },
      {
        name: '杭州: 新教师导师 is audited, a C证上岗培训 counts, 新教师入职培训 is probation (each record reported)',
        files: [fh],
        rules: 'hangzhou',
        cycle: '2022-2026',
        watch: ['teacher-exempt', 'annual-total-minimum'],
        teachers: {
          [hzMentor.id]: { ...who(hzMentor), status: 'behind', findings: ['annual-total-minimum@2025:error'] },
          [hzCert.id]: { ...who(hzCert), status: 'behind', findings: [] },
          [hzProbation.id]: { ...who(hzProbation), status: 'exempt', findings: ['teacher-exempt@2025:info', 'teacher-exempt@2025:info', 'teacher-exempt@2025:info'] },
        },
      },
    ],
  };
}

/** 3. Exempt only in the first year (第十条 "任职第一年"). */
async function firstYearOnly(dir: string): Promise<Expected> {
  const school = '宁洱县第二中学';
  const twice = person(r);
  const onlyNow = person(r);
  const lateMark = person(r);
  const others = [person(r), person(r), person(r)];
  const f24 = await form(dir, 2024, school, [
    { p: twice, v: [0, 0, 0, 0, 0, 0], remarks: '新任教师' },
    { p: lateMark, v: FULL },
    ...others.map((p) => ({ p, v: FULL })),
  ]);
  const f25 = await form(dir, 2025, school, [
    { p: twice, v: [24, 24, 24, 24, 12, 12], remarks: '新任教师' },
    { p: onlyNow, v: [0, 0, 0, 0, 0, 0], remarks: '新任教师' },
    { p: lateMark, v: [24, 24, 24, 24, 12, 12], remarks: '新教师' },
    ...others.map((p) => ({ p, v: FULL })),
  ]);
  const k = (p: Person, year: number) => `${p.id}@${year}`;
  const complete = (year: number) => Object.fromEntries(others.map((p) => [k(p, year), { ...who(p), status: 'complete', findings: [] }]));
  return {
    about: '普洱 第十条 "任职第一年": marked new in two years, exempt only in the first; the repeat is a warning',
    runs: [
      {
        name: 'two years: the second marked year is audited and the repeat reported',
        files: [f24, f25],
        rules: 'puer',
        watch: ['teacher-exempt', 'exemption-repeated'],
        teachers: {
          [k(twice, 2024)]: { ...who(twice), status: 'exempt', findings: ['teacher-exempt@2024:info'] },
          [k(twice, 2025)]: { ...who(twice), status: 'incomplete', findings: ['exemption-repeated@2025:warning'] },
          [k(onlyNow, 2025)]: { ...who(onlyNow), status: 'exempt', findings: ['teacher-exempt@2025:info'] },
          [k(lateMark, 2024)]: { ...who(lateMark), status: 'complete', findings: [] },
          [k(lateMark, 2025)]: { ...who(lateMark), status: 'incomplete', findings: ['exemption-repeated@2025:warning'] },
          ...complete(2024),
          ...complete(2025),
        },
        // 2025: 2 incomplete of 5 audited (onlyNow exempt).
        schools: [
          { name: school, year: 2024, teachers: 4, incomplete: 0, exempt: 1, flagged: false },
          { name: school, year: 2025, teachers: 5, incomplete: 2, exempt: 1, flagged: true, severity: 'error' },
        ],
      },
      {
        name: 'one year alone: the marked year is the first in the inputs and is exempt',
        files: [f25],
        rules: 'puer',
        watch: ['teacher-exempt', 'exemption-repeated'],
        teachers: {
          [k(twice, 2025)]: { ...who(twice), status: 'exempt', findings: ['teacher-exempt@2025:info'] },
          [k(onlyNow, 2025)]: { ...who(onlyNow), status: 'exempt', findings: ['teacher-exempt@2025:info'] },
          [k(lateMark, 2025)]: { ...who(lateMark), status: 'exempt', findings: ['teacher-exempt@2025:info'] },
          ...complete(2025),
        },
      },
    ],
  };
}

/** 4. 校本研修 ≥ 120 学分 over the cycle (第十条; 细则 三 校本研修模块). */
async function schoolCredits(dir: string): Promise<Expected> {
  const school = '景谷县第一中学';
  // Without everyYear (so the cycle minimum alone decides): 校本 240 学时 and 116 学分 fails,
  // 120 学分 passes. Each year 48 学时; 23.2 or 24 学分.
  const [short, exact] = [person(r), person(r)];
  const files = [];
  for (const y of YEARS) {
    files.push(
      await form(dir, y, school, [
        { p: short, v: [40, 40, 40, 40, 48, 23.2] },
        { p: exact, v: [40, 40, 40, 40, 48, 24] },
      ]),
    );
  }
  // Both off, so the failing years (校本 23.2 学分 < 24) neither fail nor leave the cycle.
  const off = ruleVariant(dir, 'puer', 'puer-years-off.yaml', ['everyYear: true', 'everyYear: false'], ['dropFailedYears: true', 'dropFailedYears: false']);
  return {
    about: '普洱 细则 三 校本研修模块: 校本 ≥ 120 学分 over the cycle, checked on its own',
    runs: [
      {
        name: '240 学时 with 116 学分 fails; with 120 学分 passes',
        files,
        rules: off,
        cycle: '2021-2025',
        watch: ['cycle-mode-minimum', 'cycle-total-minimum'],
        teachers: {
          [short.id]: { ...who(short), status: 'incomplete', findings: ['cycle-mode-minimum@school.credits:error'] },
          [exact.id]: { ...who(exact), status: 'complete', findings: [] },
        },
      },
    ],
  };
}

/** 5. Missing years and joiners (第十条; REGULATIONS.md puer decisions). */
async function joiners(dir: string): Promise<Expected> {
  const school = '澜沧县第二中学';
  const gap = person(r); // no 2023 return
  const joined = person(r); // 新任教师 in 2023, 72 a year after
  const joinedShort = person(r); // 新任教师 in 2023, 72 then 71.5 学分 … fails 2025 anyway
  const late = person(r); // first return in 2023, no marker: 2021–2022 missing
  const steady = person(r);
  const files = [];
  for (const y of YEARS) {
    const lines: Line[] = [{ p: steady, v: MIN }];
    if (y !== 2023) lines.push({ p: gap, v: FULL });
    if (y === 2023) lines.push({ p: joined, v: [0, 0, 0, 0, 0, 0], remarks: '2023年9月入职新教师' }, { p: joinedShort, v: [0, 0, 0, 0, 0, 0], remarks: '新任教师' });
    if (y > 2023) lines.push({ p: joined, v: MIN }, { p: joinedShort, v: y === 2025 ? [24, 24, 24, 24, 23.5, 24] : MIN });
    if (y >= 2023) lines.push({ p: late, v: FULL });
    files.push(await form(dir, y, school, lines));
  }
  const noProrate = ruleVariant(dir, 'puer', 'puer-prorate-off.yaml', ['prorate: true', 'prorate: false']);
  const watch = ['cycle-missing-year', 'cycle-total-minimum', 'cycle-mode-minimum', 'cycle-every-year'];
  return {
    about: 'a covered year without a return fails an ended cycle; a 新任教师 inside the cycle joined then (not missing before; minimums pro-rated)',
    runs: [
      {
        name: 'ended: missing 2023 is incomplete; the 2023 joiner answers for 2/5 (144) and is complete at 144; without a marker, earlier years are missing',
        files,
        rules: 'puer',
        cycle: '2021-2025',
        watch,
        teachers: {
          [steady.id]: { ...who(steady), status: 'complete', findings: [] },
          [gap.id]: { ...who(gap), status: 'incomplete', findings: ['cycle-missing-year@2023:error'] },
          [joined.id]: { ...who(joined), status: 'complete', findings: [] },
          // 2025 fails (校本 23.5 学时) and is dropped: 72 of 144, and each mode 24 of 48.
          [joinedShort.id]: {
            ...who(joinedShort),
            status: 'incomplete',
            findings: [
              'cycle-every-year@2025:error',
              'cycle-mode-minimum@concentrated.hours:error',
              'cycle-mode-minimum@online.hours:error',
              'cycle-mode-minimum@school.credits:error',
              'cycle-mode-minimum@school.hours:error',
              'cycle-total-minimum@total.credits:error',
              'cycle-total-minimum@total.hours:error',
            ].sort(),
          },
          [late.id]: { ...who(late), status: 'incomplete', findings: ['cycle-missing-year@2021:error', 'cycle-missing-year@2022:error'] },
        },
      },
      {
        name: 'running (as of 2024): the missing year makes the teacher behind; the joiner is on pace at 72 of 72',
        files: files.slice(0, 4),
        rules: 'puer',
        cycle: '2021-2025',
        watch: ['cycle-missing-year', 'cycle-total-minimum'],
        teachers: {
          [steady.id]: { ...who(steady), status: 'in-progress', findings: [] },
          [gap.id]: { ...who(gap), status: 'behind', findings: ['cycle-missing-year@2023:warning'] },
          [joined.id]: { ...who(joined), status: 'in-progress', findings: [] },
          [joinedShort.id]: { ...who(joinedShort), status: 'in-progress', findings: [] },
          [late.id]: {
            ...who(late),
            status: 'behind',
            findings: ['cycle-missing-year@2021:warning', 'cycle-missing-year@2022:warning', 'cycle-total-minimum@pace.total.credits:warning', 'cycle-total-minimum@pace.total.hours:warning'],
          },
        },
      },
      {
        name: 'cycle.prorate off: the joiner answers for the whole 360 and is incomplete',
        files,
        rules: noProrate,
        cycle: '2021-2025',
        watch: ['cycle-total-minimum', 'cycle-missing-year'],
        teachers: {
          [steady.id]: { ...who(steady), status: 'complete', findings: [] },
          [gap.id]: { ...who(gap), status: 'incomplete', findings: ['cycle-missing-year@2023:error'] },
          [joined.id]: { ...who(joined), status: 'incomplete', findings: ['cycle-total-minimum@total.credits:error', 'cycle-total-minimum@total.hours:error'] },
          [joinedShort.id]: { ...who(joinedShort), status: 'incomplete', findings: ['cycle-total-minimum@total.credits:error', 'cycle-total-minimum@total.hours:error'] },
          [late.id]: { ...who(late), status: 'incomplete', findings: ['cycle-missing-year@2021:error', 'cycle-missing-year@2022:error'] },
        },
      },
    ],
  };
}

/** 6. Pace over the covered years only (a one-year export). 7. Recognised statuses. */
async function paceAndStatuses(dir: string): Promise<Expected> {
  const school = '杭州第十四中学';
  const [onPace, behind, statuses, pending] = [person(r), person(r), person(r), person(r)];
  const recs: HzRec[] = [
    ...hzYear(onPace, 2025, 72),
    ...hzYear(behind, 2025, 71.4),
    // Four recognised spellings: 18 × 4 = 72, on pace only if every one counts.
    { p: statuses, year: 2025, project: '新课程新教材实施专题培训', mode: '集中培训', credits: 18, status: '认定通过' },
    { p: statuses, year: 2025, project: '师德师风网络专题学习', mode: '网络研修', credits: 18, status: '终审通过' },
    { p: statuses, year: 2025, project: '校本研修·大单元教学设计', mode: '校本培训', credits: 18, status: '审核通过' },
    { p: statuses, year: 2025, project: '作业设计与评价网络课程', mode: '网络研修', credits: 18, status: '已通过' },
    // A pending record that would have put the teacher on pace.
    ...hzYear(pending, 2025, 60),
    { p: pending, year: 2025, project: '学科带头人高级研修班', mode: '集中培训', credits: 12, status: '待审核' },
  ];
  const file = await hzExport(dir, '杭州第十四中学学分明细-2025.xlsx', school, recs);
  return {
    about: 'pace over the years the inputs cover (one year: 72, not 288); 认定通过, 终审通过, 审核通过, 已通过 recognised',
    runs: [
      {
        name: 'a 2025-only export of cycle 2022-2026: 72 is on pace, 71.4 is behind; pending credits do not count',
        files: [file],
        rules: 'hangzhou',
        cycle: '2022-2026',
        watch: ['cycle-total-minimum', 'cycle-missing-year'],
        teachers: {
          [onPace.id]: { ...who(onPace), status: 'in-progress', findings: [] },
          [behind.id]: { ...who(behind), status: 'behind', findings: ['cycle-total-minimum@pace.total.credits:warning'] },
          [statuses.id]: { ...who(statuses), status: 'in-progress', findings: [] },
          [pending.id]: { ...who(pending), status: 'behind', findings: ['cycle-total-minimum@pace.total.credits:warning'] },
        },
      },
    ],
  };
}

/** 8. One 90-学分 training delivered in phases (seed 004 §四, 送培到校). */
async function phases(dir: string): Promise<Expected> {
  const school = '浙江大学附属中学';
  const [phased, split, single] = [person(r), person(r), person(r)];
  const recs: HzRec[] = [];
  for (const y of [2022, 2023, 2024, 2025, 2026]) recs.push(...hzYear(phased, y, 75), ...hzYear(split, y, 75), ...hzYear(single, y, 75));
  recs.push(
    { p: phased, year: 2023, project: '送培到校·走进名校（第一阶段）', mode: '集中培训', credits: 45, projectId: 'ZJ2023S088' },
    { p: phased, year: 2024, project: '送培到校·走进名校（第二阶段）', mode: '集中培训', credits: 45, projectId: 'ZJ2023S088' },
    // Two trainings of 45: not one of 90.
    { p: split, year: 2023, project: '新课程新教材实施专题培训（上）', mode: '集中培训', credits: 45, projectId: 'ZJ2023S101' },
    { p: split, year: 2024, project: '新课程新教材实施专题培训（下）', mode: '集中培训', credits: 45, projectId: 'ZJ2024S102' },
    { p: single, year: 2024, project: '90学分限定选修·走进名校', mode: '集中培训', credits: 90, projectId: 'ZJ2024X001' },
  );
  const file = await hzExport(dir, '浙大附中学分明细-2022-2026.xlsx', school, recs);
  return {
    about: 'records sharing a 项目编号 are one training for cycle-single-record-minimum; different projects never add up',
    runs: [
      {
        name: 'ended 2022-2026: 45 + 45 of one 项目编号 reach 90; 45 + 45 of two do not',
        files: [file],
        rules: 'hangzhou',
        cycle: '2022-2026',
        asOf: 2026,
        watch: ['cycle-single-record-minimum'],
        teachers: {
          [phased.id]: { ...who(phased), status: 'complete', findings: [] },
          [split.id]: { ...who(split), status: 'incomplete', findings: ['cycle-single-record-minimum@concentrated.credits:error'] },
          [single.id]: { ...who(single), status: 'complete', findings: [] },
        },
      },
    ],
  };
}

/** 9. The 20 % school rule by period (细则 五(三) "当年"); 10. a move across 学段. */
async function schoolPeriods(dir: string): Promise<Expected> {
  const school = '西盟县第一中学';
  const weak = person(r); // fails 2025 only
  const fine = [person(r), person(r), person(r), person(r)];
  const mover = person(r);
  const files = [];
  for (const y of YEARS) {
    files.push(
      await form(dir, y, school, [
        { p: weak, v: y === 2025 ? ONLINE_20 : FULL },
        ...fine.map((p) => ({ p, v: FULL })),
        // 小学 until 2024, then 初中 (same school): a change of 学段, listed for review.
        { p: y < 2025 ? withSubject(mover, '小学数学') : withSubject(mover, '初中数学'), v: FULL },
      ]),
    );
  }
  return {
    about: '细则 五(三) "当年": a year\'s flag is an error, the cycle\'s share a warning; a 学段 change is info',
    runs: [
      {
        name: 'cycle 2021-2025: 1 of 6 in 2025 (not flagged); 1 of 6 over the cycle (not flagged); 学段 change listed',
        files,
        rules: 'puer',
        cycle: '2021-2025',
        watch: ['teacher-moved', 'cycle-every-year'],
        teachers: {
          [weak.id]: { ...who(weak), status: 'incomplete', findings: ['cycle-every-year@2025:error'] },
          ...Object.fromEntries(fine.map((p) => [p.id, { ...who(p), status: 'complete', findings: [] }])),
          [mover.id]: { ...who(mover), status: 'complete', findings: ['teacher-moved@2025:info'] },
        },
        schools: [{ name: school, year: null, teachers: 6, incomplete: 1, exempt: 0, flagged: false }],
      },
      {
        name: 'only the 2024-2025 returns of the ended cycle: 240 of 360 leaves all 6 incomplete, flagged over the cycle at warning; 1 of 6 in 2025 is not flagged',
        files: files.slice(3),
        rules: 'puer',
        cycle: '2021-2025',
        watch: ['cycle-every-year'],
        teachers: {},
        schools: [
          { name: school, year: null, teachers: 6, incomplete: 6, exempt: 0, flagged: true, severity: 'warning' },
          { name: school, year: 2025, teachers: 6, incomplete: 1, exempt: 0, flagged: false },
        ],
      },
    ],
  };
}

export async function makeFidelityFixtures(): Promise<void> {
  rmSync(ROOT, { recursive: true, force: true });
  const cases: Array<[string, (dir: string) => Promise<Expected>]> = [
    ['01-every-year', everyYear],
    ['01-every-year-hangzhou', everyYearHangzhou],
    ['02-phrases', phrases],
    ['03-first-year-only', firstYearOnly],
    ['04-school-credits', schoolCredits],
    ['05-missing-years-and-joiners', joiners],
    ['06-pace-and-statuses', paceAndStatuses],
    ['08-phases', phases],
    ['09-school-periods', schoolPeriods],
  ];
  for (const [name, make] of cases) {
    const dir = path.join(ROOT, name);
    mkdirSync(dir, { recursive: true });
    const expected = await make(dir);
    writeFileSync(path.join(dir, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  await makeFidelityFixtures();
  console.log(`fixtures written to ${ROOT}`);
}
