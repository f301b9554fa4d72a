import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../src/engine/audit.js';
import { BUILTIN_RULES_DIR, loadRules } from '../src/rules/rules.js';
import { expandInputs } from '../src/cli/main.js';
import type { AuditResult, Finding } from '../src/model/types.js';

/**
 * The multi-year fixtures against the results their generator (scripts/make-cycle-fixtures.ts)
 * computed from the planted records.
 */
const FIX = path.resolve(import.meta.dirname, '..', 'fixtures');
const rules = (id: string) => loadRules(path.join(BUILTIN_RULES_DIR, `${id}.yaml`));

/** A finding as the generator names it: check@year, check@pace, or check@field. */
function key(f: Finding): string {
  if (f.check === 'cycle-missing-year' || f.check === 'teacher-moved' || f.check === 'cycle-every-year') return `${f.check}@${f.data.year}`;
  if (f.check === 'annual-total-minimum' || f.check === 'teacher-exempt' || f.check === 'single-record-maximum' || f.check === 'exemption-repeated') return `${f.check}@${f.year}`;
  if (f.messageId === 'cycleBehindPace') return `${f.check}@pace`;
  if (f.check === 'cycle-mode-share-maximum') return `${f.check}@${f.data.mode}`;
  const sf = f.shortfall;
  return sf?.scope === 'year' ? `${f.check}@year.${sf.year}` : `${f.check}@${sf?.scope}.${sf?.measure}`;
}

function teacherFindings(result: AuditResult, id: string, cycleOnly = false): string[] {
  return result.findings.filter((f) => f.teacherId === id && (!cycleOnly || f.period)).map(key).sort();
}

/** Each cycle teacher as the generator writes them, sorted by 身份证号; `extra` adds fields. */
function cycleTeachers(r: AuditResult, cycleOnly: boolean, extra: (t: NonNullable<AuditResult['cycle']>['teachers'][number]) => object = () => ({})) {
  return r.cycle!.teachers
    .map((t) => ({ id: t.cycle.id, name: t.cycle.name, school: t.cycle.school, status: t.status, ...extra(t), findings: teacherFindings(r, t.cycle.id, cycleOnly) }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

describe('Hangzhou platform export, cycle 2022-2026 audited as of 2025', () => {
  const dir = path.join(FIX, 'hangzhou');
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8'));
  const run = (file: string) => audit({ files: [path.join(dir, file)], rules: rules('hangzhou'), yearOption: null, cycle: { start: 2022, end: 2026 } });

  it('accounts for every record, listing the ones not recognised', async () => {
    const r = await run('杭州市直属学校学分明细-2022-2025.xlsx');
    const sheet = r.inputs[0]!.sheets[0]!;
    expect(sheet.shape).toBe('hangzhou-export');
    expect(sheet.rowsRead).toBe(expected.records.rows);
    expect(sheet.records).toBe(expected.records.recognised);
    expect(sheet.skipped['not-recognised']).toHaveLength(expected.records.notRecognised);
    expect(Object.keys(sheet.notRecognised ?? {}).sort()).toEqual(['审核不通过', '待审核']);
  });

  it('gives every teacher the expected cycle status and findings', async () => {
    const r = await run('杭州市直属学校学分明细-2022-2025.xlsx');
    expect(r.cycle?.window).toMatchObject({ start: 2022, end: 2026, asOf: 2025, ended: false, elapsed: 4 });
    expect(r.cycle?.yearsFound).toEqual(expected.cycle.yearsFound);
    const actual = cycleTeachers(r, false, (t) => ({ toDateCredits: Object.values(t.cycle.toDate).reduce((n, a) => n + a.credits, 0) }));
    expect(actual).toEqual(expected.cycle.teachers);
  });

  it('computes the school indicators (总体完成率, 集中培训完成率, 自主选课率)', async () => {
    const r = await run('杭州市直属学校学分明细-2022-2025.xlsx');
    const actual = r.cycle!.schools
      .map((s) => ({ name: s.name, teachers: s.teachers, behind: s.behind, overall: s.indicators!.overall, concentrated: s.indicators!.concentrated, selfSelected: s.indicators!.selfSelected }))
      .sort((a, b) => expected.cycle.schools.findIndex((x: { name: string }) => x.name === a.name) - expected.cycle.schools.findIndex((x: { name: string }) => x.name === b.name));
    expect(actual).toEqual(expected.cycle.schools);
  });

  it('audits each year\'s annual minimum and school share', async () => {
    const r = await run('杭州市直属学校学分明细-2022-2025.xlsx');
    const actual = r.schools.map(({ name, year, teachers, incomplete, flagged }) => ({ name, year, teachers, incomplete, flagged })).sort((a, b) => a.name.localeCompare(b.name) || a.year! - b.year!);
    expect(actual).toEqual(expected.annualSchools);
  });

  it('gives the same result from the GB18030 CSV and the BOM-less UTF-8 CSV, and says which encoding it used', async () => {
    const strip = (r: AuditResult) => JSON.stringify({ teachers: r.cycle!.teachers.map((t) => [t.cycle.id, t.cycle.name, t.cycle.school, t.status, t.cycle.toDate]), findings: r.findings.map((f) => [f.check, f.teacherId, f.messageId, f.data, f.ref?.row]) });
    const xlsx = await run('杭州市直属学校学分明细-2022-2025.xlsx');
    const gb = await run('学分明细-GB18030.csv');
    const utf8 = await run('学分明细-UTF8无BOM.csv');
    expect(gb.inputs[0]!.encoding).toBe('gb18030');
    expect(utf8.inputs[0]!.encoding).toBe('utf-8');
    expect(strip(gb)).toBe(strip(utf8));
    expect(strip(gb)).toBe(strip(xlsx));
  });

  it('makes behind-pace teachers incomplete once the cycle has ended (--as-of 2026)', async () => {
    const r = await audit({ files: [path.join(dir, '杭州市直属学校学分明细-2022-2025.xlsx')], rules: rules('hangzhou'), yearOption: null, cycle: { start: 2022, end: 2026 }, asOf: 2026 });
    const behindBefore = expected.cycle.teachers.filter((t: { status: string }) => t.status === 'behind').map((t: { id: string }) => t.id);
    for (const id of behindBefore) expect(r.cycle!.teachers.find((t) => t.cycle.id === id)!.status).toBe('incomplete');
    expect(r.cycle!.yearsWithoutInput).toEqual([2026]);
  });
});

describe('Pu\'er: five years of 附件2—2 returns, cycle 2021-2025', () => {
  const dir = path.join(FIX, 'puer-cycle');
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8'));

  it('combines the years by 身份证号 and gives the expected cycle results', async () => {
    const r = await audit({ files: expandInputs([dir], '/'), rules: rules('puer'), yearOption: null, cycle: { start: 2021, end: 2025 } });
    expect(r.summary.inputErrors).toBe(0);
    expect(r.cycle!.window.ended).toBe(true);
    expect(cycleTeachers(r, true)).toEqual(expected.cycle.teachers);
    const schools = r.cycle!.schools.map(({ name, teachers, incomplete, flagged }) => ({ name, teachers, incomplete, flagged }));
    expect(schools.sort((a, b) => a.name.localeCompare(b.name))).toEqual([...expected.cycle.schools].sort((a, b) => a.name.localeCompare(b.name)));
  });

  it('is behind pace, not incomplete, with three years of returns (as of 2023)', async () => {
    const files = expandInputs(['2021', '2022', '2023'].map((y) => path.join(dir, y)), '/');
    const r = await audit({ files, rules: rules('puer'), yearOption: null, cycle: { start: 2021, end: 2025 } });
    expect(r.cycle!.window).toMatchObject({ asOf: 2023, ended: false, elapsed: 3 });
    expect(r.cycle!.teachers.some((t) => t.status === 'incomplete')).toBe(false);
    expect(r.cycle!.teachers.filter((t) => t.status === 'behind').length).toBeGreaterThan(0);
  });

  it('does not audit a cycle for Pu\'er unless asked', async () => {
    const r = await audit({ files: expandInputs([dir], '/'), rules: rules('puer'), yearOption: null });
    expect(r.cycle).toBeUndefined();
  });
});
