import { z } from 'zod';
import { fileFrom, inputRef, setAsideParts } from './support/rows.js';
import { type BatchCheck, type BatchFindingDraft } from './types.js';

const options = z.strictObject({});

/**
 * Two inputs of the same bytes (the same SHA-256) are one input: a file copied into two folders, or
 * attached twice. The engine audits the first (src/audit/dedupe.ts: `same-content`); this reports
 * the other, naming both, so its rows are known to be counted once, not lost.
 */
export const duplicateInput: BatchCheck<z.infer<typeof options>> = {
  meta: {
    id: 'duplicate-input',
    scope: 'batch',
    title: { zh: '同一文件重复提交', en: 'The same file twice' },
    messages: ['inputSameContent'],
    options,
    makesIncomplete: false,
  },
  check(_teachers, _options, inputs = []) {
    return setAsideParts(inputs, 'same-content').map(
      ({ input, part }): BatchFindingDraft => ({ school: input.school, year: input.year, ref: inputRef(input), messageId: 'inputSameContent', data: { kept: fileFrom(part.kept.file, input.file), teachers: part.teachers } }),
    );
  },
};
