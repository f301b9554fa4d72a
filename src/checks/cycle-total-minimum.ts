import { z } from 'zod';
import { modeSum, roundNoise } from '../model/amounts.js';
import { MEASURES } from '../model/types.js';
import { cycleMinimum } from './support/cycle-minimum.js';
import { requiredOf } from '../periods/cycle.js';
import type { CycleCheck, FindingDraft } from './types.js';

const options = z.strictObject({
  hours: z.number().nonnegative().optional(),
  credits: z.number().nonnegative().optional(),
});

/** The cycle's total (普洱 第十条: ≥ 360 学时 and ≥ 360 学分; 浙教师〔2016〕71号: ≥ 360 学分), with pace. */
export const cycleTotalMinimum: CycleCheck<z.infer<typeof options>> = {
  meta: {
    id: 'cycle-total-minimum',
    scope: 'cycle',
    title: { zh: '周期总学时学分下限', en: 'Cycle total minimum' },
    messages: ['cycleTotalBelow', 'cycleBehindPace'],
    options,
    makesIncomplete: true,
  },
  check(c, o, window) {
    const out: FindingDraft[] = [];
    for (const measure of MEASURES) {
      const minimum = o[measure];
      if (minimum === undefined) continue;
      const measured = roundNoise(modeSum(c.toDate, measure));
      out.push(...cycleMinimum(measured, minimum, window, c.liable, { measure, scope: 'total' }, c.ref));
    }
    return out;
  },
  requires(c, o, window) {
    const out: Partial<Record<'hours' | 'credits', { full: number; pace: number }>> = {};
    for (const measure of MEASURES) if (o[measure] !== undefined) out[measure] = requiredOf(o[measure]!, window, c.liable);
    return out;
  },
};
