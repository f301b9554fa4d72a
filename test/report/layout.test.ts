import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { fileColumnWidth, reportSheets } from '../../src/report/report-content.js';
import { cell, headerHeight, wrappedLines } from '../../src/report/sheets.js';
import { writeReport } from '../../src/report/write-report.js';
import { puerRules } from '../helpers/teacher.js';
import { scratchDir } from '../helpers/scratch.js';

/** What the report looks like when it is opened: columns wide enough, headers tall enough. */
describe('the width of 汇总 first column', () => {
  it('counts a Chinese character as two widths of the digit 0', () => {
    // returns/ 8 + 2025 4 + 年度墨江县第二小学 18 + - 1 + 数据问题 8 + .xlsx 5 = 44, and 2 to spare.
    expect(fileColumnWidth(['returns/2025年度墨江县第二小学-数据问题.xlsx'])).toBe(46);
    expect(fileColumnWidth(['returns/2025-second-primary-data-issues.xlsx'])).toBe(46);
  });

  it('keeps 22 for short paths and no inputs, and stops at 80', () => {
    expect(fileColumnWidth([])).toBe(22);
    expect(fileColumnWidth(['a.xlsx'])).toBe(22);
    // 20 wide: 22 either way; 21 wide: 23.
    expect(fileColumnWidth(['x'.repeat(20)])).toBe(22);
    expect(fileColumnWidth(['x'.repeat(21)])).toBe(23);
    expect(fileColumnWidth(['学'.repeat(39)])).toBe(80);
    expect(fileColumnWidth(['学'.repeat(40)])).toBe(80);
    expect(fileColumnWidth(['a.xlsx', '学'.repeat(100)])).toBe(80);
  });

  it('is what the written report gives column A of 汇总, from the widest of its inputs', async () => {
    const dir = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'puer');
    const files = [path.join(dir, 'value-quirks.xlsx'), path.join(dir, '2025年度墨江县第二小学-数据问题.xlsx')];
    const result = await audit({ files, rules: puerRules(), yearOption: null, now: new Date('2025-03-01T00:00:00Z') });
    const out = path.join(scratchDir(), 'report.xlsx');
    await writeReport(result, out, { lang: 'zh', maskIds: false });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const width = wb.getWorksheet('汇总')!.getColumn(1).width;
    expect(width).toBe(fileColumnWidth(result.inputs.map((i) => i.file)));
    expect(width).toBeGreaterThan(22);
  });
});

describe('a header row', () => {
  it('takes as many lines as its text wraps to in its column (one digit of the width is padding)', () => {
    // Width 9 leaves room for 8: four Chinese characters fit, five do not.
    expect(wrappedLines('集中培训', 9)).toBe(1);
    expect(wrappedLines('集中培训学', 9)).toBe(2);
    expect(wrappedLines('集中培训学时', 9)).toBe(2);
    expect(wrappedLines('集中培训学时学分', 9)).toBe(2);
    expect(wrappedLines('集中培训学时学分计', 9)).toBe(3);
    // A word moves whole to the next line, and is broken only when longer than a line.
    expect(wrappedLines('Hours short', 12)).toBe(1);
    expect(wrappedLines('Hours short', 11)).toBe(2);
    expect(wrappedLines('Concentrated hours', 9)).toBe(3);
    expect(wrappedLines('', 9)).toBe(1);
  });

  it('is made tall enough for its longest cell, 15 points a line, up to five lines; one line keeps the default', () => {
    expect(headerHeight([cell('序号'), cell('姓名')], [6, 10])).toBeUndefined();
    expect(headerHeight([cell('序号'), cell('集中培训学时')], [6, 9])).toBe(30);
    expect(headerHeight([cell(2025), cell('集中培训学时学分计')], [6, 9])).toBe(45);
    // Width 9 holds four Chinese characters a line: 16 are four lines, 20 five, 21 six, cut to five.
    expect(headerHeight([cell('学'.repeat(16))], [9])).toBe(60);
    expect(headerHeight([cell('学'.repeat(20))], [9])).toBe(75);
    expect(headerHeight([cell('学'.repeat(21))], [9])).toBe(75);
    expect(headerHeight([cell('学'.repeat(40))], [9])).toBe(75);
    // A column without a width has Excel's default (8.43): room for three Chinese characters.
    expect(headerHeight([cell('序号'), cell('参与考核')], [6])).toBe(30);
    expect(headerHeight([cell('序号'), cell('参与')], [6])).toBeUndefined();
  });

  it.each(['zh', 'en'] as const)('of every sheet of a real report (%s) is as tall as its header text needs', async (lang) => {
    const dir = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'puer');
    const result = await audit({ files: [path.join(dir, '2025年度墨江县第二小学-数据问题.xlsx')], rules: puerRules(), yearOption: null, now: new Date('2025-03-01T00:00:00Z') });
    const out = path.join(scratchDir(), 'report.xlsx');
    await writeReport(result, out, { lang, maskIds: false });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheets = reportSheets(result, { lang, maskIds: false });
    for (const sheet of sheets.filter((s) => s.header)) {
      const [head] = sheet.rows();
      expect(wb.getWorksheet(sheet.name)!.getRow(1).height, sheet.name).toBe(headerHeight(head!, sheet.widths));
    }
    // 教师's figures sit in columns 9 wide under headers of six Chinese characters: two lines.
    if (lang === 'zh') expect(wb.getWorksheet('教师')!.getRow(1).height).toBe(30);
  });
});
