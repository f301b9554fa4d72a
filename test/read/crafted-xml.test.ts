import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { craftedWorkbook, FORM_HEAD, FORM_HEAD_MERGES, formRows, formTeachers, sheetXml, STRICT_NS, type Row } from '../../scripts/crafted-xlsx.js';
import { run } from '../../src/cli/main.js';
import { loadInput } from '../../src/load/load.js';
import { openInput } from '../../src/read/open.js';
import { MergeScan, PrefixStripper, SheetScanner } from '../../src/read/sheet-xml.js';
import type { RawRow } from '../../src/read/types.js';
import type { XlsxReader } from '../../src/read/open.js';
import { memoryIo } from '../helpers/cli.js';
import { scratchDir } from '../helpers/scratch.js';

// Issue 18: what a crafted or unusual sheet's XML does to the reading, through both readers and
// the CLI. The workbooks are written from SpreadsheetML here (scripts/crafted-xlsx.ts).

const dir = scratchDir('credit-audit-crafted-');
let n = 0;

function write(name: string, bytes: Buffer): string {
  const file = path.join(dir, `${++n}`, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return file;
}


async function check(files: string[], ...args: string[]) {
  const io = memoryIo(path.dirname(files[0]!));
  const code = await run(['check', ...files, '--format', 'json', '--no-out', ...args], io);
  return { code, json: JSON.parse(io.out), err: io.err };
}

const form = (rows: Row[], merges: string[] = [], prefix?: string) => sheetXml([...FORM_HEAD, ...rows], { merges: [...FORM_HEAD_MERGES, ...merges], prefix });
const book = (xml: string, extra: Partial<Parameters<typeof craftedWorkbook>[0]> = {}) => craftedWorkbook({ sheets: [{ name: '申报表', xml }], ...extra });
const READERS: XlsxReader[] = ['stream', 'exceljs'];

describe('merged cells in the data area mean what the sheet shows', () => {
  for (const reader of READERS) {
    it(`a 备注 新任教师 merged over three teachers exempts all three, silently (${reader})`, async () => {
      const teachers = formTeachers(4);
      teachers[0]!.remarks = '新任教师';
      teachers.forEach((t) => (t.v = [0, 0, 0, 0, 0, 0]));
      const file = write('2025年度思茅区第一中学.xlsx', book(form(formRows(teachers), ['O6:O8'])));
      const { teachers: read } = await loadInput(file, { yearOption: null, reader });
      expect(read.map((t) => t.remarks)).toEqual(['新任教师', '新任教师', '新任教师', '']);
      expect(read.every((t) => !t.merged)).toBe(true);
    });

    it(`集中培训学时 48 merged over three teachers reads 48 for each, with the range (${reader})`, async () => {
      const teachers = formTeachers(4);
      teachers.forEach((t, i) => (t.v[0] = i === 0 ? 48 : i < 3 ? null : 30));
      const file = write('2025年度思茅区第一中学.xlsx', book(form(formRows(teachers), ['G6:G8'])));
      const { teachers: read } = await loadInput(file, { yearOption: null, reader });
      expect(read.map((t) => t.raw.concentrated.hours)).toEqual([48, 48, 48, 30]);
      expect(read.map((t) => t.merged?.map((m) => [m.field, m.range, m.ref.cell]))).toEqual([
        [['concentrated.hours', 'G6:G8', 'G6']],
        [['concentrated.hours', 'G6:G8', 'G7']],
        [['concentrated.hours', 'G6:G8', 'G8']],
        undefined,
      ]);
      // The header's merged group names still give their 学时/学分 columns.
      expect(read[3]!.raw.online).toEqual({ hours: 30, credits: 33 });
    });

    it(`a merge in the header only leaves the data as it is (${reader})`, async () => {
      const teachers = formTeachers(2);
      const file = write('2025年度思茅区第一中学.xlsx', book(form(formRows(teachers))));
      const { teachers: read } = await loadInput(file, { yearOption: null, reader });
      expect(read.map((t) => [t.name, t.raw.concentrated.hours, t.merged])).toEqual(teachers.map((t) => [t.name, 30, undefined]));
    });
  }

  it(`a 合计 row and a footer merged across the row stay a total and a footer; a range over two columns fills its first (${'both readers'})`, async () => {
    const teachers = formTeachers(3);
    teachers[0]!.remarks = '新任教师';
    const rows = [
      ...formRows(teachers),
      { r: 9, cells: ['合计', null, null, null, null, null, 90, 99, 90, 99, 72, 79.2] },
      { r: 10, cells: ['审核单位(盖章):'] },
    ];
    const file = write('2025年度思茅区第一中学.xlsx', book(form(rows, ['A9:F9', 'A10:O10', 'O6:P7'])));
    for (const reader of READERS) {
      const { summary, teachers: read } = await loadInput(file, { yearOption: null, reader });
      expect(read.map((t) => t.name), reader).toEqual(teachers.map((t) => t.name));
      expect(read.map((t) => t.remarks), reader).toEqual(['新任教师', '新任教师', '']);
      expect(summary.sheets[0]!.skipped, reader).toMatchObject({ total: [9], footer: [10], 'not-understood': [] });
    }
  });

  it('the CLI reports each merged number as a warning naming the range, zh and en', async () => {
    const teachers = formTeachers(3);
    teachers.forEach((t, i) => (t.v[0] = i === 0 ? 48 : null));
    const file = write('2025年度思茅区第一中学.xlsx', book(form(formRows(teachers), ['G6:G8'])));
    for (const [lang, text] of [
      ['zh', '合并单元格的值已用于每一行，请核实'],
      ['en', 'a merged value is used for every row it covers'],
    ] as const) {
      const { json } = await check([file], '--lang', lang);
      const merged = json.findings.filter((f: { check: string }) => f.check === 'merged-number');
      expect(merged.map((f: { severity: string; cell: string; message: string }) => [f.severity, f.cell])).toEqual([
        ['warning', 'G6'],
        ['warning', 'G7'],
        ['warning', 'G8'],
      ]);
      for (const f of merged) expect(f.message).toContain('G6:G8');
      for (const f of merged) expect(f.message).toContain(text);
    }
  });

  it('a batch read on worker threads reports them the same', async () => {
    const teachers = formTeachers(3);
    teachers.forEach((t, i) => (t.v[0] = i === 0 ? 48 : null));
    const a = write('2025年度思茅区第一中学.xlsx', book(form(formRows(teachers), ['G6:G8'])));
    const b = write('2025年度思茅区第二中学.xlsx', book(form(formRows(formTeachers(2, 7)))));
    for (const jobs of ['1', '2']) {
      const { json } = await check([a, b], '--jobs', jobs);
      const merged = json.findings.filter((f: { check: string }) => f.check === 'merged-number');
      expect(merged.map((f: { cell: string }) => f.cell), `--jobs ${jobs}`).toEqual(['G6', 'G7', 'G8']);
      expect(json.teachers.map((t: { status: string }) => t.status)).toEqual(Array(5).fill('complete'));
    }
  });

  it('a platform export with 姓名/身份证号码/单位名称 merged over each teacher\'s records understands every record', async () => {
    const r = formTeachers(2);
    const header: Row = { r: 1, cells: ['序号', '姓名', '身份证号码', '单位名称', '培训年度', '项目名称', '培训类别', '学时', '学分', '审核状态'] };
    const rows: Row[] = [header];
    const merges: string[] = [];
    let row = 2;
    for (const t of r) {
      for (let k = 0; k < 3; k++) {
        rows.push({ r: row + k, cells: [row + k - 1, k ? null : t.name, k ? null : t.id, k ? null : '杭州学军中学', 2024, `项目${k}`, '网络研修', 10, 10, '已认定'] });
      }
      merges.push(`B${row}:B${row + 2}`, `C${row}:C${row + 2}`, `D${row}:D${row + 2}`);
      row += 3;
    }
    const file = write('学分明细.xlsx', book(sheetXml(rows, { merges })));
    for (const reader of READERS) {
      const { summary, teachers } = await loadInput(file, { yearOption: null, reader });
      expect(summary.sheets[0]!.skipped['not-understood']).toEqual([]);
      expect(teachers.map((t) => [t.name, t.school, t.raw.online.credits, t.records!.length])).toEqual(r.map((t) => [t.name, '杭州学军中学', 30, 3]));
    }
  });

  it('a merged 学分 over an export\'s records counts for each and is reported with its range', async () => {
    const [t] = formTeachers(1);
    const rows: Row[] = [
      { r: 1, cells: ['姓名', '身份证号码', '单位名称', '培训年度', '培训类别', '学分'] },
      { r: 2, cells: [t!.name, t!.id, '杭州学军中学', 2024, '网络研修', 12] },
      { r: 3, cells: [t!.name, t!.id, '杭州学军中学', 2024, '网络研修', null] },
    ];
    const file = write('学分明细.xlsx', book(sheetXml(rows, { merges: ['F2:F3'] })));
    const { teachers } = await loadInput(file, { yearOption: null });
    expect(teachers[0]!.raw.online.credits).toBe(24);
    expect(teachers[0]!.merged?.map((m) => [m.field, m.range])).toEqual([
      ['online.credits', 'F2:F3'],
      ['online.credits', 'F2:F3'],
    ]);
  });
});

describe('merged ranges and row order learnt only at the sheet\'s end (more rows than the header search reads)', () => {
  // 60 teachers: the reader has not reached </sheetData> when the shape starts, so the sheet is
  // read a second time with what its end told.
  it('a merged number and a merged 备注 far down the sheet are applied, through both readers', async () => {
    const teachers = formTeachers(60);
    teachers[50]!.v[0] = 48;
    teachers[51]!.v[0] = null;
    teachers[55]!.remarks = '新任教师';
    const file = write('2025年度思茅区第一中学.xlsx', book(form(formRows(teachers), ['G56:G57', 'O61:O62'])));
    for (const reader of READERS) {
      const { summary, teachers: read } = await loadInput(file, { yearOption: null, reader });
      expect(read).toHaveLength(60);
      expect(read.map((t) => t.raw.concentrated.hours).slice(49, 53)).toEqual([30, 48, 48, 30]);
      expect(read.map((t) => t.remarks).slice(54, 58)).toEqual(['', '新任教师', '新任教师', '']);
      expect(read.flatMap((t) => t.merged ?? []).map((m) => m.ref.cell)).toEqual(['G56', 'G57']);
      expect(summary.sheets[0]!.rowsRead).toBe(60);
    }
  });

  it('rows out of order far down the sheet are read sorted', async () => {
    const rows = formRows(formTeachers(60));
    const moved = [...rows.slice(0, 40), rows[59]!, ...rows.slice(40, 59)];
    const sorted = write('2025年度思茅区第一中学.xlsx', book(form(rows)));
    const file = write('2025年度思茅区第一中学.xlsx', book(sheetXml([...FORM_HEAD, ...moved], { merges: FORM_HEAD_MERGES })));
    const a = await loadInput(sorted, { yearOption: null });
    const b = await loadInput(file, { yearOption: null });
    expect(b.summary.sheets).toEqual(a.summary.sheets);
    expect(b.summary.sheets[0]!.skipped.blank).toEqual([]);
    expect(b.teachers.map((t) => t.ref.row)).toEqual(a.teachers.map((t) => t.ref.row));
  });
});

describe('SpreadsheetML with namespace prefixes, and Strict OOXML, read like the plain kind', () => {
  const teachers = formTeachers(3);
  const plainTeachers = async (file: string) => (await loadInput(file, { yearOption: null })).teachers.map((t) => [t.name, t.id, t.raw]);

  it('a prefix on every element (worksheet, sheetData, row, c, v, is, t, sst, si, workbook, sheets, sheet, Relationships)', async () => {
    const plain = write('2025年度思茅区第一中学.xlsx', book(form(formRows(teachers))));
    const rows = formRows(teachers);
    // 姓名 from the shared strings, prefixed too.
    rows.forEach((row, i) => (row.cells[1] = { raw: `<x:c r="B${row.r}" t="s"><x:v>${i}</x:v></x:c>` }));
    const shared = `<?xml version="1.0"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3">${teachers.map((t) => `<x:si><x:t>${t.name}</x:t></x:si>`).join('')}</x:sst>`;
    const prefixed = write('2025年度思茅区第一中学.xlsx', book(form(rows, [], 'x'), { prefix: 'x', shared }));
    expect(await plainTeachers(prefixed)).toEqual(await plainTeachers(plain));
    expect((await plainTeachers(prefixed)).map((t) => t[0])).toEqual(teachers.map((t) => t.name));
  });

  it('merged cells of a prefixed sheet are applied too', async () => {
    const ts = formTeachers(2);
    ts[0]!.remarks = '新任教师';
    const file = write('2025年度思茅区第一中学.xlsx', book(form(formRows(ts), ['O6:O7'], 'x'), { prefix: 'x' }));
    const { teachers: read } = await loadInput(file, { yearOption: null });
    expect(read.map((t) => t.remarks)).toEqual(['新任教师', '新任教师']);
  });

  it('Strict OOXML (purl.oclc.org namespaces), plain and prefixed', async () => {
    const plain = write('2025年度思茅区第一中学.xlsx', book(form(formRows(teachers))));
    const strict = write('2025年度思茅区第一中学.xlsx', book(sheetXml([...FORM_HEAD, ...formRows(teachers)], { namespace: STRICT_NS }), { strict: true }));
    const strictPrefixed = write('2025年度思茅区第一中学.xlsx', book(sheetXml([...FORM_HEAD, ...formRows(teachers)], { namespace: STRICT_NS, prefix: 's' }), { strict: true, prefix: 's' }));
    expect(await plainTeachers(strict)).toEqual(await plainTeachers(plain));
    expect(await plainTeachers(strictPrefixed)).toEqual(await plainTeachers(plain));
  });
});

describe('crafted coordinates are bounded', () => {
  const good = () => write('2025年度思茅区第一中学.xlsx', book(form(formRows(formTeachers(2)))));
  const withRow = (row: Row) => book(form([...formRows(formTeachers(2)), row]));

  const cases: Array<[string, Row, string, string]> = [
    ['a cell past XFD (ZZZZZZZ8)', { r: 8, cells: [{ raw: '<c r="ZZZZZZZ8"><v>1</v></c>' }] }, 'ZZZZZZZ8', 'input.cellOutsideGrid'],
    ['a cell one column past XFD (XFE8)', { r: 8, cells: [{ raw: '<c r="XFE8"><v>1</v></c>' }] }, 'XFE8', 'input.cellOutsideGrid'],
    ['the 16 385th cell of a row without references', { r: 8, cells: [{ raw: '<c><v>1</v></c>'.repeat(16385) }] }, 'XFE8', 'input.cellOutsideGrid'],
    ['row 99999999999', { r: '99999999999', cells: [1] }, '99999999999', 'input.rowOutsideGrid'],
    ['row 1048577', { r: 1048577, cells: [1] }, '1048577', 'input.rowOutsideGrid'],
    ['row 0', { r: 0, cells: ['教师零', 1] }, '行号 0', 'input.rowOutsideGrid'],
  ];
  for (const [what, row, cell, messageId] of cases) {
    it(`${what}: exit 2 at once, naming the file and the cell; the batch's other file is audited (--jobs 1 and the default)`, async () => {
      const bad = write('2025年度坏文件.xlsx', withRow(row));
      const other = good();
      for (const jobs of [['--jobs', '1'], []]) {
        // How fast it is refused is measured by hand (README, limits: ~0.1 s), not here (speed belongs to bench/).
        const { code, json } = await check([bad, other], ...jobs);
        expect(code).toBe(2);
        const [badInput, otherInput] = json.inputs;
        expect(badInput.error.messageId).toBe(messageId);
        expect(badInput.error.message).toContain('2025年度坏文件.xlsx');
        expect(badInput.error.message).toContain(cell);
        expect(otherInput.error).toBeNull();
        expect(otherInput.teachers).toBe(2);
      }
    });
  }

  it('row 1048576 and column XFD, the grid\'s last, are read', async () => {
    const file = write('2025年度思茅区第一中学.xlsx', withRow({ r: 1048576, cells: [{ raw: '<c r="XFD1048576"><v>1</v></c>' }] }));
    const { code, json } = await check([file]);
    expect(json.inputs[0].error).toBeNull();
    expect(code).not.toBe(2);
  });

  it('one stray value at A1048576 makes one run of blank rows, not a million row numbers', async () => {
    const file = write('2025年度思茅区第一中学.xlsx', withRow({ r: 1048576, cells: [null, null, null, null, null, null, null, null, null, null, null, null, null, null, '核对'] }));
    const io = memoryIo(dir);
    await run(['check', file, '--format', 'json', '--no-out'], io);
    expect(io.out.length).toBeLessThan(200_000);
    const input = JSON.parse(io.out).inputs[0];
    expect(input.skipped.blank).toEqual(['8-1048575']);
    expect(input.skipped.notUnderstood).toEqual([1048576]);
    expect(input.rowsRead).toBe(1048576 - 5);
  });

  it('rows out of order are read sorted: no phantom blank rows, each teacher once', async () => {
    const rows = formRows(formTeachers(4));
    const shuffled = [rows[2]!, rows[0]!, rows[3]!, rows[1]!];
    const sorted = write('2025年度思茅区第一中学.xlsx', book(form(rows)));
    const file = write('2025年度思茅区第一中学.xlsx', book(sheetXml([FORM_HEAD[0]!, FORM_HEAD[1]!, ...shuffled, FORM_HEAD[2]!, FORM_HEAD[3]!], { merges: FORM_HEAD_MERGES })));
    const a = await loadInput(sorted, { yearOption: null });
    const b = await loadInput(file, { yearOption: null });
    expect(b.summary.sheets[0]!.skipped).toEqual(a.summary.sheets[0]!.skipped);
    expect(b.summary.sheets[0]!.rowsRead).toBe(4);
    expect(b.teachers.map((t) => [t.name, t.ref.row])).toEqual(a.teachers.map((t) => [t.name, t.ref.row]));
  });
});

describe('strings', () => {
  it('CDATA inside <t> is text as it stands, a comment is no text', async () => {
    const ts = formTeachers(2);
    const rows = formRows(ts);
    rows[0]!.cells[1] = { raw: '<c r="B6" t="inlineStr"><is><t>欧阳<![CDATA[&<文>]]>娟</t></is></c>' };
    rows[1]!.cells[1] = { raw: '<c r="B7" t="s"><v>0</v></c>' };
    const shared = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>司马<!-- 注释 -->相&amp;如</t></si></sst>`;
    const file = write('2025年度思茅区第一中学.xlsx', book(form(rows), { shared }));
    for (const reader of ['stream'] as const) {
      const { teachers } = await loadInput(file, { yearOption: null, reader });
      expect(teachers.map((t) => t.name)).toEqual(['欧阳&<文>娟', '司马相&如']);
    }
  });

  it('a shared string past 8 MB refuses the file, naming it and the part; one below is read whole', async () => {
    const ts = formTeachers(1);
    const rows = formRows(ts);
    rows[0]!.cells[4] = { raw: '<c r="E6" t="s"><v>0</v></c>' };
    const big = (chars: number) => `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${'学'.repeat(chars)}</t></si></sst>`;
    const over = write('2025年度超长.xlsx', book(form(rows), { shared: big(3_000_000) })); // 9 MB of UTF-8
    const { code, json } = await check([over]);
    expect(code).toBe(2);
    expect(json.inputs[0].error.messageId).toBe('input.xmlTooLarge');
    expect(json.inputs[0].error.message).toContain('2025年度超长.xlsx');
    expect(json.inputs[0].error.message).toContain('xl/sharedStrings.xml');
    const under = write('2025年度思茅区第一中学.xlsx', book(form(rows), { shared: big(2_500_000) })); // 7.5 MB
    const { teachers } = await loadInput(under, { yearOption: null });
    expect(teachers[0]!.subject).toHaveLength(2_500_000);
  });

  it('a long string streamed in many chunks is read whole, and the rows after it too', async () => {
    const long = '长'.repeat(1_200_000); // 3.6 MB of UTF-8: several of the inflater's 1 MB chunks
    const rows = formRows(formTeachers(3));
    rows[0]!.cells[4] = { raw: '<c r="E6" t="s"><v>0</v></c>' };
    rows[1]!.cells[4] = { raw: `<c r="E7" t="inlineStr"><is><t>${long}</t></is></c>` };
    const shared = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${long}甲</t></si><si><t>乙</t></si></sst>`;
    rows[2]!.cells[4] = { raw: '<c r="E8" t="s"><v>1</v></c>' };
    const file = write('2025年度思茅区第一中学.xlsx', book(form(rows), { shared }));
    const { source } = await openInput(file, { readWholeBytes: 0, inflateAtOnceBytes: -1 });
    const got: RawRow[] = [];
    for await (const r of source.sheets[0]!.rows()) got.push(r);
    source.close?.();
    expect(got.filter((r) => r.row >= 6).map((r) => r.cells[4])).toEqual([`${long}甲`, long, '乙']);
  });

  it('the row scanner gives the same rows when a long row comes in many small chunks', () => {
    const xml = Buffer.from(
      `<sheetData><row r="1"><c t="inlineStr"><is><t>${'x'.repeat(2_500_000)}</t></is></c></row><row r="2"><c><v>7</v></c></row></sheetData>`,
    );
    const scan = (size: number) => {
      const s = new SheetScanner({ sharedStrings: [], dateStyles: [], date1904: false });
      const out: RawRow[] = [];
      for (let i = 0; i < xml.length; i += size) s.push(xml.subarray(i, i + size), out);
      s.end(out);
      return out.map((r) => [r.row, String(r.cells[0]).length]);
    };
    const whole = scan(xml.length);
    expect(whole).toEqual([
      [1, 2_500_000],
      [2, 1],
    ]);
    for (const size of [7, 65_536, 100_003, 1 << 20]) expect(scan(size), `chunks of ${size}`).toEqual(whole);
  });

  it('an inline string past the row bound, or past the string bound, refuses the file', async () => {
    const rows = formRows(formTeachers(1));
    rows[0]!.cells[4] = { raw: `<c r="E6" t="inlineStr"><is><t>${'a'.repeat(65 * 1024 * 1024)}</t></is></c>` };
    const file = write('2025年度超长.xlsx', book(form(rows)));
    const { code, json } = await check([file]);
    expect(code).toBe(2);
    expect(json.inputs[0].error.messageId).toBe('input.rowTooLarge');
    expect(json.inputs[0].error.message).toContain('第 6 行');
    const rows9 = formRows(formTeachers(1));
    rows9[0]!.cells[4] = { raw: `<c r="E6" t="inlineStr"><is><t>${'a'.repeat(9 * 1024 * 1024)}</t></is></c>` };
    const nine = await check([write('2025年度超长.xlsx', book(form(rows9)))]);
    expect(nine.json.inputs[0].error.messageId).toBe('input.xmlTooLarge');
    expect(nine.json.inputs[0].error.message).toContain('E6');
  });
});

describe('parts the workbook names and the zip lacks are named', () => {
  it('a sheet the rels point at', async () => {
    const file = write('2025年度思茅区第一中学.xlsx', book(form(formRows(formTeachers(1))), { omit: ['xl/worksheets/sheet1.xml'] }));
    const { code, json } = await check([file]);
    expect(code).toBe(2);
    expect(json.inputs[0].error.messageId).toBe('input.missingPart');
    expect(json.inputs[0].error.message).toContain('xl/worksheets/sheet1.xml');
  });

  it('sharedStrings the rels point at', async () => {
    const file = write('2025年度思茅区第一中学.xlsx', book(form(formRows(formTeachers(1))), { shared: '<sst/>', omit: ['xl/sharedStrings.xml'] }));
    const { json } = await check([file]);
    expect(json.inputs[0].error.messageId).toBe('input.missingPart');
    expect(json.inputs[0].error.message).toContain('xl/sharedStrings.xml');
  });

  it('no sharedStrings at all while a cell uses t="s"; an index the table lacks is a corrupt file', async () => {
    const rows = formRows(formTeachers(1));
    rows[0]!.cells[1] = { raw: '<c r="B6" t="s"><v>0</v></c>' };
    const none = write('2025年度思茅区第一中学.xlsx', book(form(rows)));
    const a = await check([none]);
    expect(a.code).toBe(2);
    expect(a.json.inputs[0].error.messageId).toBe('input.missingPart');
    expect(a.json.inputs[0].error.message).toContain('xl/sharedStrings.xml');
    rows[0]!.cells[1] = { raw: '<c r="B6" t="s"><v>1</v></c>' };
    const short = write('2025年度思茅区第一中学.xlsx', book(form(rows), { shared: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>甲</t></si></sst>` }));
    const b = await check([short]);
    expect(b.json.inputs[0].error.messageId).toBe('input.badSharedString');
    expect(b.json.inputs[0].error.message).toContain('B6');
  });
});

describe('the scanners of merged ranges and of prefixes, however the XML is cut', () => {
  const merges = Buffer.from('<sheetData><row r="5"><c r="G5"><v>48</v></c></row></sheetData><mergeCells count="2"><mergeCell ref="G5:G7"/><mergeCell ref="$A$9:B9"/></mergeCells><pageMargins/>');
  it('finds every merged range at any cut into two chunks', () => {
    const ranges = (chunks: Buffer[]) => {
      const m = new MergeScan();
      for (const c of chunks) m.push(c);
      m.end();
      return m.merges;
    };
    const whole = ranges([merges]);
    expect(whole).toEqual([
      { top: 5, left: 6, bottom: 7, right: 6 },
      { top: 9, left: 0, bottom: 9, right: 1 },
    ]);
    for (let cut = 1; cut < merges.length; cut++) expect(ranges([merges.subarray(0, cut), merges.subarray(cut)]), `cut at ${cut}`).toEqual(whole);
  });

  it('a merged range outside the grid is a corrupt file', () => {
    const m = new MergeScan();
    expect(() => m.push(Buffer.from('<mergeCells><mergeCell ref="A1:XFE2"/></mergeCells>'))).toThrow(/cell-outside-grid/);
  });

  it('drops the prefix of every element at any cut into two chunks, and only a prefix bound to SpreadsheetML', () => {
    const xml = Buffer.from(
      `<x:worksheet xmlns:x="${'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}" xmlns:o="urn:other"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c></x:row></x:sheetData><o:x/></x:worksheet>`,
    );
    const strip = (chunks: Buffer[]) => {
      const p = PrefixStripper.for(chunks[0]!)!;
      const out = chunks.map((c) => p.push(c));
      const rest = p.end();
      return Buffer.concat(rest ? [...out, rest] : out).toString('utf8');
    };
    const whole = strip([xml]);
    expect(whole).toContain('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>甲</t></is></c></row></sheetData><o:x/></worksheet>');
    // The first chunk must hold the root's declarations (a part's first inflated chunk always does).
    const first = xml.indexOf('><') + 1;
    for (let cut = first; cut < xml.length; cut++) expect(strip([xml.subarray(0, cut), xml.subarray(cut)]), `cut at ${cut}`).toBe(whole);
    expect(PrefixStripper.for(Buffer.from('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="urn:r">'))).toBeNull();
  });
});
