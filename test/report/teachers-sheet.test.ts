import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import type { AuditResult, Shortfall } from '../../src/model/types.js';
import { reportSheets } from '../../src/report/report-content.js';
import { shortfallText } from '../../src/report/row-notes.js';
import { FILL, headerHeight, LINE_POINTS, wrappedLines, type ReportCell, type ReportSheet } from '../../src/report/sheets.js';
import { fitColumn, headerWords, problemsFirst, textWidth, TIER } from '../../src/report/teacher-columns.js';
import { builtinRules, cyclePuer, FIX, yearlyPuer } from '../helpers/fixture-audits.js';
import { MAN } from '../helpers/identity.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * 教师 for action (issue 20, item 2), the yearly sheet and the cycle's: the problems first, the
 * identity and 状态 frozen, 还差 as a sentence, headers broken at words, widths that fit, a value
 * that could not be read shown as written, a requirement every row shares said once.
 */

const sheetOf = (result: AuditResult, name: string, lang: 'zh' | 'en' = 'zh'): ReportSheet => reportSheets(result, { lang, maskIds: false }).find((s) => s.name === name)!;
const rowsOf = (sheet: ReportSheet) => [...sheet.rows()];
/** A header as one line: its words, however the lines break. */
const whole = (v: ReportCell['v']) => String(v ?? '').replace(/\n/g, '');
const column = (head: ReportCell[], h: string) => head.findIndex((c) => whole(c.v) === h);

/** Every header line fits its column: no word is broken, and the header row is as tall as its lines. */
function expectHeadersWhole(sheet: ReportSheet): void {
  const [head] = rowsOf(sheet);
  let most = 1;
  head!.forEach((c, i) => {
    const lines = String(c.v).split('\n');
    most = Math.max(most, lines.length);
    for (const line of lines) expect(wrappedLines(line, sheet.widths[i]!), `${line} in ${sheet.widths[i]}`).toBe(1);
  });
  expect(headerHeight(head!, sheet.widths) ?? LINE_POINTS).toBe(most * LINE_POINTS);
}

/** Every value fits its column, but a 还差 longer than its column, which wraps. */
function expectValuesFit(sheet: ReportSheet): void {
  const [head, ...rows] = rowsOf(sheet);
  const shortfall = column(head!, '还差');
  for (const row of rows) {
    row.forEach((c, i) => {
      const w = typeof c.v === 'number' ? String(c.v).length : textWidth(String(c.v ?? ''));
      if (i === shortfall && w > sheet.widths[i]! - 1) expect(c.wrap, String(c.v)).toBe(true);
      else expect(w, `${whole(head![i]!.v)}: ${c.v}`).toBeLessThanOrEqual(sheet.widths[i]!);
    });
  }
}

describe('the yearly 教师 sheet', () => {
  it('lists the incomplete first, then errors, warnings, the exempt and the complete; within each by school, then file and row', async () => {
    const result = await yearlyPuer();
    const [head, ...rows] = rowsOf(sheetOf(result, '教师'));
    const at = (h: string) => column(head!, h);
    expect(rows.map((r) => [r[at('姓名')]!.v, r[at('状态')]!.v])).toEqual([
      // Incomplete: 景谷, 墨江, 宁洱, 思茅 (in the collation of Chinese, as 学校 lists them).
      ['黎敏婷', '未完成'],
      ['彭岚', '未完成'],
      ['蔡蓓', '未完成'],
      ['江梦青', '未完成'],
      ['白滢素', '未完成'],
      ['贾莎', '未完成'],
      // Complete with an error on the row (a declared total that does not add up, a credit ceiling), by row.
      ['黎妍', '已完成'],
      ['吴娅', '已完成'],
      ['陈娴佳', '已完成'],
      // A warning (lecturing credits above 3.6 × hours).
      ['范阳俊', '已完成'],
      // Exempt: the school's claim, to be looked at.
      ['赖佳羽', '免考核'],
      ['毛怡', '免考核'],
      // The rest, by school and row.
      ['任伊', '已完成'],
      ['郝刚', '已完成'],
      ['阎静', '已完成'],
      ['姜竹霭', '已完成'],
      ['漕香辉', '已完成'],
      ['叶军', '已完成'],
      ['崔文', '已完成'],
      ['曾杰', '已完成'],
      ['漕妍爽', '已完成'],
      ...['乔荣育', '于菊', '吴怡', '杨瑗娥', '蒋悦荔', '戴辉岚', '赖寒娥', '卢璐桂', '漕瑾丹', '刘敏', '孔琬霄', '阎卿影'].map((n) => [n, '已完成']),
    ]);
    // Every teacher once.
    expect(rows.length).toBe(result.teachers.length);
  });

  it('keeps school, name, 身份证号 and 状态 frozen at the left, 还差 beside them, then the figures, then the source', async () => {
    const sheet = sheetOf(await yearlyPuer(), '教师');
    const [head] = rowsOf(sheet);
    expect(sheet.freezeColumns).toBe(4);
    expect(head!.map((c) => whole(c.v))).toEqual([
      '学校', '姓名', '身份证号码', '状态', '还差', '年度',
      '集中培训学时', '集中培训学分', '网络研修学时', '网络研修学分', '校本研修学时', '校本研修学分',
      '填报总学时', '填报总学分', '计入总学时', '计入总学分',
      '性别', '任教学段学科', '职称', '备注', '来源',
    ]);
    // A row in full: 蔡蓓 wrote 二十四 for 网络研修学时 (missing, so 24 short); the declared total 72 学分 and 48 学时 counted.
    const [, ...rows] = rowsOf(sheet);
    expect(rows.find((r) => r[1]!.v === '蔡蓓')!.map((c) => c.v)).toEqual([
      '墨江县第二小学', '蔡蓓', '530827199409067402', '未完成', '需补：网络研修 24 学时', 2025,
      24, 24, '二十四', 24, 24, 24,
      48, 72, 48, 72,
      '女', '初中体育', '二级教师', '', '2025年度墨江县第二小学-数据问题.xlsx!Sheet1!B10',
    ]);
    // Broken at words: 集中培训 / 学时, not 集中培训学 / 时.
    expect(head![column(head!, '集中培训学时')]!.v).toBe('集中培训\n学时');
    expect(head![column(head!, '填报总学分')]!.v).toBe('填报总\n学分');
  });

  it('says in 还差 what to make up, each part by how much, hours and credits together; the total where the parts do not make it up', async () => {
    const [head, ...rows] = rowsOf(sheetOf(await yearlyPuer(), '教师'));
    const of = (name: string) => rows.find((r) => r[column(head!, '姓名')]!.v === name)![column(head!, '还差')]!.v;
    // 校本 12 学时 and 12 学分 short, the year's total as much: making up 校本 makes up the total.
    expect(of('黎敏婷')).toBe('需补：校本研修 12 学时、12 学分');
    // 校本 24 学分 short, the total 6: the 24 make up the 6.
    expect(of('江梦青')).toBe('需补：校本研修 24 学分');
    expect(of('白滢素')).toBe('需补：网络研修 0.5 学时、0.5 学分');
    expect(of('黎妍')).toBe('');
    expect(of('赖佳羽')).toBe('');
  });

  it('names the total where making up the modes short would not reach it, in zh and en', () => {
    const sf = (scope: 'online' | 'total', measure: 'hours' | 'credits', missing: number): Shortfall => ({ scope, measure, measured: 0, required: 0, missing });
    expect(shortfallText('zh', [sf('online', 'hours', 4), sf('total', 'hours', 10)])).toBe('需补：网络研修 4 学时；全年合计 10 学时');
    expect(shortfallText('zh', [sf('online', 'hours', 4), sf('total', 'hours', 4)])).toBe('需补：网络研修 4 学时');
    expect(shortfallText('zh', [sf('total', 'credits', 3)], true)).toBe('需补：周期合计 3 学分');
    expect(shortfallText('en', [sf('online', 'hours', 4), sf('online', 'credits', 2), sf('total', 'hours', 10)])).toBe('To make up: online study 4 hours, 2 credits; year total 10 hours');
    expect(shortfallText('zh', [])).toBe('');
  });

  it('shows a value the school wrote that is not a number as written, filled and noted, never 0', async () => {
    const result = await yearlyPuer();
    const [head, ...rows] = rowsOf(sheetOf(result, '教师'));
    const online = column(head!, '网络研修学时');
    const cai = rows.find((r) => r[column(head!, '姓名')]!.v === '蔡蓓')!;
    expect(cai[online]).toMatchObject({ v: '二十四', fill: FILL.error });
    expect(cai[online]!.note).toContain('二十四');
    // The other side: a number the school wrote stays a number.
    expect(cai[column(head!, '网络研修学分')]!.v).toBe(24);
    // Marked by the sheet itself where no finding points at it (a rule set without value-not-number).
    const quiet = { ...result, findings: result.findings.filter((f) => f.check !== 'value-not-number') };
    const [h2, ...r2] = rowsOf(sheetOf(quiet, '教师'));
    const cell = r2.find((r) => r[column(h2!, '姓名')]!.v === '蔡蓓')![online]!;
    expect(cell).toMatchObject({ v: '二十四', fill: FILL.error });
    expect(cell.note).toContain('无法读取为数字：“二十四”，按缺失计');
  });

  it('shows it in a per-record list beside the figures read of the other records: "12 + 二十四"', async () => {
    const file = path.join(scratchDir(), '温州市培训记录-2024.csv');
    writeFileSync(file, `身份证号,姓名,学校,年度,培训学时,培训形式\n${MAN},王强,温州市第一中学,2024,12,校本\n${MAN},王强,温州市第一中学,2024,二十四,校本\n`);
    const result = await audit({ files: [file], rules: builtinRules('wenzhou'), yearOption: null });
    // 温州 audits its cycle always: the yearly rows are 教师年度.
    const [head, ...rows] = rowsOf(sheetOf(result, '教师年度'));
    const read = rows[0]![column(head!, '读取学时')]!;
    expect(read).toMatchObject({ v: '12 + 二十四', fill: FILL.error });
    expect(read.note).toContain('二十四');
    // What counts is the 12 read as a number.
    expect(rows[0]![column(head!, '计入总学时')]!.v).toBe(12);
  });

  it('shows why a complete row is among the problems in its frozen 状态: the colour of its worst finding', async () => {
    const [head, ...rows] = rowsOf(sheetOf(await yearlyPuer(), '教师'));
    const status = (name: string) => rows.find((r) => r[column(head!, '姓名')]!.v === name)![column(head!, '状态')]!;
    expect(status('黎妍').fill).toBe(FILL.error);
    expect(status('范阳俊').fill).toBe(FILL.warning);
    expect(status('任伊').fill).toBeUndefined();
  });

  it('has headers broken only at words, and columns as wide as their values, in zh and en', async () => {
    const result = await yearlyPuer();
    for (const lang of ['zh', 'en'] as const) {
      const sheet = sheetOf(result, lang === 'zh' ? '教师' : 'Teachers', lang);
      expectHeadersWhole(sheet);
      if (lang === 'zh') expectValuesFit(sheet);
    }
  });

  it('moves a year every row shares into 还差\'s header; leaves out columns blank on every row; names a CSV once in its source', async () => {
    const csv = path.join(FIX, 'puer', '2025年度澜沧县第一中学.csv');
    const result = await audit({ files: [csv], rules: builtinRules('puer'), yearOption: null });
    const [head, ...rows] = rowsOf(sheetOf(result, '教师'));
    const heads = head!.map((c) => whole(c.v));
    expect(heads).toContain('还差（2025年度）');
    expect(heads).not.toContain('年度');
    // The return has no 备注 in any row.
    expect(heads).not.toContain('备注');
    expect(rows.map((r) => r[column(head!, '来源')]!.v)).toContain('2025年度澜沧县第一中学.csv!B6');
    // The other side: two years keep the year on each row (yearlyPuer: 2024 and 2025).
    expect(rowsOf(sheetOf(await yearlyPuer(), '教师'))[0]!.map((c) => whole(c.v))).toContain('年度');
  });

  it("says where each teacher's row landed, for 问题清单's links", async () => {
    const result = await yearlyPuer();
    const sheets = reportSheets(result, { lang: 'zh', maskIds: false });
    const [head, ...rows] = rowsOf(sheets.find((s) => s.name === '教师')!);
    const source = column(head!, '来源');
    const findings = rowsOf(sheets.find((s) => s.name === '问题清单')!).slice(1);
    let linked = 0;
    for (const f of findings) {
      const link = f.find((c) => c.link?.startsWith("'教师'!"))?.link;
      if (!link) continue;
      const row = rows[Number(/A(\d+)$/.exec(link)![1]) - 2]!;
      // The finding's teacher (name and cell's file) is on the row it links to.
      expect(f.map((c) => c.v)).toContain(row[column(head!, '姓名')]!.v);
      expect(f.map((c) => c.v)).toContain(String(row[source]!.v).split('!')[0]);
      linked++;
    }
    expect(linked).toBeGreaterThan(10);
  });
});

describe("the cycle's 教师 sheet", () => {
  it('lists the incomplete first, then by school; freezes the identity and 状态; 还差 beside them', async () => {
    const sheet = sheetOf(await cyclePuer(), '教师');
    const [head, ...rows] = rowsOf(sheet);
    expect(sheet.freezeColumns).toBe(4);
    expect(head!.slice(0, 5).map((c) => whole(c.v))).toEqual(['学校（最近年度）', '姓名', '身份证号码', '状态', '还差']);
    const at = (h: string) => column(head!, h);
    expect(rows.map((r) => [r[at('学校（最近年度）')]!.v, r[at('姓名')]!.v, r[at('状态')]!.v])).toEqual([
      ['景东县民族中学', '周妹桂', '未完成'],
      ['景东县民族中学', '丁丹', '未完成'],
      ['宁洱县第一小学', '康玉颖', '未完成'],
      ...['孔飞', '谭滢', '钱滢', '林霞勇'].map((n) => ['景东县民族中学', n, '已完成']),
      ...['汤羽纯', '赵娴', '钱贞', '苏咏茗', '秦芬琳', '赖荔'].map((n) => ['宁洱县第一小学', n, '已完成']),
      ...['陈珊', '尹筠滢', '夏斌亚', '秦香', '岩敏荣'].map((n) => ['思茅区第四中学', n, '已完成']),
    ]);
    expect(rows.find((r) => r[at('姓名')]!.v === '康玉颖')![at('还差')]!.v).toBe('2023年度缺报');
    // A row in full: the cycle's totals and own requirements, each mode to date, each year, moves, missing years.
    expect(head!.map((c) => whole(c.v))).toEqual([
      '学校（最近年度）', '姓名', '身份证号码', '状态', '还差',
      '周期累计学时（应达 360）', '本人应达学时', '周期累计学分（应达 360）', '本人应达学分',
      '周期累计集中培训学时', '周期累计集中培训学分', '周期累计网络研修学时', '周期累计网络研修学分', '周期累计校本研修学时', '周期累计校本研修学分',
      '2021学时', '2021学分', '2022学时', '2022学分', '2023学时', '2023学分', '2024学时', '2024学分', '2025学时', '2025学分',
      '调动', '缺少年度',
    ]);
    expect(rows.find((r) => r[at('姓名')]!.v === '丁丹')!.map((c) => c.v)).toEqual([
      '景东县民族中学', '丁丹', '53082619881021915X', '未完成',
      '需补：集中培训 24 学时；网络研修 24 学时；校本研修 24 学时、24 学分；周期合计 72 学分；2022年度未达标',
      288, null, 288, null,
      96, 96, 96, 96, 96, 96,
      72, 72, 71.5, 72, 72, 72, 72, 72, 72, 72,
      '', '',
    ]);
    expectHeadersWhole(sheet);
    expectValuesFit(sheet);
  });

  it("says the 360 every teacher must reach once, in the header, and a joiner's own requirement only on the joiner's row", async () => {
    const [head, ...rows] = rowsOf(sheetOf(await cyclePuer(), '教师'));
    const heads = head!.map((c) => whole(c.v));
    expect(heads).toContain('周期累计学时（应达 360）');
    expect(heads).toContain('周期累计学分（应达 360）');
    expect(heads.filter((h) => /周期要求|应达进度/.test(h))).toEqual([]);
    const own = column(head!, '本人应达学时');
    const name = column(head!, '姓名');
    // 林霞勇 joined in 2023 (an exempt first year): 2 of 5 years, 144.
    expect(rows.filter((r) => r[own]!.v !== null).map((r) => [r[name]!.v, r[own]!.v])).toEqual([['林霞勇', 144]]);
    // And says why, on that cell: the year joined and the share of the cycle owed.
    const joiner = rows.find((r) => r[name]!.v === '林霞勇')!;
    expect(joiner[own]!.note).toBe('2023 年入职：按周期 2021-2025 中应负责的 2 年（共 5 年）折算应达要求');
    expect(rows.filter((r) => r[own]!.note).length).toBe(1);
  });

  it('lets 问题清单 link each cycle finding to its teacher\'s row, wherever the order put it', async () => {
    const sheets = reportSheets(await cyclePuer(), { lang: 'zh', maskIds: false });
    const [head, ...rows] = rowsOf(sheets.find((s) => s.name === '教师')!);
    let linked = 0;
    for (const f of rowsOf(sheets.find((s) => s.name === '问题清单')!).slice(1)) {
      const link = f.find((c) => c.link?.startsWith("'教师'!"))?.link;
      if (!link) continue;
      const row = rows[Number(/A(\d+)$/.exec(link)![1]) - 2]!;
      expect(f.map((c) => c.v)).toContain(row[column(head!, '身份证号码')]!.v);
      linked++;
    }
    expect(linked).toBeGreaterThan(5);
  });
});

describe('教师年度 in a cycle audit', () => {
  it('orders the teacher-years as 教师 does: the incomplete years first, by school and then file (year) and row; the year on each row', async () => {
    const sheet = sheetOf(await cyclePuer(), '教师年度');
    const [head, ...rows] = rowsOf(sheet);
    expect(sheet.freezeColumns).toBe(4);
    expect(head!.slice(0, 6).map((c) => whole(c.v))).toEqual(['学校', '姓名', '身份证号码', '状态', '还差', '年度']);
    const at = (h: string) => column(head!, h);
    expect(rows.slice(0, 9).map((r) => [r[at('姓名')]!.v, r[at('年度')]!.v, r[at('状态')]!.v, r[at('还差')]!.v])).toEqual([
      ['周妹桂', 2021, '未完成', '需补：网络研修 4 学时、4 学分'],
      ['周妹桂', 2022, '未完成', '需补：网络研修 4 学时、4 学分'],
      ['丁丹', 2022, '未完成', '需补：网络研修 0.5 学时'],
      ['周妹桂', 2023, '未完成', '需补：网络研修 4 学时、4 学分'],
      ['周妹桂', 2024, '未完成', '需补：网络研修 4 学时、4 学分'],
      ['周妹桂', 2025, '未完成', '需补：网络研修 4 学时、4 学分'],
      ['林霞勇', 2023, '免考核', ''],
      ['孔飞', 2021, '已完成', ''],
      ['谭滢', 2021, '已完成', ''],
    ]);
    expectHeadersWhole(sheet);
    expectValuesFit(sheet);
  });
});

describe('the order and the headers, as parts', () => {
  it('orders by tier, then school in the collation of Chinese, then input order, whatever order they come in', () => {
    const rows = [
      { tier: TIER.fine, school: '思茅区第一中学' },
      { tier: TIER.incomplete, school: '思茅区第一中学' },
      { tier: TIER.fine, school: '景谷县永平镇中心小学' },
      { tier: TIER.warning, school: '澜沧县第一中学' },
      { tier: TIER.incomplete, school: '景谷县永平镇中心小学' },
      { tier: TIER.incomplete, school: '思茅区第一中学' },
    ];
    const { order, position } = problemsFirst(rows.length, (i) => rows[i]!.tier, (i) => rows[i]!.school);
    expect([...order]).toEqual([4, 1, 5, 3, 2, 0]);
    for (let k = 0; k < order.length; k++) expect(position[order[k]!]).toBe(k);
  });

  it('counts a line break in a header as a line (a header broken at its words is as tall as its lines)', () => {
    expect(wrappedLines('集中培训\n学时', 10)).toBe(2);
    expect(wrappedLines('周期累计\n学时\n（应达 360）', 13)).toBe(3);
    // A line still wraps where it is wider than the column.
    expect(wrappedLines('集中培训学时\n学时', 9)).toBe(3);
    expect(headerHeight([{ v: '集中培训\n学时' } as ReportCell], [10])).toBe(2 * LINE_POINTS);
  });

  it('breaks a header at its words only, widening the column rather than breaking a word', () => {
    expect(headerWords('周期累计 学分（应达 360）').map((w) => w.word)).toEqual(['周期累计', '学分', '（应达 360）']);
    expect(headerWords('集中培训学时').map((w) => w.word)).toEqual(['集中培训', '学时']);
    expect(fitColumn('集中培训学时', 2, 8, 12)).toEqual({ head: '集中培训\n学时', width: 11 });
    // Wide enough for the values: the header on one line.
    expect(fitColumn('集中培训学时', 14, 8, 20).head).toBe('集中培训学时');
    // A word wider than the most a column may be widens it (it is never cut).
    expect(fitColumn('Declared total hours', 2, 6, 6)).toEqual({ head: 'Declared\ntotal\nhours', width: 10 });
  });
});
