import { roundNoise } from '../../model/amounts.js';
import type { CycleWindow, Measure, Mode, TeacherCycle } from '../../model/types.js';
import { requiredOf } from '../../periods/cycle.js';
import type { FindingDraft } from '../types.js';

/**
 * The one rule of every cycle minimum: at the cycle's end, below the minimum is a shortfall (the
 * teacher is incomplete); before it, below the pace (minimum × years covered ÷ length) is
 * "behind pace".
 */
export function cycleMinimum(
  measured: number,
  minimum: number,
  window: CycleWindow,
  liable: TeacherCycle['liable'],
  what: { measure: Measure; scope: Mode | 'total' },
  ref: FindingDraft['ref'],
): FindingDraft[] {
  // Written out, not spread: a province's cycle makes hundreds of thousands of these (issue 5),
  // and spread objects were ~3 µs each. The keys keep the order the spreads gave them.
  const cycle = `${window.start}-${window.end}`;
  const { measure, scope } = what;
  const { full, pace } = requiredOf(minimum, window, liable);
  if (window.ended) {
    if (measured >= full) return [];
    const missing = roundNoise(full - measured);
    const messageId = scope === 'total' ? 'cycleTotalBelow' : 'cycleModeBelow';
    const data = { measure, scope, cycle, measured, required: full, missing };
    const shortfall = { measure, scope, measured, required: full, missing };
    return [ref ? { messageId, data, ref, shortfall } : { messageId, data, shortfall }];
  }
  if (measured >= pace) return [];
  const data = { measure, scope, cycle, measured, required: pace, minimum: full, elapsed: liable.covered, length: window.length, missing: roundNoise(pace - measured) };
  return [ref ? { messageId: 'cycleBehindPace', data, ref, pace: true } : { messageId: 'cycleBehindPace', data, pace: true }];
}
