import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../src/engine/audit.js';
import { renderConsole } from '../src/report/console.js';
import { modeSum } from '../src/model/amounts.js';
import { BUILTIN_RULES_DIR, loadRules } from '../src/rules/rules.js';

/**
 * Every 天津滨海 fixture (scripts/make-region-fixtures.ts: generic per-record lists, expected results
 * computed from the planted records) audited with `--rules binhai` gives its expected result.
 */
const DIR = path.resolve(import.meta.dirname, '..', 'fixtures', 'binhai');
const cases = readdirSync(DIR).filter((f) => f.endsWith('.expected.json'));
const rules = () => loadRules(path.join(BUILTIN_RULES_DIR, 'binhai.yaml'));

describe('scenario: every Binhai fixture gives its expected result', () => {
  it('has fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(3));

  for (const name of cases) {
    it(name.replace('.expected.json', ''), async () => {
      const expected = JSON.parse(readFileSync(path.join(DIR, name), 'utf8'));
      const result = await audit({ files: [path.join(DIR, expected.file)], rules: rules(), yearOption: null });
      const input = result.inputs[0]!;
      expect(input.error).toBeUndefined();
      const sheet = input.sheets[0]!;
      expect(sheet.shape).toBe('records');
      expect(sheet.rowsRead).toBe(expected.rowsRead);
      // Every row accounted for: records (roster rows included) + rows skipped.
      expect(sheet.records + Object.values(sheet.skipped).reduce((n, r) => n + r.length, 0)).toBe(sheet.rowsRead);
      const actual = result.teachers.map((tr) => ({
        row: tr.teacher.ref.row,
        id: tr.teacher.id,
        name: tr.teacher.name,
        year: tr.teacher.year,
        status: tr.status,
        hours: modeSum(tr.teacher.counted, 'hours'),
        findings: result.findings
          .filter((f) => f.teacherId === tr.teacher.id && f.year === tr.teacher.year && f.teacherId)
          .filter((f) => f.severity !== 'info')
          .map((f) => `${f.check}:${f.severity}`)
          .sort(),
      }));
      expect(actual).toEqual(expected.teachers);
      // District targets (三(二)1) against what the year measured: coverage counts roster rows and
      // teachers listed only by pending records as listed and not covered.
      expect(result.targets!.map(({ key, year, count, of, target, met }) => ({ key, year, count, of, target: target / 100, met }))).toEqual(expected.targets);
    });
  }
});

describe('the sixth cycle (四(五)1: ≥ 48 学分, 10 学时 = 1 学分) over school years 2017—2018 … 2021—2022', () => {
  it('480 学时 over the five years are 48 学分: complete; 479.5 are 47.95: incomplete', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'binhai-cycle-'));
    const A = '120116198703186607';
    const B = '12010919850610631X';
    const rows = [['身份证号', '姓名', '学校', '培训日期', '培训天数', '培训学时']];
    for (const y of [2017, 2018, 2019, 2020]) rows.push([A, '姜秀竹', '塘沽一中', `${y}-10-01`, '12', ''], [B, '魏纨玲', '塘沽一中', `${y}-10-01`, '', '96']);
    // The cycle's last school year ends on 2022-08-31: a record of that day is in it.
    rows.push([A, '姜秀竹', '塘沽一中', '2022-08-31', '12', ''], [B, '魏纨玲', '塘沽一中', '2022-08-31', '', '95.5']);
    const file = path.join(dir, '滨海新区第六周期.csv');
    writeFileSync(file, '\ufeff' + rows.map((r) => r.join(',')).join('\n') + '\n');
    const result = await audit({ files: [file], rules: rules(), yearOption: null, cycle: { start: 2017, end: 2021 } });
    const cycle = result.cycle!;
    expect(cycle.window).toMatchObject({ start: 2017, end: 2021, ended: true });
    expect(cycle.teachers.map((t) => [t.cycle.name, t.status, modeSum(t.cycle.toDate, 'credits')])).toEqual([
      ['姜秀竹', 'complete', 48],
      ['魏纨玲', 'incomplete', 47.95],
    ]);
    expect(result.findings.filter((f) => f.check === 'cycle-total-minimum').map((f) => [f.teacherName, f.data.missing])).toEqual([['魏纨玲', 0.05]]);
    // The cycle's label years said as the school years they are.
    expect(renderConsole(result, { lang: 'zh', color: false, maskIds: false })).toContain('即 2017—2018学年 至 2021—2022学年');
  });
});
