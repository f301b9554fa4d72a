import { z } from 'zod';
import { NO_DRAFTS, cellRef, type FindingDraft, type TeacherCheck } from './types.js';

const options = z.strictObject({});

/**
 * Reports each exempt teacher (e.g. 新任教师 in their first year: 普洱 管理办法 第十条), and each
 * record an exemption left uncounted (a new teacher's probation training: 浙教师〔2016〕71号 第四条),
 * with the phrase that did it, so nothing is left out in silence. The exemption itself comes from
 * the rule file's `exemptions`.
 */
export const teacherExempt: TeacherCheck<z.infer<typeof options>> = {
  meta: {
    id: 'teacher-exempt',
    scope: 'teacher',
    title: { zh: '免于考核或不计入', en: 'Exempt or not counted' },
    messages: ['exempt', 'recordExcluded'],
    options,
    makesIncomplete: false,
  },
  check(t) {
    let out: FindingDraft[] | null = null;
    if (t.exempt) (out ??= []).push({ messageId: 'exempt', data: { reason: t.exempt.reason, phrase: t.exempt.phrase ?? '', remarks: t.remarks }, ref: cellRef(t, 'remarks'), column: 'status' });
    if (t.records) {
      for (const r of t.records) {
        if (r.counted || !r.excludedBy) continue;
        (out ??= []).push({ messageId: 'recordExcluded', data: { reason: r.excludedBy.reason, phrase: r.excludedBy.phrase ?? '', project: r.project, mode: r.mode, credits: r.credits, hours: r.hours }, ref: r.ref });
      }
    }
    return out ?? NO_DRAFTS;
  },
};
