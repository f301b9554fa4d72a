import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { sha256, workspace } from './helpers.js';

/** What the tool writes: never an input, never a formula from an input, never an unmasked 身份证号. */
const ID = /\d{17}[\dXx]/;
/** An 18-character or an old 15-digit 身份证号. */
const ANY_ID = /(?<!\d)(?:\d{17}[\dXx]|\d{15})(?!\d)/;

async function cellsOf(file: string): Promise<Array<{ sheet: string; address: string; cell: ExcelJS.Cell }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Array<{ sheet: string; address: string; cell: ExcelJS.Cell }> = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => out.push({ sheet: ws.name, address: cell.address, cell })));
  return out;
}

const textOf = (c: ExcelJS.Cell) => {
  const note = c.note ? (typeof c.note === 'string' ? c.note : c.note.texts?.map((t) => t.text).join('')) : '';
  return `${typeof c.value === 'object' && c.value !== null ? JSON.stringify(c.value) : String(c.value)}\n${note}`;
};

describe('text from an input is written as text, never as a formula', () => {
  it('a teacher named =HYPERLINK(...) stays inert in the report', async () => {
    const dir = workspace('bad');
    const r = await runCli(['check', 'bad/2025年度公式注入.xlsx', '--out', 'report.xlsx'], dir);
    expect(r.code).toBe(0);
    const cells = await cellsOf(path.join(dir, 'report.xlsx'));
    const injected = cells.filter(({ cell }) => typeof cell.value === 'string' && /^[=+@]/.test(cell.value));
    expect(injected.map(({ cell }) => cell.value).sort()).toEqual(['+cmd|\' /C calc\'!A0', '=HYPERLINK("http://example.com/x","点击查看")', '@SUM(1+1)']);
    for (const { cell } of injected) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    }
    // The only formulas a report may hold are none at all; its links are the tool's own, inside the workbook.
    expect(cells.filter(({ cell }) => cell.type === ExcelJS.ValueType.Formula)).toEqual([]);
    for (const { cell } of cells.filter(({ cell }) => cell.type === ExcelJS.ValueType.Hyperlink)) {
      expect((cell.value as ExcelJS.CellHyperlinkValue).hyperlink).toMatch(/^'[^']+'!A\d+$/);
    }
  });
});

describe('--mask-ids masks every 身份证号 in every output', () => {
  it('console, JSON (teachers, findings, finding data), JUnit, GitHub annotations and the Excel report', async () => {
    const dir = workspace('identity', 'puer');
    const json = await runCli(['check', 'identity', 'puer', '--format', 'json', '--mask-ids', '--out', 'masked.xlsx'], dir);
    const table = await runCli(['check', 'identity', 'puer', '--mask-ids', '--no-out'], dir);
    const plain = await runCli(['check', 'identity', '--format', 'json', '--show-ids', '--no-out'], dir);
    const ci = [];
    for (const format of ['junit', 'github']) ci.push(await runCli(['check', 'identity', '--format', format, '--mask-ids', '--no-out'], dir));
    // Without the option the ids are there (so the test below can fail) …
    expect(plain.stdout).toMatch(ID);
    const result = JSON.parse(json.stdout);
    expect(result.findings.some((f: any) => f.data.id)).toBe(true);
    // … with it, none in any output, including ids quoted in messages and in finding data.
    expect(json.stdout).not.toMatch(ID);
    expect(table.stdout).not.toMatch(ID);
    for (const r of ci) {
      expect(r.stdout.length).toBeGreaterThan(100);
      expect(r.stdout).not.toMatch(ID);
    }
    for (const f of result.findings.filter((x: any) => x.data.id)) expect(f.data.id).toMatch(/^.{6}\*+.{4}$|^\*+$/);
    for (const { sheet, address, cell } of await cellsOf(path.join(dir, 'masked.xlsx'))) {
      // 汇总 lists each input's SHA-256, whose hex may hold a run of digits.
      if (/^[0-9a-f]{64}$/.test(String(cell.value))) continue;
      expect(textOf(cell), `${sheet}!${address}`).not.toMatch(ANY_ID);
    }
    // The 15-digit and number-typed ids are masked as well.
    expect(plain.stdout).toMatch(ANY_ID);
    expect(json.stdout.replace(/"sha256": "[0-9a-f]{64}"/g, '')).not.toMatch(ANY_ID);
  });
});

describe('inputs are never modified', () => {
  it('every fixture keeps its SHA-256 through a full run that writes a report', async () => {
    const dir = workspace('puer', 'bad', 'identity');
    const files = ['puer', 'bad', 'identity'].flatMap((d) => readdirSync(path.join(dir, d)).map((f) => path.join(dir, d, f)));
    const before = files.map((f) => sha256(f));
    const r = await runCli(['check', 'puer', 'bad', 'identity', '--out', 'report.xlsx', '--format', 'json'], dir);
    expect(r.code).toBe(2);
    expect(files.map((f) => sha256(f))).toEqual(before);
    // And the report went beside them, whole: no temporary file left behind.
    expect(readdirSync(dir).sort()).toEqual(['bad', 'identity', 'puer', 'report.xlsx']);
    expect(readFileSync(path.join(dir, 'report.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });
});
