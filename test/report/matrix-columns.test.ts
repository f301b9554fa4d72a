import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { reportSheets } from '../../src/report/report-content.js';
import { FILL, type ReportCell } from '../../src/report/sheets.js';
import { builtinRules, FIX } from '../helpers/fixture-audits.js';

/**
 * 上海虹口's 表1 in the cycle's 教师 sheet (issue 19, item 7): each level × category cell, its
 * 信息技术 part and each sum a column of what counted, filled where short, with a note saying what
 * is short and what an offset covered. The fixture: 唐香娥 meets 表1 exactly; 廖凡's 区级 知识与技能
 * is 2 short and covered by a 市级 surplus; 何咏韵's 市级 知识与技能 is 2 short (区级 never covers 市级);
 * 易颖露's 实践体验 has 学时 without 学分, so 校本 实践体验 counts 1.
 */
const run = () =>
  audit({ files: [path.join(FIX, 'regions', '10-hongkou-matrix', '虹口区教师培训记录-2016-2020.csv')], rules: builtinRules('hongkou'), yearOption: null, cycle: { start: 2016, end: 2020 }, asOf: 2020 });

/** A header as one line, without the breaks and spaces its words are laid out with. */
const flat = (v: ReportCell['v']) => String(v ?? '').replace(/\s/g, '');

const MATRIX = [
  '市级师德与素养学分（应达2）',
  '市级知识与技能学分（应达4）',
  '市级知识与技能信息技术学分（应达1）',
  '区级师德与素养学分（应达2）',
  '区级知识与技能学分（应达10）',
  '区级知识与技能信息技术学分（应达3）',
  '校本师德与素养学分（应达8）',
  '校本实践体验学分（应达10）',
  '校本实践体验信息技术学分（应达1）',
  '师德与素养课程学分（应达12）',
  '知识与技能课程学分（应达14）',
  '实践体验课程学分（应达10）',
];

describe("上海虹口's 表1 as columns of the cycle's 教师", () => {
  it('gives each cell, its 信息技术 part and each sum a column, in the table\'s order, after the cycle totals', async () => {
    const [head] = reportSheets(await run(), { lang: 'zh', maskIds: false }).find((s) => s.name === '教师')!.rows();
    const heads = head!.map((c) => flat(c.v));
    const first = heads.indexOf(MATRIX[0]!);
    expect(heads.slice(first, first + MATRIX.length)).toEqual(MATRIX);
    expect(first).toBeGreaterThan(heads.indexOf('周期累计学分（应达36）'));
  });

  it('shows what counted in each cell, row by row, problems first', async () => {
    const [head, ...rows] = reportSheets(await run(), { lang: 'zh', maskIds: false }).find((s) => s.name === '教师')!.rows();
    const heads = head!.map((c) => flat(c.v));
    const at = MATRIX.map((h) => heads.indexOf(h));
    const name = heads.indexOf('姓名');
    expect(rows.map((r) => [r[name]!.v, ...at.map((i) => r[i]!.v)])).toEqual([
      ['何咏韵', 2, 2, 1, 2, 12, 3, 8, 10, 1, 12, 14, 10],
      ['易颖露', 2, 4, 1, 2, 10, 3, 8, 1, 1, 12, 14, 1],
      ['唐香娥', 2, 4, 1, 2, 10, 3, 8, 10, 1, 12, 14, 10],
      ['廖凡', 2, 6, 1, 2, 8, 3, 8, 10, 1, 12, 14, 10],
    ]);
  });

  it('fills a cell short after offsets with the finding\'s note, a cell an offset covered in full with a note of its own, and leaves a met cell plain', async () => {
    const [head, ...rows] = reportSheets(await run(), { lang: 'zh', maskIds: false }).find((s) => s.name === '教师')!.rows();
    const heads = head!.map((c) => flat(c.v));
    const cellOf = (teacher: string, h: string) => rows.find((r) => r[heads.indexOf('姓名')]!.v === teacher)![heads.indexOf(h)]!;
    // 市级 is short: no offset covers it (区级 never covers 市级).
    expect(cellOf('何咏韵', MATRIX[1]!)).toMatchObject({ fill: FILL.error });
    expect(cellOf('何咏韵', MATRIX[1]!).note).toContain('市级 知识与技能 还差 2 学分（已有 2，要求 4）');
    // Its 区级 surplus is not a shortfall: plain.
    expect(cellOf('何咏韵', MATRIX[4]!).fill).toBeUndefined();
    // The cell and its sum are short, each in its own column, not in the total's.
    expect(cellOf('易颖露', MATRIX[7]!).note).toContain('校本 实践体验 还差 9 学分');
    expect(cellOf('易颖露', MATRIX[11]!).note).toContain('实践体验课程 还差 9 学分');
    expect(cellOf('易颖露', '周期累计学分（应达36）').note).not.toContain('实践体验');
    // 区级 知识与技能 8 of 10, the 市级 surplus of 2 covering it: met, and said.
    expect(cellOf('廖凡', MATRIX[4]!)).toMatchObject({ v: 8, fill: FILL.info });
    expect(cellOf('廖凡', MATRIX[4]!).note).toBe('2016-2020 周期（表1）：区级 知识与技能 本级差 2 学分，市级 超出 2 学分已冲抵，已达到（已有 8，要求 10）');
    // A cell met on its own: plain.
    for (const h of MATRIX) expect(cellOf('唐香娥', h).fill, h).toBeUndefined();
  });

  it('says the cells in English with --lang en', async () => {
    const [head] = reportSheets(await run(), { lang: 'en', maskIds: false }).find((s) => s.name === 'Teachers')!.rows();
    expect(head!.map((c) => String(c.v).replace(/\n/g, ' '))).toContain('district-level knowledge and skills credits (due 10)');
  });

  it('adds no matrix column where the rule set has no matrix (普洱)', async () => {
    const result = await audit({ files: [path.join(FIX, 'puer', '2025年度思茅区第一中学.xlsx')], rules: builtinRules('puer'), yearOption: null, cycle: { start: 2021, end: 2025 } });
    expect(result.cycle!.teachers.every((t) => t.figures === undefined)).toBe(true);
    const [head] = reportSheets(result, { lang: 'zh', maskIds: false }).find((s) => s.name === '教师')!.rows();
    expect(head!.map((c) => flat(c.v)).filter((h) => /级|课程/.test(h))).toEqual([]);
  });
});
