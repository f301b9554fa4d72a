import { describe, expect, it } from 'vitest';
import { buildCycles, cycleWindow } from '../../src/periods/cycle.js';
import { cycleEveryYear } from '../../src/checks/cycle-every-year.js';
import { failedIn, fiveYears, policy, years } from '../helpers/cycles.js';

describe('cycle-every-year (普洱 第十条, 第七条; 浙教师〔2016〕71号 第四条)', () => {
  it('names a failed year; an ended cycle is incomplete (a shortfall), a running one behind (pace)', () => {
    const list = fiveYears([40, 40, 20, 20, 40, 40]);
    const ended = cycleWindow(2021, 2025, 2025, policy(true), years);
    const [c] = buildCycles(list, ended, failedIn(list, 2023));
    expect(cycleEveryYear.check(c!, {}, ended)).toEqual([
      { messageId: 'cycleYearFailedDropped', data: { year: 2023, cycle: '2021-2025' }, column: 'year', ref: list[2]!.ref, shortfall: { scope: 'year', year: 2023, kind: 'failed' } },
    ]);
    const running = cycleWindow(2021, 2025, 2024, policy(false), years);
    const [r] = buildCycles(list.slice(0, 4), running, failedIn(list, 2023));
    expect(cycleEveryYear.check(r!, {}, running)).toEqual([{ messageId: 'cycleYearFailed', data: { year: 2023, cycle: '2021-2025' }, column: 'year', ref: list[2]!.ref, pace: true }]);
  });
  it('reports nothing when every year passed, nor when the rule set does not ask for every year', () => {
    const list = fiveYears([40, 40, 40, 40, 40, 40]);
    const w = cycleWindow(2021, 2025, 2025, policy(true), years);
    expect(cycleEveryYear.check(buildCycles(list, w)[0]!, {}, w)).toEqual([]);
    const off = cycleWindow(2021, 2025, 2025, { everyYear: false, dropFailedYears: false, prorate: true }, years);
    expect(cycleEveryYear.check(buildCycles(list, off, failedIn(list, 2023))[0]!, {}, off)).toEqual([]);
  });
});
