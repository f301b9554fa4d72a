import { z } from 'zod';
import { MEASURES, MODES } from '../model/types.js';
import { type SchoolCheck } from './types.js';

const options = z.strictObject({
  /** The share of audited teachers that must have such a training in the year, in whole percent ("不少于20％"). */
  percent: z.number().int().min(1).max(100),
  mode: z.enum(MODES).default('concentrated'),
  measure: z.enum(MEASURES).default('hours'),
  /** One single record of `mode` reaching this ("一次性不少于90学时"): two of 45 are not one of 90. */
  minimum: z.number().positive(),
});

/**
 * A school where fewer than `percent` % of its audited teachers took one single training of `mode`
 * of at least `minimum` in the year is flagged (温州 一、4: "学校每年安排不少于20％的教师，参加一次性不少于
 * 90学时集中培训"): exactly 20 % is not flagged (1 of 5 passes, 1 of 6 does not). The engine counts
 * the teachers through `counts`; a teacher-year without single records (a form) never counts.
 */
export const schoolConcentratedShare: SchoolCheck<z.infer<typeof options>> = {
  meta: {
    id: 'school-concentrated-share',
    scope: 'school',
    title: { zh: '学校一次性集中培训教师比例', en: 'School share of one long concentrated training' },
    messages: ['schoolConcentratedShareBelow'],
    options,
    makesIncomplete: false,
    flagsSchool: true,
  },
  counts(t, o) {
    // Each counted record stands alone ("一次性"); a loop, not a filter: it runs per teacher-year (issue 5).
    if (!t.records) return false;
    for (const r of t.records) if (r.counted && r.mode === o.mode && r[o.measure] >= o.minimum) return true;
    return false;
  },
  check(s, o) {
    // A cycle's tally (year null) carries no counts: the rule is per year.
    const counted = s.counted?.[schoolConcentratedShare.meta.id];
    if (counted === undefined || s.teachers === 0) return [];
    if (counted * 100 >= s.teachers * o.percent) return [];
    return [
      {
        messageId: 'schoolConcentratedShareBelow',
        data: { counted, teachers: s.teachers, percent: o.percent, share: Math.round((counted / s.teachers) * 1000) / 10, mode: o.mode, measure: o.measure, minimum: o.minimum },
        ...(s.ref ? { ref: s.ref } : {}),
      },
    ];
  },
};
