import { describe, expect, it } from 'vitest';
import { cycleWindow } from '../../src/periods/cycle.js';
import { cycleModeMinimum } from '../../src/checks/cycle-mode-minimum.js';
import type { Mode } from '../../src/model/types.js';
import { cycle } from '../helpers/cycles.js';

describe('cycle-mode-minimum (普洱 细则 三: each mode ≥ 120 学时 per cycle)', () => {
  const opts = { modes: ['online'] as Mode[], hours: 120, per: {} };
  it.each([
    [120, 0],
    [119.5, 1],
  ])('ended, %d online hours → %d findings', (hours, n) => {
    expect(cycleModeMinimum.check(cycle({ online: [hours, hours] }), opts, cycleWindow(2021, 2025, 2025))).toHaveLength(n);
  });
  it('paces each mode: 3 of 5 years gone needs 72', () => {
    const w = cycleWindow(2021, 2025, 2023);
    const three = { liable: { years: 5, covered: 3 } };
    expect(cycleModeMinimum.check(cycle({ online: [72, 72] }, three), opts, w)).toEqual([]);
    expect(cycleModeMinimum.check(cycle({ online: [71.5, 72] }, three), opts, w)[0]?.data).toMatchObject({ required: 72, missing: 0.5 });
  });
});

describe('cycle-mode-minimum per-mode minimums (普洱 细则 三 校本研修模块: 校本 ≥ 120 学分)', () => {
  const opts = { modes: ['concentrated', 'online', 'school'] as Mode[], hours: 120, per: { school: { credits: 120 } } };
  const all = (schoolCredits: number) => cycle({ concentrated: [120, 120], online: [120, 120], school: [240, schoolCredits] });
  it.each([
    [120, []],
    [116, ['school.credits']],
  ] as const)('校本 240 学时 with %d 学分', (credits, expected) => {
    const got = cycleModeMinimum.check(all(credits), opts, cycleWindow(2021, 2025, 2025));
    expect(got.map((d) => `${d.data.scope}.${d.data.measure}`)).toEqual(expected);
  });
  it('credits of the other modes are not required where only hours are given', () => {
    expect(cycleModeMinimum.check(cycle({ concentrated: [120, 0], online: [120, 0], school: [120, 120] }), opts, cycleWindow(2021, 2025, 2025))).toEqual([]);
  });
});
