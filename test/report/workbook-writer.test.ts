import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { reportSheets } from '../../src/report/report-content.js';
import { cell, FILL, type ReportCell, type ReportSheet } from '../../src/report/sheets.js';
import { columnPixels, LEAST_FIT_SCALE, PRINTABLE_PIXELS } from '../../src/report/page-layout.js';
import { buildWorkbook } from '../helpers/exceljs-report-writer.js';
import { ShapeIds } from '../../src/report/shape-ids.js';
import { expectOwnShapeIds } from '../helpers/vml.js';
import { fileText, SHARED_STRINGS, writeLeanWorkbook, type SharedStringLimits } from '../../src/report/workbook-writer.js';
import { internalLinks } from '../e2e/helpers.js';
import { puerRules } from '../helpers/teacher.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * The lean writer against the exceljs writer (the reference): the same sheets written by both
 * read back through exceljs with the same values, fills, fonts, number formats, notes, frozen
 * headers, filters and links.
 */
async function readBack(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const links = new Map<string, Map<string, string>>();
  for (const ws of wb.worksheets) links.set(ws.name, await internalLinks(file, ws.name));
  return wb.worksheets.map((ws) => {
    const cells: Array<Record<string, unknown>> = [];
    ws.eachRow((row, r) =>
      row.eachCell((c, col) => {
        const v = c.value as unknown;
        const link = v && typeof v === 'object' && 'hyperlink' in v ? (v as { hyperlink: string }).hyperlink : links.get(ws.name)!.get(c.address);
        // An empty text cell and an empty cell look the same; the lean writer leaves both out.
        const shown = v && typeof v === 'object' && 'text' in v ? (v as { text: unknown }).text : v;
        const text = shown === '' ? null : shown;
        const note = c.note === undefined ? undefined : typeof c.note === 'string' ? c.note : c.note.texts!.map((t) => t.text).join('');
        const fill = (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
        if (text === null && !fill) return;
        const alignment = r > 1 && c.alignment && Object.keys(c.alignment).length ? { ...c.alignment } : undefined;
        cells.push({ at: `${r}:${col}`, v: text, fill, note, link, numFmt: c.numFmt || undefined, bold: c.font?.bold || undefined, alignment });
      }),
    );
    const cf = (ws as unknown as { conditionalFormattings?: Array<{ ref: string; rules: Array<{ type: string }> }> }).conditionalFormattings?.[0];
    return {
      name: ws.name,
      view: ws.views?.[0]?.state === 'frozen' ? { state: 'frozen', ySplit: (ws.views[0] as ExcelJS.WorksheetViewFrozen).ySplit, xSplit: (ws.views[0] as ExcelJS.WorksheetViewFrozen).xSplit || undefined } : undefined,
      filter: ws.autoFilter ? String(typeof ws.autoFilter === 'string' ? ws.autoFilter : 'set') : undefined,
      // exceljs leaves out a width of 9, its default.
      widths: ws.columns?.map((c) => c.width ?? 9),
      dataBar: cf ? { ref: cf.ref, type: cf.rules[0]?.type } : undefined,
      page: {
        paperSize: ws.pageSetup.paperSize,
        orientation: ws.pageSetup.orientation,
        pageOrder: ws.pageSetup.pageOrder,
        margins: ws.pageSetup.margins,
        fitToPage: Boolean(ws.pageSetup.fitToPage),
        ...(ws.pageSetup.fitToPage ? { fitToWidth: ws.pageSetup.fitToWidth, fitToHeight: ws.pageSetup.fitToHeight } : { scale: ws.pageSetup.scale }),
        printTitlesRow: ws.pageSetup.printTitlesRow,
        printTitlesColumn: ws.pageSetup.printTitlesColumn,
        printArea: ws.pageSetup.printArea,
        footer: ws.headerFooter?.oddFooter,
      },
      heights: ws.getRows(1, ws.rowCount)?.map((row) => row.height),
      headerAlignment: ws.getRow(1).getCell(1).alignment ? { ...ws.getRow(1).getCell(1).alignment } : undefined,
      headerHeight: ws.getRow(1).height,
      cells,
    };
  });
}

async function both(sheets: ReportSheet[]) {
  const dir = scratchDir('credit-audit-');
  const created = new Date('2025-03-01T00:00:00Z');
  const ref = path.join(dir, 'exceljs.xlsx');
  await buildWorkbook(sheets, created).xlsx.writeFile(ref);
  const lean = path.join(dir, 'lean.xlsx');
  await writeLeanWorkbook(sheets, lean, created);
  return { lean: await readBack(lean), reference: await readBack(ref) };
}

/** Every part of a written xlsx, as text. */
async function parts(file: string): Promise<Map<string, string>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  const texts = new Map<string, string>();
  for await (const e of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const b of await zip.openReadStreamPromise(e)) chunks.push(b as Buffer);
    texts.set(e.fileName, Buffer.concat(chunks).toString('utf8'));
  }
  zip.close();
  return texts;
}

async function write(sheets: ReportSheet[], limits?: Partial<SharedStringLimits>) {
  const file = path.join(scratchDir('credit-audit-'), 'r.xlsx');
  await writeLeanWorkbook(sheets, file, new Date('2025-03-01T00:00:00Z'), undefined, limits);
  return { file, parts: await parts(file) };
}

describe('the lean xlsx writer', () => {
  it('writes awkward text, numbers, fills, notes, formats and links as exceljs does', async () => {
    const sheets: ReportSheet[] = [
      {
        name: '汇总',
        widths: [20, 40],
        header: false,
        rowCount: 4,
        rows: () => [
          [cell('项目', { bold: true }), cell('<&> "quoted" \'single\'')],
          [cell('  leading and trailing  '), cell('=SUM(A1:A2)')],
          [cell('control\u0001chars\ttab\nnewline'), cell(0.25, { numFmt: '0.0%' })],
          [cell(null, { fill: FILL.warning }), cell(-1.5e-7)],
        ],
      },
      {
        name: '教师 (2)',
        widths: [6, 10, 12],
        header: true,
        rowCount: 3,
        dataBar: { column: 3 },
        rows: () => [
          [cell('序号'), cell('姓名'), cell('份额')],
          [cell(1), cell('崔文', { fill: FILL.error, note: '[错误] 网络研修学时 23.5 低于 24，还差 0.5（条款：第十条）\n第二行' }), cell(0.5)],
          [cell(2), cell("'教师 (2)'!A2", { link: "'教师 (2)'!A2" }), cell(1)],
        ],
      },
      {
        // A header of two lines: its row is made as tall as them.
        name: '学校',
        widths: [9, 9],
        header: true,
        rowCount: 2,
        rows: () => [[cell('集中培训学时'), cell('年度')], [cell(24), cell(2025)]],
      },
    ];
    const { lean, reference } = await both(sheets);
    expect(lean).toEqual(reference);
    // Rows of one line keep the default height (none written).
    expect(lean.map((s) => s.headerHeight)).toEqual([undefined, undefined, 30]);
  });

  describe('frozen identity columns, wrapped text and printing (issue 20)', () => {
    const identity = (name: string, freezeColumns?: number, widths = [26, 10, 21, 8, 40, 70]): ReportSheet => ({
      name,
      widths,
      header: true,
      freezeColumns,
      rowCount: 4,
      rows: () => [
        [cell('学校'), cell('姓名'), cell('身份证号'), cell('状态'), cell('还差'), cell('说明')],
        [cell('墨江县第二小学'), cell('蔡蓓'), cell('530827199409067402'), cell('未完成', { fill: FILL.error }), cell('网络研修还差 24 学时'), cell('短', { wrap: true })],
        // Width 70 leaves 69 for text: 35 Chinese characters are two lines, 69 three.
        [cell('墨江县第二小学'), cell('彭岚'), cell('530802197411146357'), cell('未完成'), cell(24), cell('学'.repeat(35), { wrap: true })],
        [cell('墨江县第二小学'), cell('吴娅'), cell('530821196705090031'), cell('完成'), cell(null), cell('学'.repeat(69), { wrap: true })],
      ],
    });

    it('freezes the header and the identity columns, and repeats both on each printed page, as exceljs does', async () => {
      const { lean, reference } = await both([identity('教师', 4), identity('学校')]);
      expect(lean).toEqual(reference);
      expect(lean[0]!.view).toEqual({ state: 'frozen', ySplit: 1, xSplit: 4 });
      expect(lean[0]!.page.printTitlesColumn).toBe('A:D');
      expect(lean[0]!.page.printTitlesRow).toBe('1:1');
      // Without frozen columns only the header row is frozen and repeated.
      expect(lean[1]!.view).toEqual({ state: 'frozen', ySplit: 1 });
      expect(lean[1]!.page.printTitlesColumn).toBeUndefined();
      const { parts: p } = await write([identity('教师', 4), identity('学校')]);
      expect(p.get('xl/worksheets/sheet1.xml')).toContain('<pane xSplit="4" ySplit="1" topLeftCell="E2" activePane="bottomRight" state="frozen"/>');
      expect(p.get('xl/worksheets/sheet2.xml')).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
      expect(p.get('xl/workbook.xml')).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'教师'!$A:$D,'教师'!$1:$1</definedName>`);
      expect(p.get('xl/workbook.xml')).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'学校'!$1:$1</definedName>`);
    });

    it('wraps a cell marked wrap at the top, makes its row as tall as its lines, and puts the cells beside it at the top', async () => {
      const { lean, reference } = await both([identity('问题清单')]);
      expect(lean).toEqual(reference);
      // One line keeps the default height; two lines 30 points, three 45.
      expect(lean[0]!.heights).toEqual([undefined, undefined, 30, 45]);
      const at = (r: number, c: number) => lean[0]!.cells.find((x) => x.at === `${r}:${c}`)!;
      expect(at(2, 6).alignment).toEqual({ wrapText: true, vertical: 'top' });
      expect(at(2, 1).alignment).toBeUndefined();
      expect(at(3, 6).alignment).toEqual({ wrapText: true, vertical: 'top' });
      expect(at(3, 1).alignment).toEqual({ vertical: 'top' });
      expect(at(3, 5).alignment).toEqual({ vertical: 'top' });
      // The header stays centred vertically.
      expect(lean[0]!.headerAlignment).toEqual({ wrapText: true, vertical: 'middle' });
    });

    it('keeps a sheet without wrapped text and frozen columns as it was: no alignment, no row height', async () => {
      const plain: ReportSheet = { name: '教师', widths: [10, 10], header: true, rowCount: 3, rows: () => [[cell('序号'), cell('姓名')], [cell(1), cell('学'.repeat(40))], [cell(2), cell('x', { fill: FILL.error })]] };
      const { parts: p } = await write([plain]);
      const xml = p.get('xl/worksheets/sheet1.xml')!;
      expect(xml).toContain('<row r="2"><c r="A2"><v>1</v></c>');
      expect(xml).not.toMatch(/<row r="[23]" ht=/);
      expect(p.get('xl/styles.xml')!.match(/<alignment [^>]*>/g)).toEqual(['<alignment vertical="center" wrapText="1"/>']);
    });

    it('prints A4 landscape, one page wide while that keeps 60 %, else at 100 % across pages', async () => {
      // PRINTABLE_PIXELS / 0.6 = 1 790 pixels: the widest sheet still fitted.
      expect(PRINTABLE_PIXELS / LEAST_FIT_SCALE).toBe(1790);
      const widths = (pixels: number) => {
        // Columns of width 10 (70 pixels) and one that makes up the rest.
        const w = Array.from({ length: Math.floor(pixels / 70) - 1 }, () => 10);
        const rest = pixels - w.length * 70;
        const last = [...Array(2000).keys()].map((k) => k / 100).find((x) => columnPixels(x) === rest)!;
        expect(columnPixels(last)).toBe(rest);
        return [...w, last];
      };
      const sheet = (name: string, w: number[]): ReportSheet => ({ name, widths: w, header: true, rowCount: 2, rows: () => [w.map((_, i) => cell(`列${i}`)), w.map((_, i) => cell(i))] });
      const sheets = [sheet('窄', [20, 30]), sheet('刚好', widths(1790)), sheet('过宽', widths(1791))];
      const { lean, reference } = await both(sheets);
      expect(lean).toEqual(reference);
      const page = Object.fromEntries(lean.map((s) => [s.name, s.page]));
      for (const p of Object.values(page)) {
        expect(p).toMatchObject({ paperSize: 9, orientation: 'landscape', pageOrder: 'overThenDown', margins: { left: 0.25, right: 0.25 } });
      }
      expect(page['窄']).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(page['刚好']).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(page['过宽']).toMatchObject({ fitToPage: false, scale: 100 });
      // The print area is the sheet's cells, whatever text runs on past them.
      expect(page['窄']!.printArea).toBe('A1:B2');
      const { parts: p } = await write(sheets);
      expect(p.get('xl/worksheets/sheet2.xml')).toContain('<pageSetUpPr fitToPage="1"/>');
      expect(p.get('xl/worksheets/sheet3.xml')).not.toContain('fitToPage');
      expect(p.get('xl/worksheets/sheet3.xml')).not.toContain('fitToWidth');
    });
  });

  it('fails with the error of a sheet that fails part-way, leaving no temporary files', async () => {
    const dir = scratchDir('credit-audit-');
    const broken: ReportSheet = {
      name: '教师',
      widths: [],
      header: true,
      rowCount: 3,
      *rows() {
        yield [cell('序号')];
        yield [cell(1, { note: 'a note' })];
        throw new Error('content failed');
      },
    };
    await expect(writeLeanWorkbook([broken], path.join(dir, 'r.xlsx'), new Date())).rejects.toThrow('content failed');
    expect(readdirSync(dir).filter((f) => f.includes('.part'))).toEqual([]);
  });

  // A full disk ends the write with its error, whatever stream meets it first, and nothing is left behind.
  it.skipIf(!existsSync('/dev/full'))('stops at a full disk with its error, leaving no temporary files', async () => {
    const dir = scratchDir('credit-audit-');
    const rows = Array.from({ length: 20_000 }, (_, r) => [cell(r + 1), cell(`第${r}行`, { note: `说明${r}` }), cell('教师', { link: `'教师'!A${r + 2}` })]);
    const sheet: ReportSheet = { name: '教师', widths: [], header: true, rowCount: rows.length, rows: () => rows };
    // Writing to /dev/full fails with ENOSPC, as a full disk does.
    await expect(writeLeanWorkbook([sheet, sheet], '/dev/full', new Date(), path.join(dir, 'r.xlsx.part'))).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readdirSync(dir)).toEqual([]);
  });

  // Links enough to be written out mid-sheet: the writer then waited for a 'drain' from a stream that
  // had failed, and the failure, with no one listening, ended the process before clean-up.
  it('fails with the error of a temporary file it cannot make', async () => {
    const dir = scratchDir('credit-audit-');
    const rows = Array.from({ length: 20_000 }, (_, r) => [cell(r + 1), cell('链接', { link: `'教师'!A${r + 2}` })]);
    const sheet: ReportSheet = { name: '问题清单', widths: [], header: true, rowCount: rows.length, rows: () => rows };
    await expect(writeLeanWorkbook([sheet], path.join(dir, 'r.xlsx'), new Date(), path.join(dir, 'no-such-folder', 'r.xlsx.part'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('writes the report of every fixture as exceljs writes it', async () => {
    const dir = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'puer');
    const result = await audit({ files: [dir + '/value-quirks.xlsx', dir + '/2025年度墨江县第二小学-数据问题.xlsx', dir + '/2025年度思茅区第一中学.xlsx'], rules: puerRules(), yearOption: null, now: new Date('2025-03-01T00:00:00Z') });
    const { lean, reference } = await both(reportSheets(result, { lang: 'zh', maskIds: false }));
    expect(lean).toEqual(reference);
    expect(lean.find((s) => s.name === '问题清单')!.cells.filter((c) => c.link).length).toBeGreaterThan(5);
  });

  it('writes a row larger than its write buffer in order with the rows around it', async () => {
    // Three cells of 20 000 CJK characters: ~180 000 bytes of UTF-8 in one row, and a note as long.
    const big = (k: number) => `${k}${'长'.repeat(20_000)}`;
    const sheets: ReportSheet[] = [
      {
        name: '教师',
        widths: [],
        header: true,
        rowCount: 4,
        rows: () => [
          [cell('序号'), cell('a'), cell('b')],
          [cell(1), cell('before'), cell('x', { note: big(9) })],
          [cell(big(1)), cell(big(2)), cell(big(3))],
          [cell(3), cell('after'), cell(0.5)],
        ],
      },
    ];
    const { lean, reference } = await both(sheets);
    expect(lean).toEqual(reference);
    expect(lean[0]!.cells.map((c) => String(c.v).slice(0, 6))).toEqual(['序号', 'a', 'b', '1', 'before', 'x', `1${'长'.repeat(5)}`, `2${'长'.repeat(5)}`, `3${'长'.repeat(5)}`, '3', 'after', '0.5']);
    expect(lean[0]!.cells[8]!.v).toBe(big(3));
    expect(lean[0]!.cells[5]!.note).toBe(big(9));
  });

  it('draws one note shape per note, at its cell, each drawing with id blocks and ids no other drawing has', async () => {
    // Notes on two sheets, in several columns, past row 1 024 (one VML id block) and past column Z.
    const noted = (r: number, c: number) => r % 7 === 0 && c % 2 === 1;
    const sheetWithNotes = (name: string): ReportSheet => ({
      name,
      widths: [],
      header: true,
      rowCount: 1500,
      rows: function* () {
        for (let r = 1; r <= 1500; r++) yield Array.from({ length: 30 }, (_, c) => cell(r * 100 + c, noted(r, c) ? { note: `第${r}行第${c + 1}列` } : {}));
      },
    });
    const { parts: p } = await write([sheetWithNotes('教师'), { name: '空', widths: [], header: false, rowCount: 1, rows: () => [[cell(1)]] }, sheetWithNotes('问题清单')]);
    expectOwnShapeIds([1, 3].map((n) => [`drawing ${n}`, p.get(`xl/drawings/vmlDrawing${n}.vml`)!]));
    for (const n of [1, 3]) {
      const comments = [...p.get(`xl/comments${n}.xml`)!.matchAll(/<comment ref="([A-Z]+)(\d+)"/g)].map((m) => `${m[2]}:${m[1]}`);
      const shapes = [...p.get(`xl/drawings/vmlDrawing${n}.vml`)!.matchAll(/<v:shape id="_x0000_s(\d+)"[^]*?<x:Row>(\d+)<\/x:Row><x:Column>(\d+)<\/x:Column>/g)];
      const letters = (c: number): string => (c < 26 ? String.fromCharCode(65 + c) : letters(Math.floor(c / 26) - 1) + String.fromCharCode(65 + (c % 26)));
      // VML rows and columns count from 0; a comment's ref is the cell's A1 address.
      expect(shapes.map((m) => `${Number(m[2]) + 1}:${letters(Number(m[3]))}`)).toEqual(comments);
      expect(comments.length).toBe(Array.from({ length: 1500 }, (_, r) => Array.from({ length: 30 }, (_, c) => noted(r + 1, c))).flat().filter(Boolean).length);
      expect(new Set(shapes.map((m) => m[1])).size).toBe(shapes.length);
      expect(p.get(`xl/worksheets/sheet${n}.xml`)).toContain('<legacyDrawing r:id="rId2"/>');
    }
    expect(p.has('xl/drawings/vmlDrawing2.vml')).toBe(false);
  });

  it('tells how far it is: every 4 096 rows and at the end of each sheet, the rows of the whole report, up to all of them', async () => {
    const sheet = (name: string, rows: number): ReportSheet => ({
      name,
      widths: [],
      header: true,
      rowCount: rows,
      rows: function* () {
        for (let r = 0; r < rows; r++) yield [cell(r)];
      },
    });
    const calls: Array<[number, number, string]> = [];
    const file = path.join(scratchDir(), 'r.xlsx');
    await writeLeanWorkbook([sheet('汇总', 3), sheet('教师', 10_000), sheet('问题清单', 4_096)], file, new Date('2025-03-01T00:00:00Z'), undefined, undefined, (...c) => calls.push(c));
    const total = 3 + 10_000 + 4_096;
    expect(calls).toEqual([
      [3, total, '汇总'],
      [3 + 4_096, total, '教师'],
      [3 + 8_192, total, '教师'],
      [3 + 10_000, total, '教师'],
      [3 + 10_000 + 4_096, total, '问题清单'],
      [total, total, '问题清单'],
    ]);
  });

  it('gives each drawing its own blocks of 1 024 shape ids, as many as its notes fill, as Excel does', () => {
    const ids = new ShapeIds();
    // 1 023 notes: ids 1025–2047, one block; 1 024 notes: ids 2049–3072, the last in a second block.
    expect(ids.next(1023)).toEqual({ first: 1025, idmap: '1' });
    expect(ids.next(1024)).toEqual({ first: 2049, idmap: '2,3' });
    expect(ids.next(1)).toEqual({ first: 4097, idmap: '4' });
    expect(ids.next(2049)).toEqual({ first: 5121, idmap: '5,6,7' });
  });

  it('lays out every part whole, with its CRC-32 and size, when notes are compressed beside their sheet', async () => {
    // Notes of text that compresses poorly: the notes' deflater hands over compressed blocks while
    // the sheet is still being written, and the zip must hold them until the sheet's part ends.
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const text = (n: number) => Array.from({ length: n }, () => String.fromCharCode(0x4e00 + (next() % 20_000))).join('');
    const rows = Array.from({ length: 4000 }, (_, r) => Array.from({ length: 8 }, (_, c) => cell(c === 0 ? r + 1 : text(6), c === 3 ? { note: text(120), fill: FILL.error } : c === 7 ? { link: `'问题清单'!A${r + 2}` } : {})));
    const sheet = (name: string): ReportSheet => ({ name, widths: [], header: false, rowCount: rows.length, rows: () => rows });
    const { file, parts: p } = await write([sheet('教师'), sheet('问题清单')]);
    expect(Buffer.byteLength(p.get('xl/comments1.xml')!)).toBeGreaterThan(1 << 20);

    const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
    const seen: string[] = [];
    for await (const e of zip.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const b of await zip.openReadStreamPromise(e)) chunks.push(b as Buffer);
      const content = Buffer.concat(chunks);
      expect({ part: e.fileName, size: content.length, crc: zlib.crc32(content) }).toEqual({ part: e.fileName, size: e.uncompressedSize, crc: e.crc32 });
      seen.push(e.fileName);
    }
    zip.close();
    expect(seen.slice(0, 4)).toEqual(['xl/worksheets/sheet1.xml', 'xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml', 'xl/worksheets/_rels/sheet1.xml.rels']);

    // Every value, note, fill and link of the whole (the shared strings' window passed, the notes'
    // part held back) reads back through exceljs where it was written …
    const expected = rows.flatMap((row, r) => row.map((c, col) => ({ at: `${r + 1}:${col + 1}`, v: c.v, note: c.note, fill: c.fill, link: c.link })));
    const lean = await readBack(file);
    expect(lean.map((s) => s.name)).toEqual(['教师', '问题清单']);
    for (const s of lean) expect(s.cells.map(({ at, v, note, fill, link }) => ({ at, v, note, fill, link }))).toEqual(expected);
    expect(lean[0]!.cells.filter((c) => c.note).length).toBe(4000);
    // … and as exceljs's own writer gives them, compared whole on the first 300 rows (exceljs's
    // writing and reading of 2.9 MB of notes took 3 of this test's 4.5 s).
    const slice = (name: string): ReportSheet => ({ ...sheet(name), rowCount: 300, rows: () => rows.slice(0, 300) });
    const { lean: leanSlice, reference } = await both([slice('教师'), slice('问题清单')]);
    expect(leanSlice).toEqual(reference);
    expect(leanSlice[0]!.cells.filter((c) => c.note).length).toBe(300);
  });

  it('reads a temporary file back as the text written, wherever a read splits a character', async () => {
    const dir = scratchDir('credit-audit-');
    // One to three ASCII bytes before 3- and 4-byte UTF-8 characters shift them across every read boundary.
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const text = `${prefix}${'长'.repeat(25_000)}𠀀${'x'.repeat(5)}${'𠀀'.repeat(20_000)}`;
      const file = path.join(dir, `t${prefix.length}`);
      writeFileSync(file, text);
      let back = '';
      for await (const piece of fileText(file)) back += piece;
      expect(back).toBe(text);
    }
  });

  describe('shared strings', () => {
    /** The `<si>` texts of xl/sharedStrings.xml (escaped as written), and its count attributes. */
    function table(xml: string | undefined) {
      if (xml === undefined) return undefined;
      const head = /<sst [^>]*count="(\d+)" uniqueCount="(\d+)">/.exec(xml);
      return { count: Number(head?.[1]), uniqueCount: Number(head?.[2]), items: [...xml.matchAll(/<si>(<t[^>]*>[^<]*<\/t>)<\/si>/g)].map((m) => m[1]!) };
    }

    /** The cells of each row as exceljs reads them. */
    async function values(file: string, sheet = 0): Promise<unknown[][]> {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const rows: unknown[][] = [];
      wb.worksheets[sheet]!.eachRow({ includeEmpty: true }, (row, r) => {
        rows[r - 1] = (row.values as unknown[]).slice(1);
      });
      return rows;
    }

    const sheetOf = (rows: ReportCell[][], header = false): ReportSheet => ({ name: '问题清单', widths: [], header, rowCount: rows.length, rows: () => rows });

    it('stores a text repeated on many rows once, and every row reads it back', async () => {
      const school = '普洱市思茅区第一中学 & <附属> "小学"';
      const file = '/data/2025年度附件2-2.xlsx';
      const rows = Array.from({ length: 300 }, (_, i) => [cell(i + 1), cell(school), cell(file, { fill: FILL.error }), cell(`教师!A${i + 2}`, { link: `'教师'!A${i + 2}` })]);
      const { file: out, parts: p } = await write([sheetOf(rows)]);
      const sst = table(p.get('xl/sharedStrings.xml'))!;
      expect(sst.items.filter((t) => t === '<t>普洱市思茅区第一中学 &amp; &lt;附属&gt; &quot;小学&quot;</t>')).toHaveLength(1);
      expect(sst.items.filter((t) => t === `<t>${file}</t>`)).toHaveLength(1);
      const sheet = p.get('xl/worksheets/sheet1.xml')!;
      expect(sheet).not.toContain('普洱');
      expect(sheet.match(/ t="s"/g)!.length).toBe(sst.count);
      expect(sst.uniqueCount).toBe(sst.items.length);
      // Both columns on every row, and the link texts of the first rows.
      expect(sst.count).toBeGreaterThanOrEqual(600);
      expect(p.get('[Content_Types].xml')).toContain('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>');
      expect(p.get('xl/_rels/workbook.xml.rels')).toMatch(/<Relationship Id="rId\d+" Type="http:\/\/schemas.openxmlformats.org\/officeDocument\/2006\/relationships\/sharedStrings" Target="sharedStrings.xml"\/>/);
      const read = await values(out);
      expect(read).toHaveLength(300);
      read.forEach((row, i) => {
        expect(row[0]).toBe(i + 1);
        expect(row[1]).toBe(school);
        expect(row[2]).toBe(file);
        expect(row[3]).toBe(`教师!A${i + 2}`);
      });
      expect((await internalLinks(out, '问题清单')).get('D300')).toBe("'教师'!A301");
    });

    it('keeps white space at either end and line breaks of shared text, as exceljs does', async () => {
      const texts = ['  leading', 'trailing  ', 'two\nlines', '\u3000全角空格', 'tab\tinside', 'plain'];
      const rows = [texts.map((t) => cell(t)), texts.map((t) => cell(t)), texts.map((t) => cell(t, { bold: true }))];
      const { parts: p } = await write([sheetOf(rows)]);
      expect(table(p.get('xl/sharedStrings.xml'))!.items).toEqual([
        '<t xml:space="preserve">  leading</t>',
        '<t xml:space="preserve">trailing  </t>',
        '<t xml:space="preserve">two\nlines</t>',
        '<t xml:space="preserve">\u3000全角空格</t>',
        '<t>tab\tinside</t>',
        '<t>plain</t>',
      ]);
      expect(p.get('xl/worksheets/sheet1.xml')).not.toContain('inlineStr');
      const { lean, reference } = await both([sheetOf(rows)]);
      expect(lean).toEqual(reference);
      expect(lean[0]!.cells.filter((c) => c.v === '  leading')).toHaveLength(3);
      expect(lean[0]!.cells.filter((c) => c.v === 'two\nlines')).toHaveLength(3);
    });

    it('writes new text inline once the table is full, and it reads back the same', async () => {
      const rows = Array.from({ length: 20 }, (_, i) => [cell(`text ${i % 10}`), cell(`  spaced ${i % 10} `)]);
      const { file, parts: p } = await write([sheetOf(rows)], { maxCount: 3 });
      const sst = table(p.get('xl/sharedStrings.xml'))!;
      expect(sst.items).toEqual(['<t>text 0</t>', '<t xml:space="preserve">  spaced 0 </t>', '<t>text 1</t>']);
      // Rows 1, 2, 11 and 12 hold a shared text in column A, rows 1 and 11 in column B.
      expect(sst.count).toBe(6);
      const sheet = p.get('xl/worksheets/sheet1.xml')!;
      expect(sheet).toContain('<c r="A3" t="inlineStr"><is><t>text 2</t></is></c>');
      expect(sheet).toContain('<c r="B2" t="inlineStr"><is><t xml:space="preserve">  spaced 1 </t></is></c>');
      expect(sheet).toContain('<c r="A11" t="s"><v>0</v></c>');
      expect(await values(file)).toEqual(rows.map((r) => r.map((c) => c.v)));
      const { lean, reference } = await both([sheetOf(rows)]);
      expect(lean).toEqual(reference);
    });

    it('writes long text inline', async () => {
      const long = '长'.repeat(SHARED_STRINGS.maxLength + 1);
      const limit = 'x'.repeat(SHARED_STRINGS.maxLength);
      const rows = Array.from({ length: 5 }, () => [cell(long), cell(limit), cell('ab'.repeat(6))]);
      const { file, parts: p } = await write([sheetOf(rows)]);
      expect(table(p.get('xl/sharedStrings.xml'))!.items).toEqual([`<t>${limit}</t>`, `<t>${'ab'.repeat(6)}</t>`]);
      expect(p.get('xl/worksheets/sheet1.xml')!.match(new RegExp(`<is><t>${long}</t></is>`, 'g'))).toHaveLength(5);
      expect(await values(file)).toEqual(rows.map((r) => r.map((c) => c.v)));
      // A smaller limit sends the 12 characters inline as well: no text is shared, so there is no table.
      const small = await write([sheetOf(rows)], { maxLength: 11 });
      expect(small.parts.has('xl/sharedStrings.xml')).toBe(false);
      expect(small.parts.get('xl/worksheets/sheet1.xml')!.match(/<is><t>abababababab<\/t><\/is>/g)).toHaveLength(5);
      expect(await values(small.file)).toEqual(rows.map((r) => r.map((c) => c.v)));
    });

    it('adds no shared strings part when every text is inline', async () => {
      const rows = [[cell(1), cell('x'.repeat(SHARED_STRINGS.maxLength + 1))], [cell(2), cell(null, { fill: FILL.warning })]];
      const { parts: p } = await write([sheetOf(rows)]);
      expect(p.has('xl/sharedStrings.xml')).toBe(false);
      expect(p.get('[Content_Types].xml')).not.toContain('sharedStrings');
      expect(p.get('xl/_rels/workbook.xml.rels')).not.toContain('sharedStrings');
    });

    it('writes a column of text that mostly does not repeat (ids) inline, leaving the table to text that does', async () => {
      // Column A: three new ids in every four rows; B: a new text every four rows; C: a school, then from row 41 another one.
      const id = (i: number) => `5308281968${String(i - (i % 4 === 3 ? 1 : 0)).padStart(8, '0')}`;
      const rows = Array.from({ length: 80 }, (_, i) => [cell(id(i)), cell(`学科 ${Math.floor(i / 4)}`), cell(i < 40 ? '第一中学' : '第二小学')]);
      const { file, parts: p } = await write([sheetOf(rows)], { maxCount: 30, window: 8 });
      const sst = table(p.get('xl/sharedStrings.xml'))!;
      // The ids of the first window only (6 of its 8 are new: more than half); then column A is
      // written inline, and the table keeps room for B's texts and for C's second school.
      expect(sst.items.filter((t) => t.startsWith('<t>530828'))).toHaveLength(6);
      expect(sst.items.filter((t) => t.startsWith('<t>学科'))).toHaveLength(20);
      expect(sst.items).toContain('<t>第二小学</t>');
      const sheet = p.get('xl/worksheets/sheet1.xml')!;
      expect(sheet.match(/<c r="A\d+" t="inlineStr">/g)).toHaveLength(72);
      expect(sheet.match(/<c r="B\d+" t="s">/g)).toHaveLength(80);
      expect(sheet.match(/<c r="C\d+" t="s">/g)).toHaveLength(80);
      expect(await values(file)).toEqual(rows.map((r) => r.map((c) => c.v)));
    });

    it("keeps text holding Excel's _xHHHH_ escape inline, where exceljs reads it as written", async () => {
      const rows = [[cell('_x0041_ literal')], [cell('_x0041_ literal')], [cell('_x_ plain')], [cell('_x_ plain')]];
      const { file, parts: p } = await write([sheetOf(rows)]);
      expect(table(p.get('xl/sharedStrings.xml'))!.items).toEqual(['<t>_x_ plain</t>']);
      expect(await values(file)).toEqual([['_x0041_ literal'], ['_x0041_ literal'], ['_x_ plain'], ['_x_ plain']]);
    });
  });
});
