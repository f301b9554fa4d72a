import { describe, expect, it } from 'vitest';
import { buildCycles, cycleWindow } from '../../src/periods/cycle.js';
import { cycleMissingYear } from '../../src/checks/cycle-missing-year.js';
import { cycle, fiveYears, inProgress, policy, years } from '../helpers/cycles.js';

describe('cycle-missing-year with every year required', () => {
  it('a covered year without a return: a shortfall once ended, pace while running, a plain note without everyYear', () => {
    const list = fiveYears([40, 40, 40, 40, 40, 40]).filter((t) => t.year !== 2023);
    const ended = cycleWindow(2021, 2025, 2025, policy(true), years);
    expect(cycleMissingYear.check(buildCycles(list, ended)[0]!, {}, ended)[0]).toMatchObject({ data: { year: 2023 }, shortfall: { scope: 'year', year: 2023, kind: 'missing' } });
    const running = cycleWindow(2021, 2025, 2024, policy(true), years);
    expect(cycleMissingYear.check(buildCycles(list, running)[0]!, {}, running)[0]).toMatchObject({ data: { year: 2023 }, pace: true });
    const plain = cycleWindow(2021, 2025, 2025, { everyYear: false, dropFailedYears: false, prorate: true }, years);
    const d = cycleMissingYear.check(buildCycles(list, plain)[0]!, {}, plain)[0]!;
    expect([d.shortfall, d.pace]).toEqual([undefined, undefined]);
  });
});

describe('cycle-missing-year', () => {
  it('reports each missing year', () => {
    expect(cycleMissingYear.check(cycle({}, { missingYears: [2022, 2023] }), {}, inProgress).map((d) => d.data.year)).toEqual([2022, 2023]);
    expect(cycleMissingYear.check(cycle({}), {}, inProgress)).toEqual([]);
  });
});
