import { z } from 'zod';
import { NO_DRAFTS, cellRef, type TeacherCheck } from './types.js';

const options = z.strictObject({});

/**
 * Reports each exempt teacher (e.g. 新任教师 in their first year: 普洱 管理办法 第十条), so an
 * exemption is never silent. The exemption itself comes from the rule file's `exemptions`.
 */
export const teacherExempt: TeacherCheck<z.infer<typeof options>> = {
  meta: {
    id: 'teacher-exempt',
    scope: 'teacher',
    title: { zh: '免于年度考核', en: 'Exempt from the annual minimums' },
    messages: ['exempt'],
    options,
    minimum: false,
  },
  check(t) {
    return t.exempt ? [{ messageId: 'exempt', data: { reason: t.exempt.reason, remarks: t.remarks }, ref: cellRef(t, 'remarks') }] : NO_DRAFTS;
  },
};
