import { z } from 'zod';
import { NO_DRAFTS, cellRef, type FindingDraft, type TeacherCheck } from './types.js';

const options = z.strictObject({});

/**
 * A teacher row must name the teacher and give the 身份证号: the 身份证号 is how a teacher is
 * told apart across schools and years (REGULATIONS.md, every rule set); without a name nobody can
 * check it. The row is still audited, never dropped.
 */
export const teacherIdentityMissing: TeacherCheck<z.infer<typeof options>> = {
  meta: {
    id: 'teacher-identity-missing',
    scope: 'teacher',
    title: { zh: '缺少姓名或身份证号', en: 'Name or ID number missing' },
    messages: ['nameMissing', 'idMissing'],
    options,
    makesIncomplete: false,
  },
  check(t) {
    let out: FindingDraft[] | undefined;
    if (!t.name) (out ??= []).push({ messageId: 'nameMissing', data: { id: t.id || '-' }, ref: cellRef(t, 'name') });
    if (!t.id) (out ??= []).push({ messageId: 'idMissing', data: { name: t.name || '-' }, ref: cellRef(t, 'id') });
    return out ?? NO_DRAFTS;
  },
};
