import { describe, expect, it } from 'vitest';
import { buildCycles, cycleWindow } from '../../src/periods/cycle.js';
import { failedIn, fiveYears, policy, years } from '../helpers/cycles.js';

// The years cycle-every-year and cycle-missing-year read: which years buildCycles counts, drops and
// holds missing, and from when a joiner answers.
describe('buildCycles with every year required', () => {
  it('dropFailedYears leaves the failed year out of the totals (第七条); without it the year counts', () => {
    const list = fiveYears([40, 40, 20, 20, 40, 40]);
    const drop = cycleWindow(2021, 2025, 2025, policy(true), years);
    expect(buildCycles(list, drop, failedIn(list, 2023))[0]!.toDate.online).toEqual({ hours: 160, credits: 160 });
    const keep = cycleWindow(2021, 2025, 2025, policy(false), years);
    expect(buildCycles(list, keep, failedIn(list, 2023))[0]!.toDate.online).toEqual({ hours: 180, credits: 180 });
  });
  it('a year no input covers is not missing for anyone', () => {
    const list = fiveYears([40, 40, 40, 40, 40, 40]).filter((t) => t.year !== 2023);
    const w = cycleWindow(2021, 2025, 2025, policy(true), [2021, 2022, 2024, 2025]);
    expect(buildCycles(list, w)[0]!.missingYears).toEqual([]);
  });
  it('a joiner (exempt first year of service inside the cycle) is not missing the years before, and answers for the years after', () => {
    const list = fiveYears([0, 0, 0, 0, 0, 0]).filter((t) => t.year >= 2023);
    list[0]!.exempt = { reason: 'new-teacher', clause: '第十条', phrase: '新任教师', startsService: true };
    const w = cycleWindow(2021, 2025, 2025, policy(true), years);
    const [c] = buildCycles(list, w);
    expect([c!.joined, c!.missingYears, c!.liable]).toEqual([2023, [], { years: 2, covered: 2 }]);
    // An exemption that does not start service (no firstYearOnly) is no join: the years before are missing.
    list[0]!.exempt = { reason: 'other', clause: 'x' };
    expect(buildCycles(list, w)[0]!.missingYears).toEqual([2021, 2022]);
  });
});
