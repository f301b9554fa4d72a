import { z } from 'zod';
import { NO_DRAFTS, type FindingDraft, type TeacherCheck } from './types.js';

const options = z.strictObject({
  /** The 课程类别 whose 学分 must be given, never converted from 学时 (上海虹口 实践体验); as the rule file's `conversions.byCategory` with `creditsGiven`. */
  categories: z.array(z.string().min(1)).min(1),
});

/**
 * A record of a category whose 学分 must be given (sessions cannot be inferred from hours: 上海虹口
 * 实践体验) and which gives none: it counts 0 学分, and that is said, at the record's cell, so the
 * school can enter them. A record with 学分 of 0 written is not reported: the figure was given.
 */
export const recordCreditsMissing: TeacherCheck<z.infer<typeof options>> = {
  meta: {
    id: 'record-credits-missing',
    scope: 'teacher',
    title: { zh: '须填学分的记录未填学分', en: 'Record without the credits it must give' },
    messages: ['recordCreditsMissing'],
    options,
    makesIncomplete: false,
  },
  check(t, o) {
    if (!t.records) return NO_DRAFTS;
    let out: FindingDraft[] | undefined;
    for (const r of t.records) {
      if (!r.counted || !r.read || r.read.credits !== null || !r.category || !o.categories.includes(r.category)) continue;
      (out ??= []).push({ messageId: 'recordCreditsMissing', data: { category: r.category, project: r.project || '-', hours: r.read.hours ?? 0 }, ref: r.ref });
    }
    return out ?? NO_DRAFTS;
  },
};
