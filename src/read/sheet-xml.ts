import { formulaText, settleRowFormulas, type PendingFormula, type SharedFormulas } from './formula.js';
import { decimal } from './number-format.js';
import { a1, type CellValue, type MergeRange, type RawRow } from './types.js';

/**
 * A tight scanner for SpreadsheetML (`xl/worksheets/sheetN.xml`, `xl/sharedStrings.xml`): it
 * walks the inflated bytes for `<row>`/`<c>` instead of building an XML tree, because a
 * province's sheet holds a million rows and a general XML parser spends its time on events
 * nobody needs (issue 5). It works on bytes, not decoded text: markup is ASCII, numbers are read
 * straight from the bytes, and only the text a cell keeps is decoded — into a fresh string, so no
 * kept value pins a chunk of the sheet in memory.
 *
 * Values are normalised exactly as src/read/cell.ts normalises exceljs's full reader, the
 * reference: a test runs both readers over every fixture and compares the audit results.
 */

export interface SheetContext {
  /** The shared strings table, rich text already joined. */
  sharedStrings: string[];
  /** dateStyles[s] is true when cell style `s` has a date number format. */
  dateStyles: boolean[];
  date1904: boolean;
  /** The shared strings part's name, null when the workbook has none (a `t="s"` cell then names it missing). */
  sharedStringsPart?: string | null;
}

/** Excel's grid: 1 048 576 rows, 16 384 columns (A–XFD). */
export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

/**
 * A string item (`<si>`, an inline `<is>`) or a row larger than this much XML is refused: Excel
 * holds at most 32 767 characters in a cell (3 bytes each in UTF-8 at most, ~96 KB), so even a
 * rich text of one-character runs each with its own font stays far below it. Without a bound one
 * crafted 200 MB string was gathered in memory (issue 18).
 */
export const MAX_ITEM_BYTES = 8 * 1024 * 1024;
/** A row's XML: 16 384 cells of a few KB each stay below it; a row past it is not a spreadsheet's. */
export const MAX_ROW_BYTES = 64 * 1024 * 1024;

/**
 * Sheet XML a spreadsheet program would not write: a cell or row outside Excel's grid, a string or
 * row past the bounds above. The reader turns it into an input error naming the file and the place.
 */
export class SheetXmlError extends Error {
  constructor(
    readonly problem: 'cell-outside-grid' | 'row-outside-grid' | 'too-large' | 'row-too-large' | 'no-shared-string',
    /** The cell reference or row number as the file gives it (cut to 40 characters), or `<si> #3`. */
    readonly where: string,
  ) {
    super(`${problem} ${where}`);
    this.name = 'SheetXmlError';
  }
}

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f;
const SPACE = 0x20;
const AMP = 0x26;

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

/** A reference as the file gives it, cut short for a message. */
function latin1Cut(buf: Buffer, a: number, b: number): string {
  let e = a;
  while (e < b && e - a < 40 && buf[e] !== 0x22 && buf[e] !== 0x27 && buf[e] !== GT && buf[e] !== SPACE) e++;
  return buf.toString('latin1', a, e);
}

const isTagEnd = (b: number) => b === GT || b === SPACE || b === SLASH || b === 0x09 || b === 0x0a || b === 0x0d;

/** Index of the next `<` in buf[from..end), or -1. */
function nextLt(buf: Uint8Array, from: number, end: number): number {
  for (let i = from; i < end; i++) if (buf[i] === LT) return i;
  return -1;
}

/** Index of the `>` closing a tag that starts at `from`. */
function tagEnd(buf: Uint8Array, from: number, end: number): number {
  for (let i = from; i < end; i++) if (buf[i] === GT) return i;
  return -1;
}

/** The text of an element's content buf[a..b): UTF-8, entities decoded. */
function text(buf: Buffer, a: number, b: number): string {
  return decodeXmlText(buf.toString('utf8', a, b));
}

/**
 * The text of every `<t>` between `start` and `end` (a shared string item or an inline string),
 * entities decoded, phonetic runs (`<rPh>`) left out; `rich` when it is made of runs (`<r>`).
 * Inside a `<t>`, CDATA is text as it stands and a comment is no text, as Excel reads them.
 */
function textOfItem(buf: Buffer, start: number, end: number): { text: string; rich: boolean } {
  let out = '';
  let rich = false;
  let p = start;
  for (;;) {
    const open = nextLt(buf, p, end);
    if (open < 0) break;
    const c1 = buf[open + 1];
    const c2 = buf[open + 2]!;
    if (c1 === 0x72 /* r */ && c2 === 0x50 /* P */ && buf[open + 3] === 0x68 /* h */) {
      // <rPh …>…</rPh>: how to read the text, not the text.
      const close = buf.indexOf('</rPh>', open, 'latin1');
      p = close < 0 || close >= end ? end : close + 6;
      continue;
    }
    if (c1 === 0x72 /* r */ && isTagEnd(c2)) rich = true;
    if (c1 === 0x74 /* t */ && isTagEnd(c2)) {
      const te = tagEnd(buf, open, end);
      if (te < 0) break;
      if (buf[te - 1] === SLASH) {
        p = te + 1;
        continue;
      }
      p = te + 1;
      for (;;) {
        const lt = nextLt(buf, p, end);
        if (lt < 0) {
          out += text(buf, p, end);
          p = end;
          break;
        }
        if (lt > p) out += text(buf, p, lt);
        if (buf[lt + 1] === 0x21 /* ! */) {
          if (buf[lt + 2] === 0x5b /* [ */) {
            // <![CDATA[ … ]]>: the text as it stands, no entities.
            const close = buf.indexOf(']]>', lt + 9, 'latin1');
            const stop = close < 0 || close > end ? end : close;
            out += buf.toString('utf8', lt + 9, stop);
            p = stop + 3;
            continue;
          }
          // <!-- … -->: not text.
          const close = buf.indexOf('-->', lt + 4, 'latin1');
          p = close < 0 || close > end ? end : close + 3;
          continue;
        }
        p = lt + 1; // </t>
        break;
      }
      continue;
    }
    p = open + 1;
  }
  return { text: out, rich };
}

const SI_OPEN = Buffer.from('<si');
const SI_CLOSE = Buffer.from('</si>');

/** Parse every complete `<si>` in `buf`; returns where the unparsed rest starts. */
export function scanSharedStrings(buf: Buffer, out: string[]): number {
  let p = 0;
  for (;;) {
    const open = buf.indexOf(SI_OPEN, p);
    if (open < 0) return Math.max(p, buf.length - 3);
    if (open + 3 >= buf.length) return open;
    if (!isTagEnd(buf[open + 3]!)) {
      p = open + 3;
      continue;
    }
    const te = tagEnd(buf, open, buf.length);
    if (te < 0) return open;
    if (buf[te - 1] === SLASH) {
      out.push('');
      p = te + 1;
      continue;
    }
    const close = buf.indexOf(SI_CLOSE, te);
    if (close < 0) return open;
    if (close - open > MAX_ITEM_BYTES) throw new SheetXmlError('too-large', `<si> #${out.length + 1}`);
    out.push(decodeExcelEscapes(textOfItem(buf, te + 1, close).text));
    p = close + 5;
  }
}

function excelDay(serial: number, date1904: boolean): string {
  // exceljs's utils.excelToDate, then cell.ts's isoDay: the same arithmetic, the same rounding.
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000)).toISOString().slice(0, 10);
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * parseFloat of buf[a..b) without making a string for the common case: up to 15 significant
 * digits with an optional sign and point. N / 10^k of two exact doubles is correctly rounded, so
 * the result is the same double parseFloat gives; anything else goes to parseFloat itself.
 */
function number(buf: Buffer, a: number, b: number): number {
  let i = a;
  let neg = false;
  if (buf[i] === 0x2d) {
    neg = true;
    i++;
  }
  let n = 0;
  let digits = 0;
  let scale = -1;
  for (; i < b; i++) {
    const ch = buf[i]!;
    if (ch >= 0x30 && ch <= 0x39) {
      n = n * 10 + (ch - 0x30);
      digits++;
      if (scale >= 0) scale++;
    } else if (ch === 0x2e && scale < 0) scale = 0;
    else break;
  }
  if (i !== b || digits === 0 || digits > 15) return decimal(buf.toString('latin1', a, b));
  const v = scale > 0 ? n / POW10[scale]! : n;
  return neg ? -v : v;
}

function int(buf: Buffer, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) {
    const ch = buf[i]!;
    if (ch < 0x30 || ch > 0x39) return i === a ? NaN : n;
    n = n * 10 + (ch - 0x30);
  }
  return a === b ? NaN : n;
}

/** Whether buf[a..b) holds `shared` (a formula tag's `t="shared"`). */
function hasShared(buf: Buffer, a: number, b: number): boolean {
  for (let i = a; i + 6 <= b; i++) {
    if (buf[i] === 0x73 && buf[i + 1] === 0x68 && buf[i + 2] === 0x61 && buf[i + 3] === 0x72 && buf[i + 4] === 0x65 && buf[i + 5] === 0x64) return true;
  }
  return false;
}

/** Cell types by their `t` attribute. */
const enum T {
  Number,
  Shared,
  Str,
  Inline,
  Bool,
  Error,
}

function typeOf(buf: Buffer, a: number, b: number): T {
  const len = b - a;
  const c = buf[a];
  if (len === 1) return c === 0x73 ? T.Shared : c === 0x62 ? T.Bool : c === 0x65 ? T.Error : T.Number;
  if (len === 3 && c === 0x73) return T.Str;
  if (len === 9 && c === 0x69) return T.Inline;
  return T.Number;
}

const ROW_OPEN = Buffer.from('<row');
const ROW_CLOSE = Buffer.from('</row>');

/**
 * Chunks of sheet XML in, rows of cell values out. Rows are cut at `</row>`, so a chunk boundary
 * anywhere (inside a tag, a value or a UTF-8 character) is safe.
 */
export class SheetScanner {
  private rest: Buffer | null = null;
  private lastRow = 0;
  /** A row came whose number is not above the one before (a crafted or hand-edited file). */
  disordered = false;
  /** The row being scanned, for a message. */
  private rowAt = 0;
  private colAt = 0;
  /** Where the last cells() or cellValue() call stopped: after `</row>` or `</c>`; -1 when the chunk ended first. */
  private pos = 0;
  /** The row being scanned, and its formulas that had no cached result (issue 18, ./formula.ts). */
  private row = 0;
  private pending: PendingFormula[] | null = null;
  /** Shared formulas' masters by `si`: the text a child without a result is moved from. */
  private readonly shared: SharedFormulas = new Map();

  constructor(private readonly ctx: SheetContext) {}

  /** Chunks of a row longer than one chunk, gathered until its `</row>` comes (kept apart: linear). */
  private chunks: Buffer[] = [];
  private chunkBytes = 0;

  /** Scan `chunk` (after what was left over); complete rows that hold a value go to `out`. */
  push(chunk: Buffer, out: RawRow[]): void {
    let buf = chunk;
    let from = 0;
    if (this.rest) {
      // The row cut at the last chunk's end is joined with this chunk up to its first `</row>`
      // only: joined with the whole chunk, every byte of the sheet was copied once more (issue 5).
      const close = chunk.indexOf(ROW_CLOSE);
      const rest = this.rest;
      const inRow = rest.length > 4 && rest[0] === LT && rest[1] === 0x72 && rest[2] === 0x6f && rest[3] === 0x77;
      if (close < 0 && inRow) {
        // A row (a long string) spanning chunk after chunk: the pieces are kept and joined once
        // its end comes; joined at each chunk, a 200 MB string took 35 s (issue 18).
        this.chunks.push(chunk);
        this.chunkBytes += chunk.length;
        if (this.rest.length + this.chunkBytes > MAX_ROW_BYTES) throw new SheetXmlError('row-too-large', String(this.lastRow + 1));
        return;
      }
      if (this.chunks.length) {
        this.rest = Buffer.concat([this.rest, ...this.chunks]);
        this.chunks = [];
        this.chunkBytes = 0;
        if (this.rest.length > MAX_ROW_BYTES) throw new SheetXmlError('row-too-large', String(this.lastRow + 1));
      }
      const head = close < 0 ? null : Buffer.concat([this.rest, chunk.subarray(0, close + ROW_CLOSE.length)]);
      const rows = out.length;
      const lastRow = this.lastRow;
      if (head && this.scan(head, out, 0) === head.length) from = close + ROW_CLOSE.length;
      else {
        // The head did not end where a row does (XML that is not well formed): what it gave is
        // taken back and the whole chunk joined, as before.
        out.length = rows;
        this.lastRow = lastRow;
        buf = Buffer.concat([this.rest, chunk]);
      }
    }
    const used = this.scan(buf, out, from);
    // A copy, so the chunk it came from can go.
    this.rest = used < buf.length ? Buffer.from(buf.subarray(used)) : null;
  }

  /** The end of the sheet: anything left over is not a complete row. */
  end(out: RawRow[]): void {
    if (this.chunks.length) this.rest = Buffer.concat([this.rest!, ...this.chunks]);
    this.chunks = [];
    if (this.rest) this.scan(this.rest, out, 0);
    this.rest = null;
  }

  /** Returns the index of the first byte not consumed. */
  private scan(buf: Buffer, out: RawRow[], from: number): number {
    let p = from;
    const len = buf.length;
    for (;;) {
      // The next <row: usually right after the last </row>, so a byte loop beats a search call.
      let open = nextLt(buf, p, Math.min(len, p + 64));
      if (open < 0 || buf[open + 1] !== 0x72 || buf[open + 2] !== 0x6f || buf[open + 3] !== 0x77) open = buf.indexOf(ROW_OPEN, p);
      if (open < 0) return Math.max(p, len - 4);
      if (open + 4 >= len) return open;
      if (!isTagEnd(buf[open + 4]!)) {
        // <rowBreaks> and the like.
        p = open + 4;
        continue;
      }
      const te = tagEnd(buf, open, len);
      if (te < 0) return open;
      const rowNumber = this.rowNumber(buf, open + 4, te);
      if (rowNumber <= this.lastRow) this.disordered = true;
      if (buf[te - 1] === SLASH) {
        this.lastRow = rowNumber;
        p = te + 1;
        continue;
      }
      this.row = rowNumber;
      this.rowAt = rowNumber;
      const cells = this.cells(buf, te + 1, len);
      if (this.pos < 0) return open; // the row goes on in the next chunk
      this.lastRow = rowNumber;
      if (cells && this.pending) settleRowFormulas(cells, rowNumber, this.pending);
      if (cells) out.push({ row: rowNumber, cells });
      p = this.pos;
    }
  }

  private rowNumber(buf: Buffer, start: number, end: number): number {
    for (let i = start; i < end - 3; i++) {
      if (buf[i] === SPACE && buf[i + 1] === 0x72 /* r */ && buf[i + 2] === 0x3d /* = */) {
        const n = int(buf, i + 4, end);
        if (!Number.isNaN(n)) {
          // Outside Excel's grid: a crafted number, not a row (r="0" dropped a teacher; a row
          // past the grid listed every blank row before it, or ran out of memory; issue 18).
          if (n < 1 || n > MAX_ROWS) throw new SheetXmlError('row-outside-grid', latin1Cut(buf, i + 4, end));
          return n;
        }
      }
    }
    if (this.lastRow >= MAX_ROWS) throw new SheetXmlError('row-outside-grid', String(this.lastRow + 1));
    return this.lastRow + 1;
  }

  /**
   * The row's cells up to its `</row>` (this.pos goes after it, or -1 when the buffer ends
   * first), or null when none holds a value (exceljs's eachRow leaves such rows out).
   */
  private cells(buf: Buffer, start: number, end: number): CellValue[] | null {
    let cells: CellValue[] | null = null;
    let col = -1;
    let p = start;
    this.pending = null;
    for (;;) {
      const open = nextLt(buf, p, end);
      if (open < 0 || open + 6 > end) {
        this.pos = -1;
        return cells;
      }
      if (buf[open + 1] === SLASH && buf[open + 2] === 0x72 && buf[open + 3] === 0x6f && buf[open + 4] === 0x77 && buf[open + 5] === GT) {
        this.pos = open + 6;
        return cells;
      }
      if (buf[open + 1] !== 0x63 /* c */ || !isTagEnd(buf[open + 2]!)) {
        p = open + 1;
        continue;
      }
      // Attributes: r (A1 reference), t (type), s (style index).
      let type = T.Number;
      let style = 0;
      let ref = -1;
      let i = open + 2;
      let selfClosing = false;
      for (; i < end; ) {
        const ch = buf[i]!;
        if (ch === GT) break;
        if (ch === SLASH) {
          selfClosing = true;
          i++;
          continue;
        }
        if (ch === SPACE || ch === 0x09 || ch === 0x0a || ch === 0x0d) {
          i++;
          continue;
        }
        let eq = i;
        while (eq < end && buf[eq] !== 0x3d /* = */) eq++;
        const quote = buf[eq + 1]!;
        let ve = eq + 2;
        while (ve < end && buf[ve] !== quote) ve++;
        if (ve >= end) {
          i = end; // the tag goes on in the next chunk
          break;
        }
        if (eq - i === 1) {
          if (ch === 0x72 /* r */) {
            let n = 0;
            for (let k = eq + 2; k < ve; k++) {
              const l = buf[k]!;
              if (l >= 0x41 && l <= 0x5a) n = n * 26 + (l - 0x40);
              else if (l >= 0x61 && l <= 0x7a) n = n * 26 + (l - 0x60);
              else break;
              // Past XFD: a row of that many cells took the process down (issue 18).
              if (n > MAX_COLUMNS) throw new SheetXmlError('cell-outside-grid', latin1Cut(buf, eq + 2, ve));
            }
            ref = n - 1;
          } else if (ch === 0x74 /* t */) type = typeOf(buf, eq + 2, ve);
          else if (ch === 0x73 /* s */) style = int(buf, eq + 2, ve) || 0;
        }
        i = ve + 1;
      }
      col = ref >= 0 ? ref : col + 1;
      if (col >= MAX_COLUMNS) throw new SheetXmlError('cell-outside-grid', a1(this.rowAt, col));
      if (selfClosing) {
        p = i + 1;
        continue;
      }
      if (i >= end) {
        this.pos = -1;
        return cells;
      }
      this.colAt = col;
      const value = this.cellValue(buf, i + 1, end, type, style, col);
      if (this.pos < 0) return cells;
      p = this.pos;
      if (value === null) continue;
      if (!cells) cells = [];
      while (cells.length < col) cells.push(null);
      cells[col] = value;
    }
  }

  /**
   * One cell's value from its content (after `<c …>`, up to `</c>`), following exceljs's
   * cell-xform: a formula gives its cached value, `s` an index into the shared strings, `str`
   * text, `inlineStr` the text of `<is>`, `b` a boolean, `e` an error, otherwise a number — a
   * date when the cell's style formats it as one.
   */
  private cellValue(buf: Buffer, start: number, end: number, type: T, style: number, col: number): CellValue {
    const ctx = this.ctx;
    let formula = false;
    let fAt = -1;
    let va = -1;
    let vb = -1;
    let inline: string | undefined;
    let p = start;
    this.pos = -1;
    for (;;) {
      const lt = nextLt(buf, p, end);
      if (lt < 0 || lt + 3 >= end) return null;
      const c1 = buf[lt + 1];
      const c2 = buf[lt + 2]!;
      if (c1 === SLASH && c2 === 0x63 /* c */) {
        this.pos = lt + 4;
        break;
      }
      if (c1 === 0x66 /* f */ && isTagEnd(c2)) {
        formula = true;
        fAt = lt;
      } else if (c1 === 0x76 /* v */ && isTagEnd(c2)) {
        const te = tagEnd(buf, lt, end);
        if (te < 0) return null;
        if (buf[te - 1] !== SLASH) {
          const close = nextLt(buf, te + 1, end);
          if (close < 0) return null;
          if (close > te + 1) {
            va = te + 1;
            vb = close;
          }
          p = close + 1;
          continue;
        }
      } else if (c1 === 0x69 /* i */ && c2 === 0x73 /* s */ && type === T.Inline) {
        const close = buf.indexOf('</is>', lt, 'latin1');
        if (close < 0) return null;
        const isEnd = close;
        if (isEnd - lt > MAX_ITEM_BYTES) throw new SheetXmlError('too-large', a1(this.rowAt, this.colAt));
        const { text: t, rich } = textOfItem(buf, lt + 3, isEnd);
        // exceljs decodes Excel escapes in rich runs only; a plain inline <t> keeps them.
        if (t !== '') inline = rich ? decodeExcelEscapes(t) : t;
        p = isEnd;
        continue;
      }
      p = lt + 1;
    }
    // A formula's attributes are read only for a shared formula's master (`<f t="shared" ref=…>`,
    // rare) or a formula without a result: a plain `<f>` with its `<v>` costs nothing more (issue 5).
    if (formula && type !== T.Inline && (va < 0 || buf[fAt + 2] !== GT)) {
      const pending = this.formulaOf(buf, fAt, end, col, va < 0);
      if (pending !== null) {
        (this.pending ??= []).push({ col, formula: pending });
        return { error: `=${pending}` };
      }
    }
    let value: CellValue;
    if (type === T.Inline) {
      value = inline === undefined ? null : formula ? parseFloat(inline) : inline;
    } else if (va < 0) value = null;
    else if (formula) {
      if (type === T.Str) value = xmlDecodeAgain(text(buf, va, vb));
      else if (type === T.Bool) value = parseInt(text(buf, va, vb), 10) !== 0;
      else if (type === T.Error) value = { error: text(buf, va, vb) };
      else value = this.numeric(buf, va, vb, style);
    } else {
      switch (type) {
        case T.Shared: {
          const s = ctx.sharedStrings[int(buf, va, vb)];
          // An index the table lacks (or no table at all): the cell's text is lost, never read as empty.
          if (s === undefined) throw new SheetXmlError('no-shared-string', a1(this.rowAt, this.colAt));
          value = s;
          break;
        }
        case T.Str:
          value = xmlDecodeAgain(text(buf, va, vb));
          break;
        case T.Bool:
          value = parseInt(text(buf, va, vb), 10) !== 0;
          break;
        case T.Error:
          value = { error: text(buf, va, vb) };
          break;
        default:
          value = this.numeric(buf, va, vb, style);
      }
    }
    return value;
  }

  /**
   * The `<f>` at `at`: a shared formula's master is kept for its block; when the cell has no
   * result, the formula's text (a shared child's moved from its master, as exceljs moves it).
   */
  private formulaOf(buf: Buffer, at: number, end: number, col: number, noResult: boolean): string | null {
    const te = tagEnd(buf, at, end);
    if (te < 0) return noResult ? '' : null;
    // LibreOffice writes `<f aca="false">` on every formula: only a shared one is looked into,
    // found without making a string of the tag (issue 5).
    if (!noResult && !hasShared(buf, at, te)) return null;
    const tag = buf.toString('latin1', at, te);
    const content = buf[te - 1] === SLASH ? '' : text(buf, te + 1, Math.max(te + 1, nextLt(buf, te + 1, end)));
    return formulaText(this.shared, tag, content, { row: this.row, col }, noResult);
  }

  private numeric(buf: Buffer, a: number, b: number, style: number): CellValue {
    let amp = false;
    for (let i = a; i < b; i++) if (buf[i] === AMP) amp = true;
    const n = amp ? decimal(text(buf, a, b)) : number(buf, a, b);
    // Not a decimal: the cell's text, which readNumber calls not a number (value-not-number).
    if (Number.isNaN(n)) return text(buf, a, b);
    return style && this.ctx.dateStyles[style] ? excelDay(n, this.ctx.date1904) : n;
  }
}

/** The namespaces whose elements the scanners read; a prefix bound to one of them is dropped. */
const READ_NAMESPACES = [
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  // Strict OOXML (ISO/IEC 29500 Strict), as Excel's "Strict Open XML Spreadsheet" writes it.
  'http://purl.oclc.org/ooxml/spreadsheetml/main',
  'http://schemas.openxmlformats.org/package/2006/relationships',
];

/**
 * SpreadsheetML whose elements carry a namespace prefix (`<x:worksheet><x:sheetData><x:row>`, as
 * OpenXML-SDK and .NET exporters write it) made into the plain kind the scanners read: the prefix
 * of every start and end tag bound to a SpreadsheetML namespace is taken out. Excel and LibreOffice
 * read such files; the scanner found no rows in them (issue 18). Only a part whose root declares
 * such a prefix pays for this.
 */
export class PrefixStripper {
  private carry: Buffer | null = null;
  private constructor(private readonly tag: RegExp) {}

  /** A stripper for a part whose first chunk is `first`, or null when its elements carry no prefix. */
  static for(first: Buffer): PrefixStripper | null {
    const head = first.toString('latin1', 0, Math.min(first.length, 1 << 16));
    const prefixes: string[] = [];
    for (const m of head.matchAll(/xmlns:([A-Za-z_][\w.-]*)\s*=\s*["']([^"']*)["']/g)) {
      if (READ_NAMESPACES.includes(m[2]!)) prefixes.push(m[1]!.replace(/\./g, '\\.'));
    }
    if (!prefixes.length) return null;
    return new PrefixStripper(new RegExp(`<(/?)(?:${prefixes.join('|')}):`, 'g'));
  }

  push(chunk: Buffer): Buffer {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    // A tag cut at the chunk's end waits for the next chunk, so its prefix is seen whole.
    const lt = buf.lastIndexOf(LT);
    let cut = buf.length;
    if (lt >= 0 && buf.indexOf(GT, lt) < 0 && buf.length - lt < 4096) cut = lt;
    this.carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : null;
    return Buffer.from(buf.toString('latin1', 0, cut).replace(this.tag, '<$1'), 'latin1');
  }

  end(): Buffer | null {
    const rest = this.carry;
    this.carry = null;
    return rest && Buffer.from(rest.toString('latin1').replace(this.tag, '<$1'), 'latin1');
  }
}

/** A cell reference (`G5`) as 1-based row and 0-based column; null when it is not one. */
export function parseCellRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,7})\$?(\d{1,12})$/.exec(ref.trim());
  if (!m) return null;
  let n = 0;
  for (const ch of m[1]!.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col: n - 1 };
}

const MERGE_OPEN = Buffer.from('<mergeCell');

/**
 * The merged ranges of a sheet, gathered from its chunks as the rows are read: `<mergeCells>`
 * follows `<sheetData>`, so they are known only at the sheet's end (a reader of a form with merged
 * data cells reads it again then; ../audit/load.ts). A byte search for one tag per chunk.
 */
export class MergeScan {
  readonly merges: MergeRange[] = [];
  private carry: Buffer | null = null;

  push(chunk: Buffer): void {
    if (this.carry) {
      // A tag cut at the last chunk's edge: made whole with this chunk's first bytes, not by
      // copying the chunk (most chunks end inside some tag).
      const gt = chunk.indexOf(GT);
      if (gt >= 0) {
        const tag = Buffer.concat([this.carry, chunk.subarray(0, gt + 1)]);
        this.scan(tag, tag.length);
      }
      this.carry = null;
    }
    const lt = chunk.lastIndexOf(LT);
    let cut = chunk.length;
    if (lt >= 0 && chunk.length - lt < 4096 && chunk.indexOf(GT, lt) < 0) cut = lt;
    this.carry = cut < chunk.length ? Buffer.from(chunk.subarray(cut)) : null;
    if (chunk.indexOf(MERGE_OPEN) >= 0) this.scan(chunk, cut);
  }

  end(): void {
    this.carry = null;
  }

  private scan(buf: Buffer, end: number): void {
    for (let p = buf.indexOf(MERGE_OPEN, 0); p >= 0 && p < end; p = buf.indexOf(MERGE_OPEN, p + 10)) {
      if (!isTagEnd(buf[p + 10] ?? GT)) continue; // <mergeCells
      const te = tagEnd(buf, p, end);
      if (te < 0) break;
      const ref = /\sref\s*=\s*["']([^"']*)["']/.exec(buf.toString('latin1', p, te))?.[1];
      if (!ref) continue;
      const [a, b] = ref.split(':');
      const tl = parseCellRef(a!);
      const br = b === undefined ? tl : parseCellRef(b);
      if (!tl || !br) continue; // not a range: nothing Excel would merge either
      for (const c of [tl, br]) {
        if (c.row < 1 || c.row > MAX_ROWS || c.col < 0 || c.col >= MAX_COLUMNS) throw new SheetXmlError('cell-outside-grid', ref.slice(0, 40));
      }
      const top = Math.min(tl.row, br.row);
      const left = Math.min(tl.col, br.col);
      const bottom = Math.max(tl.row, br.row);
      const right = Math.max(tl.col, br.col);
      if (top === bottom && left === right) continue;
      this.merges.push({ top, left, bottom, right });
    }
  }
}
