import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { openInput, type XlsxReader } from '../../src/read/open.js';
import type { RawRow } from '../../src/read/types.js';
import { InputError } from '../../src/read/types.js';
import { SheetScanner } from '../../src/read/sheet-xml.js';
import { renderJson } from '../../src/report/json.js';
import { puerRules } from '../helpers/teacher.js';
import { writeQuirkWorkbook } from './xlsx-fixture.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * The streaming reader against the reference (exceljs's full reader): the same rows from every
 * workbook, and byte-identical JSON audit results from every fixture.
 */
const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'fixtures');
function xlsxUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.xlsx$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

async function sheetsOf(file: string, reader: XlsxReader, sizes: { readWholeBytes?: number; inflateAtOnceBytes?: number } = {}) {
  let opened;
  try {
    opened = await openInput(file, { reader, ...sizes });
  } catch (e) {
    // A file neither can read must be refused by both, for the same reason.
    if (e instanceof InputError) return { error: e.messageId };
    throw e;
  }
  const { source, sha256 } = opened;
  const sheets: Array<{ name: string; hidden: boolean; rows: RawRow[] }> = [];
  try {
    for (const s of source.sheets) {
      const rows: RawRow[] = [];
      for await (const r of s.rows()) rows.push(r);
      sheets.push({ name: s.name, hidden: s.hidden, rows });
    }
  } catch (e) {
    // The streaming reader meets a damaged sheet when it reads it, not when it opens the file.
    if (e instanceof InputError) return { error: e.messageId };
    throw e;
  } finally {
    source.close?.();
  }
  return { sha256, sheets };
}

describe('the streaming xlsx reader gives what exceljs gives', () => {
  const files = xlsxUnder(FIXTURES);
  it('has xlsx fixtures', () => expect(files.length).toBeGreaterThanOrEqual(4));

  // exceljs's rows of a file, read once for the three ways the streaming reader reads it (exceljs
  // reading each fixture three times was ~2 s of this file's 6.5 s).
  const reference = new Map<string, ReturnType<typeof sheetsOf>>();
  const exceljsSheets = (file: string) => {
    if (!reference.has(file)) reference.set(file, sheetsOf(file, 'exceljs'));
    return reference.get(file)!;
  };

  for (const file of files) {
    const name = path.relative(FIXTURES, file);
    it(`rows of ${name}`, async () => {
      expect(await sheetsOf(file, 'stream')).toEqual(await exceljsSheets(file));
    });
    // Fixtures are small, so they are read whole; a province's return is streamed from disk.
    it(`rows of ${name}, streamed from disk as a large file is`, async () => {
      expect(await sheetsOf(file, 'stream', { readWholeBytes: 0 })).toEqual(await exceljsSheets(file));
    });
    // A file read whole whose sheet is too large to inflate at once: its parts stream from memory.
    it(`rows of ${name}, read whole with every part streamed`, async () => {
      expect(await sheetsOf(file, 'stream', { inflateAtOnceBytes: -1 })).toEqual(await exceljsSheets(file));
    });
    it(`JSON audit result of ${name}`, async () => {
      const now = new Date('2025-03-01T00:00:00Z');
      const run = async (reader: XlsxReader) =>
        renderJson(await audit({ files: [file], rules: puerRules(), yearOption: 2025, now, reader }), { lang: 'zh', maskIds: false });
      expect(await run('stream')).toBe(await run('exceljs'));
    });
  }

  it('reads the SpreadsheetML forms exceljs never writes exactly as exceljs reads them', async () => {
    const file = path.join(scratchDir('credit-audit-'), 'quirks.xlsx');
    await writeQuirkWorkbook(file);
    const stream = (await sheetsOf(file, 'stream')) as { sheets: Array<{ name: string; hidden: boolean; rows: RawRow[] }> };
    const reference = (await sheetsOf(file, 'exceljs')) as typeof stream;
    // exceljs's cell value drops a formula's cached result when it is falsy (0, FALSE: its
    // FormulaValue._copyModel); the reference reads the cell's result, which keeps it, as we do.
    expect(stream.sheets[0]!.rows.at(-1)!.cells[0]).toBe(false);
    expect(stream).toEqual(reference);
    const rows = stream.sheets[0]!.rows;
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 7, 8, 9]);
    expect(rows[0]!.cells).toEqual(['序号', '姓\n名', '身份证号码', ' 崔 & 文 ']);
    expect(rows[1]!.cells).toEqual(['崔文', 24, 26.4, null, true, { error: '#N/A' }]);
    // F3 is `<f>1/0</f>` with no cached result: not a sum of its row, so shown as its formula (issue 18).
    expect(rows[2]!.cells).toEqual(['2025-01-01', '2025-01-01', 12, 50.4, 'ab', { error: '=1/0' }, { error: '#DIV/0!' }]);
    expect(stream.sheets[1]).toMatchObject({ name: '隐藏', hidden: true });
  });

  it('calls a damaged zip a corrupt xlsx', async () => {
    const dir = scratchDir('credit-audit-');
    const good = readFileSync(xlsxUnder(FIXTURES)[0]!);
    const file = path.join(dir, 'broken.xlsx');
    writeFileSync(file, good.subarray(0, Math.floor(good.length / 2)));
    await expect(openInput(file)).rejects.toMatchObject({ messageId: 'input.corruptXlsx' });
    await expect(openInput(file)).rejects.toBeInstanceOf(InputError);
  });
});

describe('the row scanner', () => {
  const ctx = { sharedStrings: ['a', 'b'], dateStyles: [], date1904: false };
  const scan = (chunks: Buffer[]) => {
    const s = new SheetScanner(ctx);
    const out: RawRow[] = [];
    for (const c of chunks) s.push(c, out);
    s.end(out);
    return out;
  };
  const xml = Buffer.from(
    '<sheetData><row r="2"><c r="B2" t="s"><v>1</v></c></row><row><c t="s"><v>0</v></c><c><v>3</v></c></row><row r="9"><c r="AA9"><v>1</v></c><c r="AB9" t="inlineStr"><is><t>崔文</t></is></c></row></sheetData><rowBreaks/>',
  );

  it('numbers rows and cells that carry no reference from the ones before', () => {
    expect(scan([xml])).toEqual([
      { row: 2, cells: [null, 'b'] },
      { row: 3, cells: ['a', 3] },
      { row: 9, cells: [...Array(26).fill(null), 1, '崔文'] },
    ]);
  });

  it('gives the same rows however the XML is cut into chunks, even inside a UTF-8 character', () => {
    const whole = scan([xml]);
    for (let cut = 1; cut < xml.length; cut++) expect(scan([xml.subarray(0, cut), xml.subarray(cut)]), `cut at ${cut}`).toEqual(whole);
  });

  // A row cut at a chunk's end is joined with the next chunk's start up to its first </row> only;
  // a chunk may hold no </row>, or a row may close only in the chunk after.
  it('gives the same rows cut into three chunks anywhere, with empty rows between', () => {
    const withEmpty = Buffer.from(xml.toString().replace('<row r="9">', '<row r="5"/><row r="6" spans="1:2"></row><row r="9">'));
    const whole = scan([withEmpty]);
    expect(whole.map((r) => r.row)).toEqual([2, 3, 9]);
    for (let a = 1; a < withEmpty.length; a++) {
      for (let b = a + 1; b < withEmpty.length; b++) {
        const got = scan([withEmpty.subarray(0, a), withEmpty.subarray(a, b), withEmpty.subarray(b)]);
        if (JSON.stringify(got) !== JSON.stringify(whole)) expect(got, `cut at ${a} and ${b}`).toEqual(whole);
      }
    }
  });

  it('gives the same rows from XML that is not well formed (a cell never closed) however it is cut', () => {
    const broken = Buffer.from('<sheetData><row r="1"><c><v>7</v></c></row><row r="2"><c t="s"><v>1</v></row><row r="3"><c><v>2</v></c></row><row r="4"><c><v>4</v></c></row></sheetData>');
    // The cell never closed reads on to a later <v>: its index must be one the table holds (an
    // index it lacks is a corrupt file, tested with the crafted coordinates).
    const wide = { ...ctx, sharedStrings: ['a', 'b', 'c', 'd', 'e'] };
    const scanWide = (chunks: Buffer[]) => {
      const s = new SheetScanner(wide);
      const out: RawRow[] = [];
      for (const c of chunks) s.push(c, out);
      s.end(out);
      return out;
    };
    const whole = scanWide([broken]);
    for (let cut = 1; cut < broken.length; cut++) expect(scanWide([broken.subarray(0, cut), broken.subarray(cut)]), `cut at ${cut}`).toEqual(whole);
  });
});
