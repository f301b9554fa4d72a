/**
 * End-to-end cases for 上海虹口 and 温州 (issue 19) in the generic per-record layout (shape
 * `records`), written to fixtures/regions/<case>/ with an `expected.json` of the same form as
 * fixtures/fidelity/ (scripts/make-fidelity-fixtures.ts), so test/fidelity-scenario.test.ts runs
 * them too. The verdicts are planted by design, each with the clause that decides it; both sides of
 * each boundary. Run: `npm run fixtures:regions`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { chineseName, idNumber, rng } from './fixture-kit.js';
import type { Expected } from './make-fidelity-fixtures.js';
import { TABLE1, type Table1Cell } from './hongkou-table1.js';

const ROOT = path.resolve(import.meta.dirname, '..', 'fixtures', 'regions');
const r = rng(20161231);
/** 虹口区 310109, 温州 鹿城区 330302 (GB/T 2260). */
const person = (region: string) => {
  const gender = r() < 0.6 ? ('女' as const) : ('男' as const);
  return { name: chineseName(r), id: idNumber(r, gender, region) };
};
type P = ReturnType<typeof person>;
const who = (p: P) => ({ name: p.name });

function csv(dir: string, file: string, head: string[], rows: Array<Array<string | number>>): string {
  writeFileSync(path.join(dir, file), stringify([head, ...rows.map((row) => row.map(String))]), 'utf8');
  return file;
}

// ---------------------------------------------------------------- 上海虹口 十三五 (seed 000, 附件 二)

const HK_HEAD = ['身份证号', '姓名', '学校', '培训日期', '项目名称', '培训层次', '课程类别', '是否信息技术', '学分', '学时', '职称'];
type Cell = Table1Cell;

function hkRows(p: P, school: string, cells: readonly Cell[], title = '一级教师'): Array<Array<string | number>> {
  return cells.map(([level, category, credits, it], i) => [p.id, p.name, school, `${2016 + (i % 5)}-10-1${i % 9}`, `${category}·${level}课程${i + 1}`, level, category, it ? '是' : '否', credits, '', title]);
}

async function hongkou(dir: string): Promise<Expected> {
  const school = '上海市虹口区第一中学';
  const exact = person('310109');
  const covered = person('310109');
  const uncovered = person('310109');
  const noCredits = person('310109');
  const rows = [
    ...hkRows(exact, school, TABLE1),
    // 区级 知识与技能 2 short (5 + 3), 市级 知识与技能 2 over (5 + 1): the surplus covers it (二(四)2).
    ...hkRows(covered, school, TABLE1.map((c, i) => (i === 4 ? (['区级', '知识与技能', 5] as Cell) : i === 1 ? (['市级', '知识与技能', 5] as Cell) : c))),
    // 市级 知识与技能 2 short (1 + 1), 区级 2 over (9 + 3): 区级 never covers 市级.
    ...hkRows(uncovered, school, TABLE1.map((c, i) => (i === 1 ? (['市级', '知识与技能', 1] as Cell) : i === 4 ? (['区级', '知识与技能', 9] as Cell) : c))),
    // 实践体验 given as 20 学时 and no 学分: never converted (二(三)), reported, and 实践体验 is short.
    ...hkRows(noCredits, school, TABLE1.filter((_, i) => i !== 7)),
    [noCredits.id, noCredits.name, school, '2019-05-20', '实践体验·校本课程8', '校本', '实践体验', '否', '', 20, '一级教师'],
  ];
  const file = csv(dir, '虹口区教师培训记录-2016-2020.csv', HK_HEAD, rows);
  return {
    about: '上海虹口 十三五 (seed 000 附件 二): the 表1 matrix, 市级 covering 区级 and never the reverse, 实践体验 学分 that must be given',
    runs: [
      {
        name: 'ended 2016-2020: exactly 表1 passes; a 区级 shortfall covered by 市级 passes; a 市级 one is not covered; 实践体验 without 学分 is reported and short',
        files: [file],
        rules: 'hongkou',
        cycle: '2016-2020',
        asOf: 2020,
        watch: ['cycle-matrix-minimum', 'record-credits-missing', 'cycle-total-minimum'],
        teachers: {
          [exact.id]: { ...who(exact), status: 'complete', findings: [] },
          [covered.id]: { ...who(covered), status: 'complete', findings: [] },
          [uncovered.id]: { ...who(uncovered), status: 'incomplete', findings: ['cycle-matrix-minimum@total.credits:error'] },
          [noCredits.id]: {
            ...who(noCredits),
            status: 'incomplete',
            // 35 学分 in all (36 less the 9 of 实践体验 given as hours); the cell 校本 实践体验 and the category sum short.
            findings: ['cycle-matrix-minimum@total.credits:error', 'cycle-matrix-minimum@total.credits:error', 'cycle-total-minimum@total.credits:error', 'record-credits-missing@2019:error'],
          },
        },
      },
    ],
  };
}

/** 表1 scaled to 3 of 5 years (36 × 3/5 = 21.6): what a teacher who joined in 2018 owes (二(二)2 逐年递减). */
const TABLE1_3OF5: Cell[] = TABLE1.map(([level, category, credits, it]) => [level, category, Math.round(credits * 6) / 10, it]);

/** Rows dated from `from` to 2020, with 入职年度 and 职称评定年度 (blank where not given). */
function hkSince(p: P, school: string, cells: readonly Cell[], from: number, joined: number | '', title: string, titled: number | ''): Array<Array<string | number>> {
  return cells.map(([level, category, credits, it], i) => [p.id, p.name, school, `${from + (i % (2021 - from))}-10-1${i % 9}`, `${category}·${level}课程${i + 1}`, level, category, it ? '是' : '否', credits, '', title, joined, titled]);
}

async function hongkouJoiners(dir: string): Promise<Expected> {
  const school = '上海市虹口区第二中学';
  const joined = person('310109');
  const joinedShort = person('310109');
  const notSaid = person('310109');
  const titled = person('310109');
  const titledShort = person('310109');
  const titledNotSaid = person('310109');
  /** 自主研修 of a 高级教师: `core` of 课题研究, the rest 自主研修, from 2018. */
  const self = (p: P, total: number, core: number, year: number | '') => [
    [p.id, p.name, school, '2018-11-05', '个性化自主研修·教育研究', '', '自主研修', '否', Math.round((total - core) * 10) / 10, '', '高级教师', '', year],
    [p.id, p.name, school, '2019-11-05', '区级课题研究', '', '课题研究', '否', core, '', '高级教师', '', year],
  ];
  const rows = [
    // 入职 2018: owes 2018–2020, 3 of 5 — 21.6 in all, each cell of 表1 × 3/5 — and has exactly that.
    ...hkSince(joined, school, TABLE1_3OF5, 2018, 2018, '二级教师', ''),
    // The same, 0.1 short in 区级 知识与技能 (6.9 of 7 × 3/5 + 1.8).
    ...hkSince(joinedShort, school, TABLE1_3OF5.map((c, i) => (i === 4 ? (['区级', '知识与技能', 4.1] as Cell) : c)), 2018, 2018, '二级教师', ''),
    // The same records and no 入职年度: held to the whole 36.
    ...hkSince(notSaid, school, TABLE1_3OF5, 2018, '', '二级教师', ''),
    // 高级教师 评定 2018: 36 + 18 × 3/5 = 10.8 自主研修, 8.4 of it 课题研究 — met exactly.
    ...hkSince(titled, school, TABLE1, 2016, '', '高级教师', 2018),
    ...self(titled, 10.8, 8.4, 2018),
    // 10.7 of 10.8: short.
    ...hkSince(titledShort, school, TABLE1, 2016, '', '高级教师', 2018),
    ...self(titledShort, 10.7, 8.4, 2018),
    // 10.8 and no 职称评定年度: held to the full 18 (and 14).
    ...hkSince(titledNotSaid, school, TABLE1, 2016, '', '高级教师', ''),
    ...self(titledNotSaid, 10.8, 8.4, ''),
  ];
  const file = csv(dir, '虹口区教师培训记录-新进与新评高级-2016-2020.csv', [...HK_HEAD, '入职年度', '职称评定年度'], rows);
  const matrix = 'cycle-matrix-minimum@total.credits:error';
  const title = 'cycle-title-minimum@total.credits:error';
  return {
    about: '上海虹口 十三五 (seed 000 附件 二(二)2): 逐年递减 — a teacher who joined, or was titled 高级教师, during the cycle owes the share of the years from then on',
    runs: [
      {
        name: 'ended 2016-2020: 入职 2018 owes 3/5 (21.6, each cell scaled), 0.1 short fails, no 入职年度 owes 36; 评定 2018 owes 10.8 自主研修 (8.4 core), 10.7 fails, no 职称评定年度 owes 18',
        files: [file],
        rules: 'hongkou',
        cycle: '2016-2020',
        asOf: 2020,
        watch: ['cycle-matrix-minimum', 'cycle-total-minimum', 'cycle-title-minimum'],
        teachers: {
          [joined.id]: { ...who(joined), status: 'complete', findings: [] },
          // 区级 知识与技能 and the 知识与技能 sum, each 0.1 short; the total 21.5 of 21.6.
          [joinedShort.id]: { ...who(joinedShort), status: 'incomplete', findings: [matrix, matrix, 'cycle-total-minimum@total.credits:error'] },
          // 21.6 of 36: the 6 cells, 3 信息技术 parts and 3 category sums of 表1, and the total, short.
          [notSaid.id]: { ...who(notSaid), status: 'incomplete', findings: [...Array(12).fill(matrix), 'cycle-total-minimum@total.credits:error'] },
          [titled.id]: { ...who(titled), status: 'complete', findings: [] },
          [titledShort.id]: { ...who(titledShort), status: 'incomplete', findings: [title, title] },
          [titledNotSaid.id]: { ...who(titledNotSaid), status: 'incomplete', findings: [title, title, title] },
        },
      },
    ],
  };
}

async function hongkouOffsets(dir: string): Promise<Expected> {
  const school = '上海市虹口区第三中学';
  const module = person('310109');
  const taught = person('310109');
  const taughtTwice = person('310109');
  const support = person('310109');
  const tier = person('310109');
  const tierIt = person('310109');
  const supportZero = person('310109');
  /** A record of a project name with 层次 and 类别 as written (blank where the return leaves them). */
  const row = (p: P, date: string, project: string, credits: number, level = '', category = '', it = '否') => [p.id, p.name, school, date, project, level, category, it, credits, '', '一级教师'];
  /** 表1 with some cells left out (by index in TABLE1). */
  const table = (p: P, leave: number[]) => hkRows(p, school, TABLE1.filter((_, i) => !leave.includes(i)));
  const rows = [
    // 二(四)4: 提升工程 通识 (written 区级, no 类别) is 市级 知识与技能 信息技术 1.
    ...table(module, [2]),
    row(module, '2017-04-12', '信息技术应用能力提升工程通识课程', 1, '区级'),
    // 二(四)5: a 区级 course given (主讲, written 校本) is 区级 知识与技能 7.
    ...table(taught, [4]),
    row(taught, '2018-03-02', '《大单元作业设计》区级课程主讲', 7, '校本', '知识与技能'),
    // The same course given twice, 4 + 3: counted once — 区级 知识与技能 3 short, the repeat said.
    ...table(taughtTwice, [4]),
    row(taughtTwice, '2018-03-02', '《大单元作业设计》区级课程主讲', 4, '校本', '知识与技能'),
    row(taughtTwice, '2019-03-01', '《大单元作业设计》区级课程主讲', 3, '校本', '知识与技能'),
    // 二(四)6: 赴外省市支教 fills 区级 师德 2 and 知识与技能 7 whatever its figure; the 区级 信息技术 3 is
    // there. Its 学分 as recognised (9) count toward the 36; the one written 0 leaves the 36 short.
    ...table(support, [3, 4]),
    row(support, '2019-09-01', '赴云南省普洱市支教一年（证明）', 9),
    ...table(supportZero, [3, 4]),
    row(supportZero, '2019-09-01', '赴云南省普洱市支教一年（证明）', 0),
    // 二(四)7: 梯队 研修 (written 市级, 信息技术 是) is 区级 知识与技能, never 信息技术.
    ...table(tier, [4]),
    row(tier, '2017-12-20', '骨干教师梯队层级带教研修（年度考核合格）', 7, '市级', '', '是'),
    // The same standing in for the 区级 信息技术 3: it is not 信息技术, so that part is short.
    ...table(tierIt, [5]),
    row(tierIt, '2017-12-20', '骨干教师梯队层级带教研修（年度考核合格）', 3, '区级', '知识与技能', '是'),
  ];
  const file = csv(dir, '虹口区教师培训记录-冲抵-2016-2020.csv', HK_HEAD, rows);
  const matrix = 'cycle-matrix-minimum@total.credits:error';
  return {
    about: '上海虹口 十三五 (seed 000 附件 二(四)4–7): 提升工程 modules, a 区级 course given (once), 支教, 梯队 研修',
    runs: [
      {
        name: 'ended 2016-2020: 通识 counts as 市级 信息技术; 主讲 as 区级, once; 支教 fills 区级 but not its 信息技术; 梯队 as 区级 知识与技能, never 信息技术',
        files: [file],
        rules: 'hongkou',
        cycle: '2016-2020',
        asOf: 2020,
        watch: ['cycle-matrix-minimum', 'cycle-total-minimum'],
        teachers: {
          [module.id]: { ...who(module), status: 'complete', findings: [] },
          [taught.id]: { ...who(taught), status: 'complete', findings: [] },
          // The repeat (cycle, no shortfall), 区级 知识与技能 3 short and the 知识与技能 sum 3 short; the total counts both records (36).
          [taughtTwice.id]: { ...who(taughtTwice), status: 'incomplete', findings: ['cycle-matrix-minimum@cycle:error', matrix, matrix] },
          [support.id]: { ...who(support), status: 'complete', findings: [] },
          // 27 学分 in all: every 区级 cell and sum is filled, the total 36 is short.
          [supportZero.id]: { ...who(supportZero), status: 'incomplete', findings: ['cycle-total-minimum@total.credits:error'] },
          [tier.id]: { ...who(tier), status: 'complete', findings: [] },
          [tierIt.id]: { ...who(tierIt), status: 'incomplete', findings: [matrix] },
        },
      },
    ],
  };
}

// ---------------------------------------------------------------- 温州 (seed 003, 一、3–4)

const WZ_HEAD = ['身份证号', '姓名', '学校', '年度', '项目名称', '培训形式', '培训天数', '培训学时'];

async function wenzhou(dir: string): Promise<Expected> {
  const five = '温州市鹿城区第一小学';
  const six = '温州市鹿城区第二小学';
  const at48 = person('330302');
  const at47 = person('330302');
  const long90 = person('330302');
  const split = person('330302');
  const days = person('330302');
  const long90b = person('330302');
  const others6 = [person('330302'), person('330302'), person('330302'), person('330302'), person('330302')];
  const year = (p: P, school: string, concentrated: number, schoolHours: number, extra: Array<Array<string | number>> = []) => [
    [p.id, p.name, school, 2024, '新课程专题培训', '集中培训', '', concentrated],
    [p.id, p.name, school, 2024, '校本研修·课堂诊断', '校本培训', '', schoolHours],
    ...extra,
  ];
  const rows = [
    // 一、4: 48 a year, 24 of it 校本 — 24 + 24 passes, 23.5 + 24 fails.
    ...year(at48, five, 24, 24),
    ...year(at47, five, 23.5, 24),
    // One single 集中 record of 90 (1 of 5 teachers: exactly 20 % — not flagged).
    ...year(long90, five, 0, 24, [[long90.id, long90.name, five, 2024, '90学时骨干研修班', '集中培训', '', 90]]),
    // Two records of 45 are not one of 90.
    ...year(split, five, 0, 24, [
      [split.id, split.name, five, 2024, '教学研修（上）', '集中培训', '', 45],
      [split.id, split.name, five, 2024, '教学研修（下）', '集中培训', '', 45],
    ]),
    // 3 天 with no 学时: 24 (8 a day).
    [days.id, days.name, five, 2024, '三天集中研修', '集中培训', 3, ''],
    [days.id, days.name, five, 2024, '校本研修·作业设计', '校本培训', '', 24],
    // The second school: 1 of 6 (16.7 %) in one single 90 — flagged.
    ...year(long90b, six, 0, 24, [[long90b.id, long90b.name, six, 2024, '90学时骨干研修班', '集中培训', '', 90]]),
    ...others6.flatMap((p) => year(p, six, 24, 24)),
  ];
  // `five` holds at48, at47, long90, split and days: 1 of 5 with a single 90 — exactly 20 %, not flagged.
  const file = csv(dir, '温州市鹿城区培训记录-2024.csv', WZ_HEAD, rows);
  const k = (p: P) => `${p.id}@2024`;
  return {
    about: '温州 (seed 003 一、3–4): 48 学时 a year with 24 校本, 8 学时 a day, a school with under 20 % of its teachers in one single ≥ 90-学时 training',
    runs: [
      {
        name: '2024: 48 passes and 47.5 fails; 3 天 are 24 学时; 1 of 5 in one single 90 (exactly 20 %) is not flagged, 1 of 6 (16.7 %) is; 45 + 45 is not 90',
        files: [file],
        rules: 'wenzhou',
        watch: ['annual-total-minimum'],
        teachers: {
          [k(at48)]: { ...who(at48), status: 'complete', findings: [] },
          [k(at47)]: { ...who(at47), status: 'incomplete', findings: ['annual-total-minimum@2024:error'] },
          [k(long90)]: { ...who(long90), status: 'complete', findings: [] },
          [k(split)]: { ...who(split), status: 'complete', findings: [] },
          [k(days)]: { ...who(days), status: 'complete', findings: [] },
        },
        schoolChecks: [
          { check: 'school-concentrated-share', school: five, year: 2024, severity: null },
          { check: 'school-concentrated-share', school: six, year: 2024, severity: 'error' },
        ],
      },
    ],
  };
}

export async function makeRegionCases(): Promise<void> {
  rmSync(ROOT, { recursive: true, force: true });
  for (const [name, make] of [
    ['10-hongkou-matrix', hongkou],
    ['11-wenzhou-year', wenzhou],
    ['12-hongkou-joiners', hongkouJoiners],
    ['13-hongkou-offsets', hongkouOffsets],
  ] as const) {
    const dir = path.join(ROOT, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'expected.json'), JSON.stringify(await make(dir), null, 2) + '\n');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  await makeRegionCases();
  console.log(`fixtures written to ${ROOT}`);
}
