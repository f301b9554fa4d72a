import { z } from 'zod';
import { MEASURES, MODES } from '../model/types.js';
import { NO_DRAFTS, type FindingDraft, type TeacherCheck } from './types.js';

const options = z.strictObject({
  mode: z.enum(MODES),
  measure: z.enum(MEASURES),
  maximum: z.number().positive(),
});

/** One record of a mode above what it can be entered at (杭州 seed 004 §六: an excellent 校本 project at most 30 学分). */
export const singleRecordMaximum: TeacherCheck<z.infer<typeof options>> = {
  meta: {
    id: 'single-record-maximum',
    scope: 'teacher',
    title: { zh: '单条记录超出上限', en: 'One record above its maximum' },
    messages: ['recordAboveMaximum'],
    options,
    makesIncomplete: false,
  },
  check(t, o) {
    let out: FindingDraft[] | undefined;
    for (const r of t.records ?? []) {
      // A record a rule leaves uncounted (probation training) is not entered as a project credit.
      if (!r.counted || r.mode !== o.mode || r[o.measure] <= o.maximum) continue;
      (out ??= []).push({ messageId: 'recordAboveMaximum', data: { mode: o.mode, measure: o.measure, value: r[o.measure], maximum: o.maximum, project: r.project }, ref: r.ref });
    }
    return out ?? NO_DRAFTS;
  },
};
