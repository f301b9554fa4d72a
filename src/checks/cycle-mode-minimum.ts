import { z } from 'zod';
import { MEASURES, MODES, type Mode } from '../model/types.js';
import { cycleMinimum } from './support/cycle-minimum.js';
import type { CycleCheck, FindingDraft } from './types.js';

const amounts = z.strictObject({
  hours: z.number().nonnegative().optional(),
  credits: z.number().nonnegative().optional(),
});

const options = z.strictObject({
  modes: z.array(z.enum(MODES)).min(1),
  hours: z.number().nonnegative().optional(),
  credits: z.number().nonnegative().optional(),
  /** A mode's own minimums, over the shared ones (普洱 细则 三 校本研修模块: 校本 ≥ 120 学分 too). */
  per: z.partialRecord(z.enum(MODES), amounts).default({}),
});

/**
 * Each mode over the cycle (普洱 细则 三: 网络, 集中, 校本 each ≥ 120 学时 per 5 years; 校本 also
 * ≥ 120 学分), with pace.
 */
export const cycleModeMinimum: CycleCheck<z.infer<typeof options>> = {
  meta: {
    id: 'cycle-mode-minimum',
    scope: 'cycle',
    title: { zh: '各研修模式周期下限', en: 'Cycle minimum per mode' },
    messages: ['cycleModeBelow', 'cycleBehindPace'],
    options,
    makesIncomplete: true,
  },
  check(c, o, window) {
    const out: FindingDraft[] = [];
    const modes = new Set<Mode>([...o.modes, ...(Object.keys(o.per) as Mode[])]);
    for (const mode of MODES) {
      if (!modes.has(mode)) continue;
      for (const measure of MEASURES) {
        const minimum = o.per[mode]?.[measure] ?? (o.modes.includes(mode) ? o[measure] : undefined);
        if (minimum === undefined) continue;
        out.push(...cycleMinimum(c.toDate[mode][measure], minimum, window, c.liable, { measure, scope: mode }, c.ref));
      }
    }
    return out;
  },
};
