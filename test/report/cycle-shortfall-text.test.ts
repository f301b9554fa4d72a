import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { reportSheets } from '../../src/report/report-content.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/rules.js';

const DIR = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'fidelity', '05-missing-years-and-joiners');

describe("the cycle 教师 sheet's 还差 says what the teacher must make up", () => {
  it('names a cycle total as 周期合计 (not 全年合计) where the modes short do not make it up, a failed year and a missing one by their years', async () => {
    const result = await audit({ files: readdirSync(DIR).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(DIR, f)), rules: loadRules(path.join(BUILTIN_RULES_DIR, 'puer.yaml')), yearOption: null, cycle: { start: 2021, end: 2025 }, jobs: 1 });
    const sheet = reportSheets(result, { lang: 'zh', maskIds: false }).find((s) => s.name === '教师')!;
    const rows = [...sheet.rows()].map((r) => r.map((c) => (c ? String(c.v ?? '') : '')));
    const col = rows[0]!.indexOf('还差');
    const of = (name: string) => rows.find((r) => r.includes(name))![col]!;
    const joinedShort = result.cycle!.teachers.find((t) => t.cycle.failedYears.includes(2025))!.cycle.name;
    // 72 学时 and 72 学分 short: the modes short add up to the 72 学时 (said by mode), but to 24 学分 only.
    expect(of(joinedShort)).toBe('需补：集中培训 24 学时；网络研修 24 学时；校本研修 24 学时、24 学分；周期合计 72 学分；2025年度未达标');
    expect(of(joinedShort)).not.toContain('全年合计');
    expect(of(joinedShort)).toContain('2025年度未达标');
    const gap = result.cycle!.teachers.find((t) => t.cycle.missingYears.includes(2023))!.cycle.name;
    expect(of(gap)).toBe('2023年度缺报');
  });
});
