import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditTeachers } from '../../src/load/teacher-audit.js';
import { loadInput } from '../../src/load/load.js';
import { loadRules, BUILTIN_RULES_DIR } from '../../src/rules/rules.js';
import { packInput, unpackInput } from '../../src/load/transfer.js';
import { sharedInterner } from '../../src/model/intern.js';
import type { TeacherYear } from '../../src/model/types.js';

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
    // Per-record lists with a 角色 column: each teacher's roles cross too (issue 19).
    ['binhai', 'binhai'],
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
    if (dir === 'binhai') expect(new Set((await Promise.all(inputs(dir).map((f) => loadInput(f, { yearOption: 2025 })))).flatMap((l) => l.teachers.flatMap((t) => t.roles ?? [])))).toEqual(new Set(['新任教师', '班主任']));
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

describe('amounts crossing as numbers', () => {
  const audited = async (file: string, rules: string) => {
    const set = loadRules(path.join(BUILTIN_RULES_DIR, `${rules}.yaml`));
    const loaded = await loadInput(file, { yearOption: 2025 });
    return { ...loaded, audited: auditTeachers(loaded.teachers, set) };
  };

  it('a shared (frozen) amount comes back as the one this thread shares, so two files of a batch share it too', async () => {
    const input = await audited(path.join(FIXTURES, 'puer', '2025年度思茅区第一中学.xlsx'), 'puer');
    const a = unpackInput(structuredClone(packInput(input)));
    const b = unpackInput(structuredClone(packInput(input)));
    expect(a.teachers.length).toBeGreaterThan(1);
    a.teachers.forEach((t, i) => {
      const sent = input.teachers[i]!;
      expect(Object.isFrozen(sent.raw)).toBe(true);
      expect(Object.isFrozen(t.raw) && Object.isFrozen(t.raw.online)).toBe(true);
      // The same object from both files, and the one this thread's own reading would give.
      expect(b.teachers[i]!.raw).toBe(t.raw);
      expect(sharedInterner().raw(sent.raw)).toBe(t.raw);
      expect(sharedInterner().declared(sent.declared)).toBe(t.declared);
      // A counted that was the raw itself is still the raw itself (the audit copies it before it changes it).
      expect(t.counted === t.raw).toBe(sent.counted === sent.raw);
    });
  });

  it('an amount of its own (not frozen) comes back as a copy of its own, which the audit may change', async () => {
    const [file] = inputs('hangzhou');
    const input = await audited(file!, 'hangzhou');
    const own = input.teachers.filter((t) => !Object.isFrozen(t.counted));
    expect(own.length).toBeGreaterThan(0);
    const back = unpackInput(structuredClone(packInput(input)));
    input.teachers.forEach((sent, i) => {
      const t = back.teachers[i]!;
      expect(Object.isFrozen(t.counted)).toBe(Object.isFrozen(sent.counted));
      expect(Object.isFrozen(t.raw)).toBe(Object.isFrozen(sent.raw));
      expect(t.counted === t.raw).toBe(sent.counted === sent.raw);
    });
    const t = back.teachers[input.teachers.indexOf(own[0]!)]!;
    t.counted.online.hours += 1;
    expect(t.counted.online.hours).toBe(own[0]!.counted.online.hours + 1);
  });

  it('a declared total keeps null apart from 0, hours and credits each', () => {
    const t = (declared: TeacherYear['declared'], i: number): TeacherYear => ({ ...base, declared, ref: { ...base.ref, row: i + 2 } });
    const declared: Array<TeacherYear['declared']> = [
      { hours: null, credits: 0 },
      { hours: 0, credits: null },
      { hours: null, credits: null },
      Object.freeze({ hours: 0, credits: 0 }),
      { hours: -0, credits: 12.5 },
    ];
    const teachers = declared.map(t);
    const input = {
      summary: {} as never,
      teachers,
      audited: { results: teachers.map((x) => ({ teacher: x, status: 'complete' as const, shortfalls: [] })), findings: [] },
    };
    const back = unpackInput(structuredClone(packInput(input)));
    expect(back.teachers.map((x) => x.declared)).toEqual(declared);
    expect(back.teachers.map((x) => Object.isFrozen(x.declared))).toEqual([false, false, false, true, false]);
  });
});

const zero = { hours: 0, credits: 0 };
const base: TeacherYear = {
  id: '530802198001010014',
  name: '李明',
  gender: '男',
  school: '思茅区第一中学',
  year: 2025,
  subject: '语文',
  title: '一级教师',
  remarks: '',
  raw: { concentrated: zero, online: zero, school: zero, other: zero },
  counted: { concentrated: zero, online: zero, school: zero, other: zero },
  declared: { hours: null, credits: null },
  badValues: [],
  exempt: null,
  ref: { file: 'a.xlsx', sheet: 'Sheet1', row: 2, cell: 'B2' },
  cells: {} as TeacherYear['cells'],
};
