import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/audit.js';
import { fileColumnWidth } from '../../src/report/report-content.js';
import { writeReport } from '../../src/report/xlsx.js';
import { puerRules } from '../helpers/teacher.js';
import { scratchDir } from '../helpers/scratch.js';

/** 汇总's first column holds each input's path: wide enough that the SHA-256 beside it does not cut it. */
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
