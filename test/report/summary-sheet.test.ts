import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { expandInputs } from '../../src/cli/main.js';
import { audit } from '../../src/engine/audit.js';
import type { AuditResult } from '../../src/model/types.js';
import { renderConsole } from '../../src/report/console.js';
import { commandLine, localTime, reportSheets, type ReportOptions } from '../../src/report/report-content.js';
import type { ReportCell } from '../../src/report/sheets.js';
import { pageFit } from '../../src/report/page-layout.js';
import { runCli } from '../helpers/cli.js';
import { builtinRules, cyclePuer, FIX, yearlyPuer } from '../helpers/fixture-audits.js';
import { scratchDir } from '../helpers/scratch.js';
import { workspace } from '../e2e/helpers.js';

/** 汇总 answers first (issue 20, items 1 and 4): what an officer reads, in the order read. */

const AT = '2026-12-06T04:24:05.000Z';

/** A cell as the test reads it: its value, and its link and number format where it has one. */
function shown(c: ReportCell): unknown {
  if (c.link) return { v: c.v, link: c.link };
  if (c.numFmt) return { v: c.v, fmt: c.numFmt };
  return c.v;
}

function summaryOf(result: AuditResult, opts: Partial<ReportOptions> = {}) {
  const sheets = reportSheets({ ...result, generatedAt: AT }, { lang: 'zh', maskIds: false, ...opts });
  const rows = [...sheets[0]!.rows()];
  return { sheets, rows, text: rows.map((r) => r.map(shown)) };
}

const teachers = (v: number) => ({ v, fmt: '0" 名教师"' });
const teacherYears = (v: number) => ({ v, fmt: '0" 个教师年度"' });
const schools = (v: number) => ({ v, fmt: '0" 所"' });
const schoolYears = (v: number) => ({ v, fmt: '0" 个学校年度"' });
const pct = (v: number) => ({ v, fmt: '0.0%' });

const PUER_META = [
  ['本次审核'],
  ['规则集', '普洱市中小学教师全员培训学时学分（年度）（puer）'],
  ['依据文件', '《普洱市中小学教师全员培训管理办法(试行)》及附件2《学分认定管理实施细则(试行)》、附件3《校本研修工作实施方案(试行)》(2023)'],
  ['规则文件', '工具自带（puer.yaml）'],
];
const INPUT_HEAD = ['文件', '学校', '工作表', '年度', '教师', '说明', '读取行数', '跳过的行', '格式', '编码', '年度来源', 'SHA-256'];

describe('汇总 of a yearly audit (fixtures/puer, its .xlsx returns)', () => {
  it('gives the verdict, the flagged schools linked to 学校, the counts in teachers, the findings by check, the next steps, then the run and the inputs', async () => {
    const result = await yearlyPuer();
    const { text, rows, sheets } = summaryOf(result);
    expect(text.slice(0, 42)).toEqual([
      ['2 所学校被标记；6 名教师未完成（共 33 名教师，4 所学校）'],
      [],
      ['被标记学校（2 所）'],
      ['学校', '未完成比例', '被标记于'],
      [{ v: '墨江县第二小学', link: "'学校'!A2" }, pct(0.333333), '2025'],
      [{ v: '宁洱县民族中学', link: "'学校'!A3" }, pct(0.2), '2025'],
      [],
      ['合计'],
      ['教师总数', teachers(33)],
      ['已完成', teachers(25)],
      ['未完成', teachers(6)],
      ['免考核', teachers(2)],
      ['完成率', pct(25 / 31)],
      ['学校数', schools(4)],
      ['被标记学校', schools(2)],
      [],
      ['各检查项的问题'],
      ['检查项', '错误', '警告', '提示'],
      // The most errors first, by the check's Chinese title.
      ['各研修模式年度下限', 9, null, null],
      ['年度总学时学分下限', 4, null, null],
      ['学分超出换算上限', 3, 1, null],
      ['学校未完成比例', 2, null, null],
      ['全年汇总与分项之和不符', 1, null, null],
      ['数值无法识别', 1, null, null],
      ['超出上限部分不计', null, 2, null],
      ['免于考核或不计入', null, null, 2],
      ['合计', 20, 3, 2],
      [],
      ['下一步'],
      ['1. 先看被标记的学校：点上方的学校名称，跳到它在“学校”中的行。'],
      ['2. 把各校的行发给该校核对、补正：“教师”、“问题清单” 都可按“学校”列筛选；“还差”列写明每名教师还差多少。'],
      ['3. 学校补正后，收齐新的申报表替换原文件，在同一目录再次运行下面的命令，生成新的报告：'],
      // Not told the command that ran (a program calling the library): one made from the result.
      [`credit-audit check ${FIX.split(path.sep).join('/')}/puer --rules puer`],
      [],
      ...PUER_META,
      ['生成时间', localTime(AT)],
      ['工具', `credit-audit ${result.tool.version}`],
      [],
      ['输入文件'],
    ]);
    // The verdict stands out; a flagged school's row is filled as on 学校, and its link lands on that school's row.
    expect(rows[0]![0]!.bold).toBe(true);
    expect(rows[0]![0]!.fill).toBe('FFFFC7CE');
    const schoolRows = [...sheets[1]!.rows()];
    for (const r of rows.slice(4, 6)) expect(schoolRows[Number(/A(\d+)$/.exec(r[0]!.link!)![1]) - 1]![0]!.v).toBe(r[0]!.v);
    // The inputs: one row a sheet, its file first and its SHA-256 in the last column, narrow.
    expect(text[42]).toEqual(INPUT_HEAD);
    const inputs = text.slice(43);
    expect(inputs.map((r) => r[0])).toEqual(result.inputs.map((i) => i.file));
    const quirks = result.inputs.findIndex((i) => i.file.endsWith('value-quirks.xlsx'));
    expect(inputs[quirks]).toEqual([result.inputs[quirks]!.file, '宁洱县民族中学', 'Sheet1', '2025', 5, null, 8, '合计行 1: 12; 表尾 2: 13-14', 'xlsx', '', '标题', result.inputs[quirks]!.sha256]);
    const widths = sheets[0]!.widths;
    expect(widths).toHaveLength(INPUT_HEAD.length);
    expect(widths.at(-1)).toBeLessThanOrEqual(12);
    // Printed one page wide at 60 % or more, even with paths the widest 汇总 allows (80).
    expect(pageFit(widths).fitToWidth).toBe(true);
    expect(pageFit([80, ...widths.slice(1)]).fitToWidth).toBe(true);
  });

  it('counts teacher-years and school-years where a teacher is in several years, with no cycle: each teacher and school once beside them', async () => {
    // The five years of fixtures/puer-cycle without --cycle: 18 teachers in 87 teacher-years, 3 schools in 15 school-years.
    const result = await audit({ files: expandInputs([path.join(FIX, 'puer-cycle')], '/'), rules: builtinRules('puer'), yearOption: null });
    expect(result.cycle).toBeUndefined();
    const { text } = summaryOf(result);
    // One school, flagged in three years, is one school flagged.
    expect(text[0]).toEqual(['1 所学校被标记；6 个教师年度未完成（共 18 名教师 / 87 个教师年度，3 所学校）']);
    const totals = text.indexOf(text.find((r) => r[0] === '合计')!);
    expect(text.slice(totals, totals + 11)).toEqual([
      ['合计'],
      ['教师总数', teachers(18)],
      ['教师年度', teacherYears(87)],
      ['已完成', teacherYears(80)],
      ['未完成', teacherYears(6)],
      ['免考核', teacherYears(1)],
      ['完成率', pct(80 / 86)],
      ['学校数', schools(3)],
      ['学校年度', schoolYears(15)],
      ['被标记学校', schools(1)],
      ['被标记的学校年度', schoolYears(3)],
    ]);
    // One school flagged in three years: listed once, linked to its latest flagged year.
    expect(text.slice(2, 6)).toEqual([['被标记学校（1 所）'], ['学校', '未完成比例', '被标记于'], [{ v: '景东县民族中学', link: "'学校'!A8" }, pct(0.2), '2023、2022、2021'], []]);
  });

  it('says when no school is flagged and no teacher is incomplete, and names no flagged school to start with', async () => {
    const result = await audit({ files: [path.join(FIX, 'puer', '2025年度思茅区第一中学.xlsx')], rules: builtinRules('puer'), yearOption: null });
    const { text } = summaryOf({ ...result, schools: result.schools.map((s) => ({ ...s, flagged: false })), summary: { ...result.summary, distinctSchoolsFlagged: 0 } });
    expect(text[0]![0]).toMatch(/^没有学校被标记；2 名教师未完成/);
    expect(text.slice(2, 4)).toEqual([['被标记学校（0 所）'], ['没有学校被标记']]);
    expect(text.flat()).not.toContain('1. 先看被标记的学校：点上方的学校名称，跳到它在“学校”中的行。');
  });

  it('puts a file that could not be audited in the verdict and first in the next steps', async () => {
    const dir = scratchDir();
    const broken = path.join(dir, '2025年度坏文件.xlsx');
    writeFileSync(broken, 'not a workbook');
    const result = await audit({ files: [path.join(FIX, 'puer', '2025年度思茅区第一中学.xlsx'), broken], rules: builtinRules('puer'), yearOption: null });
    expect(result.summary.inputErrors).toBe(1);
    const { text, rows } = summaryOf(result);
    expect(text[0]![0]).toBe('没有学校被标记；2 名教师未完成；1 个文件无法审核（共 14 名教师，1 所学校）');
    expect(rows[0]![0]!.fill).toBe('FFFFC7CE');
    const next = text.findIndex((r) => r[0] === '下一步');
    expect(text[next + 1]![0]).toBe('1. 先处理无法审核的 1 个文件：原因见下方“输入文件”的“说明”列（常见的是文件损坏、加密或不是申报表），请学校重新导出后再交。');
    // The reason, in the 说明 column of its row.
    const row = text.find((r) => r[0] === broken)!;
    expect(row[INPUT_HEAD.indexOf('说明')]).toEqual(expect.stringContaining('坏文件'));
  });
});

describe('汇总 of a cycle audit (fixtures/puer-cycle, --cycle 2021-2025)', () => {
  it('leads with the cycle: its verdict, its flagged school first with every year it was flagged, its teachers beside the teacher-years, each school once', async () => {
    const result = await cyclePuer();
    const { text } = summaryOf(result);
    expect(result.summary).toMatchObject({ schools: 15, schoolsFlagged: 3, cycleSchoolsFlagged: 1, distinctSchools: 3, distinctSchoolsFlagged: 1 });
    expect(text.slice(0, 41)).toEqual([
      ['2021-2025 周期：1 所学校被标记；3 名教师未完成（共 18 名教师 / 87 个教师年度，3 所学校）'],
      [],
      ['被标记学校（1 所）'],
      ['学校', '未完成比例', '被标记于'],
      // Flagged over the cycle (33.3 %) and in three of its years: its cycle row on 学校 is row 2.
      [{ v: '景东县民族中学', link: "'学校'!A2" }, pct(0.333333), '周期 2021-2025、2023、2022、2021'],
      [],
      ['合计'],
      ['周期', '2021-2025'],
      ['审核年度', 2025],
      ['有数据的年度（进度按这些年度计算）', '2021, 2022, 2023, 2024, 2025'],
      ['没有输入的年度', ''],
      ['项目', '周期 2021-2025', '各年度（2021, 2022, 2023, 2024, 2025）'],
      ['教师总数', teachers(18), teacherYears(87)],
      ['已完成', teachers(15), teacherYears(80)],
      ['进行中', teachers(0), null],
      ['落后进度', teachers(0), null],
      ['未完成', teachers(3), teacherYears(6)],
      ['免考核', teachers(0), teacherYears(1)],
      ['完成率', pct(15 / 18), pct(80 / 86), '周期的完成率：未完成、落后进度以外的教师 ÷ 参与考核的教师（免考核不计），同“学校”中的总体完成率'],
      ['学校数', schools(3), schoolYears(15)],
      // The cycle's flag counts in 被标记, beside the years' flagged school-years.
      ['被标记学校', schools(1), schoolYears(3)],
      [],
      ['各检查项的问题'],
      ['检查项', '错误', '警告', '提示'],
      ['各研修模式年度下限', 11, null, null],
      ['各研修模式周期下限', 8, null, null],
      ['周期内每年均须达标', 6, null, null],
      ['周期总学时学分下限', 4, null, null],
      // Three yearly flags (errors) and the cycle's (a warning, 细则 五(三) "当年").
      ['学校未完成比例', 3, 1, null],
      ['年度总学时学分下限', 1, null, null],
      ['周期内缺少年度记录', 1, null, null],
      ['免于考核或不计入', null, null, 1],
      ['周期内调动学校或学段', null, null, 1],
      ['合计', 34, 1, 2],
      [],
      ['下一步'],
      ['1. 先看被标记的学校：点上方的学校名称，跳到它在“学校”中的行。'],
      ['2. 把各校的行发给该校核对、补正：“教师”、“教师年度”、“问题清单” 都可按“学校”列筛选；“还差”列写明每名教师还差多少。'],
      ['3. 学校补正后，收齐新的申报表替换原文件，在同一目录再次运行下面的命令，生成新的报告：'],
      [`credit-audit check ${FIX.split(path.sep).join('/')}/puer-cycle --rules puer --cycle 2021-2025`],
      [],
    ]);
  });

  it('in English too: the verdict led by the cycle, units in the number formats', async () => {
    const result = await cyclePuer();
    const { text } = summaryOf(result, { lang: 'en' });
    expect(text[0]).toEqual(['2021-2025 cycle: 1 school(s) flagged; 3 teacher(s) incomplete (of 18 teachers / 87 teacher-years, 3 schools)']);
    expect(text).toContainEqual(['Teachers', { v: 18, fmt: '0" teachers"' }, { v: 87, fmt: '0" teacher-years"' }]);
    expect(text).toContainEqual(['Schools', { v: 3, fmt: '0" schools"' }, { v: 15, fmt: '0" school-years"' }]);
  });
});

describe('汇总 of a run of the CLI', () => {
  it('names the inputs and a district\'s own rule file relative to where the run started, and gives the command as typed', async () => {
    const dir = workspace('puer-cycle');
    writeFileSync(path.join(dir, 'my rules.yaml'), (await import('node:fs')).readFileSync(path.join(FIX, '..', 'rules', 'puer.yaml'), 'utf8'));
    const r = await runCli(['check', 'puer-cycle', '--rules', './my rules.yaml', '--cycle', '2021-2025', '--out', 'r.xlsx'], dir);
    expect(r.code).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'r.xlsx'));
    const ws = wb.getWorksheet('汇总')!;
    const rowOf = (label: string) => {
      let found = 0;
      ws.eachRow((row, n) => {
        if (!found && row.getCell(1).value === label) found = n;
      });
      expect(found, label).toBeGreaterThan(0);
      return ws.getRow(found);
    };
    const a: string[] = [];
    ws.eachRow((row) => a.push(String(row.getCell(1).value ?? '')));
    expect(a).toContain('credit-audit check puer-cycle --rules "./my rules.yaml" --cycle 2021-2025 --out r.xlsx');
    expect(rowOf('规则文件').getCell(2).value).toBe('my rules.yaml');
    expect(a).toContain(path.join('puer-cycle', '2021', '2021年度宁洱县第一小学.xlsx'));
    expect(rowOf('生成时间').getCell(2).value).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC[+-]\d\d:\d\d\)$/);
    // The number formats carry the units into the written cells.
    const t = rowOf('教师总数');
    expect([t.getCell(2).value, t.getCell(2).numFmt, t.getCell(3).value, t.getCell(3).numFmt]).toEqual([18, '0" 名教师"', 87, '0" 个教师年度"']);
  });
});

describe('the console\'s totals', () => {
  it('count teachers and schools once, beside their teacher-years and school-years, in a cycle; a yearly run as before', async () => {
    const cycle = renderConsole(await cyclePuer(), { lang: 'zh', color: false, maskIds: false }).trimEnd().split('\n').at(-1);
    expect(cycle).toBe('教师 18 名（87 个教师年度：已完成 80，未完成 6，免考核 1）；学校 3 所（15 个学校年度），被标记 1 所；问题：错误 34，警告 1，提示 2');
    const yearly = renderConsole(await yearlyPuer(), { lang: 'zh', color: false, maskIds: false }).trimEnd().split('\n').at(-1);
    expect(yearly).toBe('教师 33 人：已完成 25，未完成 6，免考核 2；学校 4 所，被标记 2 所；问题：错误 20，警告 3，提示 2');
  });
});

describe('localTime', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it.each([
    ['Asia/Shanghai', '2026-12-06 12:24:05 (UTC+08:00)'],
    ['UTC', '2026-12-06 04:24:05 (UTC+00:00)'],
    ['America/New_York', '2026-12-05 23:24:05 (UTC-05:00)'],
    ['Asia/Kolkata', '2026-12-06 09:54:05 (UTC+05:30)'],
  ])('gives the run\'s time in TZ=%s with its offset', (zone, expected) => {
    process.env.TZ = zone;
    expect(localTime(AT)).toBe(expected);
  });

  it('keeps a time it cannot read as it is', () => {
    expect(localTime('not a time')).toBe('not a time');
  });
});

describe('commandLine', () => {
  it('quotes only what a shell would split or expand', () => {
    expect(commandLine(['credit-audit', 'check', 'returns/2025年度', '--cycle', '2021-2025', '--out', 'r.xlsx'])).toBe('credit-audit check returns/2025年度 --cycle 2021-2025 --out r.xlsx');
    expect(commandLine(['credit-audit', 'check', 'my returns', '*.xlsx', '$HOME', 'a"b', ''])).toBe('credit-audit check "my returns" "*.xlsx" "\\$HOME" "a\\"b" ""');
  });
});
