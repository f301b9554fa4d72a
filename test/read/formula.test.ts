import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { evaluateRowFormula, settleRowFormulas, slideFormula } from '../../src/read/formula.js';
import { openInput, type XlsxReader } from '../../src/read/open.js';
import type { CellValue, RawRow } from '../../src/read/types.js';
import { renderJson } from '../../src/report/json.js';
import { fillForm } from '../../scripts/form-sheet.js';
import { person, rng } from '../../scripts/fixture-kit.js';
import { puerRules } from '../helpers/teacher.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * Formulas without a cached result (issue 18): a script-made workbook holds `<f>12+12</f>` and no
 * `<v>`, which read as blank, so a teacher's hours were 0 with no finding. A sum or difference of
 * numbers and cells of the formula's own row is evaluated; anything else is value-not-number with
 * the formula shown. Both readers agree.
 */

// Row 5 of a form: G5..L5 = 24, 24, 30, 36, blank, 12.
const ROW: CellValue[] = [1, '张三', '男', 'x', '初中数学', '一级教师', 24, 24, 30, 36, null, 12];
const lookup = (col: number) => {
  const v = ROW[col];
  return v === null || v === undefined ? 0 : typeof v === 'number' ? v : undefined;
};

describe('evaluateRowFormula: sums and differences of the row', () => {
  it.each([
    ['12+12', 24],
    ['=12+12', 24],
    ['G5+I5+K5', 54],
    ['= G5 + I5 + K5', 54],
    ['g5+i5', 54],
    ['$G5+$I$5', 54],
    ['G5-H5', 0],
    ['-G5+30', 6],
    ['SUM(G5,I5,K5)', 54],
    ['SUM(G5:L5)', 126],
    ['sum(G5:H5)+L5-1', 59],
    ['1e1+0.5', 10.5],
    ['K5', 0],
  ])('%s = %d', (formula, value) => {
    expect(evaluateRowFormula(formula, 5, lookup)).toBe(value);
  });

  it.each([
    ['another row', 'G6+I5'],
    ['another row in a range', 'SUM(G5:G6)'],
    ['another sheet', 'Sheet2!G5'],
    ['a text cell', 'B5+G5'],
    ['another function', 'VLOOKUP(B5,Sheet2!A:B,2,FALSE)'],
    ['a product', 'G5*2'],
    ['a quotient', '1/0'],
    ['brackets', '(G5+I5)'],
    ['a sign with nothing after it', 'G5+'],
    ['two signs', 'G5++I5'],
    ['a range backwards', 'SUM(L5:G5)'],
    ['nothing', '='],
    ['a name', 'TOTAL'],
  ])('%s (%s) is not evaluated', (_, formula) => {
    expect(evaluateRowFormula(formula, 5, lookup)).toBeUndefined();
  });
});

describe('settleRowFormulas', () => {
  it('evaluates a formula that names another formula of the row, and shows the rest as their formula', () => {
    const cells: CellValue[] = [...ROW];
    settleRowFormulas(cells, 5, [
      { col: 12, formula: 'G5+N5' },
      { col: 13, formula: '12+12' },
      { col: 14, formula: 'G6' },
      { col: 15, formula: 'P5+1' },
      { col: 16, formula: 'O5' },
    ]);
    expect(cells.slice(12)).toEqual([48, 24, { error: '=G6' }, { error: '=P5+1' }, { error: '=O5' }]);
  });
});

describe('slideFormula moves a shared formula as exceljs does', () => {
  const reference = (createRequire(import.meta.url)('exceljs/lib/utils/shared-formula.js') as { slideFormula: (f: string, from: string, to: string) => string }).slideFormula;
  const a1 = (c: { row: number; col: number }) => `${String.fromCharCode(65 + c.col)}${c.row}`;
  it('on any formula of refs, functions and operators', () => {
    const part = fc.constantFrom('G5', '$G5', 'G$5', '$G$5', 'SUM(', ')', '+', '-', ':', ',', 'Sheet2!', 'AB12', 'x', '1', 'XFE1', 'LOG10(');
    const cell = fc.record({ row: fc.integer({ min: 1, max: 50 }), col: fc.integer({ min: 0, max: 25 }) });
    fc.assert(
      fc.property(fc.array(part, { maxLength: 10 }), cell, cell, (parts, from, to) => {
        const f = parts.join('');
        let expected: string;
        try {
          expected = reference(f, a1(from), a1(to));
        } catch {
          // exceljs throws for a column moved before A; such a block is not in a file Excel wrote.
          return;
        }
        expect(slideFormula(f, from, to)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('a workbook whose formulas have no cached result, read by both readers', () => {
  const dir = scratchDir('credit-audit-formula-');
  const r = rng(18);
  const file = path.join(dir, '2025年度公式无缓存.xlsx');

  async function write(): Promise<void> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('申报表');
    const p = Array.from({ length: 5 }, () => person(r));
    const f = (formula: string) => ({ formula }) as ExcelJS.CellFormulaValue;
    fillForm(ws, {
      year: 2025,
      school: '思茅区第一中学',
      footers: true,
      lines: [
        // Row 5: every value a formula of its row, totals too.
        { p: p[0]!, v: [f('12+12'), 24, 24, 24, 24, f('H5')], total: [f('G5+I5+K5'), f('SUM(H5,J5,L5)')] },
        // Row 6: 集中 学时 names row 5: not evaluated, value-not-number.
        { p: p[1]!, v: [f('G5'), 24, 24, 24, 24, 24], total: [72, 72] },
        // Row 7: a function it cannot evaluate.
        { p: p[2]!, v: [f('VLOOKUP(B7,Sheet2!A:B,2,FALSE)'), 24, 24, 24, 24, 24], total: [72, 72] },
        // Row 8: 2,4 学时 with a decimal comma: value-not-number, never 24.
        { p: p[3]!, v: ['2,4', 24, 24, 24, 24, 24], total: [72, 72] },
        // Rows 9: a shared formula's master (row 9) and child (row 10) with no result.
        { p: p[4]!, v: [24, 24, 24, 24, 24, 24], total: [72, 72] },
        { p: person(r), v: [24, 24, 24, 24, 24, 24], total: [72, 72] },
      ],
    });
    ws.getCell('M9').value = { formula: 'G9+I9+K9', shareType: 'shared', ref: 'M9:M10' } as unknown as ExcelJS.CellFormulaValue;
    ws.getCell('M10').value = { sharedFormula: 'M9' } as ExcelJS.CellSharedFormulaValue;
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  }

  async function rows(reader: XlsxReader): Promise<RawRow[]> {
    const { source } = await openInput(file, { reader });
    const out: RawRow[] = [];
    try {
      for await (const row of source.sheets[0]!.rows()) out.push(row);
    } finally {
      source.close?.();
    }
    return out;
  }

  it('holds formulas with no <v> (the file is as a script writes it)', async () => {
    await write();
    const { default: yauzl } = await import('yauzl');
    const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
    let xml = '';
    for await (const e of zip.eachEntry()) {
      if (e.fileName !== 'xl/worksheets/sheet1.xml') continue;
      for await (const b of await zip.openReadStreamPromise(e)) xml += (b as Buffer).toString('utf8');
    }
    zip.close();
    expect(xml).toMatch(/<c r="G5"[^>]*><f>12\+12<\/f><\/c>/);
    expect(xml).toMatch(/<c r="M10"[^>]*><f t="shared" si="0"\/><\/c>/);
  });

  it('the streaming reader and exceljs read the same values: evaluated, or the formula shown', async () => {
    await write();
    const stream = await rows('stream');
    expect(stream).toEqual(await rows('exceljs'));
    const at = (row: number) => stream.find((x) => x.row === row)!.cells;
    expect(at(5).slice(6, 14)).toEqual([24, 24, 24, 24, 24, 24, 72, 72]);
    expect(at(6)[6]).toEqual({ error: '=G5' });
    expect(at(7)[6]).toEqual({ error: '=VLOOKUP(B7,Sheet2!A:B,2,FALSE)' });
    expect(at(9)[12]).toBe(72);
    expect(at(10)[12]).toBe(72);
  });

  it('audits to the same result with either reader, each unreadable value a value-not-number finding naming its cell and text', async () => {
    await write();
    const now = new Date('2025-03-01T00:00:00Z');
    const run = async (reader: XlsxReader) => audit({ files: [file], rules: puerRules(), yearOption: 2025, now, reader });
    const stream = await run('stream');
    expect(renderJson(stream, { lang: 'zh', maskIds: false })).toBe(renderJson(await run('exceljs'), { lang: 'zh', maskIds: false }));
    const bad = stream.findings.filter((x) => x.check === 'value-not-number').map((x) => ({ cell: x.ref?.cell, text: x.data.text }));
    expect(bad).toEqual([
      { cell: 'G6', text: '=G5' },
      { cell: 'G7', text: '=VLOOKUP(B7,Sheet2!A:B,2,FALSE)' },
      { cell: 'G8', text: '2,4' },
    ]);
    // Row 5's formulas count: its teacher has no finding (a formula read as 0 was 24 short).
    expect(stream.findings.filter((x) => x.ref?.row === 5)).toEqual([]);
    expect(stream.teachers.find((t) => t.teacher.ref.row === 5)?.status).toBe('complete');
    expect(stream.teachers.find((t) => t.teacher.ref.row === 6)?.status).not.toBe('complete');
  });
});
