import { term, type Lang } from '../i18n/index.js';
import type { SheetAccount } from '../model/types.js';

/** Row numbers as ranges a person can read: [3,4,5,9] → "3-5, 9". */
export function compressRows(rows: number[]): string {
  const sorted = [...rows].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * A sheet's skipped rows by reason, as the console and 汇总 both say them: `表尾 2: 12-13; 空行 1: 5`,
 * '' where none was skipped.
 */
export function skippedText(lang: Lang, skipped: SheetAccount['skipped']): string {
  return (Object.entries(skipped) as Array<[string, number[]]>)
    .filter(([, rows]) => rows.length)
    .map(([reason, rows]) => `${term(lang, `skip.${reason}`)} ${rows.length}: ${compressRows(rows)}`)
    .join('; ');
}
