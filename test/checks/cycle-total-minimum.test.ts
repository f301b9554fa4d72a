import { describe, expect, it } from 'vitest';
import { cycleTotalMinimum } from '../../src/checks/cycle-total-minimum.js';
import { cycle, ended, inProgress } from '../helpers/cycles.js';

describe('cycle-total-minimum (浙教师〔2016〕71号: 360 学分 per 5 years; pace 72 a year)', () => {
  const run = (credits: number, window = inProgress) => cycleTotalMinimum.check(cycle({ online: [0, credits] }), { credits: 360 }, window);
  it.each([
    [288, []],
    [287.5, [{ messageId: 'cycleBehindPace', pace: true, required: 288, missing: 0.5 }]],
  ] as const)('4 of 5 years gone, %d credits', (credits, expected) => {
    expect(run(credits).map((d) => ({ messageId: d.messageId, pace: d.pace, required: d.data.required, missing: d.data.missing }))).toEqual(expected);
  });
  it.each([
    [360, []],
    [359.5, [{ messageId: 'cycleTotalBelow', missing: 0.5, shortfall: true }]],
  ] as const)('cycle ended, %d credits', (credits, expected) => {
    expect(run(credits, ended).map((d) => ({ messageId: d.messageId, missing: d.data.missing, shortfall: Boolean(d.shortfall) }))).toEqual(expected);
  });
  it('is behind pace, never incomplete, before the end', () => {
    expect(run(0).every((d) => d.pace && !d.shortfall)).toBe(true);
  });
});
