import { describe, expect, it } from 'vitest';
import { exemptionRepeated } from '../../src/checks/exemption-repeated.js';
import { auditTeachers } from '../../src/load/teacher-audit.js';
import { settleFirstYears } from '../../src/engine/audit.js';
import { puerRules, teacherYear } from '../helpers/teacher.js';

const ID = '530802198001010013';
const row = (year: number, remarks: string) =>
  teacherYear([24, 24, 24, 24, 12, 12], { id: ID, year, remarks, ref: { file: `${year}.xlsx`, sheet: 'Sheet1', row: 6, cell: 'B6' } });

describe('exemption-repeated (普洱 第十条 "任职第一年")', () => {
  it('exempts the first marked year only; the later one is audited and the repeat reported', () => {
    const rules = puerRules();
    const years = [row(2024, '新任教师'), row(2025, '新任教师')];
    const { results, findings } = auditTeachers(years, rules);
    expect(results.map((r) => r.status)).toEqual(['exempt', 'exempt']);
    const kept = settleFirstYears(results, findings, rules);
    expect(results.map((r) => r.status)).toEqual(['exempt', 'incomplete']);
    expect(exemptionRepeated.check(years[1]!, {})).toEqual([{ messageId: 'exemptNotFirstYear', data: { reason: 'new-teacher', phrase: '新任教师', firstYear: 2024, year: 2025 }, ref: { ...years[1]!.ref, cell: 'O6' } }]);
    // The 2025 exemption's info finding is gone; its shortfalls are reported instead.
    expect(kept.filter((f) => f.year === 2025).map((f) => f.check)).not.toContain('teacher-exempt');
    expect(kept.filter((f) => f.year === 2025).some((f) => f.shortfall)).toBe(true);
  });
  it('a year marked new after an unmarked return is not a first year either', () => {
    const rules = puerRules();
    const years = [row(2024, ''), row(2025, '新教师')];
    const { results, findings } = auditTeachers(years, rules);
    settleFirstYears(results, findings, rules);
    expect(results.map((r) => r.status)).toEqual(['incomplete', 'incomplete']);
    expect(years[1]!.exemptDenied?.firstYear).toBe(2024);
  });
  it('a single marked year stays exempt, and nothing is reported as repeated', () => {
    const rules = puerRules();
    const years = [row(2025, '新任教师')];
    const { results, findings } = auditTeachers(years, rules);
    expect(settleFirstYears(results, findings, rules)).toBe(findings);
    expect(results[0]!.status).toBe('exempt');
    expect(exemptionRepeated.check(years[0]!, {})).toEqual([]);
  });
});
