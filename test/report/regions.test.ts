import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { renderConsole } from '../../src/report/console.js';
import { toJson } from '../../src/report/json.js';
import { resultSchema } from '../../src/report/result-schema.js';
import { reportSheets } from '../../src/report/report-content.js';
import type { ReportCell } from '../../src/report/sheets.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/rules.js';
import { puerRules } from '../helpers/teacher.js';

/** 天津滨海 in every output: school years labelled 2023—2024学年, the district targets against theirs, figures read beside those counted. */
const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'fixtures');
const file = path.join(FIXTURES, 'binhai', '滨海新区培训记录-2023学年.csv');
const binhai = () => loadRules(path.join(BUILTIN_RULES_DIR, 'binhai.yaml'));
const rowsOf = (sheet: { rows(): Iterable<ReportCell[]> }) => [...sheet.rows()].map((r) => r.map((c) => c?.v ?? null));

describe('Binhai results as people read them', () => {
  it('the console says each target against its own, per school year, zh and en', async () => {
    const result = await audit({ files: [file], rules: binhai(), yearOption: null });
    const zh = renderConsole(result, { lang: 'zh', color: false, maskIds: false });
    expect(zh).toContain('覆盖率 2023—2024学年：49/50 = 98.00%，目标 ≥ 98%：达到');
    expect(zh).toContain('完成率 2023—2024学年：46/50 = 92.00%，目标 ≥ 95%：未达到');
    const en = renderConsole(result, { lang: 'en', color: false, maskIds: false });
    expect(en).toContain('Coverage school year 2023–2024: 49/50 = 98.00%, target ≥ 98%: met');
  });

  it('汇总 lists the targets; 教师 shows the year as a school year and the days and hours read beside those counted', async () => {
    const result = await audit({ files: [file], rules: binhai(), yearOption: null });
    const sheets = reportSheets(result, { lang: 'zh', maskIds: false });
    const summary = rowsOf(sheets.find((s) => s.name === '汇总')!);
    expect(summary).toContainEqual(['覆盖率', '2023—2024学年', 0.98, 0.98, '是']);
    expect(summary).toContainEqual(['完成率', '2023—2024学年', 0.92, 0.95, '否']);
    const [head, ...rows] = rowsOf(sheets.find((s) => s.name === '教师')!);
    // Headers are broken at words over lines (读取 / 天数): read whole.
    const col = (h: string) => head!.map((v) => String(v).replace(/\n/g, '')).indexOf(h);
    // Every row is of one school year: said once, in 还差's header, not on every row.
    expect(col('年度')).toBe(-1);
    expect(col('还差（2023—2024学年）')).toBeGreaterThan(0);
    // 魏纨玲: 11.5 天 + 4 学时 read; 96 学时 and 9.6 学分 (10 学时 = 1 学分) counted.
    const row = rows.find((r) => r[col('姓名')] === '魏纨玲')!;
    expect([row[col('读取天数')], row[col('读取学时')], row[col('计入总学时')], row[col('计入总学分')]]).toEqual([11.5, 4, 96, 9.6]);
    // No record gave 学分: a column blank on every row is left out.
    expect(col('读取学分')).toBe(-1);
  });

  it('JSON carries the targets and the rule set\'s year start, and fits the published schema', async () => {
    const result = await audit({ files: [file], rules: binhai(), yearOption: null });
    const json = toJson(result, { lang: 'en', maskIds: false });
    expect(json.rules.yearStart).toEqual({ month: 9, day: 1 });
    expect(json.targets).toEqual([
      { key: 'coverage', year: 2023, count: 49, of: 50, share: 98, target: 98, met: true, clause: expect.stringContaining('三(二)1') },
      { key: 'completion', year: 2023, count: 46, of: 50, share: 92, target: 95, met: false, clause: expect.stringContaining('三(二)1') },
    ]);
    expect(resultSchema.safeParse(JSON.parse(JSON.stringify(json))).success).toBe(true);
  });

  it('a calendar-year rule set keeps plain years and shows no targets', async () => {
    const result = await audit({ files: [path.join(FIXTURES, 'puer', '2025年度思茅区第一中学.xlsx')], rules: puerRules(), yearOption: null });
    expect(result.targets).toBeUndefined();
    const text = renderConsole(result, { lang: 'zh', color: false, maskIds: false });
    expect(text).not.toContain('学年');
    expect(text).not.toContain('覆盖率');
  });
});
