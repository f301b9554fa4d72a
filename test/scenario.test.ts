import { fieldAt } from '../src/model/cell-layout.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../src/engine/audit.js';
import type { AuditResult, Finding, TeacherResult } from '../src/model/types.js';
import { puerRules } from './helpers/teacher.js';

/**
 * Every fixture beside its expected result (written by scripts/make-fixtures.ts from the planted
 * values): the audit must find exactly the expected findings, statuses and row accounting.
 */
const DIR = path.resolve(import.meta.dirname, '..', 'fixtures', 'puer');
const cases = readdirSync(DIR).filter((f) => f.endsWith('.expected.json'));

/** The form field a finding points at: the key of the teacher cell its ref names. */
export function findingKey(f: Finding, tr: TeacherResult): string {
  const sf = f.shortfall;
  const field = sf
    ? sf.scope === 'year'
      ? `year.${sf.year}`
      : sf.scope === 'total'
        ? `total.${sf.measure}`
        : `${sf.scope}.${sf.measure}`
    : ((f.ref && fieldAt(tr.teacher, f.ref.cell)) ?? '?');
  return `${f.check}@${field}:${f.severity}`;
}

describe('scenario: every Pu\'er fixture gives its expected result', () => {
  it('has fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(5));

  for (const name of cases) {
    it(name.replace('.expected.json', ''), async () => {
      const expected = JSON.parse(readFileSync(path.join(DIR, name), 'utf8'));
      const result: AuditResult = await audit({ files: [path.join(DIR, expected.file)], rules: puerRules(), yearOption: null });
      const input = result.inputs[0]!;
      expect(input.error).toBeUndefined();
      const sheet = input.sheets[0]!;
      expect({
        year: input.year,
        school: input.school,
        rowsRead: sheet.rowsRead,
        teachers: sheet.teachers,
        skipped: { blank: sheet.skipped.blank, total: sheet.skipped.total, footer: sheet.skipped.footer, notUnderstood: sheet.skipped['not-understood'] },
      }).toEqual(expected.input);
      // rows read = teachers audited + rows skipped: nothing silent.
      const skipped = Object.values(sheet.skipped).reduce((n, r) => n + r.length, 0);
      expect(sheet.rowsRead).toBe(sheet.teachers + skipped);

      const actual = result.teachers.map((tr) => ({
        row: tr.teacher.ref.row,
        id: tr.teacher.id,
        name: tr.teacher.name,
        status: tr.status,
        findings: result.findings.filter((f) => f.teacherId === tr.teacher.id && f.ref?.row === tr.teacher.ref.row).map((f) => findingKey(f, tr)).sort(),
      }));
      expect(actual).toEqual(expected.teachers);
      expect(result.schools.map(({ name, teachers, incomplete, exempt, flagged }) => ({ name, teachers, incomplete, exempt, flagged }))).toEqual(expected.schools);
    });
  }
});
