import { z } from 'zod';
import { NO_DRAFTS, type TeacherCheck } from './types.js';

const options = z.strictObject({});

/** A value cell that is not a number (`二十四`, `待定`, `#REF!`) is missing, and said so. */
export const valueNotNumber: TeacherCheck<z.infer<typeof options>> = {
  meta: {
    id: 'value-not-number',
    scope: 'teacher',
    title: { zh: '数值无法识别', en: 'Value is not a number' },
    messages: ['notANumber'],
    options,
    makesIncomplete: false,
  },
  check(t) {
    if (!t.badValues.length) return NO_DRAFTS;
    return t.badValues.map((b) => ({ messageId: 'notANumber', data: { field: b.field, text: b.text }, ref: b.ref }));
  },
};
