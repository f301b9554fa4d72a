import type { CellValue, RawRow } from './types.js';

/**
 * A tight scanner for SpreadsheetML (`xl/worksheets/sheetN.xml`, `xl/sharedStrings.xml`): it
 * walks `<row>`/`<c>` with indexOf instead of building an XML tree, because a province's sheet
 * holds a million rows and a general XML parser spends most of its time on events nobody needs
 * (issue 5). Values are normalised exactly as src/read/cell.ts normalises exceljs's full reader,
 * the reference: a test runs both readers over every fixture and compares the audit results.
 */

export interface SheetContext {
  /** The shared strings table, rich text already joined. */
  sharedStrings: string[];
  /** dateStyles[s] is true when cell style `s` has a date number format. */
  dateStyles: boolean[];
  date1904: boolean;
}

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML character and entity references; the parser's line-end normalisation (XML 1.0 §2.11). */
export function decodeXmlText(s: string): string {
  if (s.indexOf('&') >= 0) {
    s = s.replace(ENTITY, (_, dec?: string, hex?: string, name?: string) =>
      name ? NAMED[name]! : String.fromCodePoint(dec ? Number(dec) : parseInt(hex!, 16)),
    );
  }
  if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
  return s;
}

/** exceljs decodes a second time for `t="str"` cells (utils.xmlDecode); the reference does, so do we. */
function xmlDecodeAgain(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&([a-z]*);/g, (c, name: string) => (name in NAMED ? NAMED[name]! : c));
}

/** Excel's escape for characters XML cannot hold (`_x000D_`), decoded in rich and shared text as exceljs does. */
function decodeExcelEscapes(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The text of every `<t>` in a string item, phonetic runs (`<rPh>`) left out. */
function textOfItem(xml: string, start: number, end: number): { text: string; rich: boolean } {
  let text = '';
  let rich = false;
  let p = start;
  for (;;) {
    const open = xml.indexOf('<', p);
    if (open < 0 || open >= end) break;
    const c1 = xml.charCodeAt(open + 1);
    const c2 = xml.charCodeAt(open + 2);
    if (c1 === 114 /* r */ && c2 === 80 /* P */ && xml.charCodeAt(open + 3) === 104 /* h */) {
      // <rPh …>…</rPh>: the reading of the text, not the text.
      const close = xml.indexOf('</rPh>', open);
      p = close < 0 || close >= end ? end : close + 6;
      continue;
    }
    if (c1 === 114 /* r */ && (c2 === 62 || c2 === 32)) rich = true;
    if (c1 === 116 /* t */ && (c2 === 62 || c2 === 32 || c2 === 47)) {
      const tagEnd = xml.indexOf('>', open);
      if (xml.charCodeAt(tagEnd - 1) === 47) {
        p = tagEnd + 1;
        continue;
      }
      const close = xml.indexOf('</t>', tagEnd);
      text += xml.slice(tagEnd + 1, close);
      p = close + 4;
      continue;
    }
    p = open + 1;
  }
  return { text, rich };
}

/** Parse every complete `<si>` in `xml`; returns where the unparsed rest starts. */
export function scanSharedStrings(xml: string, out: string[]): number {
  let p = 0;
  for (;;) {
    const open = xml.indexOf('<si', p);
    if (open < 0) return p;
    if (open + 3 >= xml.length) return open;
    const c = xml.charCodeAt(open + 3);
    if (c !== 62 && c !== 32 && c !== 47) {
      p = open + 3;
      continue;
    }
    const tagEnd = xml.indexOf('>', open);
    if (tagEnd < 0) return open;
    if (xml.charCodeAt(tagEnd - 1) === 47) {
      out.push('');
      p = tagEnd + 1;
      continue;
    }
    const close = xml.indexOf('</si>', tagEnd);
    if (close < 0) return open;
    const { text } = textOfItem(xml, tagEnd + 1, close);
    out.push(decodeExcelEscapes(decodeXmlText(text)));
    p = close + 5;
  }
}

/** Column index (0-based) from the letters of an A1 reference at xml[start..end). */
function columnOf(xml: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const ch = xml.charCodeAt(i);
    if (ch >= 65 && ch <= 90) n = n * 26 + (ch - 64);
    else if (ch >= 97 && ch <= 122) n = n * 26 + (ch - 96);
    else break;
  }
  return n - 1;
}

function excelDay(serial: number, date1904: boolean): string {
  // exceljs's utils.excelToDate, then cell.ts's isoDay: the same arithmetic, the same rounding.
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000)).toISOString().slice(0, 10);
}

/**
 * One cell's value from its content xml[start..end) (between `<c …>` and `</c>`), following
 * exceljs's cell-xform: a formula gives its cached value, `s` an index into the shared strings,
 * `str` text, `inlineStr` the text of `<is>`, `b` a boolean, `e` an error, otherwise a number —
 * a date when the cell's style formats it as one.
 */
function cellValue(xml: string, start: number, end: number, t: string, style: number, ctx: SheetContext): CellValue {
  // Walk the child elements by their '<': every search stays inside the cell (an unbounded
  // indexOf for an absent <f> would scan the rest of the chunk, once per cell).
  let formula = false;
  let raw: string | undefined;
  let p = start;
  while (p < end) {
    const lt = xml.indexOf('<', p);
    if (lt < 0 || lt >= end) break;
    const c1 = xml.charCodeAt(lt + 1);
    const c2 = xml.charCodeAt(lt + 2);
    if (c1 === 102 /* f */ && (c2 === 62 || c2 === 32 || c2 === 47)) {
      formula = true;
    } else if (c1 === 118 /* v */ && (c2 === 62 || c2 === 32)) {
      const tagEnd = xml.indexOf('>', lt);
      if (xml.charCodeAt(tagEnd - 1) !== 47) {
        const close = xml.indexOf('</v>', tagEnd);
        if (close > tagEnd + 1) raw = decodeXmlText(xml.slice(tagEnd + 1, close));
        p = close + 4;
        continue;
      }
    } else if (c1 === 105 /* i */ && c2 === 115 /* s */ && t === 'inlineStr') {
      const { text, rich } = textOfItem(xml, lt + 3, end);
      // exceljs decodes Excel escapes in rich runs only; a plain inline <t> keeps them.
      raw = text === '' ? undefined : rich ? decodeExcelEscapes(decodeXmlText(text)) : decodeXmlText(text);
      break;
    }
    p = lt + 1;
  }
  if (raw === undefined) return null;
  if (formula) {
    if (t === 'str') return xmlDecodeAgain(raw);
    if (t === 'b') return parseInt(raw, 10) !== 0;
    if (t === 'e') return { error: raw };
    const n = parseFloat(raw);
    return style && ctx.dateStyles[style] ? excelDay(n, ctx.date1904) : n;
  }
  switch (t) {
    case 's': {
      const s = ctx.sharedStrings[parseInt(raw, 10)];
      return s === undefined ? null : s;
    }
    case 'str':
      return xmlDecodeAgain(raw);
    case 'inlineStr':
      return raw;
    case 'b':
      return parseInt(raw, 10) !== 0;
    case 'e':
      return { error: raw };
    default: {
      const n = parseFloat(raw);
      return style && ctx.dateStyles[style] ? excelDay(n, ctx.date1904) : n;
    }
  }
}

/**
 * Feeds of sheet XML text in, rows of cell values out. Rows are cut at `</row>`, so a chunk
 * boundary anywhere (inside a tag, a value or a UTF-8 character already decoded) is safe.
 */
export class SheetScanner {
  private rest = '';
  private lastRow = 0;

  constructor(private readonly ctx: SheetContext) {}

  /** Scan `text` (appended to what was left over); complete rows with a value go to `out`. */
  push(text: string, out: RawRow[]): void {
    const xml = this.rest ? this.rest + text : text;
    this.rest = xml.slice(this.scan(xml, out));
  }

  /** The end of the sheet: anything left over is not a complete row. */
  end(out: RawRow[]): void {
    if (this.rest) this.scan(this.rest, out);
    this.rest = '';
  }

  /** Returns the index of the first character not consumed. */
  private scan(xml: string, out: RawRow[]): number {
    let p = 0;
    for (;;) {
      const open = xml.indexOf('<row', p);
      if (open < 0) return Math.max(p, xml.length - 4);
      if (open + 4 >= xml.length) return open;
      const c = xml.charCodeAt(open + 4);
      if (c !== 32 && c !== 62 && c !== 47) {
        // <rowBreaks> and the like.
        p = open + 4;
        continue;
      }
      const tagEnd = xml.indexOf('>', open);
      if (tagEnd < 0) return open;
      const rowNumber = this.rowNumber(xml, open + 4, tagEnd);
      if (xml.charCodeAt(tagEnd - 1) === 47) {
        this.lastRow = rowNumber;
        p = tagEnd + 1;
        continue;
      }
      const close = xml.indexOf('</row>', tagEnd);
      if (close < 0) return open;
      this.lastRow = rowNumber;
      const cells = this.cells(xml, tagEnd + 1, close);
      if (cells) out.push({ row: rowNumber, cells });
      p = close + 6;
    }
  }

  private rowNumber(xml: string, start: number, end: number): number {
    const at = xml.indexOf(' r="', start);
    if (at < 0 || at >= end) return this.lastRow + 1;
    let n = 0;
    for (let i = at + 4; i < end; i++) {
      const ch = xml.charCodeAt(i);
      if (ch < 48 || ch > 57) break;
      n = n * 10 + (ch - 48);
    }
    return n;
  }

  /** The row's cells, or null when none holds a value (exceljs's eachRow leaves such rows out). */
  private cells(xml: string, start: number, end: number): CellValue[] | null {
    const ctx = this.ctx;
    let cells: CellValue[] | null = null;
    let col = -1;
    let p = start;
    for (;;) {
      const open = xml.indexOf('<c', p);
      if (open < 0 || open >= end) break;
      const c = xml.charCodeAt(open + 2);
      if (c !== 32 && c !== 62 && c !== 47) {
        p = open + 2;
        continue;
      }
      const tagEnd = xml.indexOf('>', open);
      // Attributes: r (A1 reference), t (type), s (style index).
      let t = '';
      let style = 0;
      let ref = -1;
      let i = open + 2;
      while (i < tagEnd) {
        const ch = xml.charCodeAt(i);
        if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 47) {
          i++;
          continue;
        }
        const eq = xml.indexOf('=', i);
        if (eq < 0 || eq > tagEnd) break;
        const quote = xml.charCodeAt(eq + 1);
        const valueEnd = xml.indexOf(quote === 39 ? "'" : '"', eq + 2);
        if (eq - i === 1) {
          if (ch === 114 /* r */) ref = columnOf(xml, eq + 2, valueEnd);
          else if (ch === 116 /* t */) t = xml.slice(eq + 2, valueEnd);
          else if (ch === 115 /* s */) style = parseInt(xml.slice(eq + 2, valueEnd), 10) || 0;
        }
        i = valueEnd + 1;
      }
      col = ref >= 0 ? ref : col + 1;
      if (xml.charCodeAt(tagEnd - 1) === 47) {
        p = tagEnd + 1;
        continue;
      }
      const close = xml.indexOf('</c>', tagEnd);
      const value = cellValue(xml, tagEnd + 1, close, t, style, ctx);
      p = close + 4;
      if (value === null) continue;
      if (!cells) cells = [];
      while (cells.length < col) cells.push(null);
      cells[col] = value;
    }
    return cells;
  }
}
