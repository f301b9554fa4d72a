import { t, type Lang } from '../i18n/index.js';
import type { AuditResult } from '../model/types.js';

/**
 * How a year is shown: as the number where the rule set's year is the calendar year, and as the
 * school year it starts (`2023—2024学年`) where the year starts on another day (天津滨海: 1
 * September). `--year` and `--cycle` take the number, the year the school year starts in.
 */
export function yearLabeller(lang: Lang, rules: AuditResult['rules']): (year: number | null) => string | number | null {
  if (!rules.yearStart) return (year) => year;
  const labels = new Map<number, string>();
  return (year) => {
    if (year === null) return null;
    let s = labels.get(year);
    if (s === undefined) labels.set(year, (s = t(lang, 'ui', 'schoolYear', { year, next: year + 1 })));
    return s;
  };
}
