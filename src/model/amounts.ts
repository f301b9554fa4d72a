import { MODES, type Amount, type Measure, type Mode } from './types.js';

/** Round away binary noise (72.00000000001) before comparing against a minimum. */
export function roundNoise(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/**
 * One measure of the four modes added up, in MODES order from 0 (as a reduce over MODES adds them,
 * to the last bit), by name: every teacher passes here several times (issue 5, profiled).
 */
export function modeSum(a: Record<Mode, Amount>, measure: Measure): number {
  return 0 + a.concentrated[measure] + a.online[measure] + a.school[measure] + a.other[measure];
}

/** Any amount below 0, by name: nearly every teacher has none. */
export function anyNegative(a: Record<Mode, Amount>): boolean {
  return (
    a.concentrated.hours < 0 || a.concentrated.credits < 0 || a.online.hours < 0 || a.online.credits < 0 ||
    a.school.hours < 0 || a.school.credits < 0 || a.other.hours < 0 || a.other.credits < 0
  );
}

// modeSum and anyNegative name every mode: a mode added to MODES must be added there too (this
// fails to compile until then).
const NAMED_MODES: readonly ['concentrated', 'online', 'school', 'other'] = MODES;
void NAMED_MODES;

