import stringWidth from 'string-width';
import type { Finding, Severity } from '../model/types.js';
import { worst } from './row-notes.js';

/**
 * What the two 教师 sheets (the year's and the cycle's) share to be read for action (issue 20):
 * the order that puts the teachers with problems first, headers broken at words, and widths that
 * fit Chinese text.
 */

/** A column: its key (where a finding lands), its header, and what each row shows. */
export interface Column<T> {
  key: string;
  head: string;
  get(x: T): string | number | null;
  /** Width bounds in Excel's unit (a digit; a Chinese character takes two). */
  min: number;
  max: number;
}

/**
 * Problem tiers, first to last: incomplete; a finding of error, then of warning (behind pace, a
 * repeat not counted, a figure to check); exempt (an exemption the school claimed, to be looked
 * at); the rest (complete, on pace).
 */
export const TIER = { incomplete: 0, error: 1, warning: 2, exempt: 3, fine: 4 } as const;

/** The tier of a row from its status and its findings. */
export function tierOf(status: string, findings: readonly Finding[] | undefined, warnStatuses: readonly string[]): number {
  if (status === 'incomplete') return TIER.incomplete;
  const w: Severity | null = findings?.length ? worst(findings as Finding[]) : null;
  if (w === 'error') return TIER.error;
  if (w === 'warning' || warnStatuses.includes(status)) return TIER.warning;
  if (status === 'exempt') return TIER.exempt;
  return TIER.fine;
}

const SCHOOL_BITS = 2 ** 20;
const ROW_BITS = 2 ** 30;
const collator = new Intl.Collator('zh-CN');

/**
 * The rows' order: by tier, then by school (in the collation of Chinese, as 学校 lists them),
 * then by input order (each file's rows as they stand). `order[k]` is the row shown k-th and
 * `position[i]` where row i is shown; `schools`, each school once. A million rows (issue 5): each row's key is one float —
 * tier, school rank and row index packed in 53 bits — and the keys are sorted as numbers, no
 * comparator called per pair.
 */
export function problemsFirst(n: number, tier: (i: number) => number, school: (i: number) => string): { order: Uint32Array; position: Uint32Array; schools: string[] } {
  // Each row's school as a number (the schools in the order they come), then as its rank.
  const seen = new Map<string, number>();
  const schoolOf = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const s = school(i);
    let k = seen.get(s);
    if (k === undefined) seen.set(s, (k = seen.size));
    schoolOf[i] = k;
  }
  const rankOf = new Uint32Array(seen.size);
  [...seen.keys()].sort(collator.compare).forEach((s, r) => (rankOf[seen.get(s)!] = r));
  const order = new Uint32Array(n);
  if (seen.size < SCHOOL_BITS && n < ROW_BITS) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (Math.min(tier(i), 6) * SCHOOL_BITS + rankOf[schoolOf[i]!]!) * ROW_BITS + i;
    keys.sort();
    for (let k = 0; k < n; k++) order[k] = keys[k]! % ROW_BITS;
  } else {
    const tiers = Array.from({ length: n }, (_, i) => tier(i));
    const ranks = Array.from({ length: n }, (_, i) => rankOf[schoolOf[i]!]!);
    const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => tiers[a]! - tiers[b]! || ranks[a]! - ranks[b]! || a - b);
    for (let k = 0; k < n; k++) order[k] = idx[k]!;
  }
  const position = new Uint32Array(n);
  for (let k = 0; k < n; k++) position[order[k]!] = k;
  return { order, position, schools: [...seen.keys()] };
}

/**
 * A header's words, which a line break never cuts: parts between spaces, a bracketed part, and a
 * Chinese figure's measure apart from what it measures (集中培训 | 学时, 计入总 | 学分).
 */
export function headerWords(head: string): Array<{ word: string; space: boolean }> {
  const out: Array<{ word: string; space: boolean }> = [];
  let space = false;
  for (const m of head.matchAll(/\s+|[（(][^）)]*[）)]|(?:学时|学分|天数)|[^\s（(]+?(?=学时|学分|天数|[\s（(]|$)/gu)) {
    if (/^\s/.test(m[0])) {
      space = out.length > 0;
      continue;
    }
    out.push({ word: m[0], space });
    space = false;
  }
  return out;
}

/** Lines a header may take before its column is widened instead. */
const HEADER_LINES = 3;

/**
 * A column's width and its header broken at words to fit it: as wide as its widest value (within
 * `min`…`max`), and never narrower than the header's longest word, so no word is broken (the
 * complaint was 集中培训学/时). One more digit than Excel's padding is left, as fonts differ.
 */
export function fitColumn(head: string, contentWidth: number, min: number, max: number): { head: string; width: number } {
  const words = headerWords(head);
  const widths = words.map((w) => textWidth(w.word));
  let width = Math.max(min, Math.min(max, contentWidth + 2), Math.max(0, ...widths) + 2);
  for (;;) {
    const lines = pack(words, widths, width - 2);
    if (lines.length <= HEADER_LINES) return { head: lines.join('\n'), width };
    width += 2;
  }
}

function pack(words: Array<{ word: string; space: boolean }>, widths: number[], room: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  words.forEach(({ word, space }, i) => {
    const w = widths[i]! + (space && line ? 1 : 0);
    if (line && used + w > room) {
      lines.push(line);
      line = word;
      used = widths[i]!;
      return;
    }
    line += (space && line ? ' ' : '') + word;
    used += w;
  });
  if (line) lines.push(line);
  return lines;
}

/**
 * The width text takes in Excel's unit: a Chinese character two digits (string-width), and a
 * tenth more of them, as the Chinese fonts LibreOffice and Excel fall back on draw a little wider than two
 * digits of the sheet's font (looked at in LibreOffice 7.4: 景谷县永平镇中心小学 filled 22 to the edge).
 */
export function textWidth(s: string): number {
  // Printable ASCII and Chinese (most of what a return holds) counted here; anything else by string-width.
  let narrow = 0;
  let wide = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) narrow++;
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff5e)) wide += 2;
    else return widthOfAny(s);
  }
  return narrow + wide + Math.ceil(wide * 0.1);
}

function widthOfAny(s: string): number {
  const wide = 2 * (s.match(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/gu)?.length ?? 0);
  return stringWidth(s) + Math.ceil(wide * 0.1);
}

/** The width a value takes. */
export function widthOf(v: string | number | null): number {
  if (v === null || v === '') return 0;
  return typeof v === 'number' ? String(v).length : Math.max(...v.split('\n').map(textWidth));
}

/** Rows whose values size the columns: the first rows shown, where the problems (and the long 还差) are. */
export const WIDTH_SAMPLE = 2_000;

/**
 * The columns fitted to what they show: sized by the first WIDTH_SAMPLE rows in the order shown
 * (where the problems, and the long 还差, are) and by every school (there are few), each header
 * broken at words (fitColumn).
 */
export function fitColumns<T>(columns: ReadonlyArray<Column<T>>, rows: readonly T[], order: Uint32Array, schools: readonly string[]): { heads: string[]; widths: number[] } {
  const content = columns.map(() => 0);
  for (let k = 0; k < Math.min(rows.length, WIDTH_SAMPLE); k++) {
    const row = rows[order[k]!]!;
    columns.forEach((c, j) => (content[j] = Math.max(content[j]!, widthOf(c.get(row)))));
  }
  const schoolAt = columns.findIndex((c) => c.key === 'school');
  if (schoolAt >= 0) for (const s of schools) content[schoolAt] = Math.max(content[schoolAt]!, widthOf(s));
  const fitted = columns.map((c, j) => fitColumn(c.head, content[j]!, c.min, c.max));
  return { heads: fitted.map((f) => f.head), widths: fitted.map((f) => f.width) };
}
