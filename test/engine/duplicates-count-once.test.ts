import { copyFileSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { person, rng, type Person } from '../../scripts/fixture-kit.js';
import { fillForm, type FormLine } from '../../scripts/form-sheet.js';
import { audit, type AuditOptions } from '../../src/engine/audit.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/rules.js';
import type { AuditResult, TeacherResult, TeacherYear } from '../../src/model/types.js';
import { countOnce } from '../../src/engine/dedupe.js';
import { renderConsole } from '../../src/report/console.js';
import { reportSheets } from '../../src/report/report-content.js';
import { toJson } from '../../src/report/json.js';
import { resultSchema } from '../../src/report/result-schema.js';
import { scratchDir } from '../helpers/scratch.js';
import { puerRules, teacherYear } from '../helpers/teacher.js';

/**
 * Issue 18 item 1, "Duplicates are counted once": each duplicate found by the adversarial probe —
 * a row pasted again, a file sent twice, a school's resent copy, a teacher in two schools' returns —
 * must leave every verdict (teacher statuses, school shares and flags, cycle statuses) equal to
 * the run without it. Each test: audit A; audit A + the duplicate; compare the verdicts. Each also
 * shows the duplicate is not silent: reported by its check (duplicate-in-school,
 * duplicate-across-schools, duplicate-input, resent-input) and listed as set aside.
 */

type Six = [number, number, number, number, number, number];
const FULL: Six = [24, 24, 24, 24, 24, 24]; // 72 学时 and 72 学分: a complete year
const SHORT: Six = [24, 24, 10, 10, 24, 24]; // 网络 10: incomplete
const r = rng(18);
const people: Person[] = Array.from({ length: 12 }, () => person(r));
const [T, P1, P2, P3, P4, Q1, Q2, Q3, Q4] = people as [Person, Person, Person, Person, Person, Person, Person, Person, Person];

const row = (p: Person, v: Six, extra: Partial<FormLine> = {}): FormLine => ({ p, v, ...extra }) as FormLine;

async function form(dir: string, name: string, school: string, year: number, lines: FormLine[], mtime?: Date): Promise<string> {
  const wb = new ExcelJS.Workbook();
  fillForm(wb.addWorksheet('Sheet1'), { year, school, lines });
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
  if (mtime) utimesSync(file, mtime, mtime);
  return file;
}

const run = (files: string[], extra: Partial<AuditOptions> = {}) => audit({ files, rules: puerRules(), yearOption: null, jobs: 1, ...extra });

/** What the audit decides: who is complete, which schools are flagged at what share, each cycle's status. */
function verdict(res: AuditResult) {
  const { teachers, complete, incomplete, exempt, schools, schoolsFlagged } = res.summary;
  return {
    summary: { teachers, complete, incomplete, exempt, schools, schoolsFlagged },
    teachers: res.teachers
      .filter((t) => t.status !== 'set-aside')
      .map((t) => `${t.teacher.id} ${t.teacher.school} ${t.teacher.year} ${t.status}`)
      .sort(),
    schools: res.schools.map((s) => ({ ...s })),
    cycle: res.cycle
      ? {
          teachers: res.cycle.teachers.map((c) => `${c.cycle.id} ${c.cycle.school} ${c.status} ${JSON.stringify(c.cycle.toDate)}`).sort(),
          schools: res.cycle.schools.map((s) => ({ ...s })),
        }
      : null,
  };
}

const checksOf = (res: AuditResult, id: string) => res.findings.filter((f) => f.check === id);
/** Row accounting: every teacher row read is counted or set aside. */
function expectAccounted(res: AuditResult): void {
  const read = res.inputs.reduce((n, i) => n + i.sheets.reduce((m, s) => m + s.teachers, 0), 0);
  expect(res.summary.teachers + res.summary.setAside).toBe(read);
  expect(resultSchema.strict().safeParse(JSON.parse(JSON.stringify(toJson(res, { lang: 'zh', maskIds: false })))).success).toBe(true);
}

describe('duplicates are counted once (issue 18)', () => {
  it('one teacher\u2019s 72-学时 year pasted five times does not make the five-year cycle complete', async () => {
    const dir = scratchDir();
    const once = await form(dir, 'a/2025年度一小.xlsx', '思茅区第一小学', 2025, [row(T, FULL), row(P1, FULL), row(P2, SHORT)]);
    const five = await form(dir, 'b/2025年度一小.xlsx', '思茅区第一小学', 2025, [row(T, FULL), row(P1, FULL), row(T, FULL), row(T, FULL), row(P2, SHORT), row(T, FULL), row(T, FULL)]);
    const cycle = { start: 2021, end: 2025 };
    const a = await run([once], { cycle });
    const b = await run([five], { cycle });
    expect(verdict(b)).toEqual(verdict(a));
    const t = b.cycle!.teachers.find((c) => c.cycle.id === T.id)!;
    expect(t.status).toBe('incomplete');
    expect(t.cycle.toDate.online.hours).toBe(24);
    // The four copies: listed, set aside, naming the row that counts (the first of identical rows), and reported.
    const aside = b.teachers.filter((x) => x.status === 'set-aside');
    expect(aside.map((x) => x.teacher.ref.row)).toEqual([7, 8, 10, 11]);
    for (const x of aside) expect(x.teacher.setAside).toMatchObject({ reason: 'same-school', identical: true, kept: { ref: { row: 5 } } });
    const dup = checksOf(b, 'duplicate-in-school');
    expect(dup).toHaveLength(5);
    for (const f of dup) expect(f.data.counted).toBe('B5');
    expect(b.summary.setAside).toBe(4);
    expectAccounted(b);
  });

  it('three complete rows pasted again do not dilute a flagged school (2 of 5 stays 40 %, flagged)', async () => {
    const dir = scratchDir();
    const base = [row(P1, FULL), row(P2, FULL), row(P3, FULL), row(P4, SHORT), row(T, SHORT)];
    const a = await run([await form(dir, 'a/2025年度二小.xlsx', '思茅区第二小学', 2025, base)]);
    const pasted = [...base, ...base.slice(0, 3), ...base.slice(0, 3)];
    const b = await run([await form(dir, 'b/2025年度二小.xlsx', '思茅区第二小学', 2025, pasted)]);
    expect(verdict(b)).toEqual(verdict(a));
    expect(b.schools[0]).toMatchObject({ teachers: 5, incomplete: 2, share: 0.4, flagged: true });
    expect(b.summary.setAside).toBe(6);
    expectAccounted(b);
  });

  it('two differing rows of one teacher in a school: the one with the most hours counts, and both are reported', async () => {
    const dir = scratchDir();
    const a = await run([await form(dir, 'a/2025年度三小.xlsx', '思茅区第三小学', 2025, [row(T, FULL), row(P1, FULL), row(P2, FULL), row(P3, FULL), row(P4, FULL)])]);
    // The short row first: input order does not decide, the hours do.
    const b = await run([await form(dir, 'b/2025年度三小.xlsx', '思茅区第三小学', 2025, [row(T, SHORT), row(P1, FULL), row(P2, FULL), row(P3, FULL), row(P4, FULL), row(T, FULL)])]);
    expect(verdict(b)).toEqual(verdict(a));
    const short = b.teachers.find((x) => x.teacher.ref.row === 5)!;
    expect(short.status).toBe('set-aside');
    expect(short.teacher.setAside).toMatchObject({ reason: 'same-school', identical: false, kept: { ref: { row: 10 } } });
    expect(checksOf(b, 'duplicate-in-school').map((f) => [f.ref!.row, f.severity, f.data.counted])).toEqual([
      [5, 'error', 'B10'],
      [10, 'error', 'B10'],
    ]);
    // 教师 lists the set-aside row with its status, 重复不计; 汇总 counts it apart.
    const sheets = reportSheets(b, { lang: 'zh', maskIds: false });
    const cells = (i: number) => [...sheets[i]!.rows()].map((r) => r.map((c) => (c ? String(c.v ?? '') : '')));
    const listed = cells(2).find((r) => r.at(-1) === '2025年度三小.xlsx!Sheet1!B5')!;
    expect(listed).toContain('重复不计');
    expect(listed).toContain('重复，不计：按 思茅区第三小学 2025年度三小.xlsx!Sheet1!B10 计');
    expect(cells(0).find((r) => r[0] === '重复不计')?.[1]).toBe('1');
    // Had the short row counted, 1 of 5 incomplete would flag the school (20 %).
    expect(b.schools[0]).toMatchObject({ teachers: 5, incomplete: 0, flagged: false });
  });

  it('a teacher in two schools\u2019 returns of one year counts once: the larger row, at its school, never the sum in the cycle', async () => {
    const dir = scratchDir();
    const years = [2021, 2022, 2023, 2024];
    const earlier = await Promise.all(years.map((y) => form(dir, `x/${y}年度一中.xlsx`, '思茅区第一中学', y, [row(T, FULL), row(P1, FULL)])));
    // 2025: 36 学时 at 一中 and 34 at 二中. Summed, the cycle would reach 360 (4 × 72 + 72); counted once it is 324.
    const half: Six = [12, 12, 12, 12, 12, 12];
    const smaller: Six = [12, 12, 12, 12, 10, 10];
    const x2025 = await form(dir, 'x/2025年度一中.xlsx', '思茅区第一中学', 2025, [row(T, half), row(P1, FULL)]);
    const yWithout = await form(dir, 'y1/2025年度二中.xlsx', '思茅区第二中学', 2025, [row(Q1, FULL), row(Q2, FULL), row(Q3, FULL), row(Q4, FULL)]);
    // The other school's row listed first: the hours decide, not the order.
    const yWith = await form(dir, 'y2/2025年度二中.xlsx', '思茅区第二中学', 2025, [row(T, smaller), row(Q1, FULL), row(Q2, FULL), row(Q3, FULL), row(Q4, FULL)]);
    const cycle = { start: 2021, end: 2025 };
    // 2025 fails its annual minimums either way; with 普洱's dropFailedYears it would leave the cycle
    // whole and hide the sum. Kept here, so the cycle shows which of the two rows it counted.
    const rules = puerRules();
    const keep = { ...rules, def: { ...rules.def, cycle: { ...rules.def.cycle!, dropFailedYears: false } } };
    const a = await run([yWithout, ...earlier, x2025], { cycle, rules: keep });
    const b = await run([yWith, ...earlier, x2025], { cycle, rules: keep });
    expect(verdict(b)).toEqual(verdict(a));
    const t = b.cycle!.teachers.find((c) => c.cycle.id === T.id)!;
    expect(t.status).toBe('incomplete');
    expect(t.cycle.toDate.concentrated.hours).toBe(4 * 24 + 12);
    // 二中 stays 0 of 4, not 1 of 5 (20 %, flagged): its row of the teacher is set aside, naming 一中's.
    expect(b.schools.find((s) => s.name === '思茅区第二中学')).toMatchObject({ year: 2025, teachers: 4, incomplete: 0, flagged: false });
    const aside = b.teachers.find((x) => x.status === 'set-aside')!;
    expect(aside.teacher).toMatchObject({ school: '思茅区第二中学', setAside: { reason: 'other-school', identical: false, kept: { school: '思茅区第一中学' } } });
    const across = checksOf(b, 'duplicate-across-schools');
    expect(across).toHaveLength(2);
    for (const f of across) expect(f.data.counted).toMatch(/^思茅区第一中学（.*2025年度一中\.xlsx!B5）$|^思茅区第一中学（B5）$/);
    expectAccounted(b);
  });

  it('the same file twice (the same bytes) is one input, with a warning naming both', async () => {
    const dir = scratchDir();
    const one = await form(dir, 'a/2025年度四小.xlsx', '思茅区第四小学', 2025, [row(T, FULL), row(P1, SHORT), row(P2, FULL), row(P3, FULL), row(P4, FULL)]);
    const copy = path.join(dir, 'b', '2025年度四小-副本.xlsx');
    mkdirSync(path.dirname(copy), { recursive: true });
    copyFileSync(one, copy);
    const a = await run([one]);
    const b = await run([one, copy]);
    expect(verdict(b)).toEqual(verdict(a));
    // Nothing but the warning is added: no duplicate-row error, the same errors as one file.
    expect(b.summary.findings.error).toBe(a.summary.findings.error);
    expect(b.summary.findings.warning).toBe(a.summary.findings.warning + 1);
    const [w] = checksOf(b, 'duplicate-input');
    expect(w).toMatchObject({ severity: 'warning', ref: { file: copy, row: 1 }, data: { kept: '../a/2025年度四小.xlsx', teachers: 5 } });
    expect(b.inputs[1]!.setAside).toEqual([{ reason: 'same-content', kept: b.inputs[0], school: null, year: null, teachers: 5 }]);
    expect(b.inputs[0]!.setAside).toBeUndefined();
    expect(b.teachers).toHaveLength(5);
    expect(renderConsole(b, { lang: 'en', color: false, maskIds: false })).toContain(`${copy}: the same bytes as ${one}; audited once, this file's 5 teacher-years not counted`);
    expectAccounted(b);
  });

  describe('a school\u2019s resent copy beside the original', () => {
    const SCHOOL = '思茅区第五小学';
    const original = [row(T, SHORT), row(P1, SHORT), row(P2, FULL), row(P3, FULL), row(P4, FULL)];
    // The resent copy fixes the two short teachers: 2 of 5 (flagged) becomes 0 of 5.
    const resent = [row(T, FULL), row(P1, FULL), row(P2, FULL), row(P3, FULL), row(P4, FULL)];
    const OLD = new Date('2024-03-01T08:00:00Z');
    const NEW = new Date('2024-03-05T08:00:00Z');

    it('the later-modified copy is audited, the original set aside and reported as an error naming both', async () => {
      const dir = scratchDir();
      const orig = await form(dir, '2023年度五小.xlsx', SCHOOL, 2023, original, OLD);
      const fixed = await form(dir, '2023年度五小(修改版).xlsx', SCHOOL, 2023, resent, NEW);
      const a = await run([fixed]);
      const b = await run([orig, fixed]);
      expect(verdict(b)).toEqual(verdict(a));
      expect(b.schools[0]).toMatchObject({ teachers: 5, incomplete: 0, flagged: false });
      const [e] = checksOf(b, 'resent-input');
      expect(e).toMatchObject({ severity: 'error', school: SCHOOL, year: 2023, ref: { file: orig }, data: { kept: '2023年度五小(修改版).xlsx', school: SCHOOL, year: 2023, teachers: 5 } });
      expect(b.inputs[0]!.setAside).toEqual([{ reason: 'resent', kept: b.inputs[1], school: SCHOOL, year: 2023, teachers: 5 }]);
      expect(toJson(b, { lang: 'zh', maskIds: false }).inputs[0]!.setAside).toEqual([{ reason: 'resent', kept: fixed, school: SCHOOL, year: 2023, teachers: 5 }]);
      // Its rows and their findings are not in the result; the duplicate rows are not reported twice.
      expect(b.teachers.every((t) => t.teacher.ref.file === fixed)).toBe(true);
      expect(b.findings.filter((f) => f.ref?.file === orig).map((f) => f.check)).toEqual(['resent-input']);
      expect(checksOf(b, 'duplicate-in-school')).toEqual([]);
      const text = renderConsole(b, { lang: 'zh', color: false, maskIds: false });
      expect(text).toContain(`${orig}：${SCHOOL} 2023 年度另有修改时间较晚的 ${fixed}`);
      // The Excel report's 汇总 says it beside the set-aside input's row accounting.
      const summary = reportSheets(b, { lang: 'zh', maskIds: false })[0]!;
      const rows = [...summary.rows()].map((r) => r.map((c) => (c ? String(c.v ?? '') : '')));
      // The input table's 说明 column (issue 20 moved it beside the teachers, the SHA-256 last).
      const note = rows.find((r) => r[0] === '文件' && r.at(-1) === 'SHA-256')!.indexOf('说明');
      expect(note).toBeGreaterThan(0);
      expect(rows.find((r) => r[0] === orig)![note]).toContain('按它审核，本文件中该校该年度的 5 人次不计');
      expect(rows.find((r) => r[0] === fixed)![note]).toBe('');
      expectAccounted(b);
    });

    it('the file modified later wins, whatever the order or the name', async () => {
      const dir = scratchDir();
      const orig = await form(dir, '2023年度五小.xlsx', SCHOOL, 2023, original, NEW);
      const other = await form(dir, '2023年度五小(修改版).xlsx', SCHOOL, 2023, resent, OLD);
      const a = await run([orig]);
      const b = await run([other, orig]);
      expect(verdict(b)).toEqual(verdict(a));
      expect(b.schools[0]).toMatchObject({ teachers: 5, incomplete: 2, flagged: true });
      expect(checksOf(b, 'resent-input')[0]!.data).toMatchObject({ kept: '2023年度五小.xlsx' });
    });

    it('two returns of one school and year sharing no teacher are not a copy: both count', async () => {
      const dir = scratchDir();
      const first = await form(dir, '2023年度五小-1.xlsx', SCHOOL, 2023, [row(T, FULL), row(P1, SHORT)], OLD);
      const second = await form(dir, '2023年度五小-2.xlsx', SCHOOL, 2023, [row(P2, FULL), row(P3, FULL)], NEW);
      const b = await run([first, second]);
      expect(checksOf(b, 'resent-input')).toEqual([]);
      expect(b.schools[0]).toMatchObject({ teachers: 4, incomplete: 1 });
      expect(b.inputs.every((i) => i.setAside === undefined)).toBe(true);
    });
  });

  it('rows without a 身份证号: an identical copy counts once, a differing row of the same name is kept', async () => {
    const dir = scratchDir();
    const noId = { id: null } as Partial<FormLine>;
    const a = await run([await form(dir, 'a/2025年度六小.xlsx', '思茅区第六小学', 2025, [row(T, FULL, noId), row(P1, SHORT), row(P2, FULL), row(P3, FULL), row(P4, FULL)])]);
    const b = await run([await form(dir, 'b/2025年度六小.xlsx', '思茅区第六小学', 2025, [row(T, FULL, noId), row(P1, SHORT), row(P2, FULL), row(P3, FULL), row(P4, FULL), row(T, FULL, noId)])]);
    expect(verdict(b)).toEqual(verdict(a));
    expect(b.teachers.filter((t) => t.status === 'set-aside').map((t) => t.teacher.ref.row)).toEqual([10]);
    // Two rows of one name that differ may be two teachers: both count, as before.
    const c = await run([await form(dir, 'c/2025年度六小.xlsx', '思茅区第六小学', 2025, [row(T, FULL, noId), row(T, SHORT, noId)])]);
    expect(c.summary).toMatchObject({ teachers: 2, setAside: 0 });
  });
  it('platform exports that overlap: the later-modified export counts for the school\u2019s shared year, the other\u2019s other years still count', async () => {
    const dir = scratchDir();
    const HEAD = '姓名,身份证号码,单位名称,培训年度,项目名称,培训类别,学时,学分,审核状态';
    const rec = (p: Person, year: number, credits: number) => `${p.name},${p.id},杭州学军中学,${year},项目${year}-${credits},网络研修,${credits},${credits},已认定`;
    const csv = (name: string, lines: string[], mtime: Date) => {
      const file = path.join(dir, name);
      writeFileSync(file, [HEAD, ...lines].join('\n') + '\n');
      utimesSync(file, mtime, mtime);
      return file;
    };
    const older2022 = [rec(T, 2022, 30), rec(P1, 2022, 30)];
    // 2023 as first exported: P1's 30 学分, later revoked down to 10 in the newer export.
    const older = csv('导出-2022-2023.csv', [...older2022, rec(T, 2023, 30), rec(P1, 2023, 30)], new Date('2024-01-10T00:00:00Z'));
    const without = csv('导出-2022.csv', older2022, new Date('2024-01-10T00:00:00Z'));
    const newer = csv('导出-2023-2025.csv', [rec(T, 2023, 30), rec(P1, 2023, 10), rec(T, 2024, 30), rec(P1, 2024, 30)], new Date('2025-01-10T00:00:00Z'));
    const hz = loadRules(path.join(BUILTIN_RULES_DIR, 'hangzhou.yaml'));
    const a = await audit({ files: [without, newer], rules: hz, yearOption: null, jobs: 1 });
    const b = await audit({ files: [older, newer], rules: hz, yearOption: null, jobs: 1 });
    expect(verdict(b)).toEqual(verdict(a));
    // P1's 2023 is the newer export's 10 学分 (incomplete), though the set-aside row had more.
    expect(b.teachers.find((t) => t.teacher.id === P1.id && t.teacher.year === 2023)).toMatchObject({ status: 'incomplete', teacher: { ref: { file: newer } } });
    expect(b.inputs[0]!.setAside).toEqual([{ reason: 'resent', kept: b.inputs[1], school: '杭州学军中学', year: 2023, teachers: 2 }]);
    expect(checksOf(b, 'resent-input').map((f) => [f.ref!.file, f.year])).toEqual([[older, 2023]]);
    expectAccounted(b);
  });
});

describe('countOnce: which of a teacher\u2019s rows of a year counts', () => {
  const result = (t: TeacherYear): TeacherResult => ({ teacher: t, status: 'complete', shortfalls: [] });
  const kept = (rows: TeacherYear[]) => {
    const { counted } = countOnce(rows.map(result));
    return counted.map((r) => r.teacher.ref.row);
  };
  const at = (row: number, v: Six, extra: Partial<TeacherYear> = {}) => teacherYear(v, { ref: { file: 'f.xlsx', sheet: 'Sheet1', row, cell: `B${row}` }, ...extra });
  it('the most hours, whatever the credits', () => expect(kept([at(5, [24, 0, 24, 0, 25, 0]), at(6, [24, 99, 24, 99, 24, 99])])).toEqual([5]));
  it('hours equal: the most credits', () => expect(kept([at(5, [24, 24, 24, 24, 24, 24]), at(6, [24, 24, 24, 24, 24, 25])])).toEqual([6]));
  it('hours and credits equal: the first', () => expect(kept([at(5, FULL), at(6, FULL, { remarks: '补报' })])).toEqual([5]));
  it('another year, or another teacher, is not a duplicate', () => {
    expect(kept([at(5, FULL), at(6, FULL, { year: 2024 })])).toEqual([5, 6]);
    expect(kept([at(5, FULL), at(6, FULL, { id: '530802198001010023' })])).toEqual([5, 6]);
  });
  it('marks the others, naming the row that counts, and whether they are identical', () => {
    const rows = [at(5, FULL), at(6, FULL), at(7, SHORT), at(8, FULL, { school: '思茅区第二中学' })];
    countOnce(rows.map(result));
    expect(rows.map((t) => t.setAside && [t.setAside.reason, t.setAside.kept.ref.row, t.setAside.identical])).toEqual([
      undefined,
      ['same-school', 5, true],
      ['same-school', 5, false],
      ['other-school', 5, false],
    ]);
  });
  it('nothing repeated: the list itself, nothing marked', () => {
    const results = [at(5, FULL), at(6, FULL, { id: '530802198001010023' })].map(result);
    expect(countOnce(results).counted).toBe(results);
    expect(results.every((r) => r.teacher.setAside === undefined && r.status === 'complete')).toBe(true);
  });
});
