import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { joinOthers, othersOf, OTHERS_SHOWN, repeatedGroups, sharingAnId } from '../../src/checks/support/rows.js';
import { duplicateAcrossSchools } from '../../src/checks/duplicate-across-schools.js';
import { duplicateInSchool } from '../../src/checks/duplicate-in-school.js';
import { idNameConflict } from '../../src/checks/id-name-conflict.js';
import type { TeacherYear } from '../../src/model/types.js';
import { at, id, MAN, WOMAN } from '../helpers/identity.js';

/**
 * How batch checks are run at scale (issue 5), across several checks: the engine hands checks marked
 * sameIdOnly only the rows sharing a 身份证号, and a duplicate finding names a bounded list of others.
 */
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
