import { z } from 'zod';
import type { CycleCheck, FindingDraft } from './types.js';

const options = z.strictObject({});

/**
 * A year of the cycle the inputs cover but the teacher has no return for: reported, never guessed.
 * Where every year must pass (cycle.everyYear: 普洱 第十条, 浙教师〔2016〕71号 第四条), an ended
 * cycle with such a year is incomplete, and a running one is behind. Years before a joiner's
 * first year are not missing (src/audit/cycle.ts).
 */
export const cycleMissingYear: CycleCheck<z.infer<typeof options>> = {
  meta: {
    id: 'cycle-missing-year',
    scope: 'cycle',
    title: { zh: '周期内缺少年度记录', en: 'Year missing in the cycle' },
    messages: ['cycleYearMissing'],
    options,
    makesIncomplete: true,
  },
  check(c, _o, window) {
    const cycle = `${window.start}-${window.end}`;
    return c.missingYears.map((year): FindingDraft => {
      const draft: FindingDraft = { messageId: 'cycleYearMissing', data: { year, cycle }, ref: c.ref, column: 'year' };
      if (!window.everyYear) return draft;
      return window.ended ? { ...draft, shortfall: { scope: 'year', year, kind: 'missing' } } : { ...draft, pace: true };
    });
  },
};
