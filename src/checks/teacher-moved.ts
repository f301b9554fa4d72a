import { z } from 'zod';
import type { CycleCheck } from './types.js';

const options = z.strictObject({});

/** A teacher whose school changed within the cycle keeps their credits (普洱 细则 五(二)); the move is listed. */
export const teacherMoved: CycleCheck<z.infer<typeof options>> = {
  meta: {
    id: 'teacher-moved',
    scope: 'cycle',
    title: { zh: '周期内调动学校', en: 'Moved school in the cycle' },
    messages: ['teacherMoved'],
    options,
    minimum: false,
  },
  check(c) {
    return c.moves.map((m) => ({ messageId: 'teacherMoved', data: { year: m.year, from: m.from, to: m.to }, ref: c.ref }));
  },
};
