import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { person, rng } from '../../scripts/fixture-kit.js';
import { fillForm, type CellInput, type FormLine } from '../../scripts/form-sheet.js';
import { puerRules } from '../helpers/teacher.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * Property: for any valid return — any values, written with any of the quirks schools use
 * (numeric text, units, full-width digits, padding, formulas with cached results, blanks for 0,
 * rich-text names, a lower-case x, blank rows, a 合计 row), as .xlsx or .csv — the audit finds
 * exactly the shortfalls planted, reads every value (no "not a number"), and accounts every row.
 * The oracle is REGULATIONS.md (puer) read plainly, independent of src/checks.
 */
const HOURS = [0, 6, 12, 23.5, 24, 24.5, 30, 36, 47.5, 48, 48.5, 60];
const MODES = ['concentrated', 'online', 'school'] as const;

type Quirk = 'number' | 'text' | 'unit' | 'fullwidth' | 'padded' | 'formula' | 'blank';
const QUIRKS: Quirk[] = ['number', 'text', 'unit', 'fullwidth', 'padded', 'formula', 'blank'];

function written(value: number, quirk: Quirk, csv: boolean, unit: string): CellInput {
  const fullWidth = (s: string) => s.replace(/[0-9.]/g, (c) => (c === '.' ? '．' : String.fromCharCode(0xff10 + Number(c))));
  switch (quirk) {
    case 'number':
      return value;
    case 'text':
      return String(value);
    case 'unit':
      return `${value}${unit}`;
    case 'fullwidth':
      return fullWidth(String(value));
    case 'padded':
      return ` ${value.toFixed(1)} `;
    case 'formula':
      return csv ? value : { formula: `ROUND(${value},1)`, result: value };
    case 'blank':
      return value === 0 ? null : value;
  }
}

const teacherArb = fc.record({
  values: fc.array(fc.constantFrom(...HOURS), { minLength: 6, maxLength: 6 }),
  quirks: fc.array(fc.constantFrom(...QUIRKS), { minLength: 6, maxLength: 6 }),
  richName: fc.boolean(),
  lowerX: fc.boolean(),
  blankBefore: fc.boolean(),
});

const returnArb = fc.record({
  teachers: fc.array(teacherArb, { minLength: 1, maxLength: 8 }),
  csv: fc.boolean(),
  totalRow: fc.boolean(),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
});

/** The minimums that a teacher misses, as `scope.measure` (管理办法 第十条; 细则 三; 附件3 三 caps 校本 hours at 48). */
function plantedShortfalls(v: number[]): string[] {
  // 附件3 三: 校本 hours above 48 are not counted, nor (in proportion) the credits they earned.
  const counted = MODES.map((_, i): readonly [number, number] => (i === 2 && v[i * 2]! > 48 ? [48, (v[i * 2 + 1]! * 48) / v[i * 2]!] : [v[i * 2]!, v[i * 2 + 1]!]));
  const out: string[] = [];
  MODES.forEach((m, i) => {
    if (counted[i]![0] < 24) out.push(`${m}.hours`);
    if (counted[i]![1] < 24) out.push(`${m}.credits`);
  });
  if (counted.reduce((s, c) => s + c[0], 0) < 72) out.push('total.hours');
  if (counted.reduce((s, c) => s + c[1], 0) < 72) out.push('total.credits');
  return out.sort();
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'result' in v) return String(v.result);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((x) => x.text).join('');
  return String(v);
}

type Return = typeof returnArb extends fc.Arbitrary<infer T> ? T : never;

async function writeReturn(dir: string, ret: Return): Promise<{ file: string; rows: Array<{ row: number; shortfalls: string[] }> }> {
  const r = rng(ret.seed);
  const lines: FormLine[] = [];
  const planted: Array<{ line: number; shortfalls: string[] }> = [];
  for (const t of ret.teachers) {
    if (t.blankBefore) lines.push({ blank: true });
    let p = person(r);
    if (t.lowerX) for (let k = 0; k < 50 && !p.id.endsWith('X'); k++) p = person(r);
    const unit = ['学时', '学分'];
    planted.push({ line: lines.length, shortfalls: plantedShortfalls(t.values) });
    lines.push({
      p,
      v: t.values.map((x, i) => written(x, t.quirks[i]!, ret.csv, unit[i % 2]!)),
      name: t.richName && !ret.csv ? { richText: [{ text: p.name.slice(0, 1), font: { bold: true } }, { text: p.name.slice(1) }] } : p.name,
      id: t.lowerX ? p.id.replace('X', 'x') : p.id,
      total: [null, null],
    });
  }
  if (ret.totalRow) lines.push({ text: ['合计'] });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  const rowsOf = fillForm(ws, { year: 2025, school: '思茅区思茅镇中心小学', lines });
  const file = path.join(dir, `2025年度申报表-${ret.seed}.${ret.csv ? 'csv' : 'xlsx'}`);
  if (ret.csv) {
    const grid: string[][] = [];
    for (let row = 1; row <= ws.rowCount; row++) grid.push(Array.from({ length: 15 }, (_, c) => cellText(ws.getCell(row, c + 1).value)));
    writeFileSync(file, '\uFEFF' + stringify(grid));
  } else await wb.xlsx.writeFile(file);
  return { file, rows: planted.map((x) => ({ row: rowsOf[x.line]!, shortfalls: x.shortfalls })) };
}

describe('property: the audit finds exactly the planted shortfalls, whatever the quirks', () => {
  it('holds for random returns (xlsx and csv)', async () => {
    const dir = scratchDir('credit-audit-prop-');
    const rules = puerRules();
    await fc.assert(
      fc.asyncProperty(returnArb, async (ret) => {
        const { file, rows } = await writeReturn(dir, ret);
        const result = await audit({ files: [file], rules, yearOption: null });
        expect(result.inputs[0]!.error).toBeUndefined();
        const found = result.teachers.map((tr) => ({ row: tr.teacher.ref.row, shortfalls: tr.shortfalls.map((s) => (s.scope === 'year' ? `year.${s.year}` : `${s.scope}.${s.measure}`)).sort() }));
        expect(found).toEqual(rows);
        expect(result.findings.filter((f) => f.check === 'value-not-number' || f.check.startsWith('id-'))).toEqual([]);
        const sheet = result.inputs[0]!.sheets[0]!;
        expect(sheet.rowsRead).toBe(sheet.teachers + Object.values(sheet.skipped).reduce((n, x) => n + x.length, 0));
        const incomplete = rows.filter((x) => x.shortfalls.length).length;
        expect(result.schools[0]!.flagged).toBe(incomplete * 5 >= rows.length);
      }),
      { numRuns: 60 },
    );
  });
});
