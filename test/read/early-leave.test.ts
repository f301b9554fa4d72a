import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Transform } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import yazl from 'yazl';
import { openInput } from '../../src/read/open.js';
import { RAW_READ_BYTES } from '../../src/read/xlsx-stream.js';
import { scratchDir } from '../helpers/scratch.js';

// Every inflater the streaming reader makes, to see whether it was stopped.
const inflaters: Transform[] = [];
// The size of each piece of deflated bytes piped into an inflater.
const rawPieces: number[] = [];
vi.mock('node:zlib', async (importOriginal) => {
  const zlib = await importOriginal<typeof import('node:zlib')>();
  const createInflateRaw = (...args: Parameters<typeof zlib.createInflateRaw>) => {
    const s = zlib.createInflateRaw(...args);
    inflaters.push(s);
    s.on('pipe', (src) => src.on('data', (piece: Buffer) => rawPieces.push(piece.length)));
    return s;
  };
  return { ...zlib, default: { ...zlib, createInflateRaw }, createInflateRaw };
});

const dir = scratchDir('credit-audit-early-');
afterAll(() => inflaters.splice(0));

/**
 * A workbook whose one sheet holds `rows` rows of inline text (about 70 bytes of XML a row), made
 * once a file: the tests only read it (two sizes, 20 000 and 100 000 rows, where six sizes up to
 * 300 000 took 1.9 s to make and more to read).
 */
const made = new Map<number, Promise<string>>();
function bigWorkbook(rows: number): Promise<string> {
  if (!made.has(rows)) made.set(rows, makeBigWorkbook(rows));
  return made.get(rows)!;
}

async function makeBigWorkbook(rows: number): Promise<string> {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const nsR = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const body: string[] = [];
  for (let r = 1; r <= rows; r++) body.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>第${r}行</t></is></c><c r="B${r}"><v>${r}</v></c></row>`);
  const zip = new yazl.ZipFile();
  const add = (name: string, text: string) => zip.addBuffer(Buffer.from(text, 'utf8'), name);
  add(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
  );
  add('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${nsR}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  add('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}" xmlns:r="${nsR}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  add('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${nsR}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`);
  add('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}"><sheetData>${body.join('')}</sheetData></worksheet>`);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  const file = path.join(dir, `${rows}.xlsx`);
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

describe('a sheet left before its end (issue 5)', () => {
  it('stops its inflater at once, not when the file is closed', async () => {
    // ~7 MB of XML: far more than the inflater's buffer, so it is still running when the reader leaves.
    const file = await bigWorkbook(100_000);
    const { source } = await openInput(file, { inflateAtOnceBytes: -1 });
    inflaters.splice(0);
    let seen = 0;
    for await (const row of source.sheets[0]!.rows()) {
      expect(row.cells[0]).toBe(`第${row.row}行`);
      if (++seen === 3) break;
    }
    expect(inflaters).toHaveLength(1);
    const [inflater] = inflaters;
    expect(inflater!.destroyed).toBe(true);
    expect(inflater!.readableEnded).toBe(false);
    source.close?.();
  });

  it('read to its end, the sheet gives every row and its inflater ends on its own', async () => {
    const file = await bigWorkbook(20_000);
    const { source } = await openInput(file, { inflateAtOnceBytes: -1 });
    inflaters.splice(0);
    let rows = 0;
    for await (const row of source.sheets[0]!.rows()) if (row.cells.length) rows++;
    expect(rows).toBe(20_000);
    expect(inflaters).toHaveLength(1);
    expect(inflaters[0]!.readableEnded).toBe(true);
    source.close?.();
  });

  it('left before its first row is asked for, starts no inflater', async () => {
    const file = await bigWorkbook(20_000);
    const { source } = await openInput(file, { inflateAtOnceBytes: -1 });
    inflaters.splice(0);
    const rows = source.sheets[0]!.rows()[Symbol.asyncIterator]();
    expect(await rows.return!()).toEqual({ value: undefined, done: true });
    expect(inflaters).toHaveLength(0);
    expect(await rows.next()).toEqual({ value: undefined, done: true });
    source.close?.();
  });

  it('gives each row once, in order, across every chunk, then says it is done however often asked', async () => {
    // ~1.4 MB of XML, inflated in many pieces: rows fall across their edges.
    const file = await bigWorkbook(20_000);
    const { source } = await openInput(file, { inflateAtOnceBytes: -1 });
    const rows = source.sheets[0]!.rows()[Symbol.asyncIterator]();
    let expected = 1;
    for (let r = await rows.next(); !r.done; r = await rows.next()) {
      expect(r.value.row).toBe(expected);
      expect(r.value.cells[1]).toBe(expected);
      expected++;
    }
    expect(expected - 1).toBe(20_000);
    expect(await rows.next()).toEqual({ value: undefined, done: true });
    expect(await rows.next()).toEqual({ value: undefined, done: true });
    source.close?.();
  });

  it('from a file, reads the deflated sheet in pieces of 256 KB, not yauzl\'s 16 KB (issue 5: a round trip to the thread pool each)', async () => {
    expect(RAW_READ_BYTES).toBeGreaterThanOrEqual(1 << 18);
    const file = await bigWorkbook(100_000);
    const { source } = await openInput(file, { readWholeBytes: 0, inflateAtOnceBytes: -1 });
    rawPieces.splice(0);
    let rows = 0;
    for await (const row of source.sheets[0]!.rows()) if (row.cells.length) rows++;
    expect(rows).toBe(100_000);
    const deflated = rawPieces.reduce((a, b) => a + b, 0);
    // Several pieces' worth, so the sizes say something (1.4 MB deflated: six pieces, where 16 KB made 83).
    expect(deflated).toBeGreaterThan(2 * RAW_READ_BYTES);
    expect(rawPieces).toHaveLength(Math.ceil(deflated / RAW_READ_BYTES));
    expect(rawPieces.slice(0, -1).every((n) => n === RAW_READ_BYTES)).toBe(true);
    source.close?.();
  });

  it('from a file, calls a sheet whose deflated bytes are damaged a corrupt xlsx, and names the file', async () => {
    const file = await bigWorkbook(100_000);
    const bytes = readFileSync(file);
    // Bytes in the middle of the sheet's deflate data; the zip's directory at the end stays whole.
    for (let i = 0; i < 64; i++) bytes[Math.floor(bytes.length / 2) + i] = 0xff - bytes[Math.floor(bytes.length / 2) + i]!;
    const damaged = file.replace(/\.xlsx$/, '-damaged.xlsx');
    writeFileSync(damaged, bytes);
    const { source } = await openInput(damaged, { readWholeBytes: 0, inflateAtOnceBytes: -1 });
    const read = async () => {
      for await (const _row of source.sheets[0]!.rows());
    };
    await expect(read()).rejects.toMatchObject({ messageId: 'input.corruptXlsx', data: { file: damaged } });
    source.close?.();
  });
});
