import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { joinOthers, othersOf, OTHERS_SHOWN, repeatedGroups, sharingAnId } from '../../src/checks/support/rows.js';
import { duplicateAcrossSchools } from '../../src/checks/duplicate-across-schools.js';
import { duplicateInSchool } from '../../src/checks/duplicate-in-school.js';
import { genderOf, idGenderMismatch } from '../../src/checks/id-gender-mismatch.js';
import { idNameConflict } from '../../src/checks/id-name-conflict.js';
import { idNumberInvalid } from '../../src/checks/id-number-invalid.js';
import { teacherIdentityMissing } from '../../src/checks/teacher-identity-missing.js';
import { idCheckChar } from '../../src/model/idcard.js';
import type { TeacherYear } from '../../src/model/types.js';
import { teacherYear } from '../helpers/teacher.js';

/** A valid 身份证号 for a birth date and sequence (the 17th digit: odd for men). */
const id = (birth: string, seq = '001') => `530802${birth}${seq}${idCheckChar(`530802${birth}${seq}`)}`;
const MAN = id('19800101', '001'); // 530802198001010013
const WOMAN = id('19800101', '002'); // 530802198001010021

const at = (row: number, extra: Partial<TeacherYear> = {}, file = 'a.xlsx') =>
  teacherYear([24, 24, 24, 24, 24, 24], { ref: { file, sheet: 'Sheet1', row, cell: `B${row}` }, cells: { name: 1, id: 3, gender: 2 }, ...extra });

describe('id-number-invalid (GB 11643-1999)', () => {
  const run = (t: TeacherYear) => idNumberInvalid.check(t, {}).map((d) => ({ messageId: d.messageId, ...d.data }));
  it.each([
    ['a valid number', MAN, []],
    ['the standard\'s own example, check character X', '11010519491231002X', []],
    ['born 2000-02-29 (a leap day)', id('20000229', '002'), []],
    ['born in the year of the return', id('20250101', '002'), []],
    ['a wrong check character', MAN.slice(0, 17) + '4', [{ messageId: 'idCheckChar', id: MAN.slice(0, 17) + '4' }]],
    ['17 characters', MAN.slice(0, 17), [{ messageId: 'idLength', id: MAN.slice(0, 17), length: 17 }]],
    ['19 characters', MAN + '1', [{ messageId: 'idLength', id: MAN + '1', length: 19 }]],
    ['a letter inside', '5308021980O1010013', [{ messageId: 'idCharacters', id: '5308021980O1010013' }]],
    ['born 1900-02-29 (1900 was no leap year)', id('19000229', '002'), [{ messageId: 'idBirthDate', id: id('19000229', '002'), birth: '1900-02-29' }]],
    ['born 1987-02-30', id('19870230', '002'), [{ messageId: 'idBirthDate', id: id('19870230', '002'), birth: '1987-02-30' }]],
    ['born the year after the return', id('20260101', '002'), [{ messageId: 'idBirthDate', id: id('20260101', '002'), birth: '2026-01-01' }]],
    ['a 15-digit first-generation number', '530802800101001', [{ messageId: 'idOld15', id: '530802800101001' }]],
    ['scientific notation from a number cell', '5.30802E+17', [{ messageId: 'idStoredAsNumber', id: '5.30802E+17' }]],
  ])('%s', (_, value, expected) => expect(run(at(5, { id: value, year: 2025 }))).toEqual(expected));

  it('a cell that held a number is reported even when its digits happen to check', () =>
    expect(run(at(5, { id: MAN, idFromNumber: true }))).toEqual([{ messageId: 'idStoredAsNumber', id: MAN }]));
  it('a blank 身份证号 is left to teacher-identity-missing', () => expect(run(at(5, { id: '' }))).toEqual([]));
  it('cites the 身份证号 cell', () => expect(idNumberInvalid.check(at(7, { id: MAN.slice(0, 17) + '4' }), {})[0]!.ref?.cell).toBe('D7'));
});

describe('id-gender-mismatch (the 17th digit: odd men, even women)', () => {
  const run = (idValue: string, gender: string, extra: Partial<TeacherYear> = {}) => idGenderMismatch.check(at(5, { id: idValue, gender, ...extra }), {}).map((d) => d.data);
  it.each([
    [MAN, '男', []],
    [WOMAN, '女', []],
    [MAN, ' 男性 ', []],
    [WOMAN, 'F', []],
    [MAN, '女', [{ id: MAN, gender: '女', idGender: '男' }]],
    [WOMAN, '男', [{ id: WOMAN, gender: '男', idGender: '女' }]],
    [WOMAN, 'male', [{ id: WOMAN, gender: 'male', idGender: '女' }]],
  ])('%s with 性别 "%s"', (idValue, gender, expected) => expect(run(idValue, gender)).toEqual(expected));
  it('does not compare a blank or unreadable 性别', () => {
    expect(run(MAN, '')).toEqual([]);
    expect(run(MAN, '未知')).toEqual([]);
  });
  it('does not compare a 身份证号 that is not 18 characters, or one read from a number', () => {
    expect(run('530802800101002', '男')).toEqual([]);
    expect(run(WOMAN, '男', { idFromNumber: true })).toEqual([]);
  });
  it('cites the 性别 cell', () => expect(idGenderMismatch.check(at(9, { id: MAN, gender: '女' }), {})[0]!.ref?.cell).toBe('C9'));
  it('reads the ways forms write 性别', () => expect(['男', '女', '男性', '女性', 'M', 'f', 'Male', 'FEMALE', '1'].map(genderOf)).toEqual(['男', '女', '男', '女', '男', '女', '男', '女', null]));
});

describe('teacher-identity-missing', () => {
  const run = (t: TeacherYear) => teacherIdentityMissing.check(t, {}).map((d) => ({ messageId: d.messageId, cell: d.ref?.cell }));
  it('nothing when both are there', () => expect(run(at(5, { id: MAN, name: '张丽' }))).toEqual([]));
  it('no name', () => expect(run(at(5, { id: MAN, name: '' }))).toEqual([{ messageId: 'nameMissing', cell: 'B5' }]));
  it('no 身份证号', () => expect(run(at(5, { id: '', name: '张丽' }))).toEqual([{ messageId: 'idMissing', cell: 'D5' }]));
  it('neither', () => expect(run(at(5, { id: '', name: '' }))).toEqual([{ messageId: 'nameMissing', cell: 'B5' }, { messageId: 'idMissing', cell: 'D5' }]));
});

describe('duplicate-in-school (one teacher once per school and year)', () => {
  const run = (ts: TeacherYear[]) => duplicateInSchool.check(ts, {}).map((d) => ({ row: d.teacher!.ref.row, ...d.data }));
  it('one row each: nothing', () => expect(run([at(5, { id: MAN }), at(6, { id: WOMAN })])).toEqual([]));
  it('the same 身份证号 twice: both rows, each naming the other', () =>
    expect(run([at(5, { id: MAN }), at(6, { id: WOMAN }), at(9, { id: MAN })])).toEqual([
      { row: 5, id: MAN, count: 2, others: 'B9', counted: 'B5' },
      { row: 9, id: MAN, count: 2, others: 'B5', counted: 'B5' },
    ]));
  it('three times, and in another file of the same school', () =>
    expect(run([at(5, { id: MAN }), at(9, { id: MAN }), at(7, { id: MAN }, 'dir/b.xlsx')]).map((x) => (x as Record<string, unknown>).others)).toEqual(['B9, b.xlsx!B7', 'B5, b.xlsx!B7', 'a.xlsx!B5, a.xlsx!B9']));
  it('the same 身份证号 in another year or another school is not a duplicate here', () => {
    expect(run([at(5, { id: MAN, year: 2024 }), at(6, { id: MAN, year: 2025 })])).toEqual([]);
    expect(run([at(5, { id: MAN, school: '甲校' }), at(6, { id: MAN, school: '乙校' })])).toEqual([]);
  });
  it('rows without a 身份证号 are not duplicates of each other', () => expect(run([at(5, { id: '' }), at(6, { id: '' })])).toEqual([]));
  it('names the row the engine counts (the other marked set aside), wherever it stands', () => {
    const kept = at(9, { id: MAN });
    expect(run([at(5, { id: MAN, setAside: { reason: 'same-school', kept, identical: false } }), kept]).map((x) => (x as Record<string, unknown>).counted)).toEqual(['B9', 'B9']);
  });
});

describe('duplicate-across-schools (细则 五(二): a moving teacher; both rows cited)', () => {
  const run = (ts: TeacherYear[]) => duplicateAcrossSchools.check(ts, {}).map((d) => ({ school: d.teacher!.school, ...d.data }));
  it('two schools, one year: each row names the other school and its cell', () =>
    expect(run([at(5, { id: MAN, school: '思茅区第一中学' }, 'x/一中.xlsx'), at(8, { id: MAN, school: '思茅区第三中学' }, 'x/三中.xlsx')])).toEqual([
      { school: '思茅区第一中学', id: MAN, year: 2025, others: '思茅区第三中学（三中.xlsx!B8）', counted: '思茅区第一中学（B5）' },
      { school: '思茅区第三中学', id: MAN, year: 2025, others: '思茅区第一中学（一中.xlsx!B5）', counted: '思茅区第一中学（一中.xlsx!B5）' },
    ]));
  it('two schools in different years is a move, not a duplicate', () =>
    expect(run([at(5, { id: MAN, school: '甲校', year: 2024 }), at(8, { id: MAN, school: '乙校', year: 2025 })])).toEqual([]));
  it('twice in the same school is duplicate-in-school, not this', () => expect(run([at(5, { id: MAN }), at(8, { id: MAN })])).toEqual([]));
});

describe('id-name-conflict (one 身份证号, one person)', () => {
  const run = (ts: TeacherYear[]) => idNameConflict.check(ts, {}).map((d) => ({ row: d.teacher!.ref.row, ...d.data }));
  it('the same name everywhere: nothing', () => expect(run([at(5, { id: MAN, name: '张丽' }), at(6, { id: MAN, name: '张丽', year: 2024 })])).toEqual([]));
  it('two names, in any year: every row, with the other names', () =>
    expect(run([at(5, { id: MAN, name: '张丽' }), at(6, { id: MAN, name: '张莉', year: 2024 }, 'b.xlsx')])).toEqual([
      { row: 5, id: MAN, name: '张丽', others: '张莉（b.xlsx!B6）' },
      { row: 6, id: MAN, name: '张莉', others: '张丽（a.xlsx!B5）' },
    ]));
  it('a row with no name does not conflict (teacher-identity-missing reports it)', () => expect(run([at(5, { id: MAN, name: '张丽' }), at(6, { id: MAN, name: '' })])).toEqual([]));
});

describe('batch checks marked sameIdOnly see only teachers sharing a 身份证号 (issue 5)', () => {
  const people = [MAN, WOMAN, id('19750505', '003'), id('19900909', '004')];
  const rowsOf = (picks: Array<[number, number, number, number]>) =>
    picks.map(([who, school, name, year], i) =>
      at(i + 2, { id: who < people.length ? people[who]! : '', school: ['一中', '二中'][school]!, name: ['张三', '李四'][name]!, year: 2024 + year }, `f${school}.xlsx`),
    );

  it('sharingAnId keeps every row of a repeated 身份证号, in order, and nothing else', () => {
    const rows = rowsOf([[0, 0, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0], [4, 0, 0, 0], [4, 1, 0, 0], [2, 0, 0, 0]]);
    expect(sharingAnId(rows).map((t) => t.ref.row)).toEqual([2, 4]);
    expect(sharingAnId(rowsOf([[0, 0, 0, 0], [1, 0, 0, 0]]))).toEqual([]);
  });

  it('sharingAnId agrees with counting by a Map over thousands of IDs (its own hash table, collisions included)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 5000 }), (picks) => {
        const rows = picks.map((p, i) => ({ id: p === 0 ? '' : id('19800101', String(p).padStart(3, '0').slice(-3)) + (p > 999 ? String(p) : ''), i }));
        const count = new Map<string, number>();
        for (const r of rows) if (r.id) count.set(r.id, (count.get(r.id) ?? 0) + 1);
        expect(sharingAnId(rows).map((r) => r.i)).toEqual(rows.filter((r) => r.id && count.get(r.id)! > 1).map((r) => r.i));
      }),
      { numRuns: 30 },
    );
  });

  it('repeatedGroups gives the groups a key of ID, school and year gives (rows in order), without making the keys', () => {
    // The reference: a Map keyed by the whole key, as the checks grouped before (issue 5).
    const byKey = (rows: TeacherYear[], key: (t: TeacherYear) => string) => {
      const m = new Map<string, TeacherYear[]>();
      for (const t of rows) if (t.id) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
      return [...m.values()].filter((g) => g.length > 1);
    };
    const rowsOfGroups = (groups: TeacherYear[][]) => groups.map((g) => g.map((t) => t.ref.row)).sort((a, b) => a[0]! - b[0]!);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(4), fc.nat(1), fc.nat(1), fc.nat(2)), { maxLength: 40 }), (picks) => {
        const rows = rowsOf(picks.map(([w, s, n, y]) => [w, s, n, y % 2]) as Array<[number, number, number, number]>);
        expect(rowsOfGroups(repeatedGroups(rows, (a, b) => a.school === b.school && a.year === b.year))).toEqual(
          rowsOfGroups(byKey(rows, (t) => `${t.school}|${t.year}|${t.id}`)),
        );
        expect(rowsOfGroups(repeatedGroups(rows, (a, b) => a.year === b.year))).toEqual(rowsOfGroups(byKey(rows, (t) => `${t.year}|${t.id}`)));
        expect(rowsOfGroups(repeatedGroups(rows, () => true))).toEqual(rowsOfGroups(byKey(rows, (t) => t.id)));
      }),
    );
  });

  it('each such check finds the same on the subset as on every teacher', () => {
    const checks = [duplicateInSchool, duplicateAcrossSchools, idNameConflict];
    expect(checks.every((c) => c.meta.sameIdOnly)).toBe(true);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(4), fc.nat(1), fc.nat(1), fc.nat(1)), { maxLength: 12 }), (picks) => {
        const rows = rowsOf(picks as Array<[number, number, number, number]>);
        for (const c of checks) expect(c.check(sharingAnId(rows), {})).toEqual(c.check(rows, {}));
      }),
    );
  });
});

describe('the other rows a duplicate finding names (issue 5: one ID copied down 20 000 rows)', () => {
  it('are the first rows of another key, in input order, with their number: as filtering every row gave them', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(3), { maxLength: 60 }), (keys) => {
        const rows = keys.map((k, i) => ({ k, i }));
        const others = othersOf(rows, (r) => r.k);
        rows.forEach((r, i) => {
          const all = rows.filter((o) => o.k !== r.k);
          expect(others(i)).toEqual({ shown: all.slice(0, OTHERS_SHOWN), count: all.length });
        });
      }),
    );
  });

  it('name ten others whole; an eleventh is counted, not named', () => {
    const names = Array.from({ length: OTHERS_SHOWN }, (_, i) => `B${i + 2}`);
    expect(joinOthers(names, OTHERS_SHOWN, ', ')).toBe(names.join(', '));
    expect(joinOthers(names, OTHERS_SHOWN + 1, ', ')).toBe(`${names.join(', ')}, …（+1）`);
    expect(joinOthers(names, 19_989 + OTHERS_SHOWN, '、')).toBe(`${names.join('、')}、…（+19989）`);
  });

  it('one 身份证号 in 20 000 rows of a school: every row reported, each naming ten others and counting the rest', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => at(i + 6, { id: MAN, name: i % 2 ? '张丽' : '张莉' }));
    const inSchool = duplicateInSchool.check(rows, {});
    expect(inSchool).toHaveLength(20_000);
    expect(inSchool[0]!.data.others).toBe('B7, B8, B9, B10, B11, B12, B13, B14, B15, B16, …（+19989）');
    expect(inSchool[0]!.data.count).toBe(20_000);
    const names = idNameConflict.check(rows, {});
    expect(names).toHaveLength(20_000);
    expect(names[0]!.data.others).toBe('张丽（B7）、张丽（B9）、张丽（B11）、张丽（B13）、张丽（B15）、张丽（B17）、张丽（B19）、张丽（B21）、张丽（B23）、张丽（B25）、…（+9990）');
  });
});
