import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/model/types.js';
import { reportSheets } from '../../src/report/report-content.js';
import type { ReportCell, ReportSheet } from '../../src/report/sheets.js';
import { writeLeanWorkbook } from '../../src/report/workbook-writer.js';
import { internalLinks } from '../e2e/helpers.js';
import { cyclePuer as cycle, yearlyPuer as yearly } from '../helpers/fixture-audits.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * An Excel sheet holds 1 048 576 rows: a longer 教师 or 问题清单 goes on in 教师 (2), …, and every
 * link still lands on its teacher. Tested with a small limit in place of Excel's.
 */

/** Every sheet's rows, in the order a writer takes them (the parts of a sheet share one pass). */
function written(result: AuditResult, sheetRowLimit?: number, sheetLinkLimit?: number): Array<{ name: string; rows: ReportCell[][] }> {
  return reportSheets(result, { lang: 'zh', maskIds: false, sheetRowLimit, sheetLinkLimit }).map((s: ReportSheet) => ({ name: s.name, rows: [...s.rows()] }));
}

const values = (rows: ReportCell[][]) => rows.map((r) => r.map((c) => c.v));

describe('a sheet longer than a sheet may be', () => {
  it('goes on in parts with the header, holding the same rows in the same order', async () => {
    const result = await yearly();
    const whole = written(result);
    const teachers = whole.find((s) => s.name === '教师')!.rows.length - 1;
    const findings = whole.find((s) => s.name === '问题清单')!.rows.length - 1;
    expect(teachers).toBeGreaterThan(25);
    const parts = written(result, 11);
    const of = (name: string) => parts.filter((s) => s.name === name || s.name.startsWith(`${name} (`));
    expect(of('教师').map((s) => s.name)).toEqual(['教师', ...Array.from({ length: Math.ceil(teachers / 10) - 1 }, (_, k) => `教师 (${k + 2})`)]);
    expect(of('问题清单').length).toBe(Math.ceil(findings / 10));
    for (const name of ['教师', '问题清单']) {
      const head = whole.find((s) => s.name === name)!.rows[0]!;
      for (const part of of(name)) {
        expect(part.rows.length).toBeLessThanOrEqual(11);
        expect(values([part.rows[0]!])).toEqual(values([head]));
      }
    }
    // The same teacher rows, in the same order (problems first) across the parts.
    expect(values(of('教师').flatMap((s) => s.rows.slice(1)))).toEqual(values(whole.find((s) => s.name === '教师')!.rows.slice(1)));
    // 汇总 says where they went.
    const summary = values(parts.find((s) => s.name === '汇总')!.rows).flat().join(' ');
    expect(summary).toContain(`教师 有 ${teachers} 行，超过 Excel 一个工作表最多 11 行的上限，依次分在 教师、教师 (2)`);
    expect(values(whole.find((s) => s.name === '汇总')!.rows).flat().join(' ')).not.toContain('分表');
  });

  it('splits at the limit: as many data rows as a part holds stay in one sheet, one more makes two', async () => {
    const result = await yearly();
    const teachers = written(result).find((s) => s.name === '教师')!.rows.length - 1;
    const names = (limit: number) => written(result, limit).map((s) => s.name).filter((n) => n.startsWith('教师'));
    expect(names(teachers + 1)).toEqual(['教师']);
    expect(names(teachers)).toEqual(['教师', '教师 (2)']);
    expect(written(result, teachers).find((s) => s.name === '教师 (2)')!.rows.length).toBe(2);
  });

  it("links each finding to its teacher's row in whichever part holds it, in a yearly and in a cycle audit", async () => {
    for (const result of [await yearly(), await cycle()]) {
      const parts = written(result, 7);
      const sheetOf = new Map(parts.map((s) => [s.name, s.rows]));
      const findingRows = parts.filter((s) => s.name.startsWith('问题清单')).flatMap((s) => s.rows.slice(1));
      const teacherLinks = findingRows.filter((r) => r[6]!.v && r[0]!.link);
      expect(teacherLinks.length).toBeGreaterThan(10);
      const targets = new Set<string>();
      for (const r of teacherLinks) {
        const [, sheet, row] = /^'(.+)'!A(\d+)$/.exec(r[0]!.link!)!;
        targets.add(sheet!);
        const target = sheetOf.get(sheet!)![Number(row) - 1]!;
        // The teacher's name is in the target row (教师, 教师年度 and the cycle's 教师 order their rows problems first).
        expect(target.map((c) => c.v)).toContain(r[6]!.v);
        expect(String(r[0]!.v)).toBe(`${sheet}!A${row}`);
      }
      expect([...targets].some((s) => s.endsWith(')'))).toBe(true);
    }
  });

  it('keeps a sheet to the links Excel holds: 问题清单 goes on in parts of that many findings, 教师 (no links) stays whole', async () => {
    const result = await yearly();
    const findings = result.findings.length;
    expect(findings).toBeGreaterThan(16);
    const parts = written(result, undefined, 8);
    const findingParts = parts.filter((s) => s.name.startsWith('问题清单'));
    expect(findingParts.length).toBe(Math.ceil(findings / 8));
    for (const part of findingParts) expect(part.rows.filter((r) => r.some((c) => c.link)).length).toBeLessThanOrEqual(8);
    expect(findingParts.flatMap((p) => p.rows.slice(1)).filter((r) => r[0]!.link).length).toBe(findings);
    expect(parts.filter((s) => s.name.startsWith('教师')).map((s) => s.name)).toEqual(['教师']);
    expect(values(parts.find((s) => s.name === '汇总')!.rows).flat().join(' ')).toContain(`问题清单 有 ${findings} 行，每行一个链接，超过 Excel 一个工作表最多 8 个链接的上限`);
    // As many findings as a sheet holds links: one sheet; one more: two.
    const names = (links: number) => written(result, undefined, links).map((s) => s.name).filter((n) => n.startsWith('问题清单'));
    expect(names(findings)).toEqual(['问题清单']);
    expect(names(findings - 1)).toEqual(['问题清单', '问题清单 (2)']);
  });

  it('writes a workbook whose parts read back, with their links, through exceljs', async () => {
    const result = await yearly();
    const file = path.join(scratchDir('credit-audit-'), 'r.xlsx');
    await writeLeanWorkbook(reportSheets(result, { lang: 'zh', maskIds: false, sheetRowLimit: 11 }), file, new Date('2025-03-01T00:00:00Z'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const names = wb.worksheets.map((ws) => ws.name);
    expect(names).toContain('教师 (2)');
    for (const ws of wb.worksheets.filter((w) => /^(教师|问题清单)/.test(w.name))) expect(ws.rowCount).toBeLessThanOrEqual(11);
    const links = [...(await internalLinks(file, names.find((n) => n.startsWith('问题清单 ('))!)).values()];
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      const [, sheet, row] = /^'(.+)'!A(\d+)$/.exec(link)!;
      expect(names).toContain(sheet);
      expect(Number(row)).toBeLessThanOrEqual(wb.getWorksheet(sheet!)!.rowCount);
    }
  });
});
