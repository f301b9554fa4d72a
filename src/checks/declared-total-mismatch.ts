import { z } from 'zod';
import { modeSum, roundNoise } from '../model/amounts.js';
import { MEASURES } from '../model/types.js';
import { NO_DRAFTS, cellRef, type FindingDraft, type TeacherCheck } from './types.js';

const options = z.strictObject({
  /** Differences up to this are rounding, not errors. */
  tolerance: z.number().nonnegative().default(0.01),
});

/**
 * The form's 全年汇总 (总学时/总学分) must equal the sum of the modes as declared. The audit uses
 * the components; the declared total is reported (REGULATIONS.md puer, last Annual point).
 */
export const declaredTotalMismatch: TeacherCheck<z.infer<typeof options>> = {
  meta: {
    id: 'declared-total-mismatch',
    scope: 'teacher',
    title: { zh: '全年汇总与分项之和不符', en: 'Declared total differs from the sum of modes' },
    messages: ['totalMismatch'],
    options,
    makesIncomplete: false,
  },
  check(t, o) {
    let out: FindingDraft[] | undefined;
    for (const measure of MEASURES) {
      const declared = t.declared[measure];
      if (declared === null) continue;
      const sum = roundNoise(modeSum(t.raw, measure));
      if (Math.abs(roundNoise(declared - sum)) > o.tolerance) {
        (out ??= []).push({
          messageId: 'totalMismatch',
          data: { measure, declared, sum, difference: roundNoise(declared - sum) },
          ref: cellRef(t, `total.${measure}`),
        });
      }
    }
    return out ?? NO_DRAFTS;
  },
};
