import { z } from 'zod';
import { modeSum, roundNoise } from '../model/amounts.js';
import { MEASURES } from '../model/types.js';
import { NO_DRAFTS, cellRef, type FindingDraft, type TeacherCheck } from './types.js';

const options = z.strictObject({
  hours: z.number().nonnegative().optional(),
  credits: z.number().nonnegative().optional(),
});

/** A year's total (all modes, after caps) must reach the minimum, per measure. */
export const annualTotalMinimum: TeacherCheck<z.infer<typeof options>> = {
  meta: {
    id: 'annual-total-minimum',
    scope: 'teacher',
    title: { zh: '年度总学时学分下限', en: 'Annual total minimum' },
    messages: ['annualTotalBelow'],
    options,
    makesIncomplete: true,
  },
  check(t, o) {
    let out: FindingDraft[] | undefined;
    for (const measure of MEASURES) {
      const required = o[measure];
      if (required === undefined) continue;
      const measured = roundNoise(modeSum(t.counted, measure));
      if (measured < required) {
        const missing = roundNoise(required - measured);
        (out ??= []).push({
          messageId: 'annualTotalBelow',
          data: { measure, measured, required, missing },
          ref: cellRef(t, `total.${measure}`),
          shortfall: { measure, scope: 'total', measured, required, missing },
        });
      }
    }
    return out ?? NO_DRAFTS;
  },
};
