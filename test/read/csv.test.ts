import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvDelimiter, csvEncoding, readCsv } from '../../src/read/csv.js';
import { setReadProgressSink, type ReadProgress } from '../../src/read/progress.js';
import { InputError, type RawRow } from '../../src/read/types.js';

/**
 * The CSV reader parses a piece at a time (issue 5: a province's CSV read whole peaked at
 * ~1.5 GB). Its rows must be the records csv-parse gives for the whole text at once, with the same
 * options — the reference — wherever the pieces cut a character, a quoted field or a line end.
 */
const OPTIONS = { relax_column_count: true, relax_quotes: true, skip_empty_lines: false };

function reference(text: string): RawRow[] {
  return (parse(text, OPTIONS) as string[][]).map((r, i) => ({ row: i + 1, cells: r.map((v) => (v === '' ? null : v)) }));
}

async function rowsOf(bytes: Buffer, pieceBytes?: number): Promise<{ rows: RawRow[]; encoding: string | undefined }> {
  const source = readCsv('x.csv', bytes, 'x.csv', pieceBytes);
  const rows: RawRow[] = [];
  for await (const r of source.sheets[0]!.rows()) rows.push(r);
  return { rows, encoding: source.encoding };
}

const ENCODINGS = {
  'utf-8-bom': (t: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]),
  'utf-8': (t: string) => Buffer.from(t, 'utf8'),
  'utf-16le': (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]),
  'utf-16be': (t: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()]),
  gb18030: (t: string) => iconv.encode(t, 'gb18030'),
} as const;

// A form as a school saves it: a title row, a ragged header, quoted text with commas, quotes and a
// line break, an empty line, a 4-byte character (𠀀, GB18030's four-byte range), CRLF line ends.
const FORM = [
  '附件2—2',
  '2025年度普洱市中小学幼儿园教师全员培训学时学分申报表(试行)',
  '序号,姓名,性别,身份证号码,任教学段学科,职称,集中培训,,网络研修,,校本研修,,全年汇总,,备注',
  '1,孙玉园,女,530824196805082265,初中数学,正高级教师,42,75.6,50,60,32,38.4,124,174,"含,逗号"',
  '2,"王""小""明",男,53082419680508227X,"小学\r\n语文",一级教师,24,24,,,,,24,24,',
  '',
  '3,𠀀娜,女,530824196805082281,初中英语,二级教师,"36",36,0,0,0,0,36,36,备注',
  '合计,,,,,,102,135.6,50,60,32,38.4,184,234,',
].join('\r\n');

describe('the CSV reader', () => {
  it('gives the records of the whole text, in every encoding, however small its pieces', async () => {
    const expected = reference(FORM);
    expect(expected.length).toBe(8);
    for (const [encoding, encode] of Object.entries(ENCODINGS)) {
      for (const piece of [1, 2, 3, 5, 64, undefined]) {
        const got = await rowsOf(encode(FORM), piece);
        expect({ encoding: got.encoding, piece, rows: got.rows }).toEqual({ encoding, piece, rows: expected });
      }
    }
  });

  it('agrees with the whole-text parse on any text, cut anywhere', async () => {
    const part = fc.constantFrom('a', '张', '𠀀', ',', '"', '\n', '\r\n', ' ', '""', '24', '"x,y"', '"a\nb"');
    await fc.assert(
      fc.asyncProperty(fc.array(part, { maxLength: 40 }), fc.integer({ min: 1, max: 9 }), fc.constantFrom<keyof typeof ENCODINGS>('utf-8', 'gb18030', 'utf-16le', 'utf-16be'), async (parts, piece, encoding) => {
        const text = parts.join('');
        // The reference, and the runaway-quote rule on its records (issue 18): a quote never
        // closed, or a field over a line break that kept its opening quote or holds a comma on a
        // later line, stops the file.
        let expected: RawRow[] | string;
        try {
          expected = reference(text);
          // A field runs over a line when it holds a line feed with text after it.
          // A quote it kept at the start opened the field only when the field is the file's text as
          // it stands (a field quoted properly that starts with an escaped quote was unescaped).
          const runaway = (f: string, raw: string) => f.indexOf('\n') >= 0 && f.indexOf('\n') < f.length - 1 && ((f.startsWith('"') && raw.includes(f)) || f.indexOf(',', f.indexOf('\n')) >= 0);
          const withRaw = parse(text, { ...OPTIONS, raw: true }) as unknown as Array<{ record: string[]; raw: string }>;
          if (withRaw.some((r) => r.record.some((f) => runaway(f, r.raw)))) expected = 'input.csvQuote';
        } catch (e) {
          expected = (e as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED' ? 'input.csvQuote' : (e as Error).message;
        }
        let got: RawRow[] | string;
        try {
          got = (await rowsOf(ENCODINGS[encoding](text), piece)).rows;
        } catch (e) {
          got = e instanceof InputError ? e.messageId : (e as Error).message;
        }
        // Text that is not valid UTF-8 is never produced here, so the encoding each is read in is the one written.
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('fails with input.csvQuote for a quote never closed, naming the line the quote opens on', async () => {
    // A title row of one field before rows of three: the reader leads the parser with a line of
    // three empty fields, which the line named must not count. csv-parse names line 5, where the
    // file ended; the quote opened on line 5 of the file's own lines too only by chance, so a line
    // follows it here.
    const text = '附件2—2\n序号,姓名,性别\n1,张三,男\n2,李四,女\n3,"王五,女\n4,赵六,男\n';
    expect(() => reference(text)).toThrow('Quote Not Closed');
    for (const piece of [4, undefined]) {
      await expect(rowsOf(Buffer.from(text), piece)).rejects.toMatchObject({ messageId: 'input.csvQuote', data: { file: 'x.csv', line: 5 } });
    }
  });

  it('stops parsing when the reader stops early, and can be read again from the start', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `${i + 1},教师${i + 1}`).join('\n');
    const source = readCsv('x.csv', Buffer.from(lines), 'x.csv', 256);
    const first: number[] = [];
    for await (const r of source.sheets[0]!.rows()) {
      first.push(r.row);
      if (first.length === 3) break;
    }
    expect(first).toEqual([1, 2, 3]);
    let count = 0;
    for await (const r of source.sheets[0]!.rows()) count = r.row;
    expect(count).toBe(5000);
  });

  it('waits for the parser piece after piece without piling up listeners (no warning on a large file)', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const lines = Array.from({ length: 20_000 }, (_, i) => `${i + 1},教师${i + 1},"备注,${i}"`).join('\r\n');
      let count = 0;
      // Pieces small enough that the parser is waited for hundreds of times.
      for await (const r of readCsv('x.csv', Buffer.from(lines), 'x.csv', 512).sheets[0]!.rows()) count = r.row;
      expect(count).toBe(20_000);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('reports its progress: the share of the file read and the rows so far, ending at the whole file', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `${i + 1},教师${i + 1}`).join('\n');
    const bytes = Buffer.from(lines);
    const seen: ReadProgress[] = [];
    setReadProgressSink((p) => seen.push(p));
    try {
      for await (const r of readCsv('进度.csv', bytes, '进度.csv', 4096).sheets[0]!.rows()) void r;
    } finally {
      setReadProgressSink(null);
    }
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.every((p) => p.file === '进度.csv' && p.totalBytes === bytes.length)).toBe(true);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.bytes).toBeGreaterThanOrEqual(seen[i - 1]!.bytes);
      expect(seen[i]!.rows).toBeGreaterThanOrEqual(seen[i - 1]!.rows);
    }
    expect(seen.at(-1)).toEqual({ file: '进度.csv', bytes: bytes.length, totalBytes: bytes.length, rows: 3000 });
  });
});

describe('the CSV layout: encoding and delimiter (issue 18)', () => {
  const text = '附件2—2\n序号,姓名,性别,身份证号码\n1,张三,男,530824196805082265\n';
  it.each([
    ['UTF-16LE without a BOM', Buffer.from(text, 'utf16le'), 'utf-16le'],
    ['UTF-16BE without a BOM', Buffer.from(text, 'utf16le').swap16(), 'utf-16be'],
    ['UTF-16BE with a BOM', Buffer.from('\ufeff' + text, 'utf16le').swap16(), 'utf-16be'],
    ['UTF-8 (no NUL byte)', Buffer.from(text), 'utf-8'],
  ])('%s', (_, bytes, encoding) => {
    expect(csvEncoding(bytes).encoding).toBe(encoding);
  });

  it('reads UTF-16 without a BOM as the same records', async () => {
    const expected = reference(text);
    expect((await rowsOf(Buffer.from(text, 'utf16le'), 3)).rows).toEqual(expected);
    expect((await rowsOf(Buffer.from(text, 'utf16le').swap16(), 3)).rows).toEqual(expected);
  });

  it.each([
    ['the header\'s commas, not the 说明 line\'s semicolons', '附件2—2\n序号,姓名,性别,身份证号码,备注\n1,张三,男,1,\n说明:1;2;3\n', ','],
    ['the header\'s tabs, not a remark\'s commas', '附件2—2\n序号\t姓名\t性别\t备注\n1\t张三\t男\t"a,b,c,d,e"\n2\t李四\t女\t甲,乙\n', '\t'],
    ['semicolons', '附件2—2\n序号;姓名;性别;备注\n1;张三;男;"a,b"\n', ';'],
    ['a comma when there is none', '附件2—2\n', ','],
  ])('finds %s', (_, t, delimiter) => {
    expect(csvDelimiter(t)).toBe(delimiter);
  });

  it('a tab-separated file gives the records of csv-parse told the delimiter, and names it', async () => {
    const tabbed = '附件2—2\r\n序号\t姓名\t备注\r\n1\t张三\t"含,逗号\t和制表符"\r\n';
    const source = readCsv('x.txt', Buffer.from(tabbed, 'utf16le'), 'x.txt', 5);
    const rows: RawRow[] = [];
    for await (const r of source.sheets[0]!.rows()) rows.push(r);
    expect(rows).toEqual((parse(tabbed, { ...OPTIONS, delimiter: '\t' }) as string[][]).map((r, i) => ({ row: i + 1, cells: r.map((v) => (v === '' ? null : v)) })));
    expect(rows[2]!.cells[2]).toBe('含,逗号\t和制表符');
    expect({ encoding: source.encoding, delimiter: source.delimiter }).toEqual({ encoding: 'utf-16le', delimiter: 'tab' });
  });
});
