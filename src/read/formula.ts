import type { CellValue } from './types.js';

/**
 * Formulas that arrive without a cached result (issue 18). Excel saves each formula's result in
 * the file, but a workbook made by a script (openpyxl, xlsxwriter, a platform's export) often holds
 * `<f>G5+I5+K5</f>` and nothing else, and reading such a cell as blank made a teacher's total 0
 * in silence. The readers hand such a formula here at the end of its row:
 *
 * - a sum or difference of numbers and cells of the formula's own row is evaluated, as Excel
 *   would: `12+12`, `=G5+I5+K5`, `G5-H5`, `SUM(G5,I5,K5)`, `SUM(G5:K5)` (a range within the row),
 *   `$G5+$I5`. A cell it names must hold a number or be blank (0, as in Excel); one that holds
 *   another formula without a result is evaluated first.
 * - anything else — another row or sheet, text, a function other than SUM, `*`, `/`, brackets —
 *   is not guessed: the cell becomes `{ error: '=formula' }`, which readNumber calls not a number,
 *   so the value is reported (value-not-number) with the formula shown, never silently 0.
 */

/** A formula of the row that had no cached result, at its (0-based) column. */
export interface PendingFormula {
  col: number;
  formula: string;
}

const REF = /^\$?([A-Z]{1,3})\$?([1-9]\d*)$/i;
const NUMBER = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The value a cell of the row gives a formula: a number, 0 for blank, or undefined when it gives none. */
type Lookup = (col: number) => number | undefined;

function refValue(text: string, row: number, lookup: Lookup): number | undefined {
  const m = REF.exec(text);
  if (!m || Number(m[2]) !== row) return undefined;
  return lookup(columnIndex(m[1]!));
}

function operand(text: string, row: number, lookup: Lookup): number | undefined {
  if (NUMBER.test(text)) return Number(text);
  return refValue(text, row, lookup);
}

/** SUM's arguments: numbers, cells and ranges of the row. */
function sumOf(args: string, row: number, lookup: Lookup): number | undefined {
  let total = 0;
  for (const arg of args.split(',')) {
    const range = arg.split(':');
    if (range.length === 2) {
      const a = REF.exec(range[0]!);
      const b = REF.exec(range[1]!);
      if (!a || !b || Number(a[2]) !== row || Number(b[2]) !== row) return undefined;
      const from = columnIndex(a[1]!);
      const to = columnIndex(b[1]!);
      if (to < from || to - from > 255) return undefined;
      for (let c = from; c <= to; c++) {
        const v = lookup(c);
        if (v === undefined) return undefined;
        total += v;
      }
    } else if (range.length === 1) {
      const v = operand(arg, row, lookup);
      if (v === undefined) return undefined;
      total += v;
    } else return undefined;
  }
  return total;
}

/** The value of a formula of `row`, or undefined when it is not a sum or difference of the row's cells. */
export function evaluateRowFormula(formula: string, row: number, lookup: Lookup): number | undefined {
  let s = formula.replace(/\s+/g, '');
  if (s.startsWith('=')) s = s.slice(1);
  if (s === '') return undefined;
  // Terms with their signs: `+` or `-` between terms (one may lead), never two in a row.
  let total = 0;
  let at = 0;
  while (at < s.length) {
    let sign = 1;
    if (s[at] === '+' || s[at] === '-') {
      sign = s[at] === '-' ? -1 : 1;
      at++;
    } else if (at > 0) return undefined;
    let end = at;
    let value: number | undefined;
    const sum = /^SUM\(([^()]*)\)/i.exec(s.slice(at));
    if (sum) {
      value = sumOf(sum[1]!, row, lookup);
      end = at + sum[0].length;
    } else {
      while (end < s.length && s[end] !== '+' && s[end] !== '-') {
        // An exponent's sign belongs to its number (1e-3).
        end++;
        if ((s[end] === '+' || s[end] === '-') && /^\d+(\.\d*)?[eE]$|^\.\d+[eE]$/.test(s.slice(at, end))) end++;
      }
      value = operand(s.slice(at, end), row, lookup);
    }
    if (value === undefined) return undefined;
    total += sign * value;
    at = end;
  }
  return total;
}

/**
 * Settle the formulas of one row in place: each is evaluated (a formula may name another of the
 * row's formulas, so passes repeat while one settles), and what is left becomes `{ error: '=…' }`.
 */
export function settleRowFormulas(cells: CellValue[], row: number, pending: PendingFormula[]): void {
  const open = new Map<number, string>();
  for (const p of pending) open.set(p.col, p.formula);
  const lookup: Lookup = (col) => {
    if (open.has(col)) return undefined;
    const v = cells[col];
    if (v === null || v === undefined) return 0;
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  };
  for (let progress = true; progress && open.size; ) {
    progress = false;
    for (const [col, formula] of open) {
      const v = evaluateRowFormula(formula, row, lookup);
      if (v === undefined || !Number.isFinite(v)) continue;
      open.delete(col);
      while (cells.length <= col) cells.push(null);
      cells[col] = v;
      progress = true;
    }
  }
  for (const [col, formula] of open) {
    while (cells.length <= col) cells.push(null);
    cells[col] = { error: `=${formula.replace(/^=/, '')}` };
  }
}

/** Shared formulas' masters by `si`: the text a child without a result is moved from. */
export type SharedFormulas = Map<string, { formula: string; row: number; col: number }>;

const F_SHARED = /\st\s*=\s*["']shared["']/;
const F_SI = /\ssi\s*=\s*["']([^"']*)["']/;

/**
 * The formula of a cell from its `<f …>` tag and text: a shared formula's master is kept for its
 * block; when the cell has no result, its text (a shared child's moved from its master, as exceljs
 * moves it; '' when no master was seen), else null.
 */
export function formulaText(shared: SharedFormulas, tag: string, content: string, at: { row: number; col: number }, noResult: boolean): string | null {
  const si = F_SI.exec(tag)?.[1];
  if (si !== undefined && F_SHARED.test(tag)) {
    if (content) shared.set(si, { formula: content, ...at });
    else if (noResult) {
      const master = shared.get(si);
      return master ? slideFormula(master.formula, master, at) : '';
    }
  }
  return noResult ? content : null;
}

/**
 * exceljs's slideFormula (utils/shared-formula.js): a shared formula's text as the master cell
 * holds it, moved to another cell of the block. The streaming reader moves it the same way, so
 * both readers see one formula.
 */
const CANDIDATE = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const CELL = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;

function columnLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function slideFormula(formula: string, from: { row: number; col: number }, to: { row: number; col: number }): string {
  return formula.replace(CANDIDATE, (whole: string, sheet: string | undefined, _s: string | undefined, addr: string, paren: string | undefined) => {
    if (paren) return whole;
    const m = CELL.exec(addr);
    if (!m) return whole;
    const letters = m[2]!.toUpperCase();
    if (letters.length > 3 || (letters.length === 3 && letters > 'XFD')) return whole;
    let col = columnIndex(letters);
    let row = parseInt(m[4]!, 10);
    if (!m[1]) col += to.col - from.col;
    if (!m[3]) row += to.row - from.row;
    return `${sheet ?? ''}${m[1] ?? ''}${columnLetters(col)}${m[3] ?? ''}${row}`;
  });
}
