import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { audit } from '../../src/audit/audit.js';
import { run, type Io } from '../../src/cli/main.js';
import { writeAnnotatedCopies } from '../../src/report/annotate.js';
import { puerRules } from '../helpers/teacher.js';
import { workspace } from '../e2e/helpers.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * exceljs holds a whole workbook to copy it (~25 KB a row: 100 000 rows took 2.3–2.7 GB), so a
 * file longer than ANNOTATE_MAX_ROWS gets no annotated copy, and the user is told why.
 */
const FILE = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'puer', '2025年度墨江县第二小学-数据问题.xlsx');

describe('annotated copies of long files', () => {
  it('writes a copy for a file of as many rows as the limit, and none for one row more', async () => {
    const result = await audit({ files: [FILE], rules: puerRules(), yearOption: null });
    const rows = result.inputs[0]!.sheets.reduce((n, s) => n + s.rowsRead, 0);
    expect(rows).toBeGreaterThan(5);
    const at = scratchDir('credit-audit-');
    const fits = await writeAnnotatedCopies(result, 'fits', at, 'zh', rows);
    expect(fits.tooLarge).toEqual([]);
    expect(fits.written.length).toBe(1);
    expect(existsSync(path.join(at, fits.written[0]!))).toBe(true);
    const over = await writeAnnotatedCopies(result, 'over', at, 'zh', rows - 1);
    expect(over).toEqual({ written: [], tooLarge: [{ file: FILE, rows }], maxRows: rows - 1 });
    expect(existsSync(path.join(at, 'over', '2025年度墨江县第二小学-数据问题.annotated.xlsx'))).toBe(false);
  });
});

vi.mock('../../src/report/annotate.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/report/annotate.js')>();
  return {
    ...real,
    // The CLI with a file past the limit, without making a 50 000-row workbook.
    writeAnnotatedCopies: (result: Parameters<typeof real.writeAnnotatedCopies>[0], dir: string, cwd: string, lang: 'zh' | 'en', maxRows?: number) =>
      real.writeAnnotatedCopies(result, dir, cwd, lang, process.env.TEST_ANNOTATE_MAX_ROWS ? Number(process.env.TEST_ANNOTATE_MAX_ROWS) : maxRows),
  };
});

describe('the CLI, with a file too long for a copy', () => {
  it('says which file, how long, the limit and what to use instead, writes the others, and exits 2', async () => {
    const dir = workspace('puer');
    let err = '';
    const io = { stdout: () => {}, stderr: (s: string) => void (err += s), isTTY: false, env: {}, cwd: dir } as Io;
    // Past the limit: the returns of 15 and 17 rows; within it: those of 10 and 8.
    process.env.TEST_ANNOTATE_MAX_ROWS = '12';
    try {
      const code = await run(['check', 'puer', '--rules', 'puer', '--no-out', '--annotate', 'copies'], io);
      expect(code).toBe(2);
    } finally {
      delete process.env.TEST_ANNOTATE_MAX_ROWS;
    }
    expect(err).toContain('puer/2025年度思茅区第一中学.xlsx 有 17 行，超过批注副本的上限 12 行，没有为它写批注副本');
    expect(err).toContain('puer/2024年景谷县永平镇中心小学.xlsx 有 15 行');
    expect(err).toContain('请看报告中的问题清单');
    // The files within the limit still get their copies.
    expect(err).toMatch(/报告已写入 copies\/\S+\.annotated\.xlsx/);
  });
});
