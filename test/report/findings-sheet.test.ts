import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { audit } from '../../src/engine/audit.js';
import { findingOrder } from '../../src/report/findings-sheet.js';
import { reportSheets } from '../../src/report/report-content.js';
import type { Finding, Severity } from '../../src/model/types.js';
import { wrappedLines, type ReportCell } from '../../src/report/sheets.js';
import { cyclePuer, yearlyPuer } from '../helpers/fixture-audits.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/rules.js';

const DIR = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'puer');

describe('问题清单 for review (issue 20, item 3)', () => {
  it('leads with the link, names the check by its title and the file by its name, keeps the id last; a school finding points at 学校, not at A1', async () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(DIR, f));
    const result = await audit({ files, rules: loadRules(path.join(BUILTIN_RULES_DIR, 'puer.yaml')), yearOption: null, jobs: 1 });
    const sheet = reportSheets(result, { lang: 'zh', maskIds: false }).find((s) => s.name === '问题清单')!;
    const rows = [...sheet.rows()];
    const head = rows[0]!.map((c) => c!.v);
    expect(head[0]).toBe('定位');
    expect(head.at(-1)).toBe('检查编号');
    const col = (name: string) => head.indexOf(name);
    const order = findingOrder(result.findings);
    for (const [i, r] of rows.slice(1).entries()) {
      const f = result.findings[order[i]!]!;
      expect(r[col('检查项')]!.v).toBe(CHECKS[f.check]!.meta.title.zh);
      expect(r.at(-1)!.v).toBe(f.check);
      expect(String(r[col('文件')]!.v ?? '')).not.toMatch(/[\\/]/);
    }
    const school = rows.slice(1).find((r) => r.at(-1)!.v === 'school-incomplete-share')!;
    expect(school[0]!.link).toMatch(/^'学校'!A\d+$/);
    expect(school[col('单元格')]!.v).toBe('');
    const teacher = rows.slice(1).find((r) => r.at(-1)!.v === 'annual-mode-minimum')!;
    expect(teacher[0]!.link).toMatch(/^'教师'!A\d+$/);
    expect(String(teacher[col('单元格')]!.v)).toMatch(/^[A-Z]+\d+$/);
  });
});

/** A finding with what the order reads; the rest left empty. */
function finding(n: number, severity: Severity, school: string, at: { file: string; sheet?: string; row: number } | null, teacher = true): Finding {
  return {
    check: 'annual-total-minimum',
    severity,
    messageId: 'x',
    data: { n },
    clause: '',
    school,
    teacherId: teacher ? `id${n}` : '',
    teacherName: teacher ? `name${n}` : '',
    year: 2025,
    ref: at ? { file: at.file, sheet: at.sheet ?? 'Sheet1', row: at.row, cell: `A${at.row}` } : null,
  };
}

describe('the order of 问题清单 (issue 20, item 3)', () => {
  const order = (fs: Finding[]) => [...findingOrder(fs)].map((i) => fs[i]!.data.n);

  it('puts errors first, then warnings, then notes, whatever the school', () => {
    const fs = [finding(0, 'info', '澜沧县第一中学', { file: 'a.xlsx', row: 2 }), finding(1, 'warning', '澜沧县第一中学', { file: 'a.xlsx', row: 2 }), finding(2, 'error', '思茅区第一中学', { file: 'z.xlsx', row: 9 })];
    expect(order(fs)).toEqual([2, 1, 0]);
  });

  it('within a severity by school in Chinese order (by pinyin: 景谷 J, 澜沧 L, 墨江 M, 思茅 S), not by the order read', () => {
    const fs = ['思茅区第一中学', '墨江县第二小学', '景谷县永平镇中心小学', '澜沧县第一中学'].map((school, n) => finding(n, 'error', school, { file: `${n}.xlsx`, row: 2 }));
    expect(order(fs)).toEqual([2, 3, 1, 0]);
  });

  it("within a school by file, the school's own finding of a file first (it has no row), then sheet and row: row 10 after row 9, Sheet2 after Sheet1's rows", () => {
    const s = '墨江县第二小学';
    const fs = [
      finding(0, 'error', s, { file: 'b.xlsx', row: 3 }),
      finding(1, 'error', s, { file: 'a.xlsx', sheet: 'Sheet2', row: 2 }),
      finding(2, 'error', s, { file: 'a.xlsx', row: 10 }),
      finding(3, 'error', s, { file: 'a.xlsx', row: 9 }),
      finding(4, 'error', s, { file: 'b.xlsx', row: 5 }, false),
      finding(5, 'error', s, { file: 'a.xlsx', row: 20 }, false),
    ];
    expect(order(fs)).toEqual([5, 3, 2, 1, 4, 0]);
  });

  it('keeps the order of findings at one place (two checks of one cell): stable', () => {
    const fs = Array.from({ length: 50 }, (_, n) => finding(n, 'warning', '墨江县第二小学', { file: 'a.xlsx', row: 5 }));
    expect(order(fs)).toEqual(fs.map((f) => f.data.n));
    // The same finding places, given in the other order, come out in that other order.
    expect(order([...fs].reverse())).toEqual(fs.map((f) => f.data.n).reverse());
  });

  it('is the order of the written rows of a yearly and a cycle audit, 说明 and the long columns wrapped', async () => {
    for (const result of [await yearlyPuer(), await cyclePuer()]) {
      const sheet = reportSheets(result, { lang: 'zh', maskIds: false }).find((sh) => sh.name === '问题清单')!;
      const [head, ...rows] = [...sheet.rows()];
      const col = (name: string) => head!.findIndex((c) => c.v === name);
      const severity = { 错误: 0, 警告: 1, 提示: 2 } as Record<string, number>;
      const key = (r: ReportCell[]) => [severity[String(r[col('级别')]!.v)]!, String(r[col('学校')]!.v)] as const;
      const collator = new Intl.Collator('zh');
      for (let i = 1; i < rows.length; i++) {
        const [a, b] = [key(rows[i - 1]!), key(rows[i]!)];
        expect(a[0] < b[0] || (a[0] === b[0] && collator.compare(a[1], b[1]) <= 0), `row ${i + 1}`).toBe(true);
      }
      expect(new Set(rows.map((r) => r[col('级别')]!.v))).toEqual(new Set(['错误', '警告', '提示']));
      for (const r of rows) {
        expect(['检查项', '学校', '说明', '依据', '文件'].map((name) => r[col(name)]!.wrap)).toEqual([true, true, true, true, true]);
        expect(['定位', '级别', '姓名', '身份证号码', '检查编号'].map((name) => r[col(name)]!.wrap)).toEqual([undefined, undefined, undefined, undefined, undefined]);
      }
    }
  });

  it('is one order across the parts 问题清单 is split into (sorted before the split)', async () => {
    const result = await yearlyPuer();
    const rowsOf = (sheetLinkLimit?: number) =>
      reportSheets(result, { lang: 'zh', maskIds: false, sheetLinkLimit })
        .filter((sh) => sh.name.startsWith('问题清单'))
        .flatMap((sh) => [...sh.rows()].slice(1).map((r) => r.slice(1).map((c) => c.v)));
    const whole = rowsOf();
    expect(whole.length).toBeGreaterThan(20);
    expect(rowsOf(7)).toEqual(whole);
  });

  it.each(['zh', 'en'] as const)('has a header of one line in every column (%s): no word broken', async (lang) => {
    const sheet = reportSheets(await yearlyPuer(), { lang, maskIds: false }).find((sh) => sh.name === (lang === 'zh' ? '问题清单' : 'Findings'))!;
    const [head] = sheet.rows();
    for (const [i, c] of head!.entries()) expect(wrappedLines(String(c.v), sheet.widths[i]!), String(c.v)).toBe(1);
  });

  it("leaves 工作表 empty for a CSV, whose one sheet is named after the file, and keeps a workbook's sheet", async () => {
    const files = readdirSync(DIR).filter((f) => /\.(xlsx|csv)$/.test(f)).map((f) => path.join(DIR, f));
    const result = await audit({ files, rules: loadRules(path.join(BUILTIN_RULES_DIR, 'puer.yaml')), yearOption: null, jobs: 1 });
    const sheet = reportSheets(result, { lang: 'zh', maskIds: false }).find((sh) => sh.name === '问题清单')!;
    const [head, ...rows] = [...sheet.rows()];
    const col = (name: string) => head!.findIndex((c) => c.v === name);
    const csv = rows.filter((r) => String(r[col('文件')]!.v).endsWith('.csv') && r[col('单元格')]!.v);
    const xlsx = rows.filter((r) => String(r[col('文件')]!.v).endsWith('.xlsx') && r[col('单元格')]!.v);
    expect(csv.length).toBeGreaterThan(0);
    expect(csv.every((r) => r[col('工作表')]!.v === '')).toBe(true);
    expect(xlsx.length).toBeGreaterThan(0);
    expect(xlsx.every((r) => r[col('工作表')]!.v === 'Sheet1')).toBe(true);
  });
});

describe('问题清单 names a cycle finding by its cycle', () => {
  it('shows 周期 2021-2025 in 年度 for the cycle\'s findings, and the year for a year\'s', async () => {
    const result = await cyclePuer();
    const sheet = reportSheets(result, { lang: 'zh', maskIds: false }).find((s) => s.name === '问题清单')!;
    const [head, ...rows] = [...sheet.rows()];
    const year = head!.findIndex((h) => h.v === '年度');
    const check = head!.findIndex((h) => h.v === '检查编号');
    const cycleRows = rows.filter((r) => String(r[check]!.v).startsWith('cycle-'));
    expect(cycleRows.length).toBeGreaterThan(0);
    for (const r of cycleRows) expect(r[year]!.v).toBe('周期 2021-2025');
    const yearRows = rows.filter((r) => String(r[check]!.v).startsWith('annual-'));
    expect(yearRows.length).toBeGreaterThan(0);
    for (const r of yearRows) expect(typeof r[year]!.v).toBe('number');
  });
});
