/**
 * Writes the crafted workbooks of issue 18 into a folder, for measuring the reader by hand
 * (`/usr/bin/time -v node bin/credit-audit.js check <file> --no-out`; README, limits):
 *   shared-200mb.xlsx   one shared string of 200 MB (refused past 8 MB)
 *   shared-7mb.xlsx     one shared string of 7.5 MB, under the bound (read whole)
 *   inline-200mb.xlsx   one inline string of 200 MB in a row (refused past 64 MB a row)
 *   row-100000000.xlsx  a row r="100000000" in a file of a few KB
 *   col-past-xfd.xlsx   a cell r="ZZZZZZZ8"
 *   stray-a1048576.xlsx one value at A1048576 below a form
 * Usage: tsx scripts/make-crafted.ts <folder>
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { craftedWorkbook, FORM_HEAD, FORM_HEAD_MERGES, formRows, formTeachers, sheetXml, type Row } from './crafted-xlsx.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: tsx scripts/make-crafted.ts <folder>');
mkdirSync(dir, { recursive: true });
const form = (rows: Row[]) => sheetXml([...FORM_HEAD, ...rows], { merges: FORM_HEAD_MERGES });
const book = (xml: string, shared?: string) => craftedWorkbook({ sheets: [{ name: '申报表', xml }], shared });
const teachers = () => formRows(formTeachers(2));
const sst = (text: string) => `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${text}</t></si></sst>`;

const withShared = teachers();
withShared[0]!.cells[4] = { raw: '<c r="E6" t="s"><v>0</v></c>' };
writeFileSync(path.join(dir, '2025年度shared-200mb.xlsx'), book(form(withShared), sst('a'.repeat(200 * 1024 * 1024))));
writeFileSync(path.join(dir, '2025年度shared-7mb.xlsx'), book(form(withShared), sst('学'.repeat(2_500_000))));
const inline = teachers();
inline[0]!.cells[4] = { raw: `<c r="E6" t="inlineStr"><is><t>${'a'.repeat(200 * 1024 * 1024)}</t></is></c>` };
writeFileSync(path.join(dir, '2025年度inline-200mb.xlsx'), book(form(inline)));
writeFileSync(path.join(dir, '2025年度row-100000000.xlsx'), book(form([...teachers(), { r: 100000000, cells: [1] }])));
writeFileSync(path.join(dir, '2025年度col-past-xfd.xlsx'), book(form([...teachers(), { r: 8, cells: [{ raw: '<c r="ZZZZZZZ8"><v>1</v></c>' }] }])));
writeFileSync(path.join(dir, '2025年度stray-a1048576.xlsx'), book(form([...teachers(), { r: 1048576, cells: [null, null, null, null, null, null, null, null, null, null, null, null, null, null, '核对'] }])));
