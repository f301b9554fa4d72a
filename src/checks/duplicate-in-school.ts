import { z } from 'zod';
import { countedRow, othersText, repeatedGroups, placeFrom } from './support/rows.js';
import { type BatchCheck, type BatchFindingDraft } from './types.js';

const options = z.strictObject({});

/**
 * One teacher (by 身份证号) appears once in a school's return for a year (REGULATIONS.md, every
 * rule set; 细则 四(二): the school declares each teacher's year once). Every row of a repeated
 * 身份证号 is reported, naming the other rows, because either may be the one to delete, and the row
 * that counts until then (the engine's choice, TeacherYear.setAside: the one with the most hours).
 */
export const duplicateInSchool: BatchCheck<z.infer<typeof options>> = {
  meta: {
    id: 'duplicate-in-school',
    scope: 'batch',
    title: { zh: '同一学校重复申报', en: 'Teacher twice in one school' },
    messages: ['duplicateInSchool'],
    options,
    makesIncomplete: false,
    sameIdOnly: true,
  },
  check(teachers) {
    const out: BatchFindingDraft[] = [];
    for (const rows of repeatedGroups(teachers, (a, b) => a.school === b.school && a.year === b.year)) {
      const others = othersText(rows, (t) => t, (o, t) => placeFrom(o.ref, t.ref), ', ');
      const kept = countedRow(rows);
      rows.forEach((t, i) => out.push({ teacher: t, messageId: 'duplicateInSchool', data: { id: t.id, count: rows.length, others: others(i), counted: placeFrom(kept.ref, t.ref) } }));
    }
    return out;
  },
};
