import { z } from 'zod';
import { anyNegative, roundNoise } from '../model/amounts.js';
import { MEASURES, MODES, type Mode } from '../model/types.js';
import { NO_DRAFTS, cellRef, type FindingDraft, type TeacherCheck } from './types.js';

const options = z.strictObject({
  /** A year has at most 366 days of 24 hours: more 学时 than that cannot have been trained. */
  maxYearHours: z.number().positive().default(24 * 366),
});

/**
 * Numbers no training can give (REGULATIONS.md, every rule set): hours and credits are never
 * negative — a negative entry is reported here and counts as 0 (src/audit/audit.ts) — and a
 * year's hours above 24 × 366 are impossible; the cell with the most hours is the likely typo.
 */
export const valueImpossible: TeacherCheck<z.infer<typeof options>> = {
  meta: {
    id: 'value-impossible',
    scope: 'teacher',
    title: { zh: '数值不可能', en: 'Impossible value' },
    messages: ['negativeValue', 'yearHoursImpossible'],
    options,
    makesIncomplete: false,
  },
  check(t, o) {
    let out: FindingDraft[] | undefined;
    // Each cell is looked at only when one is below 0 (by name first: a province's million teachers have none).
    if (anyNegative(t.raw)) {
      for (const m of MODES) {
        for (const measure of MEASURES) {
          const value = t.raw[m][measure];
          if (value < 0) (out ??= []).push({ messageId: 'negativeValue', data: { field: `${m}.${measure}`, value }, ref: cellRef(t, `${m}.${measure}`) });
        }
      }
    }
    // A list of training records (shape records) counts 天数 as 学时 by the rule set's conversions:
    // a negative 天数 is not in raw, so it is looked for on the records, and said at its cell.
    if (t.records) for (const rec of t.records) if (rec.read?.days != null && rec.read.days < 0) (out ??= []).push({ messageId: 'negativeValue', data: { field: 'days', value: rec.read.days }, ref: rec.ref });
    for (const measure of MEASURES) {
      const value = t.declared[measure];
      if (value !== null && value < 0) (out ??= []).push({ messageId: 'negativeValue', data: { field: `total.${measure}`, value }, ref: cellRef(t, `total.${measure}`) });
    }
    const r = t.raw;
    // The modes' hours from 0 in MODES order, negatives as 0 (as a reduce over MODES adds them).
    const hours = roundNoise(0 + Math.max(0, r.concentrated.hours) + Math.max(0, r.online.hours) + Math.max(0, r.school.hours) + Math.max(0, r.other.hours));
    if (hours > o.maxYearHours) {
      const largest = MODES.reduce<Mode>((a, m) => (t.raw[m].hours > t.raw[a].hours ? m : a), MODES[0]);
      (out ??= []).push({ messageId: 'yearHoursImpossible', data: { field: `${largest}.hours`, hours, limit: o.maxYearHours }, ref: cellRef(t, `${largest}.hours`) });
    }
    return out ?? NO_DRAFTS;
  },
};
