import { z } from 'zod';
import { NO_DRAFTS, type TeacherCheck } from './types.js';

const options = z.strictObject({});

/**
 * A 学时 or 学分 read from a merged range over several rows: the sheet shows it on each row, so it
 * counts for each, but a person may have merged one group figure over several teachers — so it
 * is said, with the range, for someone to check (issue 18).
 */
export const mergedNumber: TeacherCheck<z.infer<typeof options>> = {
  meta: {
    id: 'merged-number',
    scope: 'teacher',
    title: { zh: '合并单元格中的数值', en: 'Value from merged cells' },
    messages: ['mergedNumber'],
    options,
    makesIncomplete: false,
  },
  check(t) {
    if (!t.merged?.length) return NO_DRAFTS;
    return t.merged.map((m) => ({ messageId: 'mergedNumber', data: { field: m.field, range: m.range }, ref: m.ref }));
  },
};
