/**
 * Reports as a second spreadsheet program reads them (run by hand; needs LibreOffice:
 * `apt-get install libreoffice-calc-nogui`): `npx tsx bench/libreoffice.ts report.xlsx …`.
 * Each workbook is opened and saved again as .xlsx by LibreOffice, headless, and the copy is
 * compared with the original through exceljs, sheet by sheet: every value, note and fill. It
 * prints what differs, and how long LibreOffice took (docs/performance.md: notes make it slow).
 * Numbers are compared as numbers: LibreOffice keeps 15 significant digits.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { cellText, normaliseExcelValue } from '../src/read/cell.js';

/** A cell's value as the tool reads it (src/read/cell.ts), so both copies are read alike. */
const text = (v: ExcelJS.CellValue): string => cellText(normaliseExcelValue(v));

const same = (a: string, b: string) => a === b || (a !== '' && b !== '' && Number(a) === Number(b)) || (a !== '' && Math.abs(Number(a) - Number(b)) <= Math.abs(Number(a)) * 1e-14);

async function read(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

async function compare(file: string, out: string): Promise<void> {
  const t = performance.now();
  execFileSync('soffice', ['--headless', '--convert-to', 'xlsx', '--outdir', out, file], { stdio: 'ignore' });
  const seconds = (performance.now() - t) / 1000;
  const [a, b] = await Promise.all([read(file), read(path.join(out, path.basename(file)))]);
  console.log(`${file}: LibreOffice ${seconds.toFixed(1)} s`);
  for (const sa of a.worksheets) {
    const sb = b.getWorksheet(sa.name);
    if (!sb) {
      console.log(`  ${sa.name}: missing in LibreOffice's copy`);
      continue;
    }
    let cells = 0;
    const notes = [0, 0];
    const fills = [0, 0];
    const differ: string[] = [];
    sa.eachRow((row, r) =>
      row.eachCell((c, col) => {
        cells++;
        const d = sb.getCell(r, col);
        if (!same(text(c.value), text(d.value)) && differ.length < 3) differ.push(`${c.address} ${JSON.stringify(text(c.value))} → ${JSON.stringify(text(d.value))}`);
        if (c.note) notes[0]!++;
        if (d.note) notes[1]!++;
        if ((c.fill as ExcelJS.FillPattern | undefined)?.fgColor) fills[0]!++;
        if ((d.fill as ExcelJS.FillPattern | undefined)?.fgColor) fills[1]!++;
      }),
    );
    const ok = differ.length === 0 && notes[0] === notes[1] && fills[0] === fills[1];
    console.log(`  ${ok ? 'same' : 'DIFFERS'} ${sa.name}: ${cells} cells, notes ${notes.join('/')}, fills ${fills.join('/')}${differ.length ? `; ${differ.join('; ')}` : ''}`);
  }
}

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: npx tsx bench/libreoffice.ts report.xlsx …');
  process.exit(2);
}
const out = mkdtempSync(path.join(tmpdir(), 'credit-audit-lo-'));
try {
  for (const f of files) await compare(path.resolve(f), out);
} finally {
  rmSync(out, { recursive: true, force: true });
}
