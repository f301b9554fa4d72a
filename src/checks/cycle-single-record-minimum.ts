import { z } from 'zod';
import { MEASURES, MODES } from '../model/types.js';
import type { CycleCheck } from './types.js';

const options = z.strictObject({
  mode: z.enum(MODES),
  measure: z.enum(MEASURES),
  /** One single record of the mode must reach this. */
  minimum: z.number().positive(),
});

/**
 * At least one single training of `mode` reaching `minimum` in the cycle (浙教师〔2010〕175号: one
 * concentrated training of ≥ 90 学分; 温州 一、3: ≥ 90 学时). Needs per-record inputs: a form of
 * yearly totals cannot show it, so such teachers are not judged. Judged at the cycle's end.
 */
export const cycleSingleRecordMinimum: CycleCheck<z.infer<typeof options>> = {
  meta: {
    id: 'cycle-single-record-minimum',
    scope: 'cycle',
    title: { zh: '周期内单次集中培训下限', en: 'One long training in the cycle' },
    messages: ['cycleNoLongTraining'],
    options,
    minimum: true,
  },
  check(c, o, window) {
    if (!c.hasRecords || !window.ended) return [];
    const best = c.records.filter((r) => r.mode === o.mode).reduce((m, r) => Math.max(m, r[o.measure]), 0);
    if (best >= o.minimum) return [];
    return [
      {
        messageId: 'cycleNoLongTraining',
        data: { mode: o.mode, measure: o.measure, minimum: o.minimum, best, cycle: `${window.start}-${window.end}` },
        ref: c.ref,
        shortfall: { measure: o.measure, scope: o.mode, measured: best, required: o.minimum, missing: o.minimum - best },
      },
    ];
  },
};
