import { z } from 'zod';
import { roundNoise } from '../model/amounts.js';
import { MODES, SEVERITIES } from '../model/types.js';
import { NO_DRAFTS, cellRef, type FindingDraft, type TeacherCheck } from './types.js';

const limit = z.strictObject({
  mode: z.enum(MODES),
  /** Credits may be at most this many times the hours. */
  factor: z.number().positive(),
  severity: z.enum(SEVERITIES),
  /** Which message explains the limit: the formula's ceiling, or the lecturing rate (第十三条 2). */
  reason: z.enum(['formula', 'lecturing']),
});

const options = z.strictObject({ limits: z.array(limit).min(1) });

/**
 * Credits above what the credit formula can give (普洱 管理办法 第十一条, 第十三条): per mode, the
 * highest limit a row exceeds is reported, with the severity the rule file gives that limit.
 */
export const modeCreditCeiling: TeacherCheck<z.infer<typeof options>> = {
  meta: {
    id: 'mode-credit-ceiling',
    scope: 'teacher',
    title: { zh: '学分超出换算上限', en: 'Credits above the formula ceiling' },
    messages: ['creditsAboveFormula', 'creditsAboveLecturing'],
    options,
    makesIncomplete: false,
  },
  check(t, o) {
    let out: FindingDraft[] | undefined;
    for (const mode of MODES) {
      const { hours, credits } = t.raw[mode];
      // The exceeded limit with the largest factor (the first of equals), found without a list per mode.
      let exceeded: (typeof o.limits)[number] | undefined;
      for (const l of o.limits) if (l.mode === mode && credits > roundNoise(hours * l.factor) && (!exceeded || l.factor > exceeded.factor)) exceeded = l;
      if (!exceeded) continue;
      (out ??= []).push({
        messageId: exceeded.reason === 'lecturing' ? 'creditsAboveLecturing' : 'creditsAboveFormula',
        data: { mode, hours, credits, factor: exceeded.factor, ceiling: roundNoise(hours * exceeded.factor) },
        ref: cellRef(t, `${mode}.credits`),
        severity: exceeded.severity,
      });
    }
    return out ?? NO_DRAFTS;
  },
};
