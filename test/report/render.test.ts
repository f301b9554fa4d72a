import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { expandInputs } from '../../src/cli/main.js';
import type { AuditResult } from '../../src/model/types.js';
import { columnPixels, pageFit, PRINTABLE_PIXELS } from '../../src/report/page-layout.js';
import { reportSheets } from '../../src/report/report-content.js';
import { cell, type ReportSheet } from '../../src/report/sheets.js';
import { writeLeanWorkbook } from '../../src/report/workbook-writer.js';
import { writeReport } from '../../src/report/write-report.js';
import { builtinRules, cyclePuer, FIX } from '../helpers/fixture-audits.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * The report as a district office prints it (issue 20, item 5): LibreOffice turns each workbook
 * into a PDF, and poppler's pdftotext tells where each word landed on which page. Skipped where
 * LibreOffice, poppler-utils or the fonts are not installed (`apt-get install
 * libreoffice-calc-nogui poppler-utils fonts-crosextra-carlito fonts-wqy-zenhei`; CI has none of
 * them). scripts/render-report.sh makes the same PDFs into PNGs.
 */
const have = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
/** Carlito (Calibri's metrics) and a Chinese font: without them LibreOffice draws other widths, and the measures below do not hold. */
const fonts = () => {
  const list = spawnSync('fc-list', [':', 'family', 'lang'], { encoding: 'utf8' }).stdout ?? '';
  return /Carlito/.test(list) && /lang=[^\n]*zh-cn/.test(list);
};
const canRender = have('soffice') && have('pdftotext') && have('fc-list') && fonts();

interface Word {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}
interface Page {
  width: number;
  height: number;
  /** The words of the sheet's cells (the footer taken out). */
  words: Word[];
  /** The footer's left part: the sheet's name (&A). */
  sheet: string;
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/** The pages of a PDF with their words (`pdftotext -bbox`). */
function pages(pdf: string): Page[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([^]*?)<\/page>/g)].map((m) => {
    const [width, height] = [Number(m[1]), Number(m[2])];
    const all = [...m[3]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({
      x0: Number(w[1]),
      y0: Number(w[2]),
      x1: Number(w[3]),
      y1: Number(w[4]),
      text: w[5]!.replace(/&\w+;/g, (e) => entities[e] ?? e),
    }));
    // The footer sits in the bottom margin (0.75 inch, 54 points), below every cell.
    const footer = all.filter((w) => w.y0 > height - 50);
    return {
      width,
      height,
      words: all.filter((w) => w.y0 <= height - 50),
      sheet: footer.filter((w) => w.x1 < width / 2).map((w) => w.text).join(' '),
    };
  });
}

/** Whether a page shows a header cell: a word starting as its text does (a header may wrap). */
const shows = (page: Page, header: string) => page.words.some((w) => w.text.startsWith(header.slice(0, 2)));

/** A word's height at 100 %: 11-point text in LibreOffice's fonts (measured on a sheet printed at full size). */
let fullHeight = 0;
const medianHeight = (ps: Page[]) => {
  const hs = ps.flatMap((p) => p.words.map((w) => w.y1 - w.y0)).sort((a, b) => a - b);
  return hs[Math.floor(hs.length / 2)]!;
};

/** A sheet of width-10 columns and one that makes the rest up to `pixels` (Excel's measure), 2 frozen, with a wrapped column. */
function boundarySheet(name: string, pixels: number): ReportSheet {
  const widths = Array.from({ length: Math.floor(pixels / 70) - 1 }, () => 10);
  const rest = pixels - widths.length * 70;
  widths.push([...Array(3000).keys()].map((k) => k / 100).find((x) => columnPixels(x) === rest)!);
  return {
    name,
    widths,
    header: true,
    freezeColumns: 2,
    rowCount: 3,
    rows: () => [
      widths.map((_, i) => cell(`列${i}`)),
      widths.map((_, i) => cell(i === 1 ? '蔡蓓' : i)),
      widths.map((_, i) => (i === 3 ? cell('网络研修学时的值“二十四”不是数字，按缺失处理，请填写数字', { wrap: true }) : cell(i === 1 ? '彭岚' : i * 2))),
    ],
  };
}

describe.skipIf(!canRender)('the report printed by LibreOffice (PDF)', () => {
  const reports: Array<{ name: string; result: AuditResult; sheets: ReportSheet[]; pages: Page[] }> = [];
  let boundary: Page[] = [];

  beforeAll(async () => {
    const dir = scratchDir();
    const yearly = await audit({ files: expandInputs([path.join(FIX, 'puer')], '/'), rules: builtinRules('puer'), yearOption: null });
    const cycle = await cyclePuer();
    const files: string[] = [];
    for (const [name, result] of [['puer', yearly], ['cycle', cycle]] as const) {
      const file = path.join(dir, `${name}.xlsx`);
      await writeReport(result, file, { lang: 'zh', maskIds: false });
      files.push(file);
      reports.push({ name, result, sheets: reportSheets(result, { lang: 'zh', maskIds: false }), pages: [] });
    }
    // The widest sheet fitted (1 790 pixels: 60 % of A4 landscape's 1 074) and one pixel more.
    await writeLeanWorkbook([boundarySheet('刚好', PRINTABLE_PIXELS / 0.6), boundarySheet('过宽', PRINTABLE_PIXELS / 0.6 + 1)], path.join(dir, 'boundary.xlsx'), new Date());
    files.push(path.join(dir, 'boundary.xlsx'));
    // One LibreOffice for the three (it takes ~2 s to start), with a profile of its own: runs side by side do not share one.
    execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], { stdio: 'ignore', timeout: 60_000 });
    for (const r of reports) r.pages = pages(path.join(dir, `${r.name}.pdf`));
    boundary = pages(path.join(dir, 'boundary.pdf'));
    fullHeight = medianHeight(boundary.filter((p) => p.sheet === '过宽'));
  }, 90_000);

  it('prints every page on A4 landscape, each sheet of the workbook in order, its name and page number at the foot', () => {
    for (const r of [...reports, { name: 'boundary', pages: boundary, sheets: [{ name: '刚好' }, { name: '过宽' }] }]) {
      expect(r.pages.length, r.name).toBeGreaterThan(r.sheets.length - 1);
      for (const p of r.pages) {
        expect(p.width).toBeCloseTo(841.89, 1);
        expect(p.height).toBeCloseTo(595.3, 1);
      }
      expect([...new Set(r.pages.map((p) => p.sheet))], r.name).toEqual(r.sheets.map((s) => s.name));
    }
  });

  it('draws a column of width 10 74 pixels wide, where Excel draws 70: the 7-pixel digit of Calibri 11 is 7.43 in Carlito, unrounded', () => {
    const page = boundary.find((p) => p.sheet === '过宽')!;
    const x = (text: string) => page.words.find((w) => w.text === text)!.x0;
    // 列4 to 列9: five columns of width 10, at full size (points of 1/72 inch, pixels of 1/96).
    const pixels = ((x('列9') - x('列4')) / 5) * (96 / 72);
    expect(pixels).toBeGreaterThan(columnPixels(10) * 1.04);
    expect(pixels).toBeLessThan(columnPixels(10) * 1.08);
  });

  it('fits a sheet of 1 790 pixels to one page width, and prints one of 1 791 at full size across pages, the header row and the frozen columns on each', () => {
    const fitted = boundary.filter((p) => p.sheet === '刚好');
    const wide = boundary.filter((p) => p.sheet === '过宽');
    expect(fitted).toHaveLength(1);
    const has = (p: Page, text: string) => p.words.some((w) => w.text === text);
    expect(has(fitted[0]!, '列0') && has(fitted[0]!, '列24')).toBe(true);
    expect(medianHeight(fitted) / fullHeight).toBeLessThan(0.62);
    expect(wide.length).toBeGreaterThan(1);
    expect(wide.filter((p) => has(p, '列24'))).toHaveLength(1);
    expect(wide.filter((p) => has(p, '列2'))).toHaveLength(1);
    for (const p of wide) {
      expect(has(p, '列0') && has(p, '列1')).toBe(true);
      // The frozen names repeat beside every part of their rows.
      expect(p.words.filter((w) => w.text === '蔡蓓' || w.text === '彭岚')).toHaveLength(2);
    }
    // The wrapped text, over several lines of its row, is whole.
    const wrapped = wide[0]!.words.filter((w) => /[\u4e00-\u9fff]/.test(w.text) && !['蔡蓓', '彭岚'].includes(w.text) && !w.text.startsWith('列'));
    expect(wrapped.length).toBeGreaterThan(1);
    expect(wrapped.map((w) => w.text).join('')).toBe('网络研修学时的值“二十四”不是数字，按缺失处理，请填写数字');
  });

  it('prints each sheet of the reports one page wide only at 60 % or more (LibreOffice, measuring columns 6 % wider, at 56 %), otherwise at full size with its header and identity on each page', () => {
    let fittedSheets = 0;
    for (const r of reports) {
      for (const sheet of r.sheets) {
        const ps = r.pages.filter((p) => p.sheet === sheet.name);
        const fit = pageFit(sheet.widths);
        const scale = medianHeight(ps) / fullHeight;
        if (fit.fitToWidth) {
          fittedSheets++;
          expect(scale, `${r.name} ${sheet.name}`).toBeGreaterThan(0.56);
          expect(scale, `${r.name} ${sheet.name}`).toBeLessThan(Math.min(1, fit.scale) + 0.02);
        } else expect(scale, `${r.name} ${sheet.name}`).toBeGreaterThan(0.97);
        if (!sheet.header) continue;
        const [head] = sheet.rows();
        const first = String(head![0]!.v);
        const last = String(head!.at(-1)!.v);
        for (const p of ps) expect(shows(p, first) || !sheet.freezeColumns, `${r.name} ${sheet.name}: column A on each page`).toBe(true);
        if (fit.fitToWidth) for (const p of ps) expect(shows(p, last), `${r.name} ${sheet.name}: the last column on each page`).toBe(true);
        // Each page holds header text: the header row repeats.
        for (const p of ps) expect(head!.some((c) => typeof c.v === 'string' && c.v && shows(p, c.v)), `${r.name} ${sheet.name}: a header on each page`).toBe(true);
      }
    }
    expect(fittedSheets).toBeGreaterThan(1);
  });

  it('shows each 说明 of 问题清单 whole, wrapped over as many lines as it takes', () => {
    for (const r of reports) {
      const sheet = r.sheets.find((s) => s.name === '问题清单')!;
      const [head, ...rows] = [...sheet.rows()];
      const col = head!.findIndex((c) => c.v === '说明');
      const ps = r.pages.filter((p) => p.sheet === '问题清单');
      // The words between the header 说明 and the next header, page after page.
      let text = '';
      for (const p of ps) {
        const from = p.words.find((w) => w.text === '说明')!.x0 - 1;
        const to = p.words.find((w) => w.text === String(head![col + 1]!.v))!.x0 - 1;
        text += p.words.filter((w) => w.x0 >= from && w.x0 < to).map((w) => w.text).join('');
      }
      const messages = rows.map((row) => String(row[col]!.v).replace(/\s+/g, ''));
      expect(messages.some((m) => m.length > 40)).toBe(true);
      for (const m of messages) expect(text, r.name).toContain(m);
    }
  });
});
