import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { isDateFormat } from '../../src/read/number-format.js';
import { openInput, type XlsxReader } from '../../src/read/open.js';
import type { RawRow } from '../../src/read/types.js';
import { fillForm } from '../../scripts/form-sheet.js';
import { person, rng } from '../../scripts/fixture-kit.js';
import { zip, type ZipEntry } from '../../scripts/zip-kit.js';
import { puerRules } from '../helpers/teacher.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * Number cells read the way Excel reads them (issue 18): a number format is a date only by its
 * unquoted, unescaped date and time tokens (`0\h` shows 24 as "24h", not 1900-01-24), and a `<v>`
 * that is not a decimal (`0x18`) is not silently 0.
 */
describe('isDateFormat: the date and time tokens Excel sees', () => {
  it.each(['yyyy-mm-dd', 'm/d/yy', 'yyyy"年"m"月"d"日"', 'h:mm', '[h]:mm:ss', 'mm:ss', 'h:mm AM/PM', '[$-804]yyyy"年"m"月"', 'DD/MM/YYYY', 'd-mmm', '[Red]yyyy-mm-dd'])(
    '%s is a date or time',
    (fmt) => expect(isDateFormat(fmt)).toBe(true),
  );
  it.each(['0\\h', '0.0\\h', '0"学时"', '0.0_ "学时"', '0"h"', '0_h', '0*h', '0.00E+00', 'General', '#,##0.0', '[Red]0', '[>=100]0;0', '@', '0\\d\\a\\y', '"yyyy"0'])(
    '%s is not a date',
    (fmt) => expect(isDateFormat(fmt)).toBe(false),
  );
});

/** A copy of an xlsx with one part's text changed: the bytes a script (or a hand) might leave. */
async function rewrite(bytes: Buffer, part: string, change: (xml: string) => string): Promise<Buffer> {
  const z = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const entries: ZipEntry[] = [];
  for await (const e of z.eachEntry()) {
    const parts: Buffer[] = [];
    for await (const b of await z.openReadStreamPromise(e)) parts.push(b as Buffer);
    const data = Buffer.concat(parts);
    entries.push({ name: e.fileName, data: e.fileName === part ? Buffer.from(change(data.toString('utf8'))) : data });
  }
  return zip(entries);
}

describe('a form whose amounts are formatted 0\\h, one of them written as 0x18', () => {
  const dir = scratchDir('credit-audit-numfmt-');
  const file = path.join(dir, '2025年度数字格式.xlsx');
  const r = rng(1818);

  async function write(): Promise<void> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('申报表');
    fillForm(ws, {
      year: 2025,
      school: '思茅区第一中学',
      lines: [
        { p: person(r), v: [24, 24, 24, 24, 24, 24] },
        { p: person(r), v: [24, 24, 24, 24, 24, 24] },
      ],
    });
    for (const row of [5, 6]) for (let c = 7; c <= 14; c++) ws.getCell(row, c).numFmt = '0\\h';
    const written = Buffer.from(await wb.xlsx.writeBuffer());
    // G6's 24 written as 0x18, which no spreadsheet program writes and parseFloat reads as 0.
    writeFileSync(file, await rewrite(written, 'xl/worksheets/sheet1.xml', (xml) => xml.replace(/(<c r="G6"[^>]*>)<v>24<\/v>/, '$1<v>0x18</v>')));
  }

  async function rows(reader: XlsxReader): Promise<RawRow[]> {
    const { source } = await openInput(file, { reader });
    const out: RawRow[] = [];
    try {
      for await (const row of source.sheets[0]!.rows()) out.push(row);
    } finally {
      source.close?.();
    }
    return out;
  }

  it('reads 0\\h as numbers in both readers; 0x18 as its text in the streaming one', async () => {
    await write();
    const stream = await rows('stream');
    const at = (rs: RawRow[], row: number) => rs.find((x) => x.row === row)!.cells.slice(6, 14);
    expect(at(stream, 5)).toEqual([24, 24, 24, 24, 24, 24, 72, 72]);
    expect(at(stream, 6)).toEqual(['0x18', 24, 24, 24, 24, 24, 72, 72]);
    const reference = await rows('exceljs');
    expect(at(reference, 5)).toEqual([24, 24, 24, 24, 24, 24, 72, 72]);
    // The one known difference: exceljs's parseFloat reads 0x18 as 0 (the reference only; not the default reader).
    expect(at(reference, 6)[0]).toBe(0);
  });

  it('audits 0x18 as value-not-number naming G6, and 24 formatted 0\\h as 24', async () => {
    await write();
    const result = await audit({ files: [file], rules: puerRules(), yearOption: 2025, now: new Date('2025-03-01T00:00:00Z') });
    expect(result.findings.filter((f) => f.check === 'value-not-number').map((f) => ({ cell: f.ref?.cell, text: f.data.text }))).toEqual([{ cell: 'G6', text: '0x18' }]);
    expect(result.teachers.find((t) => t.teacher.ref.row === 5)?.status).toBe('complete');
  });
});
