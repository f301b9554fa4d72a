import { cleanText } from './clean-text.js';
import type { CellValue } from './types.js';

/**
 * Normalise every exceljs cell value in one place (DESIGN.md, known traps): formulas give their
 * cached result, rich text its joined runs, hyperlinks their text, dates an ISO day.
 */
export function normaliseExcelValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return isoDay(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('error' in o && typeof o.error === 'string') return { error: o.error };
    if ('richText' in o && Array.isArray(o.richText)) {
      return (o.richText as Array<{ text?: unknown }>).map((r) => String(r.text ?? '')).join('');
    }
    if ('formula' in o || 'sharedFormula' in o) return normaliseExcelValue(o.result);
    if ('text' in o) return normaliseExcelValue(o.text);
  }
  return String(v);
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The text of a cell as a person would read it, '' for empty. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return cleanText(v.error);
  return typeof v === 'string' ? cleanText(v) : String(v);
}
