import { toHalfWidth } from '../read/numbers.js';
import { cellText } from '../read/cell.js';
import type { CellValue } from '../read/types.js';

/**
 * Header text as a matcher sees it: half-width, no spaces or line breaks ("集中\n培训" →
 * "集中培训"), brackets unified, a trailing colon dropped.
 */
// Everything normaliseLabel changes; text without any of it (most data cells) is returned as is.
const LABEL_CHANGES = /[\s\u00a0\uFF01-\uFF5E\u3000。【〔［】〕］]|[:：]$/;

export function normaliseLabel(v: CellValue | undefined): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string' && !LABEL_CHANGES.test(v)) return v;
  return toHalfWidth(cellText(v))
    .replace(/[\s\u00a0]+/g, '')
    .replace(/[【〔［]/g, '(')
    .replace(/[】〕］]/g, ')')
    .replace(/[:：]$/, '');
}

/** Strip CJK and ASCII punctuation that forms vary in (so 身份证号码 ~ 身份证 号码). */
export function looseLabel(v: CellValue | undefined): string {
  return normaliseLabel(v).replace(/[()\-—_*＊.。、/]/g, '');
}
