import { toHalfWidth } from '../audit/numbers.js';
import { cellText } from '../read/cell.js';
import type { CellValue } from '../read/types.js';

/**
 * Header text as a matcher sees it: half-width, no spaces or line breaks ("集中\n培训" →
 * "集中培训"), brackets unified, a trailing colon dropped.
 */
export function normaliseLabel(v: CellValue | undefined): string {
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
