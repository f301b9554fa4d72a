import { z } from 'zod';
import { roundNoise } from '../model/amounts.js';
import { MEASURES, MODES } from '../model/types.js';
import { NO_DRAFTS, cellRef, type FindingDraft, type TeacherCheck } from './types.js';

const options = z.strictObject({
  modes: z.array(z.enum(MODES)).min(1),
  hours: z.number().nonnegative().optional(),
  credits: z.number().nonnegative().optional(),
});

/** Each listed mode must reach its own minimum; modes never offset one another (普洱 细则 四(三)). */
export const annualModeMinimum: TeacherCheck<z.infer<typeof options>> = {
  meta: {
    id: 'annual-mode-minimum',
    scope: 'teacher',
    title: { zh: '各研修模式年度下限', en: 'Annual minimum per mode' },
    messages: ['annualModeBelow'],
    options,
    makesIncomplete: true,
  },
  check(t, o) {
    let out: FindingDraft[] | undefined;
    for (const mode of o.modes) {
      for (const measure of MEASURES) {
        const required = o[measure];
        if (required === undefined) continue;
        const measured = roundNoise(t.counted[mode][measure]);
        if (measured < required) {
          const missing = roundNoise(required - measured);
          (out ??= []).push({
            messageId: 'annualModeBelow',
            data: { mode, measure, measured, required, missing },
            ref: cellRef(t, `${mode}.${measure}`),
            shortfall: { measure, scope: mode, measured, required, missing },
          });
        }
      }
    }
    return out ?? NO_DRAFTS;
  },
};
