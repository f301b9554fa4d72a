import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { writeAnnotatedCopies } from '../../src/report/annotate.js';
import { puerRules } from '../helpers/teacher.js';
import { scratchDir } from '../helpers/scratch.js';
import { expectOwnShapeIds } from '../helpers/vml.js';

const FIXTURE = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'puer', '2025年度墨江县第二小学-数据问题.xlsx');

/**
 * exceljs writes every notes drawing with the first id block (`data="1"`, ids from 1025), and
 * Excel calls a workbook whose drawings share ids damaged (exceljs/exceljs#3070): a copy with
 * notes on two sheets gets ids of its own in each drawing.
 */
describe('an annotated copy with notes on two sheets', () => {
  it('gives each sheet\'s notes drawing id blocks and ids no other drawing has, and exceljs reads every note back', async () => {
    const dir = scratchDir();
    // The school's return twice in one workbook: the same form on a second sheet, values only.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(FIXTURE);
    const first = wb.worksheets[0]!;
    const second = wb.addWorksheet('第二批');
    first.eachRow({ includeEmpty: false }, (row, r) => row.eachCell({ includeEmpty: false }, (c, col) => (second.getCell(r, col).value = c.value)));
    const file = path.join(dir, '2025年度墨江县第二小学-两个工作表.xlsx');
    await wb.xlsx.writeFile(file);

    const result = await audit({ files: [file], rules: puerRules(), yearOption: null });
    const sheetsWithFindings = new Set(result.findings.filter((f) => f.ref && f.severity !== 'info').map((f) => f.ref!.sheet));
    expect(sheetsWithFindings).toEqual(new Set([first.name, '第二批']));
    const { written } = await writeAnnotatedCopies(result, 'copies', dir, 'zh');
    expect(written).toHaveLength(1);
    const copy = path.join(dir, written[0]!);

    const parts = unzipSync(readFileSync(copy));
    const drawings = Object.keys(parts).filter((n) => /^xl\/drawings\/vmlDrawing\d+\.vml$/.test(n));
    expect(drawings).toHaveLength(2);
    expectOwnShapeIds(drawings.map((name) => [name, strFromU8(parts[name]!)]));

    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(copy);
    const notes = (ws: ExcelJS.Worksheet) => {
      let n = 0;
      ws.eachRow((row) => row.eachCell((c) => void (c.note ? n++ : 0)));
      return n;
    };
    const noted = new Set(result.findings.filter((f) => f.ref && f.severity !== 'info').map((f) => `${f.ref!.sheet}!${f.ref!.cell}`));
    expect(notes(back.getWorksheet(first.name)!) + notes(back.getWorksheet('第二批')!)).toBe(noted.size);
  });
});
