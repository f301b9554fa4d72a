import { describe, expect, it } from 'vitest';
import { cycleHolding, cycleWindow, parseCycleArg } from '../../src/periods/cycle.js';

describe('cycle windows', () => {
  it('parses --cycle and refuses reversed or malformed ranges', () => {
    expect(parseCycleArg('2021-2025')).toEqual({ start: 2021, end: 2025 });
    expect(parseCycleArg('2025-2021')).toBeNull();
    expect(parseCycleArg('2021')).toBeNull();
  });
  it('finds the rule set\'s cycle holding a year', () => {
    expect(cycleHolding(2025, 2021, 5)).toEqual({ start: 2021, end: 2025 });
    expect(cycleHolding(2026, 2021, 5)).toEqual({ start: 2026, end: 2030 });
    expect(cycleHolding(2020, 2021, 5)).toEqual({ start: 2016, end: 2020 });
  });
  it('has ended only when END ≤ the audit year', () => {
    expect(cycleWindow(2021, 2025, 2025).ended).toBe(true);
    expect(cycleWindow(2021, 2025, 2024).ended).toBe(false);
    expect(cycleWindow(2021, 2025, 2024).elapsed).toBe(4);
  });
});
