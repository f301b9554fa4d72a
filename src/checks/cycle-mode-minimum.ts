import { z } from 'zod';
import { MEASURES, MODES } from '../model/types.js';
import { cycleMinimum } from '../audit/cycle.js';
import type { CycleCheck, FindingDraft } from './types.js';

const options = z.strictObject({
  modes: z.array(z.enum(MODES)).min(1),
  hours: z.number().nonnegative().optional(),
  credits: z.number().nonnegative().optional(),
});

/** Each mode over the cycle (普洱 细则 三: 网络, 集中, 校本 each ≥ 120 学时 per 5 years), with pace. */
export const cycleModeMinimum: CycleCheck<z.infer<typeof options>> = {
  meta: {
    id: 'cycle-mode-minimum',
    scope: 'cycle',
    title: { zh: '各研修模式周期下限', en: 'Cycle minimum per mode' },
    messages: ['cycleModeBelow', 'cycleBehindPace'],
    options,
    minimum: true,
  },
  check(c, o, window) {
    const out: FindingDraft[] = [];
    for (const mode of o.modes) {
      for (const measure of MEASURES) {
        const minimum = o[measure];
        if (minimum === undefined) continue;
        out.push(...cycleMinimum(c.toDate[mode][measure], minimum, window, { measure, scope: mode }, c.ref));
      }
    }
    return out;
  },
};
