import { describe, expect, it } from 'vitest';
import { cycleModeShareMaximum } from '../../src/checks/cycle-mode-share-maximum.js';
import { cycle, inProgress } from '../helpers/cycles.js';

describe('cycle-mode-share-maximum (校本 at most one third of the cycle)', () => {
  const opts = { mode: 'school' as const, measure: 'credits' as const, numerator: 1, denominator: 3 };
  it.each([
    [120, 240, 0],
    [121, 239, 1],
  ])('校本 %d of %d + 校本 → %d findings', (school, other, n) => {
    expect(cycleModeShareMaximum.check(cycle({ school: [school, school], online: [other, other] }), opts, inProgress)).toHaveLength(n);
  });
});
