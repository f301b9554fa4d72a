import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/audit.js';
import { reportSheets } from '../../src/report/report-content.js';
import { cell, FILL, type ReportSheet } from '../../src/report/sheets.js';
import { buildWorkbook } from '../../src/report/xlsx-reference.js';
import { writeLeanWorkbook } from '../../src/report/xlsx-lean.js';
import { internalLinks } from '../e2e/helpers.js';
import { puerRules } from '../helpers/teacher.js';

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
        cells.push({ at: `${r}:${col}`, v: text, fill, note, link, numFmt: c.numFmt || undefined, bold: c.font?.bold || undefined });
      }),
    );
    const cf = (ws as unknown as { conditionalFormattings?: Array<{ ref: string; rules: Array<{ type: string }> }> }).conditionalFormattings?.[0];
    return {
      name: ws.name,
      view: ws.views?.[0]?.state === "frozen" ? { state: "frozen", ySplit: (ws.views[0] as ExcelJS.WorksheetViewFrozen).ySplit } : undefined,
      filter: ws.autoFilter ? String(typeof ws.autoFilter === 'string' ? ws.autoFilter : 'set') : undefined,
      // exceljs leaves out a width of 9, its default.
      widths: ws.columns?.map((c) => c.width ?? 9),
      dataBar: cf ? { ref: cf.ref, type: cf.rules[0]?.type } : undefined,
      page: { paperSize: ws.pageSetup.paperSize, orientation: ws.pageSetup.orientation, fitToPage: ws.pageSetup.fitToPage, fitToWidth: ws.pageSetup.fitToWidth, fitToHeight: ws.pageSetup.fitToHeight, printTitlesRow: ws.pageSetup.printTitlesRow },
      headerAlignment: ws.getRow(1).getCell(1).alignment ? { ...ws.getRow(1).getCell(1).alignment } : undefined,
      cells,
    };
  });
}

async function both(sheets: ReportSheet[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'credit-audit-'));
  const created = new Date('2025-03-01T00:00:00Z');
  const ref = path.join(dir, 'exceljs.xlsx');
  await buildWorkbook(sheets, created).xlsx.writeFile(ref);
  const lean = path.join(dir, 'lean.xlsx');
  await writeLeanWorkbook(sheets, lean, created);
  return { lean: await readBack(lean), reference: await readBack(ref) };
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
    ];
    const { lean, reference } = await both(sheets);
    expect(lean).toEqual(reference);
  });

  it('fails with the error of a sheet that fails part-way, leaving no temporary files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'credit-audit-'));
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

  it('writes the report of every fixture as exceljs writes it', async () => {
    const dir = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'puer');
    const result = await audit({ files: [dir + '/value-quirks.xlsx', dir + '/2025年度墨江县第二小学-数据问题.xlsx', dir + '/2025年度思茅区第一中学.xlsx'], rules: puerRules(), yearOption: null, now: new Date('2025-03-01T00:00:00Z') });
    const { lean, reference } = await both(reportSheets(result, { lang: 'zh', maskIds: false }));
    expect(lean).toEqual(reference);
    expect(lean.find((s) => s.name === '问题清单')!.cells.filter((c) => c.link).length).toBeGreaterThan(5);
  });
});
