import { z } from 'zod';
import { fileFrom, inputRef, setAsideParts } from './support/rows.js';
import { type BatchCheck, type BatchFindingDraft } from './types.js';

const options = z.strictObject({});

/**
 * A school declares a year once (细则 四(二)): two inputs holding the same school's year, with other
 * content and teachers in common, are a resent copy and its original. The later-modified one is
 * audited and the other's rows of that school and year are set aside (src/audit/dedupe.ts:
 * `resent`); this reports the set-aside one, naming both, until one of them is removed.
 */
export const resentInput: BatchCheck<z.infer<typeof options>> = {
  meta: {
    id: 'resent-input',
    scope: 'batch',
    title: { zh: '同一学校同一年度的申报有两份', en: 'A school\u2019s year in two files' },
    messages: ['inputResent'],
    options,
    makesIncomplete: false,
  },
  check(_teachers, _options, inputs = []) {
    return setAsideParts(inputs, 'resent').map(
      ({ input, part }): BatchFindingDraft => ({
        school: part.school ?? input.school,
        year: part.year,
        ref: inputRef(input),
        messageId: 'inputResent',
        data: { school: part.school ?? input.school, year: part.year ?? '', kept: fileFrom(part.kept.file, input.file), teachers: part.teachers },
      }),
    );
  },
};
