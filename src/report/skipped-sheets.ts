import { t, term, type Lang } from '../i18n/index.js';
import type { SkippedSheet } from '../model/types.js';

/** Why a sheet was not audited, as a person reads it: the reason, and the headers found if any. */
export function skippedSheetText(lang: Lang, s: SkippedSheet): string {
  const reason = term(lang, `sheetSkip.${s.reason}`);
  return s.labels?.length ? reason + t(lang, 'ui', 'sheetLabels', { labels: s.labels.join(' | ') }) : reason;
}
