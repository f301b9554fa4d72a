import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { run, type Io } from '../../src/cli/main.js';
import { copyNames, writeAnnotatedCopies } from '../../src/report/annotate.js';
import { puerRules } from '../helpers/teacher.js';
import { scratchDir } from '../helpers/scratch.js';
import { ROOT } from '../e2e/helpers.js';
import { SCHOOL_RETURN, uncopyable, type Uncopyable } from '../helpers/workbook-variants.js';

/** How many annotated copies can be written before the disk is full (writeFile of a copy's temporary file fails with ENOSPC). */
const disk = vi.hoisted(() => ({ copiesLeft: Infinity }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    writeFile: async (...args: Parameters<typeof real.writeFile>) => {
      if (String(args[0]).includes('.annotated.xlsx.tmp-') && disk.copiesLeft-- <= 0) {
        await real.writeFile(args[0], 'half');
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      return real.writeFile(...args);
    },
  };
});

function memoryIo(cwd: string) {
  const out = { stdout: '', stderr: '' };
  const io: Io = { stdout: (s) => void (out.stdout += s), stderr: (s) => void (out.stderr += s), isTTY: false, env: {}, cwd };
  return { io, out };
}

/** The text of a cell of a copy's first sheet. */
async function cellText(file: string, address: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return String(wb.worksheets[0]!.getCell(address).value);
}

describe('the names of the annotated copies (issue 18: one copy overwrote another)', () => {
  const cwd = '/work/returns';
  it('a name no other input has stays as it is', () => {
    expect([...copyNames(['思茅区/2025年度第一中学.xlsx', '宁洱县/2025年度第二中学.xlsx'], cwd).values()]).toEqual([
      '2025年度第一中学.annotated.xlsx',
      '2025年度第二中学.annotated.xlsx',
    ]);
  });

  it('two inputs of one name get their folders\' names', () => {
    const names = copyNames(['思茅区/2025年度第一中学.xlsx', '宁洱县/2025年度第一中学.xlsx', '宁洱县/2025年度第二中学.xlsx'], cwd);
    expect([...names.values()]).toEqual(['2025年度第一中学 (思茅区).annotated.xlsx', '2025年度第一中学 (宁洱县).annotated.xlsx', '2025年度第二中学.annotated.xlsx']);
  });

  it('folders of one name too: as much of the path as tells them apart', () => {
    const names = copyNames(['a/x/r.xlsx', 'b/x/r.xlsx', 'b/y/r.xlsx'], cwd);
    expect([...names.values()]).toEqual(['r (a-x).annotated.xlsx', 'r (b-x).annotated.xlsx', 'r (b-y).annotated.xlsx']);
  });

  it('names that differ only in case or Unicode form are the same name on Windows and macOS', () => {
    // 'é' composed and decomposed; R and r in one folder (a case-sensitive disk holds both).
    const names = copyNames(['a/caf\u00e9.xlsx', 'b/cafe\u0301.xlsx', 'c/R.xlsx', 'c/r.xlsx'], cwd);
    expect([...names.values()]).toEqual(['caf\u00e9 (a).annotated.xlsx', 'cafe\u0301 (b).annotated.xlsx', 'R (c).annotated.xlsx', 'r (c) (2).annotated.xlsx']);
  });

  it('a made name that meets an input\'s own name is numbered, and a file in the folder the command runs in takes that folder\'s name', () => {
    const names = copyNames(['r.xlsx', 'a/r.xlsx', 'r (a).xlsx'], cwd);
    expect([...names.values()]).toEqual(['r (returns).annotated.xlsx', 'r (a).annotated.xlsx', 'r (a) (2).annotated.xlsx']);
    expect(new Set(names.values()).size).toBe(3);
  });

  it('the CLI writes two copies for two returns of one name from two folders, each with its own school\'s cells', async () => {
    const dir = scratchDir();
    // Two schools' returns, both saved as 2025年度第一中学.xlsx, one in each county's folder.
    const schools = { 思茅区: '2025年度思茅区第一中学.xlsx', 墨江县: '2025年度墨江县第二小学-数据问题.xlsx' };
    for (const [county, fixture] of Object.entries(schools)) {
      mkdirSync(path.join(dir, 'returns', county), { recursive: true });
      cpSync(path.join(ROOT, 'fixtures', 'puer', fixture), path.join(dir, 'returns', county, '2025年度第一中学.xlsx'));
    }
    const { io, out } = memoryIo(dir);
    const code = await run(['check', 'returns', '--no-out', '--annotate', 'copies'], io);
    expect(code).toBe(1);
    expect(readdirSync(path.join(dir, 'copies')).sort()).toEqual(['2025年度第一中学 (墨江县).annotated.xlsx', '2025年度第一中学 (思茅区).annotated.xlsx']);
    // Each written line names a different copy.
    const written = out.stderr.split('\n').filter((l) => l.startsWith('报告已写入'));
    expect(written.sort()).toEqual(['报告已写入 copies/2025年度第一中学 (墨江县).annotated.xlsx', '报告已写入 copies/2025年度第一中学 (思茅区).annotated.xlsx']);
    // Each copy holds its own school's return (the school line, A3), not the other's.
    for (const [county, fixture] of Object.entries(schools)) {
      const school = await cellText(path.join(ROOT, 'fixtures', 'puer', fixture), 'A3');
      expect(await cellText(path.join(dir, 'copies', `2025年度第一中学 (${county}).annotated.xlsx`), 'A3')).toBe(school);
    }
  });
});

describe('a workbook the audit reads and the copier cannot (issue 18)', () => {
  const kinds: Uncopyable[] = ['doctype-entity', 'cell-ref', 'no-workbook-rels', 'backslash-names'];

  it.each(kinds)('%s: said for that file alone, the others copied, and no copy without sheets called written', async (kind) => {
    const dir = scratchDir();
    // The findings of the school's return, pointed at a variant of it that exceljs cannot copy:
    // what the audit makes of the variant is the readers' concern; the copier must cope with it.
    const bad = path.join(dir, 'bad', '2025年度墨江县第二小学-数据问题.xlsx');
    mkdirSync(path.dirname(bad));
    writeFileSync(bad, uncopyable(kind));
    const good = await audit({ files: [SCHOOL_RETURN], rules: puerRules(), yearOption: null });
    const moved = good.findings.filter((f) => f.ref).map((f) => ({ ...f, ref: { ...f.ref!, file: bad } }));
    const result = { ...good, findings: [...moved, ...good.findings] };
    const copies = await writeAnnotatedCopies(result, 'copies', dir, 'zh');
    expect(copies.failed.map((f) => f.file)).toEqual([bad]);
    expect(copies.failed[0]!.detail).not.toBe('');
    expect(copies.written).toEqual([path.join('copies', '2025年度墨江县第二小学-数据问题 (puer).annotated.xlsx')]);
    expect(readdirSync(path.join(dir, 'copies'))).toEqual(['2025年度墨江县第二小学-数据问题 (puer).annotated.xlsx']);
  });

  it('the CLI says the input could not be copied and why (not that the folder cannot be written), writes the others, and exits 2', async () => {
    const dir = scratchDir();
    mkdirSync(path.join(dir, 'returns'));
    // The audit reads a workbook without workbook.xml.rels (its sheets are found by their part names); exceljs reads no sheets in it.
    writeFileSync(path.join(dir, 'returns', '2025年度墨江县第二小学.xlsx'), uncopyable('no-workbook-rels'));
    cpSync(path.join(ROOT, 'fixtures', 'puer', '2025年度思茅区第一中学.xlsx'), path.join(dir, 'returns', '2025年度思茅区第一中学.xlsx'));
    const { io, out } = memoryIo(dir);
    const code = await run(['check', 'returns', '--no-out', '--annotate', 'copies', '--lang', 'en'], io);
    expect(out.stdout).not.toContain('not audited');
    expect(code).toBe(2);
    expect(out.stderr).toContain('returns/2025年度墨江县第二小学.xlsx could not be copied for --annotate: the audit read it, but the copier (exceljs) cannot (no sheets)');
    expect(out.stderr).not.toContain('cannot write');
    expect(out.stderr).toContain('report written to copies/2025年度思茅区第一中学.annotated.xlsx');
    expect(out.stderr).not.toContain('report written to copies/2025年度墨江县第二小学');
    expect(readdirSync(path.join(dir, 'copies'))).toEqual(['2025年度思茅区第一中学.annotated.xlsx']);
  });

  it('a copy that cannot be written (its name is a folder) is said for that copy alone, and the others are written', async () => {
    const dir = scratchDir();
    mkdirSync(path.join(dir, 'returns'));
    for (const f of ['2025年度墨江县第二小学-数据问题.xlsx', '2025年度思茅区第一中学.xlsx']) cpSync(path.join(ROOT, 'fixtures', 'puer', f), path.join(dir, 'returns', f));
    mkdirSync(path.join(dir, 'copies', '2025年度思茅区第一中学.annotated.xlsx'), { recursive: true });
    const { io, out } = memoryIo(dir);
    const code = await run(['check', 'returns', '--no-out', '--annotate', 'copies'], io);
    expect(code).toBe(2);
    expect(out.stderr).toContain('无法写入 copies/2025年度思茅区第一中学.annotated.xlsx（not a regular file）');
    expect(out.stderr).toContain('报告已写入 copies/2025年度墨江县第二小学-数据问题.annotated.xlsx');
    expect(existsSync(path.join(dir, 'copies', '2025年度墨江县第二小学-数据问题.annotated.xlsx'))).toBe(true);
    // Nothing half-written left beside them.
    expect(readdirSync(path.join(dir, 'copies')).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('a full disk stops the copies: the ones written are said as written, the one cut short is named and removed, exit 2', async () => {
    const dir = scratchDir();
    mkdirSync(path.join(dir, 'returns'));
    for (const f of ['2024年景谷县永平镇中心小学.xlsx', '2025年度墨江县第二小学-数据问题.xlsx', '2025年度思茅区第一中学.xlsx']) cpSync(path.join(ROOT, 'fixtures', 'puer', f), path.join(dir, 'returns', f));
    const { io, out } = memoryIo(dir);
    disk.copiesLeft = 1;
    let code: number;
    try {
      code = await run(['check', 'returns', '--no-out', '--annotate', 'copies'], io);
    } finally {
      disk.copiesLeft = Infinity;
    }
    expect(code).toBe(2);
    expect(out.stderr).toContain('报告已写入 copies/2024年景谷县永平镇中心小学.annotated.xlsx');
    expect(out.stderr).toContain('磁盘空间不足，copies/2025年度墨江县第二小学-数据问题.annotated.xlsx 没有写完');
    expect(out.stderr).not.toContain('2025年度思茅区第一中学.annotated');
    expect(readdirSync(path.join(dir, 'copies'))).toEqual(['2024年景谷县永平镇中心小学.annotated.xlsx']);
  });
});
