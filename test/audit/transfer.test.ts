import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditTeachers } from '../../src/audit/audit.js';
import { loadInput } from '../../src/audit/load.js';
import { loadRules, BUILTIN_RULES_DIR } from '../../src/audit/rules.js';
import { packInput, unpackInput } from '../../src/audit/transfer.js';

/** What a worker of a batch sends back (issue 5): every teacher, result and finding, as they were. */
const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'fixtures');
const inputs = (dir: string) =>
  (readdirSync(path.join(FIXTURES, dir), { recursive: true }) as string[]).filter((f) => /\.(xlsx|csv)$/.test(f)).map((f) => path.join(FIXTURES, dir, f));

describe('an audited input packed to cross threads', () => {
  it.each([
    ['puer', 'puer'],
    ['puer-cycle', 'puer'],
    ['identity', 'puer'],
    ['hangzhou', 'hangzhou'],
  ])('%s: comes back equal after a structured clone, teachers, results and findings', async (dir, rules) => {
    const set = loadRules(path.join(BUILTIN_RULES_DIR, `${rules}.yaml`));
    let teachers = 0;
    for (const file of inputs(dir)) {
      const loaded = await loadInput(file, { yearOption: 2025 });
      const input = { ...loaded, audited: auditTeachers(loaded.teachers, set) };
      const back = unpackInput(structuredClone(packInput(input)));
      expect(back.teachers).toEqual(input.teachers);
      expect(back.audited.results.map((r) => [r.status, r.shortfalls])).toEqual(input.audited.results.map((r) => [r.status, r.shortfalls]));
      expect(back.audited.results.every((r, i) => r.teacher === back.teachers[i])).toBe(true);
      expect(back.audited.findings).toEqual(input.audited.findings);
      expect(back.summary).toEqual(input.summary);
      teachers += back.teachers.length;
      // What teachers share stays shared: a sheet's one column map, not a copy per teacher.
      if (back.teachers.length > 1) expect(new Set(back.teachers.map((t) => t.cells)).size).toBeLessThan(back.teachers.length);
    }
    expect(teachers).toBeGreaterThan(0);
  });

  it('keeps a status and shortfalls per teacher, and an exempt teacher exempt', async () => {
    const set = loadRules(path.join(BUILTIN_RULES_DIR, 'puer.yaml'));
    const loaded = await loadInput(path.join(FIXTURES, 'puer', '2025年度思茅区第一中学.xlsx'), { yearOption: null });
    const input = { ...loaded, audited: auditTeachers(loaded.teachers, set) };
    const back = unpackInput(structuredClone(packInput(input)));
    const statuses = (r: typeof input.audited.results) => r.map((x) => x.status).sort().join(',');
    expect(statuses(back.audited.results)).toBe(statuses(input.audited.results));
    expect(new Set(back.audited.results.map((r) => r.status)).size).toBeGreaterThan(1);
  });
});
