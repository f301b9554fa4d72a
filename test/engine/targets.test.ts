import { describe, expect, it } from 'vitest';
import { auditTargets } from '../../src/engine/targets.js';
import type { TeacherResult, TeacherStatus } from '../../src/model/types.js';
import { teacherYear } from '../helpers/teacher.js';

const def = { targets: { coverage: 98, completion: 95, clause: '三(二)1' } };
/** `n` teacher-years of 2023 with `hours` each and a status. */
const many = (n: number, hours: number, status: TeacherStatus): TeacherResult[] =>
  Array.from({ length: n }, () => ({ teacher: teacherYear([hours, 0, 0, 0, 0, 0], { year: 2023 }), status, shortfalls: [] }));
const pick = (rs: TeacherResult[]) => auditTargets(rs, def)!.map(({ key, count, of, share, met }) => ({ key, count, of, share, met }));

describe('district targets (滨海 三(二)1: coverage ≥ 98 %, completion ≥ 95 %)', () => {
  it('49 of 50 covered is exactly 98 %: met; 48 of 49 (97.96 %) is not', () => {
    expect(pick([...many(49, 96, 'complete'), ...many(1, 0, 'incomplete')])[0]).toEqual({ key: 'coverage', count: 49, of: 50, share: 98, met: true });
    expect(pick([...many(48, 96, 'complete'), ...many(1, 0, 'incomplete')])[0]).toMatchObject({ key: 'coverage', count: 48, of: 49, met: false });
  });

  it('completion: 19 of 20 is exactly 95 %, met; 18 of 20 is not', () => {
    expect(pick([...many(19, 96, 'complete'), ...many(1, 50, 'incomplete')])[1]).toEqual({ key: 'completion', count: 19, of: 20, share: 95, met: true });
    expect(pick([...many(18, 96, 'complete'), ...many(2, 50, 'incomplete')])[1]).toEqual({ key: 'completion', count: 18, of: 20, share: 90, met: false });
  });

  it('an exempt teacher is listed for coverage and left out of completion', () => {
    expect(pick([...many(19, 96, 'complete'), ...many(1, 0, 'exempt')])).toEqual([
      { key: 'coverage', count: 19, of: 20, share: 95, met: false },
      { key: 'completion', count: 19, of: 19, share: 100, met: true },
    ]);
  });

  it('per year, and none without targets in the rule set', () => {
    const rs = [...many(1, 96, 'complete'), { ...many(1, 0, 'incomplete')[0]!, teacher: teacherYear([0, 0, 0, 0, 0, 0], { year: 2024 }) }];
    expect(auditTargets(rs, def)!.map((t) => `${t.key} ${t.year} ${t.count}/${t.of}`)).toEqual(['coverage 2023 1/1', 'completion 2023 1/1', 'coverage 2024 0/1', 'completion 2024 0/1']);
    expect(auditTargets(rs, {})).toBeNull();
  });
});
