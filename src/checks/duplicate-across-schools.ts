import { z } from 'zod';
import { countedRow, othersText, repeatedGroups, placeFrom } from './support/rows.js';
import { type BatchCheck, type BatchFindingDraft } from './types.js';

const options = z.strictObject({});

/**
 * The same 身份证号 in two schools' returns for one year. It is common when a teacher moves
 * (细则 五(二): the new school recognises the credits earned before), but a year is declared by
 * one school only, so it must be resolved. Every row is reported, naming the other schools' rows
 * and the row that counts until then (the one with the most hours: never the sum of both).
 */
export const duplicateAcrossSchools: BatchCheck<z.infer<typeof options>> = {
  meta: {
    id: 'duplicate-across-schools',
    scope: 'batch',
    title: { zh: '多所学校申报同一教师', en: 'Teacher in two schools\u2019 returns' },
    messages: ['duplicateAcrossSchools'],
    options,
    makesIncomplete: false,
    sameIdOnly: true,
  },
  check(teachers) {
    const out: BatchFindingDraft[] = [];
    for (const rows of repeatedGroups(teachers, (a, b) => a.year === b.year)) {
      if (new Set(rows.map((t) => t.school)).size < 2) continue;
      const others = othersText(rows, (t) => t.school, (o, t) => `${o.school}（${placeFrom(o.ref, t.ref)}）`, '、');
      const kept = countedRow(rows);
      rows.forEach((t, i) =>
        out.push({ teacher: t, messageId: 'duplicateAcrossSchools', data: { id: t.id, year: t.year, others: others(i), counted: `${kept.school}（${placeFrom(kept.ref, t.ref)}）` } }),
      );
    }
    return out;
  },
};
