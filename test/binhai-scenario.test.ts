import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../src/engine/audit.js';
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
