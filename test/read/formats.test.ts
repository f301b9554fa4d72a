import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import CFB from 'cfb';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { run, type Io } from '../../src/cli/main.js';
import { openInput } from '../../src/read/open.js';
import { InputError, type CellValue } from '../../src/read/types.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * Issue 21 item 2: legacy and other workbooks read through SheetJS CE behind the reader interface.
 * fixtures/formats holds one return saved as .xlsx and, by LibreOffice, as .xls (BIFF8) and .ods
 * (scripts/make-format-fixtures.sh); each must audit exactly as the .xlsx does.
 */
const FORMATS = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'formats');
const BASE = '2025年度墨江县第二小学-数据问题';

function memoryIo(cwd: string): Io & { out: string; err: string } {
  const io = { out: '', err: '', isTTY: false, env: {}, cwd } as Io & { out: string; err: string };
  io.stdout = (s: string) => void (io.out += s);
  io.stderr = (s: string) => void (io.err += s);
  return io;
}

async function auditJson(cwd: string, file: string): Promise<{ code: number; json: Record<string, unknown>; err: string }> {
  const io = memoryIo(cwd);
  const code = await run(['check', file, '--no-out', '--format', 'json'], io);
  return { code, json: JSON.parse(io.out) as Record<string, unknown>, err: io.err };
}

/** The result without what names the file or its format (and the time of the run). */
function comparable(json: Record<string, unknown>): unknown {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (!['file', 'format', 'sha256', 'generatedAt'].includes(k)) o[k] = strip(x);
      return o;
    }
    return v;
  };
  return strip(json);
}

describe('the same return as .xlsx, .xls, .ods, .xlsb and .et', () => {
  // A return with findings; one with blank, 合计 and footer rows; the value quirks (text numbers, rich text, …).
  for (const base of [BASE, '2024年景谷县永平镇中心小学', 'value-quirks']) {
    it(`${base}: LibreOffice-saved .xls and .ods give the .xlsx result: teachers, statuses, findings, accounting`, async () => {
      const xlsx = await auditJson(FORMATS, `${base}.xlsx`);
      // Each return has teachers and findings, so equality below compares something.
      expect((xlsx.json.summary as { teachers: number }).teachers).toBeGreaterThan(4);
      expect((xlsx.json.findings as unknown[]).length).toBeGreaterThan(0);
      for (const ext of ['xls', 'ods'] as const) {
        const other = await auditJson(FORMATS, `${base}.${ext}`);
        expect(other.code, ext).toBe(xlsx.code);
        expect((other.json.inputs as Array<{ format: string }>)[0]!.format).toBe(ext);
        expect(comparable(other.json), ext).toEqual(comparable(xlsx.json));
        // Nothing SheetJS says (ODS conditional formats) reaches stderr.
        expect(other.err, ext).toBe('');
      }
    });
  }

  it('a form on a hidden sheet is skipped as in the .xlsx: .xls (BIFF hidden flag) and .ods (table:display="false", which SheetJS does not read)', async () => {
    const base = '2025年度隐藏工作表';
    const xlsx = await auditJson(FORMATS, `${base}.xlsx`);
    const skipped = (json: Record<string, unknown>) => (json.inputs as Array<{ skippedSheets: unknown[] }>)[0]!.skippedSheets;
    expect(skipped(xlsx.json)).toEqual([expect.objectContaining({ sheet: '2024年度（旧）', reason: 'hidden-form' })]);
    for (const ext of ['xls', 'ods']) {
      const other = await auditJson(FORMATS, `${base}.${ext}`);
      expect(skipped(other.json), ext).toEqual(skipped(xlsx.json));
      expect(comparable(other.json), ext).toEqual(comparable(xlsx.json));
    }
  });

  it('an .xlsb (written by SheetJS), an OOXML .et and a BIFF .et give the same result', async () => {
    const dir = scratchDir();
    const xlsx = await auditJson(FORMATS, `${BASE}.xlsx`);
    const wb = XLSX.read(readFileSync(path.join(FORMATS, `${BASE}.xlsx`)), { type: 'buffer' });
    writeFileSync(path.join(dir, `${BASE}.xlsb`), XLSX.write(wb, { type: 'buffer', bookType: 'xlsb' }) as Buffer);
    copyFileSync(path.join(FORMATS, `${BASE}.xlsx`), path.join(dir, `${BASE}-ooxml.et`));
    copyFileSync(path.join(FORMATS, `${BASE}.xls`), path.join(dir, `${BASE}-biff.et`));
    for (const [file, format] of [[`${BASE}.xlsb`, 'xlsb'], [`${BASE}-ooxml.et`, 'xlsx'], [`${BASE}-biff.et`, 'et']] as const) {
      const other = await auditJson(dir, file);
      expect((other.json.inputs as Array<{ format: string }>)[0]!.format, file).toBe(format);
      expect(comparable(other.json), file).toEqual(comparable(xlsx.json));
    }
  });
});

describe('cells read by SheetJS are the xlsx readers\' cells', () => {
  async function cellsOf(bookType: XLSX.BookType, rows: unknown[][], z?: Record<string, string>): Promise<CellValue[][]> {
    const ws = XLSX.utils.aoa_to_sheet(rows);
    for (const [addr, fmt] of Object.entries(z ?? {})) ws[addr]!.z = fmt;
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '申报表');
    const dir = scratchDir();
    const file = path.join(dir, `t.${bookType === 'biff8' ? 'xls' : bookType}`);
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType }) as Buffer);
    const { source } = await openInput(file);
    const out: CellValue[][] = [];
    for await (const r of source.sheets[0]!.rows()) out.push(r.cells);
    return out;
  }

  for (const bookType of ['biff8', 'ods', 'xlsb'] as const) {
    it(`${bookType}: a 身份证号 stored as text stays its text; one stored as a number is a number (reported as idFromNumber)`, async () => {
      const cells = await cellsOf(bookType, [['身份证号', '学时', '日期'], ['53010219900101123X', 24, 45660], ['530102199001011234', 12.5, 1]], { C2: 'yyyy-mm-dd' });
      expect(cells[1]![0]).toBe('53010219900101123X');
      // A number as typed in a General cell, as the .xlsx path gives it to puer-form's idFromNumber.
      const numeric = await cellsOf(bookType, [['身份证号'], [530102199001011234]]);
      expect(typeof numeric[1]![0]).toBe('number');
      expect(cells[1]![1]).toBe(24);
      expect(cells[2]![1]).toBe(12.5);
      // A date-formatted number is its day, as ./sheet-xml.ts gives it; the same number unformatted stays a number.
      expect(cells[1]![2]).toBe('2025-01-03');
      expect(cells[2]![2]).toBe(1);
    });
  }
});

describe('Excel 95 (BIFF5): text in the system codepage', () => {
  it('a BIFF5 workbook written on a Chinese Windows (codepage 936, GBK) reads its sheet name and cells as text', async () => {
    // Built record by record (SheetJS writes no CJK BIFF5, LibreOffice's Excel 95 export failed here):
    // BOF, CODEPAGE 936, BOUNDSHEET, EOF; then the sheet: BOF, LABEL cells, EOF; in the "Book" stream.
    const rec = (type: number, body: Buffer) => Buffer.concat([Buffer.from([type & 255, type >> 8, body.length & 255, body.length >> 8]), body]);
    const u16 = (n: number) => Buffer.from([n & 255, n >> 8]);
    const u32 = (n: number) => Buffer.from([n & 255, (n >> 8) & 255, (n >> 16) & 255, n >>> 24]);
    const gbk = (s: string) => iconv.encode(s, 'gbk');
    const bof = (type: number) => rec(0x0809, Buffer.concat([u16(0x0500), u16(type), u16(0x0dbb), u16(0x07cc)]));
    const label = (r: number, c: number, s: string) => rec(0x0204, Buffer.concat([u16(r), u16(c), u16(0x0f), u16(gbk(s).length), gbk(s)]));
    const name = gbk('申报表');
    const globals = (pos: number) => Buffer.concat([bof(0x0005), rec(0x0042, u16(936)), rec(0x0085, Buffer.concat([u32(pos), Buffer.from([0, 0, name.length]), name])), rec(0x000a, Buffer.alloc(0))]);
    const sheet = Buffer.concat([bof(0x0010), label(0, 0, '姓名'), label(0, 1, '身份证号码'), label(1, 0, '张丽'), label(1, 1, '53010219900101123X'), rec(0x000a, Buffer.alloc(0))]);
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, '/Book', Buffer.concat([globals(globals(0).length), sheet]));
    const file = path.join(scratchDir(), 'excel95.xls');
    writeFileSync(file, CFB.write(cfb, { type: 'buffer' }) as Buffer);
    const { source } = await openInput(file);
    expect(source.format).toBe('xls');
    expect(source.sheets.map((s) => s.name)).toEqual(['申报表']);
    const rows = [];
    for await (const r of source.sheets[0]!.rows()) rows.push(r);
    expect(rows).toEqual([
      { row: 1, cells: ['姓名', '身份证号码'] },
      { row: 2, cells: ['张丽', '53010219900101123X'] },
    ]);
  });
});

describe('files SheetJS cannot read are refused clearly', () => {
  it('a BIFF stream with no sheets (a fake .xls) exits 2 naming the file, no stack trace', async () => {
    const io = memoryIo(path.resolve(FORMATS, '..', 'bad'));
    const code = await run(['check', '旧版格式.xls', '--no-out'], io);
    expect(code).toBe(2);
    expect(io.out).toContain('旧版格式.xls：工作簿中没有任何数据行');
    expect(io.out + io.err).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});

describe('an OLE file named as a workbook that SheetJS cannot read', () => {
  it('is refused as a damaged legacy workbook of its kind, exit 2, with the fix', async () => {
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, '/Contents', Buffer.alloc(600, 0x41));
    const dir = scratchDir();
    writeFileSync(path.join(dir, '2025年度学校.et'), CFB.write(cfb, { type: 'buffer' }) as Buffer);
    const io = memoryIo(dir);
    expect(await run(['check', '2025年度学校.et', '--no-out'], io)).toBe(2);
    expect(io.out).toMatch(/2025年度学校\.et：WPS 表格（\.et）已损坏或无法读取（.+）。请用 Excel 或 WPS 打开后“另存为” \.xlsx/);
  });
});

describe('a password-protected .xls', () => {
  it('is refused as encrypted (BIFF FILEPASS record), not as corrupt', async () => {
    const rec = (type: number, body: number[]) => [type & 255, type >> 8, body.length & 255, body.length >> 8, ...body];
    const bof = rec(0x0809, [0x00, 0x06, 0x05, 0x00, 0x54, 0x38, 0xcd, 0x07, 0xc1, 0x80, 0x00, 0x00, 0x06, 0x03, 0x00, 0x00]);
    // FILEPASS, XOR obfuscation: Excel's "password to open".
    const filepass = rec(0x002f, [0x00, 0x00, 0x34, 0x12, 0x78, 0x56]);
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, '/Workbook', Buffer.from([...bof, ...filepass, ...rec(0x000a, [])]));
    const file = path.join(scratchDir(), '加密.xls');
    writeFileSync(file, CFB.write(cfb, { type: 'buffer' }) as Buffer);
    const e = await openInput(file).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).messageId).toBe('input.encrypted');
    // Without the FILEPASS record the same stream is read (and holds no sheet).
    const plain = CFB.utils.cfb_new();
    CFB.utils.cfb_add(plain, '/Workbook', Buffer.from([...bof, ...rec(0x000a, [])]));
    writeFileSync(file, CFB.write(plain, { type: 'buffer' }) as Buffer);
    expect((await openInput(file)).source.format).toBe('xls');
  });
});
