import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { writeAnnotatedCopies } from '../../src/report/annotate.js';
import { runCli } from '../helpers/cli.js';
import { puerRules } from '../helpers/teacher.js';
import { scratchDir } from '../helpers/scratch.js';
import { expectOwnShapeIds } from '../helpers/vml.js';

const FIXTURE = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'puer', '2025年度墨江县第二小学-数据问题.xlsx');
const BINHAI = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'binhai');

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

/**
 * The records layout (issue 19): fixtures/binhai's .xlsx (scripts/make-region-fixtures.ts, block D),
 * annotated through the CLI. A teacher's shortfall is marked at the 姓名 of the teacher's first
 * record of the year, a value that is not a number at its own cell, a school's finding at A1; the
 * cells are those of the expected result, and nothing else is marked or changed.
 */
describe('--annotate on a records-layout .xlsx (天津滨海)', () => {
  const NAME = '滨海新区培训记录-2023学年-发展中心汇总.xlsx';
  const expected = JSON.parse(readFileSync(path.join(BINHAI, NAME.replace('.xlsx', '.expected.json')), 'utf8')) as { teachers: Array<{ row: number; name: string; hours: number; findings: string[] }> };

  it('marks the 姓名 cell of each short teacher\'s first row, the 学时 typed as text at its cell, the schools at A1 — and nothing else', async () => {
    const dir = scratchDir();
    copyFileSync(path.join(BINHAI, NAME), path.join(dir, NAME));
    const r = await runCli(['check', NAME, '--rules', 'binhai', '--annotate', 'copies', '--no-out'], dir);
    expect(r.code).toBe(1);
    const copies = readdirSync(path.join(dir, 'copies'));
    expect(copies).toHaveLength(1);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(path.join(dir, 'copies', copies[0]!));
    const ws = back.worksheets[0]!;
    const noted = new Map<string, string>();
    ws.eachRow((row) => row.eachCell((c) => void (c.note ? noted.set(c.address, typeof c.note === 'string' ? c.note : c.note.texts!.map((x) => x.text).join('')) : 0)));
    // From the expected result: each teacher with a minimum missed, at 姓名 (column B) of the teacher's first row.
    const short = expected.teachers.filter((t) => t.findings.some((f) => /minimum/.test(f)));
    expect(short.length).toBe(4);
    const notNumber = expected.teachers.find((t) => t.findings.includes('value-not-number:error'))!;
    // Its second record (the row below its first) holds 学时 四十 in 培训学时 (column H).
    const textCell = `H${notNumber.row + 1}`;
    expect(ws.getCell(textCell).value).toBe('四十');
    expect([...noted.keys()].sort()).toEqual([...short.map((t) => `B${t.row}`), textCell, 'A1'].sort());
    for (const t of short) expect(ws.getCell(`B${t.row}`).value).toBe(t.name);
    expect(noted.get(textCell)).toContain('四十');
    // The teacher whose pending 8 学时 would have made 100: 92 recognised.
    const pending = expected.teachers.find((t) => t.hours === 92)!;
    expect(noted.get(`B${pending.row}`)).toContain('全年学时 92，低于要求的 96');
    expect(noted.get('A1')).toContain('20%');
    // Marked cells are filled; the figures and dates are the school's, unchanged.
    expect(ws.getCell(textCell).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    const source = new ExcelJS.Workbook();
    await source.xlsx.readFile(path.join(BINHAI, NAME));
    const values = (w: ExcelJS.Worksheet) => {
      const out: unknown[] = [];
      w.eachRow((row) => row.eachCell((c) => void out.push([c.address, c.value instanceof Date ? c.value.toISOString() : c.value])));
      return out;
    };
    expect(values(ws)).toEqual(values(source.worksheets[0]!));
  });
});
