import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { reportSheets } from '../../src/report/report-content.js';
import { RowIndex } from '../../src/report/row-index.js';
import { cell, FILL } from '../../src/report/sheets.js';
import { puerRules } from '../helpers/teacher.js';

/** The report's cells and row lookups, made for a million rows (issue 5). */
describe('report cells', () => {
  it('have every field, in one order, whatever they hold: one shape for the writer to read', () => {
    const plain = Object.keys(cell('x'));
    expect(plain).toEqual(['v', 'fill', 'note', 'link', 'numFmt', 'bold', 'wrap']);
    expect(Object.keys(cell(1, { note: 'n', fill: FILL.error }))).toEqual(plain);
    expect(Object.keys(cell(null, { bold: true, link: "'教师'!A2", numFmt: '0.0%' }))).toEqual(plain);
    expect(cell(2, { fill: FILL.warning })).toMatchObject({ v: 2, fill: FILL.warning, note: undefined, link: undefined });
  });

  it('of every sheet of a real report have that one shape, notes and fills added included', async () => {
    const dir = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'puer');
    const result = await audit({ files: [dir + '/value-quirks.xlsx', dir + '/2025年度墨江县第二小学-数据问题.xlsx'], rules: puerRules(), yearOption: null, now: new Date('2025-03-01T00:00:00Z') });
    const shapes = new Set<string>();
    let noted = 0;
    for (const sheet of reportSheets(result, { lang: 'zh', maskIds: false })) {
      for (const row of sheet.rows()) for (const c of row) {
        shapes.add(Object.keys(c).join());
        if (c.note) noted++;
      }
    }
    expect(noted).toBeGreaterThan(0);
    expect([...shapes]).toEqual(['v,fill,note,link,numFmt,bold,wrap']);
  });
});

describe('RowIndex', () => {
  it('finds each row of each sheet of each file, however the lookups move between them', () => {
    const index = new RowIndex<string>();
    const refs = ['a.xlsx', 'b.xlsx'].flatMap((file) => ['Sheet1', '教师'].flatMap((sheet) => [2, 3, 900].map((row) => ({ file, sheet, row }))));
    // Set in an order that moves between files and sheets at every step, and read back in another.
    const order = refs.map((_, i) => (i * 5) % refs.length);
    for (const i of order) index.set(refs[i]!, `${refs[i]!.file}|${refs[i]!.sheet}|${refs[i]!.row}`);
    for (const r of [...refs].reverse()) expect(index.get(r)).toBe(`${r.file}|${r.sheet}|${r.row}`);
    // A row, a sheet or a file it does not hold, right after a lookup in a sheet it does.
    expect(index.get({ file: 'a.xlsx', sheet: 'Sheet1', row: 4 })).toBeUndefined();
    expect(index.get({ file: 'a.xlsx', sheet: 'Sheet2', row: 2 })).toBeUndefined();
    expect(index.has({ file: 'c.xlsx', sheet: 'Sheet1', row: 2 })).toBe(false);
    expect(index.has({ file: 'b.xlsx', sheet: '教师', row: 900 })).toBe(true);
    // A sheet added after lookups in others.
    index.set({ file: 'c.xlsx', sheet: 'Sheet1', row: 2 }, 'c');
    expect(index.get({ file: 'a.xlsx', sheet: 'Sheet1', row: 2 })).toBe('a.xlsx|Sheet1|2');
    expect(index.get({ file: 'c.xlsx', sheet: 'Sheet1', row: 2 })).toBe('c');
  });

  it('keeps rows on both sides of its blocks apart, and rows far apart in one sheet', () => {
    const index = new RowIndex<number>();
    const at = (row: number) => ({ file: 'a.xlsx', sheet: 'Sheet1', row });
    // The last row of a sheet first, then rows around the block edges (1 024 rows a block).
    const rows = [1_048_576, 1, 1023, 1024, 1025, 2047, 2048, 5_000_000];
    for (const row of rows) index.set(at(row), row * 10);
    for (const row of rows) expect(index.get(at(row))).toBe(row * 10);
    for (const row of [2, 1022, 1026, 2046, 2049, 1_048_575, 1_048_577]) expect(index.has(at(row))).toBe(false);
    // A value set again replaces the first; a value of 0 is held (only undefined is "none").
    index.set(at(1024), 0);
    expect(index.get(at(1024))).toBe(0);
    expect(index.has(at(1024))).toBe(true);
    // A ref that is not a row number is never found, and cannot be set.
    expect(index.get(at(1.5))).toBeUndefined();
    expect(index.get(at(-1))).toBeUndefined();
    expect(() => index.set(at(Number.NaN), 1)).toThrow(RangeError);
  });
});
