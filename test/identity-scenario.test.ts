import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../src/engine/audit.js';
import { puerRules } from './helpers/teacher.js';

/**
 * fixtures/identity: two schools over two years with identity and value errors planted row by row
 * (scripts/make-bad-fixtures.ts). Audited together, the identity and value checks must find
 * exactly the planted findings — no more (valid 身份证号 with a lower-case x or full-width digits,
 * the same teacher in another year) and no fewer.
 */
const DIR = path.resolve(import.meta.dirname, '..', 'fixtures', 'identity');
const CHECKS = ['id-number-invalid', 'id-gender-mismatch', 'teacher-identity-missing', 'value-impossible', 'duplicate-in-school', 'duplicate-across-schools', 'id-name-conflict'];

describe('scenario: identity and value errors across schools and years', () => {
  it('finds exactly the planted findings, each at its row', async () => {
    const { findings: planted } = JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as { findings: Array<{ file: string; row: number; check: string; messageId: string }> };
    const files = readdirSync(DIR).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(DIR, f));
    const result = await audit({ files, rules: puerRules(), yearOption: null });
    expect(result.summary.inputErrors).toBe(0);
    const key = (f: { file: string; row: number; check: string; messageId: string }) => `${f.file}#${f.row} ${f.check}/${f.messageId}`;
    const found = result.findings.filter((f) => CHECKS.includes(f.check)).map((f) => key({ file: path.basename(f.ref!.file), row: f.ref!.row, check: f.check, messageId: f.messageId }));
    expect(found.sort()).toEqual(planted.map(key).sort());
    for (const id of CHECKS) expect(planted.some((p) => p.check === id), id).toBe(true);
  });

  it('keeps a row with amounts but no name and no 身份证号 as a teacher, accounted for', async () => {
    const file = path.join(DIR, '2025年度思茅区倚象镇中心小学.xlsx');
    const result = await audit({ files: [file], rules: puerRules(), yearOption: null });
    const nameless = result.teachers.filter((t) => !t.teacher.name && !t.teacher.id);
    expect(nameless).toHaveLength(1);
    const sheet = result.inputs[0]!.sheets[0]!;
    expect(sheet.rowsRead).toBe(sheet.teachers + Object.values(sheet.skipped).reduce((n, r) => n + r.length, 0));
  });

  it('reads a 身份证号 typed with full-width digits or a lower-case x as the number it is', async () => {
    const result = await audit({ files: [path.join(DIR, '2025年度思茅区倚象镇中心小学.xlsx')], rules: puerRules(), yearOption: null });
    const ids = result.teachers.map((t) => t.teacher.id);
    expect(ids.filter((id) => /X$/.test(id)).length).toBeGreaterThan(0);
    expect(ids.some((id) => /[x０-９]/.test(id))).toBe(false);
  });
});
