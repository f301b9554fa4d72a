import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../src/engine/audit.js';
import { parseCycleArg } from '../src/periods/cycle.js';
import { BUILTIN_RULES_DIR, loadRules } from '../src/rules/rules.js';
import type { AuditResult, Finding } from '../src/model/types.js';
import type { Expected } from '../scripts/make-fidelity-fixtures.js';

/**
 * The verdicts seeds 001 and 004 settle (issue 22): each case of fixtures/fidelity/ (made by
 * scripts/make-fidelity-fixtures.ts) against the runs and results in its expected.json.
 */
const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures');
/** The Pu'er and Hangzhou verdicts (issue 22), and the regions' end-to-end cases (issue 19, scripts/make-region-cases.ts). */
const CASES = ['fidelity', 'regions'].flatMap((root) => readdirSync(path.join(FIXTURES, root)).sort().map((name) => ({ name, dir: path.join(FIXTURES, root, name) })));

/**
 * A finding as the cases name it, then its severity: a year's finding by its year; a cycle's by
 * the year it names, `pace.scope.measure` when behind, or the `scope.measure` it misses.
 */
function key(f: Finding): string {
  const sf = f.shortfall;
  let at: string;
  if (!f.period) at = String(f.year);
  else if (f.messageId === 'cycleBehindPace') at = `pace.${f.data.scope}.${f.data.measure}`;
  else if (f.data.year !== undefined) at = String(f.data.year);
  else at = sf ? (sf.scope === 'year' ? String(sf.year) : `${sf.scope}.${sf.measure}`) : 'cycle';
  return `${f.check}@${at}:${f.severity}`;
}

function teachersOf(r: AuditResult, cycle: boolean, watch: string[]) {
  const mine = (id: string, year: number | null) =>
    r.findings
      .filter((f) => watch.includes(f.check) && f.teacherId === id && (cycle ? true : f.year === year && !f.period))
      .map(key)
      .sort();
  if (cycle) return Object.fromEntries(r.cycle!.teachers.map((t) => [t.cycle.id, { name: t.cycle.name, status: t.status, findings: mine(t.cycle.id, null) }]));
  return Object.fromEntries(r.teachers.map((t) => [`${t.teacher.id}@${t.teacher.year}`, { name: t.teacher.name, status: t.status, findings: mine(t.teacher.id, t.teacher.year) }]));
}

for (const { name, dir } of CASES) {
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
  describe(`${name}: ${expected.about}`, () => {
    for (const run of expected.runs) {
      it(run.name, async () => {
        const rules = loadRules(run.rules.startsWith('./') ? path.join(dir, run.rules) : path.join(BUILTIN_RULES_DIR, `${run.rules}.yaml`));
        const result = await audit({
          files: run.files.map((f) => path.join(dir, f)),
          rules,
          yearOption: null,
          cycle: run.cycle ? parseCycleArg(run.cycle) : null,
          asOf: run.asOf ?? null,
          jobs: 1,
        });
        expect(result.inputs.filter((i) => i.error)).toEqual([]);
        const actual = teachersOf(result, Boolean(run.cycle), run.watch);
        // Every teacher the case names, as it names them; a case may leave others unnamed.
        expect(Object.fromEntries(Object.keys(run.teachers).map((k) => [k, actual[k]]))).toEqual(run.teachers);
        for (const s of run.schools ?? []) {
          const schools = s.year === null ? result.cycle!.schools : result.schools;
          const got = schools.find((x) => x.name === s.name && x.year === s.year);
          expect(got, `${s.name} ${s.year}`).toMatchObject({ teachers: s.teachers, incomplete: s.incomplete, exempt: s.exempt, flagged: s.flagged });
          const flag = result.findings.find((f) => f.check === 'school-incomplete-share' && f.school === s.name && f.year === s.year && (s.year === null) === Boolean(f.period));
          expect(flag?.severity, `${s.name} ${s.year} flag`).toBe(s.flagged ? s.severity : undefined);
        }
        for (const s of run.schoolChecks ?? []) {
          const found = result.findings.find((f) => f.check === s.check && f.school === s.school && f.year === s.year && !f.teacherId);
          expect(found?.severity ?? null, `${s.check} ${s.school} ${s.year}`).toBe(s.severity);
        }
      });
    }
  });
}
