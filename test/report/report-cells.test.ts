import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/audit.js';
import { reportSheets } from '../../src/report/report-content.js';
import { RowIndex } from '../../src/report/row-index.js';
import { cell, FILL } from '../../src/report/sheets.js';
import { puerRules } from '../helpers/teacher.js';

/** The report's cells and row lookups, made for a million rows (issue 5). */
describe('report cells', () => {
  it('have every field, in one order, whatever they hold: one shape for the writer to read', () => {
    const plain = Object.keys(cell('x'));
    expect(plain).toEqual(['v', 'fill', 'note', 'link', 'numFmt', 'bold']);
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
    expect([...shapes]).toEqual(['v,fill,note,link,numFmt,bold']);
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
});
