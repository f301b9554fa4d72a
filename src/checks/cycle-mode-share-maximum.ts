import { z } from 'zod';
import { modeSum, roundNoise } from '../model/amounts.js';
import { MEASURES, MODES } from '../model/types.js';
import type { CycleCheck } from './types.js';

const options = z.strictObject({
  mode: z.enum(MODES),
  measure: z.enum(MEASURES),
  /** At most numerator/denominator of the cycle total, compared exactly in integers. */
  numerator: z.number().int().positive(),
  denominator: z.number().int().positive(),
});

/** A mode's share of the cycle total (浙教师〔2010〕175号: 校本 at most one third). */
export const cycleModeShareMaximum: CycleCheck<z.infer<typeof options>> = {
  meta: {
    id: 'cycle-mode-share-maximum',
    scope: 'cycle',
    title: { zh: '研修模式占周期比例上限', en: 'Mode share of the cycle' },
    messages: ['cycleModeShareAbove'],
    options,
    makesIncomplete: false,
  },
  check(c, o, window) {
    const part = c.toDate[o.mode][o.measure];
    const total = roundNoise(modeSum(c.toDate, o.measure));
    if (total === 0 || part * o.denominator <= total * o.numerator) return [];
    return [
      {
        messageId: 'cycleModeShareAbove',
        data: { mode: o.mode, measure: o.measure, part, total, share: Math.round((part / total) * 1000) / 10, numerator: o.numerator, denominator: o.denominator, cycle: `${window.start}-${window.end}` },
        ref: c.ref,
      },
    ];
  },
};
