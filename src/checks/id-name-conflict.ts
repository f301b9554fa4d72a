import { z } from 'zod';
import { othersText, repeatedGroups, placeFrom } from './support/rows.js';
import { type BatchCheck, type BatchFindingDraft } from './types.js';

const options = z.strictObject({});

/**
 * One 身份证号 is one person: under two different names (in any file or year of the run) one of
 * them is wrong — a typo in the number, or two teachers given the same number. Every row is
 * reported with the other names and where they are.
 */
export const idNameConflict: BatchCheck<z.infer<typeof options>> = {
  meta: {
    id: 'id-name-conflict',
    scope: 'batch',
    title: { zh: '同一身份证号对应不同姓名', en: 'One ID number, two names' },
    messages: ['idNameConflict'],
    options,
    makesIncomplete: false,
    sameIdOnly: true,
  },
  check(teachers) {
    const out: BatchFindingDraft[] = [];
    for (const rows of repeatedGroups(teachers, () => true)) {
      const named = rows.filter((t) => t.name);
      if (new Set(named.map((t) => t.name)).size < 2) continue;
      const others = othersText(named, (t) => t.name, (o, t) => `${o.name}（${placeFrom(o.ref, t.ref)}）`, '、');
      named.forEach((t, i) => out.push({ teacher: t, messageId: 'idNameConflict', data: { id: t.id, name: t.name, others: others(i) } }));
    }
    return out;
  },
};
