/**
 * Whether a number format shows a date or a time, as Excel decides it: by the date and time
 * tokens (y, m, d, h, s, b for the Buddhist year, and AM/PM) that remain once the parts Excel
 * shows literally are taken out: quoted text (`0"学时"`), a character escaped by a backslash
 * (`0\h`, how Excel saves `0"h"`), `_x` (a space as wide as x), `*x` (x repeated to fill) and
 * bracketed colours, conditions and locales (`[Red]`, `[>=100]`, `[$-804]`). exceljs's isDateFmt
 * does not take out escapes, so `0\h` — 24 shown as "24h" — read as the date 1900-01-24 (issue 18).
 * An elapsed time (`[h]:mm`) keeps its tokens after the brackets go, and is a time.
 */
export function isDateFormat(fmt: string): boolean {
  const bare = fmt
    .replace(/"[^"]*"?/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*]/g, '');
  return /[ymdhsb]/i.test(bare);
}

/**
 * A `<v>` of a number cell is a decimal (xsd:double): `0x18` or `24abc` is not one, and parseFloat
 * read them as 0 and 24 in silence (issue 18). NaN for anything else: the reader keeps such text.
 */
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
export function decimal(s: string): number {
  return DECIMAL.test(s) ? parseFloat(s) : Number.NaN;
}
