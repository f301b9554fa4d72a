import { z } from 'zod';
import { SEVERITIES } from '../model/types.js';
import { type SchoolCheck } from './types.js';

const options = z.strictObject({
  /** Flag at this share or more, in whole percent: compared exactly as incomplete × 100 ≥ audited × percent. */
  percent: z.number().int().min(1).max(100),
  /**
   * The severity of the flag over a whole cycle. 普洱 细则 五(三) speaks of "当年": the yearly flag
   * is the rule (the check's severity); the cycle's share is an indicator, reported at this one.
   */
  cycleSeverity: z.enum(SEVERITIES).default('warning'),
});

/**
 * A school where `percent` % or more of its audited teachers are incomplete is flagged
 * (普洱 细则 五(三): 20 %, "20%及以上" — exactly 20 % is flagged; 1 of 5 is, 1 of 6 is not).
 */
export const schoolIncompleteShare: SchoolCheck<z.infer<typeof options>> = {
  meta: {
    id: 'school-incomplete-share',
    scope: 'school',
    title: { zh: '学校未完成比例', en: 'School incomplete share' },
    messages: ['schoolFlagged', 'schoolFlaggedCycle'],
    options,
    makesIncomplete: false,
    flagsSchool: true,
  },
  check(s, o) {
    if (s.teachers === 0 || s.incomplete * 100 < s.teachers * o.percent) return [];
    const cycle = s.year === null;
    return [
      {
        messageId: cycle ? 'schoolFlaggedCycle' : 'schoolFlagged',
        data: {
          incomplete: s.incomplete,
          teachers: s.teachers,
          percent: o.percent,
          share: Math.round((s.incomplete / s.teachers) * 1000) / 10,
          // The cycle's flag names its cycle: read beside the yearly flags, it must not pass for one (issue 20).
          ...(cycle ? { cycle: s.period ?? '' } : {}),
        },
        ...(cycle ? { severity: o.cycleSeverity } : {}),
        ...(s.ref ? { ref: s.ref } : {}),
      },
    ];
  },
};
