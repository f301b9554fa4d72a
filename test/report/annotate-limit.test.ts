import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { run, type Io } from '../../src/cli/main.js';
import { ANNOTATE_MAX_CELLS, workbookSize, writeAnnotatedCopies } from '../../src/report/annotate.js';
import { puerRules } from '../helpers/teacher.js';
import { workspace } from '../e2e/helpers.js';
import { scratchDir } from '../helpers/scratch.js';
import { SCHOOL_RETURN, withWideSheet } from '../helpers/workbook-variants.js';

/**
 * exceljs holds a whole workbook to copy it, and its memory grows with cells and rows (~1.3 KB a
 * cell, ~2 KB more a row): a workbook whose cells, a row counting as two, pass ANNOTATE_MAX_CELLS
 * gets no annotated copy, and the user is told why. 300 rows filled out to column XFD took 114 s
 * and 4.2 GB before the bound counted cells (issue 18).
 */
const FILE = SCHOOL_RETURN;

describe('the size of a workbook, counted in its sheets\' XML', () => {
  it('counts every <c> and <row> of every sheet, with a namespace prefix or none, across the pieces it inflates', async () => {
    const dir = scratchDir();
    // ~1 MB of XML: yauzl hands it on in pieces of 16-64 KB, so tags fall across their edges.
    const rows = 4000;
    const cols = 12;
    const sheet = (prefix: string) => {
      const p = prefix ? `${prefix}:` : '';
      let xml = `<?xml version="1.0"?><${p}worksheet><${p}cols><${p}col min="1" max="2"/></${p}cols><${p}sheetData>`;
      for (let r = 1; r <= rows; r++) {
        xml += `<${p}row r="${r}">`;
        for (let c = 1; c <= cols; c++) xml += c % 3 ? `<${p}c r="R${r}C${c}" s="1"><${p}v>${r}</${p}v></${p}c>` : `<${p}c r="R${r}C${c}"/>`;
        xml += `</${p}row>`;
      }
      return `${xml}</${p}sheetData><${p}conditionalFormatting><${p}cfRule type="x"/></${p}conditionalFormatting></${p}worksheet>`;
    };
    const file = path.join(dir, 'counted.xlsx');
    writeFileSync(
      file,
      zipSync({
        'xl/workbook.xml': strToU8('<workbook/>'),
        'xl/worksheets/sheet1.xml': strToU8(sheet('')),
        'xl/worksheets/sheet2.xml': strToU8(sheet('x')),
        // Not a sheet: its cells are not counted.
        'xl/sharedStrings.xml': strToU8('<sst><si><t>&lt;c </t></si></sst>'),
      }),
    );
    expect(await workbookSize(file)).toEqual({ cells: 2 * rows * cols, rows: 2 * rows });
    // Past a limit it stops counting, at once: somewhere over it, not the whole.
    const stopped = await workbookSize(file, 1000);
    expect(stopped.cells + 2 * stopped.rows).toBeGreaterThan(1000);
    expect(stopped.cells).toBeLessThan(rows * cols);
  });
});

describe('annotated copies of large workbooks', () => {
  it('writes a copy for a workbook of as many cells as the limit, and none for one more', async () => {
    const result = await audit({ files: [FILE], rules: puerRules(), yearOption: null });
    const { cells, rows } = await workbookSize(FILE);
    expect(cells).toBeGreaterThan(100);
    const weight = cells + 2 * rows;
    const at = scratchDir('credit-audit-');
    const fits = await writeAnnotatedCopies(result, 'fits', at, 'zh', weight);
    expect(fits.tooLarge).toEqual([]);
    expect(fits.written.length).toBe(1);
    expect(existsSync(path.join(at, fits.written[0]!))).toBe(true);
    const over = await writeAnnotatedCopies(result, 'over', at, 'zh', weight - 1);
    expect(over).toEqual({ written: [], tooLarge: [{ file: FILE, cells, rows }], failed: [], writeFailed: [], notXlsx: [], maxCells: weight - 1 });
    expect(existsSync(path.join(at, 'over', '2025年度墨江县第二小学-数据问题.annotated.xlsx'))).toBe(false);
  });

  it('refuses a short workbook filled out to column XFD, at once, and copies the same school without the wide sheet', async () => {
    const dir = scratchDir();
    // 60 rows × 16 384 columns: 983 040 cells, past the bound (the probe's 300 rows: 4.9 million).
    const wide = path.join(dir, 'wide', '2025年度墨江县第二小学-数据问题.xlsx');
    const narrow = path.join(dir, 'narrow', '2025年度墨江县第二小学-数据问题.xlsx');
    for (const [file, bytes] of [
      [wide, withWideSheet(60, 16_384)],
      [narrow, withWideSheet(60, 100)],
    ] as const) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, bytes);
    }
    const both = await audit({ files: [wide, narrow], rules: puerRules(), yearOption: null });
    expect(both.inputs.map((i) => i.error)).toEqual([undefined, undefined]);
    // Alone: refused by counting its cells, not by copying them (0.3-0.5 s here; 114 s before).
    const alone = { ...both, findings: both.findings.filter((f) => f.ref?.file === wide) };
    expect(alone.findings.length).toBeGreaterThan(0);
    // Refused without exceljs ever being given the file (it took 114 s and 4.2 GB to load one), and
    // with the counting stopped once past the bound, before the sheet's last rows: shown by what
    // was done, not by a clock (speed belongs to bench/).
    const loads = vi.spyOn(ExcelJS.Workbook.prototype, 'xlsx', 'get');
    const refused = await writeAnnotatedCopies(alone, 'copies', dir, 'zh');
    expect(loads).not.toHaveBeenCalled();
    loads.mockRestore();
    expect(refused.tooLarge.map((t) => t.file)).toEqual([wide]);
    expect(refused.tooLarge[0]!.cells + 2 * refused.tooLarge[0]!.rows).toBeGreaterThan(ANNOTATE_MAX_CELLS);
    expect(refused.tooLarge[0]!.cells).toBeLessThan(60 * 16_384);
    expect(refused.written).toEqual([]);
    // Among others: the others are copied.
    const copies = await writeAnnotatedCopies(both, 'copies', dir, 'zh');
    expect(copies.tooLarge.map((t) => t.file)).toEqual([wide]);
    expect(copies.written).toEqual([path.join('copies', '2025年度墨江县第二小学-数据问题 (narrow).annotated.xlsx')]);
    expect(readdirSync(path.join(dir, 'copies'))).toEqual(['2025年度墨江县第二小学-数据问题 (narrow).annotated.xlsx']);
  });
});

vi.mock('../../src/report/annotate.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/report/annotate.js')>();
  return {
    ...real,
    // The CLI with a file past the limit, without making a workbook of a million cells.
    writeAnnotatedCopies: (result: Parameters<typeof real.writeAnnotatedCopies>[0], dir: string, cwd: string, lang: 'zh' | 'en', maxCells?: number) =>
      real.writeAnnotatedCopies(result, dir, cwd, lang, process.env.TEST_ANNOTATE_MAX_CELLS ? Number(process.env.TEST_ANNOTATE_MAX_CELLS) : maxCells),
  };
});

describe('the CLI, with a file too large for a copy', () => {
  it('says which file, how large, the limit and what to use instead, writes the others, and exits 2', async () => {
    const dir = workspace('puer');
    let err = '';
    const io = { stdout: () => {}, stderr: (s: string) => void (err += s), isTTY: false, env: {}, cwd: dir } as Io;
    const weights = new Map<string, number>();
    for (const f of readdirSync(path.join(dir, 'puer')).filter((f) => f.endsWith('.xlsx'))) {
      const s = await workbookSize(path.join(dir, 'puer', f));
      weights.set(f, s.cells + 2 * s.rows);
    }
    const big = '2025年度思茅区第一中学.xlsx';
    // The largest return is past the limit; the others are within it.
    const limit = Math.max(...[...weights].filter(([f]) => f !== big).map(([, w]) => w));
    expect(weights.get(big)!).toBeGreaterThan(limit);
    const size = await workbookSize(path.join(dir, 'puer', big));
    process.env.TEST_ANNOTATE_MAX_CELLS = String(limit);
    try {
      const code = await run(['check', 'puer', '--rules', 'puer', '--no-out', '--annotate', 'copies'], io);
      expect(code).toBe(2);
    } finally {
      delete process.env.TEST_ANNOTATE_MAX_CELLS;
    }
    expect(err).toContain(`puer/${big} 有 ${size.cells} 个单元格、${size.rows} 行，超过批注副本的上限 ${limit} 个单元格（一行按两个单元格计），没有为它写批注副本`);
    expect(err).toContain('请看报告中的问题清单');
    expect(err.match(/超过批注副本的上限/g)).toHaveLength(1);
    // The files within the limit still get their copies.
    expect(err).toMatch(/报告已写入 copies\/\S+\.annotated\.xlsx/);
    expect(readdirSync(path.join(dir, 'copies')).some((f) => f.startsWith('2025年度思茅区第一中学'))).toBe(false);
  });
});
