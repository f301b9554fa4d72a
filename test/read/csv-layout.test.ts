import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/cli.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * Issue 18: a CSV's delimiter and UTF-16 byte order are found from its bytes and its header, so a
 * `;` or tab file, and Excel's "Unicode text" (UTF-16LE, tabs), audit as the comma UTF-8 one does,
 * and say how they were read; a stray quote stops the file naming its line instead of swallowing
 * the teachers after it.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SOURCE = path.join(ROOT, 'fixtures', 'puer', '2025年度澜沧县第一中学.csv');
const dir = scratchDir('credit-audit-csv-layout-');


/** The fixture's records, as csv-parse reads the committed comma UTF-8 file (BOM dropped). */
const RECORDS = parse(readFileSync(SOURCE, 'utf8').replace(/^\ufeff/, ''), { relax_column_count: true }) as string[][];

const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const VARIANTS: Array<[string, Buffer, string, string | undefined]> = [
  ['semicolon, UTF-8', Buffer.from(stringify(RECORDS, { delimiter: ';' })), 'utf-8', 'semicolon'],
  ['tab, UTF-8', Buffer.from(stringify(RECORDS, { delimiter: '\t' })), 'utf-8', 'tab'],
  ['tab, UTF-16LE with a BOM (Excel\'s "Unicode text")', Buffer.from('\ufeff' + stringify(RECORDS, { delimiter: '\t', record_delimiter: 'windows' }), 'utf16le'), 'utf-16le', 'tab'],
  ['comma, UTF-16LE without a BOM', Buffer.from(stringify(RECORDS), 'utf16le'), 'utf-16le', undefined],
  ['tab, UTF-16BE with a BOM', utf16be('\ufeff' + stringify(RECORDS, { delimiter: '\t' })), 'utf-16be', 'tab'],
  ['semicolon, UTF-16BE without a BOM', utf16be(stringify(RECORDS, { delimiter: ';' })), 'utf-16be', 'semicolon'],
];

let n = 0;
async function check(bytes: Buffer, name = '2025年度澜沧县第一中学.csv', lang = 'zh'): Promise<{ code: number; json: Record<string, unknown>; io: ReturnType<typeof memoryIo> }> {
  const sub = path.join(dir, String(++n));
  const file = path.join(sub, name);
  (await import('node:fs')).mkdirSync(sub, { recursive: true });
  writeFileSync(file, bytes);
  const io = memoryIo(dir);
  const code = await run(['check', file, '--format', 'json', '--no-out', '--lang', lang], io);
  return { code, json: JSON.parse(io.out) as Record<string, unknown>, io };
}

/** What a result says of the teachers: everything but how the file was read and when. */
function verdict(json: Record<string, unknown>): unknown {
  const { generatedAt, inputs, ...rest } = json as { generatedAt: unknown; inputs: Array<Record<string, unknown>> };
  void generatedAt;
  const all = { ...rest, inputs: inputs.map(({ sha256, encoding, delimiter, ...i }) => (void sha256, void encoding, void delimiter, i)) };
  // Each file sits in a folder of its own (1/, 2/ …).
  return JSON.parse(JSON.stringify(all).replace(/"\d+\//g, '"'));
}

describe('CSV delimiters and UTF-16, found from the bytes and the header', () => {
  it.each(VARIANTS)('%s audits as the comma UTF-8 file does, and says how it was read', async (_, bytes, encoding, delimiter) => {
    const base = await check(readFileSync(SOURCE));
    expect(base.code).toBe(1);
    const teachers = (base.json.summary as { teachers: number }).teachers;
    expect(teachers).toBeGreaterThan(5);
    const got = await check(bytes);
    expect(got.code, got.io.err).toBe(1);
    expect(verdict(got.json)).toEqual(verdict(base.json));
    const input = (got.json.inputs as Array<Record<string, unknown>>)[0]!;
    expect({ encoding: input.encoding, delimiter: input.delimiter }).toEqual({ encoding, delimiter });
  });

  it('names the delimiter on the console beside the encoding', async () => {
    const sub = path.join(dir, 'console');
    (await import('node:fs')).mkdirSync(sub, { recursive: true });
    const file = path.join(sub, '2025年度澜沧县第一中学.txt');
    writeFileSync(file, VARIANTS[2]![1]);
    const io = memoryIo(dir);
    expect(await run(['check', file, '--no-out', '--lang', 'en'], io)).toBe(1);
    expect(io.out).toContain('2025年度澜沧县第一中学.txt [utf-16le, tab]:');
  });

  it('a CSV whose header is not found says how it was read (a separator it does not know: |)', async () => {
    const got = await check(Buffer.from(stringify(RECORDS, { delimiter: '|' })));
    expect(got.code).toBe(2);
    const error = (got.json.inputs as Array<{ error: { messageId: string; message: string } }>)[0]!.error;
    expect(error.messageId).toBe('input.unknownShapeCsv');
    expect(error.message).toContain('（按 utf-8 编码、以逗号分隔读取）');
    const en = await check(Buffer.from(stringify(RECORDS, { delimiter: '|' })), undefined, 'en');
    expect((en.json.inputs as Array<{ error: { message: string } }>)[0]!.error.message).toContain('(read as utf-8 text separated by commas)');
  });
});

describe('CSV quotes: a stray quote stops the file, naming its line (exit 2)', () => {
  const header = RECORDS.slice(0, 5).map((r) => r.join(','));
  const rows = RECORDS.slice(5).filter((r) => /^\d+$/.test(r[0] ?? '')).map((r) => r.slice(0, 14));
  expect(rows.length).toBeGreaterThanOrEqual(5);
  const line = (r: string[], remark: string) => [...r, remark].join(',');

  it('two remarks that each open with a lone quote: the line of the first (5 teachers are not 2)', async () => {
    // Lines 6 and 8 of the file: the first quote swallows line 7 and the start of line 8.
    const text = [...header, line(rows[0]!, '"迟到'), line(rows[1]!, ''), line(rows[2]!, '"缺课'), line(rows[3]!, ''), line(rows[4]!, ''), ''].join('\r\n');
    for (const lang of ['zh', 'en']) {
      const got = await check(Buffer.from(text), undefined, lang);
      expect(got.code).toBe(2);
      const input = (got.json.inputs as Array<{ error: { messageId: string; message: string } | null }>)[0]!;
      expect(input.error?.messageId).toBe('input.csvQuote');
      expect(input.error?.message).toMatch(lang === 'zh' ? /第 6 行有一个引号/ : /line 6 opens a quote/);
      expect(got.io.err).toContain(input.error?.message);
    }
  });

  it('one lone quote never closed: the line it opens on', async () => {
    const text = [...header, line(rows[0]!, ''), line(rows[1]!, ''), line(rows[2]!, '"缺课'), line(rows[3]!, ''), ''].join('\n');
    const got = await check(Buffer.from(text));
    expect(got.code).toBe(2);
    expect((got.json.inputs as Array<{ error: unknown }>)[0]!.error).toMatchObject({ messageId: 'input.csvQuote', message: expect.stringMatching(/第 8 行/) });
  });

  it('a remark properly quoted over two lines is one cell, and every teacher is read', async () => {
    // Row 3's remark starts with an escaped quote and runs over a line: its value starts with a
    // quote, as a stray quote's does, yet it is the one cell it was written as.
    const text = [...header, line(rows[0]!, '"已补交\r\n证明材料"'), line(rows[1]!, '"含""引号"""'), line(rows[2]!, '"""引用""\n第二行"'), line(rows[3]!, '"第一行\n第二行"'), line(rows[4]!, ''), ''].join('\r\n');
    const got = await check(Buffer.from(text));
    expect(got.code, got.io.err).not.toBe(2);
    const input = (got.json.inputs as Array<{ teachers: number; rowsRead: number; error: unknown }>)[0]!;
    expect(input.error).toBeNull();
    expect(input.teachers).toBe(5);
  });
});
