import type { CellValue } from './types.js';

/**
 * Read an hours/credits cell. Values arrive as numbers, numeric text ("24", "24.0 "), text with a
 * unit ("24学时"), full-width digits ("２４"), thousands separators ("1,024" — never a decimal comma:
 * "24,5" is `bad`), formulas (their cached result, or evaluated by the reader) or blanks
 * (REGULATIONS.md, "Checks that hold for every rule set"). Blank is 0; anything else that is not a
 * number is `bad` — the caller reports it and treats it as missing, never silently as 0.
 */
export type NumberReading =
  | { kind: 'number'; value: number }
  | { kind: 'blank' }
  | { kind: 'bad'; text: string };

const UNIT = /(学时|學時|学分|學分|课时|小时|分|h|H)$/u;

/** Digits grouped by commas, each comma followed by exactly three digits, then an optional fraction. */
const THOUSANDS = /^[+-]?\d+(,\d{3})+(\.\d*)?$/;

// Only text holding a full-width character, an ideographic space or 。 changes (a quick test first:
// every 身份证号 and numeric text of a million rows passes through here; issue 5).
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000。]/;

export function toHalfWidth(s: string): string {
  if (!FULL_WIDTH.test(s)) return s;
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[。]/g, '.');
}

/**
 * Digits with at most one dot between them ("24", "43.2"): every amount of a CSV, and numbers
 * stored as text in a workbook, are such text, and the general path's regexes were the largest
 * cost of reading a 1 000 000-row CSV's amounts after parsing it (issue 5, profiled). For such text
 * the general path gives Number(text) too.
 */
function plainDecimal(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 20) return false;
  let dot = -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c !== 46 || dot >= 0 || i === 0 || i === n - 1) return false;
    dot = i;
  }
  return true;
}

/** One reading for every blank cell: a million rows have millions of them (issue 5). */
const BLANK: NumberReading = Object.freeze({ kind: 'blank' });

export function readNumber(v: CellValue | undefined): NumberReading {
  if (v === null || v === undefined) return BLANK;
  if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'number', value: v } : { kind: 'bad', text: String(v) };
  if (typeof v === 'boolean') return { kind: 'bad', text: String(v) };
  if (typeof v === 'object') return { kind: 'bad', text: v.error };
  if (plainDecimal(v)) return { kind: 'number', value: Number(v) };
  const trimmed = toHalfWidth(v).replace(/\s+/g, '');
  if (trimmed === '' || trimmed === '-' || trimmed === '—' || trimmed === '/') return BLANK;
  let unitless = trimmed.replace(UNIT, '');
  // A comma is a thousands separator only before exactly three digits (`1,024`, `1,024.5`; a
  // full-width `，` became `,` above). Any other comma is a decimal comma or a slip (`24,5`, `2,4`):
  // dropping it read 2.4 学时 as 24, so such text is not a number (issue 18).
  if (unitless.indexOf(',') >= 0) {
    if (!THOUSANDS.test(unitless)) return { kind: 'bad', text: v };
    unitless = unitless.replace(/,/g, '');
  }
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(unitless)) return { kind: 'number', value: Number(unitless) };
  return { kind: 'bad', text: v };
}
