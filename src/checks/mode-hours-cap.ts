import { z } from 'zod';
import { roundNoise } from '../model/amounts.js';
import { NO_DRAFTS, cellRef, type FindingDraft, type TeacherCheck } from './types.js';

const options = z.strictObject({});

/**
 * Reports where the rule set's caps (rule file `caps`, e.g. 普洱 附件3 三: 校本研修 at most 48 学时)
 * left part of a declared amount uncounted. The cap itself is applied before any check runs.
 */
export const modeHoursCap: TeacherCheck<z.infer<typeof options>> = {
  meta: {
    id: 'mode-hours-cap',
    scope: 'teacher',
    title: { zh: '超出上限部分不计', en: 'Amount above a cap not counted' },
    messages: ['aboveCap', 'aboveCapScaled'],
    options,
    makesIncomplete: false,
  },
  check(t) {
    if (!t.capped?.length) return NO_DRAFTS;
    return t.capped.map(
      (c): FindingDraft =>
        c.scaledBy
          ? {
              messageId: 'aboveCapScaled',
              data: { mode: c.mode, measure: c.measure, scaledBy: c.scaledBy, declared: c.before, counted: c.after, excess: roundNoise(c.before - c.after) },
              ref: cellRef(t, `${c.mode}.${c.measure}`),
            }
          : {
              messageId: 'aboveCap',
              data: { mode: c.mode, measure: c.measure, declared: c.before, counted: c.after, excess: roundNoise(c.before - c.after) },
              ref: cellRef(t, `${c.mode}.${c.measure}`),
            },
    );
  },
};
