import { z } from 'zod';
import type { CycleCheck, FindingDraft } from './types.js';

const options = z.strictObject({});

/**
 * Every year of the cycle must pass its annual minimums (rule file cycle.everyYear): 普洱 第十条
 * "每年…不少于72学时" with 第七条 (a year is 认定 only when all three modes are met); 浙教师〔2016〕71号
 * 第四条 "周期内累计不少于360学分，每年不少于24学分". A failed year makes an ended cycle incomplete and
 * a running one behind, whatever the totals; each failed year is named.
 */
export const cycleEveryYear: CycleCheck<z.infer<typeof options>> = {
  meta: {
    id: 'cycle-every-year',
    scope: 'cycle',
    title: { zh: '周期内每年均须达标', en: 'Every year of the cycle must pass' },
    messages: ['cycleYearFailed', 'cycleYearFailedDropped'],
    options,
    makesIncomplete: true,
  },
  check(c, _o, window) {
    if (!window.everyYear) return [];
    const cycle = `${window.start}-${window.end}`;
    return c.failedYears.map((year): FindingDraft => {
      const draft: FindingDraft = {
        // Dropped (普洱 第七条): the year's 学时学分 are left out of the cycle totals, and the message says so.
        messageId: window.dropFailedYears ? 'cycleYearFailedDropped' : 'cycleYearFailed',
        data: { year, cycle },
        column: 'year',
        ref: c.years.find((y) => y.year === year)?.ref ?? c.ref,
      };
      return window.ended ? { ...draft, shortfall: { scope: 'year', year, kind: 'failed' } } : { ...draft, pace: true };
    });
  },
};
