import { describe, expect, it } from 'vitest';
import { reportSheets } from '../../src/report/report-content.js';
import { reportContext } from '../../src/report/report-context.js';
import { schoolsSheet } from '../../src/report/schools-sheet.js';
import type { ReportCell } from '../../src/report/sheets.js';
import { cyclePuer, yearlyPuer } from '../helpers/fixture-audits.js';

/** 学校: worst first within a period; a cycle audit leads with the cycle, its years after (issue 20, item 4). */

const PINK = 'FFFFC7CE';
const values = (rows: ReportCell[][]) => rows.map((r) => r.map((c) => c.v));

describe('学校 of a yearly audit (fixtures/puer, its .xlsx returns)', () => {
  it('lists each school and year, the latest year first and the worst first within it, flagged rows pink', async () => {
    const result = await yearlyPuer();
    const { sheet, rowOf } = schoolsSheet(reportContext(result, { lang: 'zh', maskIds: false }));
    const rows = [...sheet.rows()];
    expect(values(rows)).toEqual([
      ['学校', '年度', '参与考核', '未完成', '免考核', '未完成比例', '标记'],
      ['墨江县第二小学', 2025, 6, 2, 2, 0.333333, '是'],
      ['宁洱县民族中学', 2025, 5, 1, 0, 0.2, '是'],
      ['思茅区第一中学', 2025, 14, 2, 0, 0.142857, '否'],
      ['景谷县永平镇中心小学', 2024, 6, 1, 0, 0.166667, '否'],
    ]);
    expect(rows.slice(1).map((r) => r.every((c) => c.fill === PINK))).toEqual([true, true, false, false]);
    expect(rows[1]![5]!.numFmt).toBe('0.0%');
    expect(sheet.dataBar).toEqual({ column: 6 });
    expect([rowOf('墨江县第二小学', 2025), rowOf('景谷县永平镇中心小学', 2024), rowOf('景谷县永平镇中心小学', 2025)]).toEqual([2, 5, undefined]);
  });
});

describe('学校 of a cycle audit (fixtures/puer-cycle, --cycle 2021-2025)', () => {
  it('puts the cycle\'s rows first, named as the cycle, then the years, the latest first; each row found where it is', async () => {
    const result = await cyclePuer();
    const { sheet, rowOf } = schoolsSheet(reportContext(result, { lang: 'zh', maskIds: false }));
    const rows = [...sheet.rows()];
    expect(values(rows.slice(0, 5))).toEqual([
      ['学校', '年度', '参与考核', '未完成', '免考核', '未完成比例', '标记', '落后进度', '总体完成率', '集中培训完成率', '自主选课率'],
      ['景东县民族中学', '周期 2021-2025', 6, 2, 0, 0.333333, '是', 0, 0.666667, null, null],
      ['宁洱县第一小学', '周期 2021-2025', 7, 1, 0, 0.142857, '否', 0, 0.857143, null, null],
      ['思茅区第四中学', '周期 2021-2025', 5, 0, 0, 0, '否', 0, 1, null, null],
      ['景东县民族中学', 2025, 6, 1, 0, 0.166667, '否', null, null, null, null],
    ]);
    // Three schools over the cycle, then 15 school-years, 2025 down to 2021.
    expect(rows).toHaveLength(1 + 3 + 15);
    expect(rows.slice(4).map((r) => r[1]!.v)).toEqual([2025, 2025, 2025, 2024, 2024, 2024, 2023, 2023, 2023, 2022, 2022, 2022, 2021, 2021, 2021]);
    expect(rows.map((r) => r[0]!.fill === PINK)).toEqual([false, true, false, false, false, false, false, false, false, false, true, false, false, true, false, false, true, false, false]);
    expect(rowOf('景东县民族中学', '2021-2025')).toBe(2);
    expect(rowOf('思茅区第四中学', '2021-2025')).toBe(4);
    expect(rowOf('景东县民族中学', 2023)).toBe(11);
    expect(rows[10]!.slice(0, 2).map((c) => c.v)).toEqual(['景东县民族中学', 2023]);
  });

  it('问题清单 links the cycle\'s school flag, which names the cycle, to the school\'s cycle row; a year\'s flag to its year\'s row', async () => {
    const result = await cyclePuer();
    const sheets = reportSheets(result, { lang: 'zh', maskIds: false });
    const findings = [...sheets.find((s) => s.name === '问题清单')!.rows()];
    const schools = [...sheets.find((s) => s.name === '学校')!.rows()];
    const head = findings[0]!.map((c) => c.v);
    const [message, school, year, check] = ['说明', '学校', '年度', '检查编号'].map((h) => head.indexOf(h));
    const flags = findings.filter((r) => r[check!]!.v === 'school-incomplete-share');
    expect(flags).toHaveLength(4);
    const cycleFlag = flags.find((r) => String(r[message!]!.v).includes('周期'))!;
    expect(cycleFlag[0]!.link).toBe("'学校'!A2");
    expect(cycleFlag[message!]!.v).toBe('2021-2025 周期内 2/6 名教师未完成（33.3%），达到 20% 标准，学校在周期上被标记');
    for (const f of flags.filter((r) => r !== cycleFlag)) {
      const row = schools[Number(/A(\d+)$/.exec(f[0]!.link!)![1]) - 1]!;
      expect([row[0]!.v, row[1]!.v, row[6]!.v]).toEqual([f[school!]!.v, f[year!]!.v, '是']);
    }
  });
});

describe('学校\'s columns', () => {
  it('hold their headers unbroken within a word and their school names whole (集中培训完成率 was cut mid-word)', async () => {
    const { wrappedLines } = await import('../../src/report/sheets.js');
    const { headerWords, textWidth } = await import('../../src/report/teacher-columns.js');
    const sheet = reportSheets(await cyclePuer(), { lang: 'zh', maskIds: false })[1]!;
    const [head, ...rows] = [...sheet.rows()];
    head!.forEach((h, c) => {
      const text = String(h.v);
      // Every word of the header fits the column's width on a line of its own.
      for (const w of headerWords(text.replace(/\n/g, ' '))) expect(textWidth(w.word), `${text}: ${w.word}`).toBeLessThanOrEqual(sheet.widths[c]! - 1);
      expect(wrappedLines(text, sheet.widths[c]!)).toBeLessThanOrEqual(3);
    });
    expect(head!.map((h) => h.v)).toContain('集中培训完成率');
    for (const r of rows) expect(textWidth(String(r[0]!.v))).toBeLessThanOrEqual(sheet.widths[0]! - 1);
  });
});
