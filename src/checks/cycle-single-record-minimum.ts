import { z } from 'zod';
import { MEASURES, MODES, type Measure, type Mode, type TrainingRecord } from '../model/types.js';
import { roundNoise } from '../model/amounts.js';
import type { CycleCheck } from './types.js';

const options = z.strictObject({
  mode: z.enum(MODES),
  measure: z.enum(MEASURES),
  /** One single training of the mode must reach this. */
  minimum: z.number().positive(),
  /**
   * `projectId`: records sharing a 项目编号 are one training delivered in phases (seed 004 §四,
   * 送培到校), their amounts added; records without one stand alone. `none`: every record alone.
   */
  groupBy: z.enum(['projectId', 'none']).default('projectId'),
});

/**
 * The largest single training of `mode` among counted records: records of one project (by
 * 项目编号, when grouped) add up; records of different projects never do (温州 一、3: two records of
 * 45 are not one of 90).
 */
export function longestTraining(records: readonly TrainingRecord[], mode: Mode, measure: Measure, groupBy: 'projectId' | 'none'): number {
  let best = 0;
  const byProject = groupBy === 'projectId' ? new Map<string, number>() : null;
  for (const r of records) {
    if (r.mode !== mode) continue;
    if (byProject && r.projectId) {
      const sum = roundNoise((byProject.get(r.projectId) ?? 0) + r[measure]);
      byProject.set(r.projectId, sum);
      if (sum > best) best = sum;
    } else if (r[measure] > best) best = r[measure];
  }
  return best;
}

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
    makesIncomplete: true,
  },
  check(c, o, window) {
    if (!c.hasRecords || !window.ended) return [];
    const best = longestTraining(c.records, o.mode, o.measure, o.groupBy);
    if (best >= o.minimum) return [];
    return [
      {
        messageId: 'cycleNoLongTraining',
        data: { mode: o.mode, measure: o.measure, minimum: o.minimum, best, cycle: `${window.start}-${window.end}` },
        ref: c.ref,
        shortfall: { measure: o.measure, scope: o.mode, measured: best, required: o.minimum, missing: roundNoise(o.minimum - best) },
      },
    ];
  },
  // 集中培训完成率 (README, school indicators): teachers with such a training so far ÷ those with single records.
  indicator: {
    key: 'concentrated',
    counts: (c, o) => (c.hasRecords ? longestTraining(c.records, o.mode, o.measure, o.groupBy) >= o.minimum : null),
  },
};
