import { z } from 'zod';
import type { CycleCheck } from './types.js';

const options = z.strictObject({});

/** A year of the cycle the inputs cover but the teacher has no return for: reported, never guessed. */
export const cycleMissingYear: CycleCheck<z.infer<typeof options>> = {
  meta: {
    id: 'cycle-missing-year',
    scope: 'cycle',
    title: { zh: '周期内缺少年度记录', en: 'Year missing in the cycle' },
    messages: ['cycleYearMissing'],
    options,
    minimum: false,
  },
  check(c, _o, window) {
    return c.missingYears.map((year) => ({ messageId: 'cycleYearMissing', data: { year, cycle: `${window.start}-${window.end}` }, ref: c.ref }));
  },
};
