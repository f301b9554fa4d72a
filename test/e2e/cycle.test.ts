import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { expectNoStackTrace, workspace } from './helpers.js';

describe('credit-audit check --rules hangzhou on a platform export', () => {
  let dir: string;
  let json: any;
  let code: number | null;
  beforeAll(async () => {
    dir = workspace('hangzhou');
    const r = await runCli(['check', 'hangzhou/杭州市直属学校学分明细-2022-2025.xlsx', '--rules', 'hangzhou', '--cycle', '2022-2026', '--format', 'json', '--out', 'hz.xlsx'], dir);
    code = r.code;
    json = JSON.parse(r.stdout);
  });

  it('exits 1 (annual minimums missed, data errors)', () => expect(code).toBe(1));

  it('reports the cycle, its years and the teachers behind pace', () => {
    expect(json.cycle).toMatchObject({ start: 2022, end: 2026, asOf: 2025, ended: false, yearsFound: [2022, 2023, 2024, 2025] });
    expect(json.cycle.summary.behind).toBeGreaterThan(0);
    expect(json.cycle.summary.incomplete).toBe(0);
    const behind = json.findings.find((f: any) => f.messageId === 'cycleBehindPace');
    expect(behind).toMatchObject({ severity: 'warning', period: '2022-2026', check: 'cycle-total-minimum' });
  });

  it('gives each school its indicators (总体完成率 = neither incomplete nor behind ÷ audited)', () => {
    for (const s of json.cycle.schools) {
      expect(s.indicators.overall).toBeCloseTo((s.teachers - s.incomplete - s.behind) / s.teachers, 6);
      expect(s.indicators.concentrated).not.toBeNull();
      expect(s.indicators.selfSelected).not.toBeNull();
    }
  });

  it('lists the moved teacher at the school of the latest year', () => {
    const moved = json.cycle.teachers.filter((t: any) => t.moves.length);
    expect(moved.length).toBeGreaterThan(0);
    for (const t of moved) expect(t.school).toBe(t.moves.at(-1).to);
  });

  it('writes the cycle into 教师 and the years into 教师年度, and names the cycle in 汇总', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'hz.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '学校', '教师', '教师年度', '问题清单']);
    // Headers are broken at words over lines: read without their spaces and breaks.
    const ws = wb.getWorksheet('教师')!;
    const head = (ws.getRow(1).values as unknown[]).map((v) => String(v).replace(/\s/g, ''));
    for (const h of ['2022学分', '2025学分', '状态']) expect(head).toContain(h);
    // What every teacher must reach, and by now, is said once in the header, not on every row …
    expect(head).toContain('周期累计学分（应达360，进度288）');
    for (const h of head.filter(Boolean)) expect(h).not.toMatch(/^(周期要求|应达进度)/);
    // … and a joiner's own (pro-rated) requirement only on the joiner's row.
    const own = head.indexOf('本人应达学分');
    const ownPace = head.indexOf('本人应达进度学分');
    const rows = ws.getRows(2, ws.rowCount - 1)!;
    const joiners = rows.filter((r) => r.getCell(own).value !== null);
    expect(joiners.length).toBeGreaterThan(0);
    expect(joiners.length).toBeLessThan(rows.length);
    for (const r of joiners) {
      expect(r.getCell(own).value).not.toBe(360);
      expect(r.getCell(ownPace).value).toBeLessThan(288);
    }
    const summary: string[] = [];
    wb.getWorksheet('汇总')!.eachRow((row) => row.eachCell((c) => summary.push(String(c.value))));
    expect(summary).toContain('2022-2026');
    expect(summary).toContain('2022, 2023, 2024, 2025');
  });

  it('lists the ones behind pace as incomplete once the cycle has ended', async () => {
    const r = await runCli(['check', 'hangzhou/学分明细-GB18030.csv', '--rules', 'hangzhou', '--cycle', '2022-2026', '--as-of', '2026', '--format', 'json', '--no-out'], dir);
    const j = JSON.parse(r.stdout);
    expect(j.inputs[0].encoding).toBe('gb18030');
    expect(j.cycle.ended).toBe(true);
    expect(j.cycle.summary.incomplete).toBeGreaterThan(0);
    expect(j.cycle.yearsWithoutInput).toEqual([2026]);
  });

  it('refuses a malformed --cycle with exit 2', async () => {
    const r = await runCli(['check', 'hangzhou', '--rules', 'hangzhou', '--cycle', '2026-2022', '--no-out'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--cycle');
    expectNoStackTrace(r.stderr);
  });

  it('exits 2 on a sheet that is no known shape, listing the headers found and what each shape needs', async () => {
    writeFileSync(path.join(dir, '名单.csv'), '\uFEFF序号,姓名,联系电话\n1,王芳,13800000000\n');
    const r = await runCli(['check', '名单.csv', '--no-out'], dir);
    expect(r.code).toBe(2);
    const out = r.stdout + r.stderr;
    expect(out).toContain('联系电话');
    expect(out).toContain('puer-form');
    expect(out).toContain('hangzhou-export');
  });
});

describe('credit-audit check --rules puer --cycle over five years of returns', () => {
  it('audits the cycle and flags the school where 20 % or more are incomplete', async () => {
    const dir = workspace('puer-cycle');
    const r = await runCli(['check', 'puer-cycle', '--rules', 'puer', '--cycle', '2021-2025', '--format', 'json', '--no-out'], dir);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.inputs).toHaveLength(15);
    expect(j.cycle.ended).toBe(true);
    expect(j.cycle.schools.find((s: any) => s.name === '景东县民族中学')).toMatchObject({ incomplete: 2, flagged: true }); // the 2023 newcomer (新任教师) joined then: complete over the years after
    expect(j.findings.some((f: any) => f.check === 'school-incomplete-share' && f.period === '2021-2025')).toBe(true);
  });

  it('--cycle alone takes the rule set\'s cycle holding the latest year', async () => {
    const dir = workspace('puer-cycle');
    const r = await runCli(['check', 'puer-cycle/2024', 'puer-cycle/2025', '--rules', 'puer', '--cycle', '--format', 'json', '--no-out'], dir);
    const j = JSON.parse(r.stdout);
    expect(j.cycle).toMatchObject({ start: 2021, end: 2025, yearsFound: [2024, 2025], yearsWithoutInput: [2021, 2022, 2023] });
  });
});
