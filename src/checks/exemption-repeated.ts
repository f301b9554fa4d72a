import { z } from 'zod';
import { NO_DRAFTS, cellRef, type TeacherCheck } from './types.js';

const options = z.strictObject({});

/**
 * A year marked 新任教师 that is not the teacher's first in the inputs (普洱 管理办法 第十条:
 * 上岗培训 replaces 全员培训 "任职第一年" only). The year is audited like any other, and the repeat is
 * reported so the school can correct its 备注.
 */
export const exemptionRepeated: TeacherCheck<z.infer<typeof options>> = {
  meta: {
    id: 'exemption-repeated',
    scope: 'teacher',
    title: { zh: '新任教师标记重复', en: 'New-teacher mark repeated' },
    messages: ['exemptNotFirstYear'],
    options,
    makesIncomplete: false,
  },
  check(t) {
    const d = t.exemptDenied;
    return d ? [{ messageId: 'exemptNotFirstYear', data: { reason: d.reason, phrase: d.phrase ?? '', firstYear: d.firstYear, year: t.year }, ref: cellRef(t, 'remarks') }] : NO_DRAFTS;
  },
};
