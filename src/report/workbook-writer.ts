import { createWriteStream, openSync, type WriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';
import { columnLetter } from '../read/types.js';
import { excelText, isSpace } from './excel-text.js';
import { addTempFile, dropTempFile } from './temp-files.js';
import { REPORT_KEYWORD, w3cdtf } from '../model/marker.js';
import { ShapeIds } from './shape-ids.js';
import { PAGE_MARGINS, pageFit } from './page-layout.js';
import { FILL, headerHeight, wrappedRowHeight, type ReportCell, type ReportSheet } from './sheets.js';

/**
 * A lean SpreadsheetML writer for the report's sheets (issue 5): rows go from the ReportSheet
 * generator straight into the deflater, so memory does not grow with the sheet — exceljs's
 * streaming writer holds ~700 MB for a million rows and writes ~15 000 rows/s (DESIGN.md, known
 * traps). It writes what the report uses and nothing more: text (input text is never a formula),
 * numbers, fills, bold and link fonts, number formats, notes (comments + VML), internal
 * hyperlinks, a frozen header (and identity columns) with an autofilter, column widths, wrapped
 * text, a data bar and the page setup for printing (page-layout.ts).
 * Text that repeats (school, file, clause, check id, severity…) goes to a shared-strings table
 * (xl/sharedStrings.xml) and a cell holds its index; the table is bounded (SHARED_STRINGS), so
 * long text, text of a column that does not repeat (ids, source cells) and new text once the
 * table is full are written inline in the cell, as before.
 * Each part of the package is deflated as it is written, in a deflater of its own on the thread
 * pool, so a sheet, its notes and their drawing are compressed side by side (ZipPart).
 * Links belong after the cells in the sheet, so their text waits in a temporary file beside the
 * output, never in memory; the notes' drawing is made after the sheet from each note's row and
 * column (two integers a note).
 */

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Deflate level of every part: level 1 is about three times faster than the default and ~25 % larger. */
const SHEET_COMPRESSION = 1;

// Characters XML 1.0 cannot hold at all; Excel would refuse the file.
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function esc(s: string): string {
  if (/[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s)) {
    return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  return s;
}

/** ` xml:space="preserve"` where white space at an end or a line break must survive (as `/^\s|\s$|\n/` tells, without the regex). */
function keepSpace(text: string): string {
  return isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1)) || text.includes('\n') ? ' xml:space="preserve"' : '';
}

/**
 * Excel's escape `_xHHHH_`: exceljs decodes it in a shared string but not in an inline one, so
 * text holding it stays inline and reads back as it did before the table.
 */
const EXCEL_ESCAPE = /_x[0-9A-Fa-f]{4}_/;

/** How far the shared-strings table may grow; past these, text is written inline. */
export interface SharedStringLimits {
  /** Distinct texts the table holds at most: memory stays flat however many rows are written. */
  maxCount: number;
  /** Longer text is written inline: it rarely repeats and would make the table large. */
  maxLength: number;
  /**
   * Text cells of a column looked at together: when more than half of a window's texts were new
   * (ids, source cells, cell addresses, links to a teacher's row), the column's text is written
   * inline for the rest of the sheet. A text new to the table costs about what an inline one does,
   * but takes a place: such a column would fill the table (a million-row return has more ids than
   * places) and leave text that repeats, seen later, inline; and it costs a lookup per cell.
   */
  window: number;
}

export const SHARED_STRINGS: Readonly<SharedStringLimits> = { maxCount: 100_000, maxLength: 200, window: 1024 };

/**
 * The shared-strings table, keyed by the cell's text as the report gives it (before excelText):
 * a text seen before costs one lookup, no cleaning or escaping.
 */
class SharedStrings {
  /** Raw text → index; in insertion order, which is the order of the `<si>` items. */
  private readonly index = new Map<string, number>();
  /** The `<si>` text of each item (excelText applied). */
  private readonly items: string[] = [];
  /** Cells that refer to the table (the `count` of `<sst>`). */
  refs = 0;
  constructor(readonly limits: SharedStringLimits) {}

  get(raw: string): number | undefined {
    return this.index.get(raw);
  }

  /** Add `raw`, whose cleaned text is `text`; undefined when the table is full or the text cannot be shared. */
  add(raw: string, text: string): number | undefined {
    if (this.items.length >= this.limits.maxCount || (text.includes('_x') && EXCEL_ESCAPE.test(text))) return undefined;
    const i = this.items.push(text) - 1;
    this.index.set(raw, i);
    return i;
  }

  *xml(): Generator<string> {
    yield `${XML_HEAD}<sst xmlns="${NS}" count="${this.refs}" uniqueCount="${this.items.length}">`;
    let part = '';
    for (const text of this.items) {
      part += `<si><t${keepSpace(text)}>${esc(text)}</t></si>`;
      if (part.length >= 1 << 16) {
        yield part;
        part = '';
      }
    }
    yield part + '</sst>';
  }
}

/**
 * A cell's alignment: none (Excel's default, at the bottom of its row); a header cell (wrapped,
 * centred vertically); a wrapped data cell (a long 说明); a cell beside one in a row made taller
 * for it. Wrapped text and the cells beside it sit at the top, so a row taller than a line reads
 * along its first line: the severity and the school level with the start of the 说明, not with
 * its last line.
 */
export const ALIGN = { none: 0, header: 1, wrap: 2, top: 3 } as const;
type Align = (typeof ALIGN)[keyof typeof ALIGN];

const ALIGNMENT_XML: Record<Align, string> = {
  0: '',
  1: '<alignment vertical="center" wrapText="1"/>',
  2: '<alignment vertical="top" wrapText="1"/>',
  3: '<alignment vertical="top"/>',
};

/** Cell styles (cellXfs), made as the cells need them: font × fill × number format × alignment. */
class Styles {
  private fills: string[] = [];
  private numFmts: string[] = [];
  private xfs: Array<{ font: number; fill: number; numFmt: number; align: Align }> = [{ font: 0, fill: 0, numFmt: 0, align: ALIGN.none }];
  private index = new Map<string, number>();

  /**
   * Per font and alignment (font × 4 + align), the style of a fill with no number format: looked up
   * without a key string (a million rows of cells; every cell of 问题清单's tall rows is aligned).
   */
  private plain = Array.from({ length: 12 }, () => new Map<string | undefined, number>());

  /** The style index for a cell; 0 for none. `font`: 0 normal, 1 bold, 2 link; `align`: ALIGN. */
  of(font: number, fillArgb: string | undefined, numFmt: string | undefined, align: Align = ALIGN.none): number {
    if (font === 0 && !fillArgb && !numFmt && !align) return 0;
    if (numFmt) return this.made(font, fillArgb, numFmt, align);
    const plain = this.plain[font * 4 + align]!;
    let i = plain.get(fillArgb);
    if (i === undefined) plain.set(fillArgb, (i = this.made(font, fillArgb, undefined, align)));
    return i;
  }

  private made(font: number, fillArgb: string | undefined, numFmt: string | undefined, align: Align): number {
    const key = `${font}|${fillArgb ?? ''}|${numFmt ?? ''}|${align}`;
    let i = this.index.get(key);
    if (i !== undefined) return i;
    let fill = 0;
    if (fillArgb) {
      let f = this.fills.indexOf(fillArgb);
      if (f < 0) f = this.fills.push(fillArgb) - 1;
      fill = f + 2; // 0 none, 1 gray125: required by Excel
    }
    let fmt = 0;
    if (numFmt) {
      let f = this.numFmts.indexOf(numFmt);
      if (f < 0) f = this.numFmts.push(numFmt) - 1;
      fmt = 164 + f;
    }
    i = this.xfs.push({ font, fill, numFmt: fmt, align }) - 1;
    this.index.set(key, i);
    return i;
  }

  xml(): string {
    const numFmts = this.numFmts.length
      ? `<numFmts count="${this.numFmts.length}">${this.numFmts.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${esc(f)}"/>`).join('')}</numFmts>`
      : '';
    const fonts =
      '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
      '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
      '<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>';
    const fills = `<fills count="${this.fills.length + 2}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${this.fills
      .map((argb) => `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor indexed="64"/></patternFill></fill>`)
      .join('')}</fills>`;
    const xfs = `<cellXfs count="${this.xfs.length}">${this.xfs
      .map(
        (x) =>
          `<xf numFmtId="${x.numFmt}" fontId="${x.font}" fillId="${x.fill}" borderId="0" xfId="0"${x.numFmt ? ' applyNumberFormat="1"' : ''}${x.font ? ' applyFont="1"' : ''}${x.fill ? ' applyFill="1"' : ''}${
            x.align ? ` applyAlignment="1">${ALIGNMENT_XML[x.align]}</xf>` : '/>'
          }`,
      )
      .join('')}</cellXfs>`;
    return `${XML_HEAD}<styleSheet xmlns="${NS}">${numFmts}${fonts}${fills}<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>${xfs}<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0"/></styleSheet>`;
  }
}

/** Bytes gathered before they go to the stream. */
const OUT_BYTES = 1 << 17;

/**
 * The first error of any stream of a report being written (the output, a temporary file, a
 * deflater): every wait of the writer ends with it, so a full disk stops the writer at the next
 * block and it cleans up, rather than waiting for a 'drain' that never comes or, with no
 * listener, ending the process where nothing removes the temporary files.
 */
class Failure {
  error: unknown = undefined;
  readonly promise: Promise<never>;
  private rejectIt: (e: unknown) => void = () => {};
  constructor() {
    this.promise = new Promise<never>((_, reject) => (this.rejectIt = reject));
    // Awaited wherever the writer waits; never left unhandled.
    this.promise.catch(() => {});
  }
  readonly fail = (e: unknown): void => {
    if (this.error !== undefined) return;
    this.error = e ?? new Error('write failed');
    this.rejectIt(this.error);
  };
  /** Throws the error, if any stream has failed. */
  check(): void {
    if (this.error !== undefined) throw this.error;
  }
  /** `p`, unless a stream fails first. */
  race<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.promise]);
  }
}

/** What Out writes to: a temporary file's stream or a part of the package. */
interface Sink {
  write(chunk: Buffer | string): boolean;
  once(event: 'drain' | 'error', listener: (error?: unknown) => void): unknown;
  end(callback: () => void): unknown;
}

const crc32 = zlib.crc32;

/** The zip format without its 64-bit extension: no part may pass 4 GiB (a sheet holds at most 1 048 576 rows). */
const ZIP32_LIMIT = 0xffff_ffff;

/**
 * One part of the package, deflated as it is written by a deflater of its own (node's zlib, on the
 * thread pool), its CRC-32 and size counted on the way in. fflate's Zip lays the parts out in the
 * order they were added and holds a later part's compressed bytes until the earlier ones end, so a
 * sheet, its notes and their drawing are compressed side by side. yazl compressed one part after
 * another: while the notes of the 教师 sheet were compressed, the next sheet could not start, and
 * its deflater's small output chunks (16 KB) sent this thread a callback every few KB of a block;
 * this thread waited on the deflater for ~1 s of a 1 000 000-row report (issue 5, profiled).
 */
class ZipPart implements Sink {
  private readonly deflater: zlib.DeflateRaw;
  private crc = 0;
  private size = 0;
  /** Resolves once the part's bytes are all handed to the zip. */
  readonly done: Promise<void>;

  constructor(zip: Zip, private readonly name: string, mtime: Date, failure: Failure) {
    const file: ZipInputFile = { filename: name, size: 0, crc: 0, compression: 8, mtime };
    zip.add(file);
    // One output chunk per input block: fewer turns of this thread per block. A shallow buffer (two
    // blocks): the deflater still works while this thread makes rows, as Out yields a turn after
    // each block. A deep one (4 MB) let blocks wait long enough to outlive young-generation
    // collections, and each then stayed until a full one: measured while writing a 100 000-teacher
    // report, 45 MB of buffers alive against 12 MB, and the million-row run's peak 20 MB higher, for
    // no gain in time. (zlib's streams take a stream's highWaterMark; its options type leaves it out.)
    this.deflater = zlib.createDeflateRaw({ level: SHEET_COMPRESSION, chunkSize: OUT_BYTES, highWaterMark: 2 * OUT_BYTES } as zlib.ZlibOptions);
    this.deflater.on('data', (chunk: Buffer) => file.ondata!(null, chunk as Uint8Array<ArrayBuffer>, false));
    this.deflater.on('error', failure.fail);
    this.done = new Promise((resolve, reject) => {
      this.deflater.once('error', reject);
      this.deflater.once('end', () => {
        file.crc = this.crc;
        file.size = this.size;
        file.ondata!(null, new Uint8Array(0), true);
        resolve();
      });
    });
    // Awaited before the zip ends; a failure before then is handled there.
    this.done.catch(() => {});
  }

  write(chunk: Buffer | string): boolean {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    if (this.size > ZIP32_LIMIT) throw new Error(`report part ${this.name} passes 4 GiB`);
    return this.deflater.write(bytes);
  }

  once(event: 'drain' | 'error', listener: (error?: unknown) => void): this {
    this.deflater.once(event, listener);
    return this;
  }

  end(callback: () => void): this {
    this.deflater.end();
    this.done.then(callback, () => {});
    return this;
  }

  /** After a failure: the deflater's memory is let go at once. */
  destroy(): void {
    this.deflater.destroy();
  }
}

/**
 * Text written in large pieces, waiting when the reader is behind (back-pressure). Each piece of
 * text is encoded as UTF-8 straight into a buffer, so the rows of a block are never joined into one
 * string first (the join was the writer's largest cost, profiled). After each block the event loop
 * gets a turn (setImmediate): the deflater works on the thread pool but needs this thread to hand
 * it the next block, so without the turn it sat idle while rows were made and the rows then waited
 * for it (measured: a 100 000-teacher sheet waited ~1 s on the deflater).
 */
class Out {
  private buf = Buffer.allocUnsafe(OUT_BYTES);
  private at = 0;
  constructor(
    private readonly stream: Sink,
    private readonly failure: Failure,
  ) {}
  private drained(): Promise<void> {
    return this.failure.race(new Promise<void>((resolve) => this.stream.once('drain', () => resolve())));
  }
  write(s: string): void | Promise<void> {
    // At most 3 bytes of UTF-8 per UTF-16 unit, so a piece that passes this test fits.
    if (s.length * 3 <= OUT_BYTES - this.at) {
      this.at += this.buf.write(s, this.at);
      return;
    }
    const p = this.flush();
    if (s.length * 3 <= OUT_BYTES) {
      this.at = this.buf.write(s, 0);
      return p;
    }
    // Larger than a block (a row of very long text): as it is, after what came before.
    this.failure.check();
    if (!this.stream.write(s)) return this.drained();
    return p;
  }
  flush(): void | Promise<void> {
    if (!this.at) return;
    this.failure.check();
    const ok = this.stream.write(this.buf.subarray(0, this.at));
    // The stream keeps the block until it is consumed: the next one is a new buffer.
    this.buf = Buffer.allocUnsafe(OUT_BYTES);
    this.at = 0;
    if (!ok) return this.drained();
    return new Promise((resolve) => setImmediate(resolve));
  }
  /** The last block written and the stream ended, without waiting for it to finish (a part of the package: its deflater finishes on its own). */
  async close(): Promise<void> {
    await this.flush();
    this.stream.end(() => {});
  }
  /** The last block written, the stream ended and finished (a temporary file: read back next). */
  async end(): Promise<void> {
    await this.flush();
    await this.failure.race(new Promise<void>((resolve) => this.stream.end(resolve)));
  }
}

/**
 * A stream to a temporary file created here and now (openSync): a stream that opened its file
 * asynchronously could create it after a signal's clean-up had removed the others (temp-files.ts),
 * and leave it behind.
 */
function fileOut(path: string, failure: Failure): { out: Out; stream: WriteStream } {
  const stream = createWriteStream(path, { fd: openSync(path, 'w'), highWaterMark: 1 << 20 });
  stream.on('error', failure.fail);
  return { out: new Out(stream, failure), stream };
}

/** Excel's columns: A to XFD. */
const MAX_COLUMNS = 16_384;

const VML_SHAPE_TYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function vmlShape(id: number, row: number, col: number): string {
  return `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:240pt;height:80pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${row}, 2, ${col + 5}, 15, ${row + 5}, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`;
}

/** Bytes of a temporary file read at a time: its text fits one of Out's blocks (3 bytes a unit at most). */
const READ_BACK_BYTES = 1 << 15;

/**
 * A temporary file's text, read back through one buffer. A read stream gives a new buffer per
 * piece, and the pieces, done with at once but kept outside V8's heap, waited for a collection
 * that came late (little is allocated at the end of a report): reading back the notes of a
 * 100 000-teacher report raised the peak by ~5 MB. Text lives in the heap and is collected young.
 */
export async function* fileText(path: string): AsyncIterable<string> {
  const file = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(READ_BACK_BYTES);
    // UTF-8 split between two reads is joined by the decoder.
    const decoder = new StringDecoder('utf8');
    for (;;) {
      const { bytesRead } = await file.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      const text = decoder.write(buf.subarray(0, bytesRead));
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    await file.close();
  }
}

/**
 * Told how far the write is: rows written of the whole report, the rows it holds, and the sheet
 * being written. Called every PROGRESS_ROWS rows and at the end of each sheet: a terminal shows it
 * (a million-row report takes ~5 s to write, a 杭州 export checked with the default rules ~20 s).
 */
export type WriteProgressListener = (rows: number, totalRows: number, sheet: string) => void;

/** Rows between two calls of a WriteProgressListener (a power of two). */
const PROGRESS_ROWS = 4096;

interface WrittenSheet {
  name: string;
  notes: number;
  header: boolean;
  width: number;
  rows: number;
  /** Columns frozen at the left, repeated on each printed page. */
  frozenColumns: number;
}

/**
 * The sheet view's frozen pane: `rows` header rows and `columns` columns at the left, as Excel
 * writes it (a selection for each pane that scrolls).
 */
function frozenPane(rows: number, columns: number): string {
  if (!rows && !columns) return '';
  const topLeft = `${columnLetter(columns)}${rows + 1}`;
  if (!columns) return `<pane ySplit="${rows}" topLeftCell="${topLeft}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${topLeft}" sqref="${topLeft}"/>`;
  const right = `${columnLetter(columns)}1`;
  if (!rows) return `<pane xSplit="${columns}" topLeftCell="${topLeft}" activePane="topRight" state="frozen"/><selection pane="topRight" activeCell="${right}" sqref="${right}"/>`;
  const below = `A${rows + 1}`;
  return `<pane xSplit="${columns}" ySplit="${rows}" topLeftCell="${topLeft}" activePane="bottomRight" state="frozen"/><selection pane="topRight" activeCell="${right}" sqref="${right}"/><selection pane="bottomLeft" activeCell="${below}" sqref="${below}"/><selection pane="bottomRight" activeCell="${topLeft}" sqref="${topLeft}"/>`;
}

/** What a printed page repeats of a sheet: its frozen columns and its header row (`_xlnm.Print_Titles`), or nothing. */
function printTitles(w: WrittenSheet, quoted: string): string {
  const titles: string[] = [];
  if (w.frozenColumns) titles.push(`${quoted}!$A:$${columnLetter(w.frozenColumns - 1)}`);
  if (w.header) titles.push(`${quoted}!$1:$1`);
  return titles.join(',');
}

/** A file's name with a leading dot: hidden on Linux and macOS (Windows shows it all the same). */
function hidden(file: string): string {
  const name = basename(file);
  return name.startsWith('.') ? file : join(dirname(file), `.${name}`);
}

/** Write the report's sheets to `file` as an xlsx; `tmpBase` names the temporary files beside it. */
export async function writeLeanWorkbook(
  sheets: ReportSheet[],
  file: string,
  created: Date,
  tmpBase = hidden(`${file}.part`),
  sharedStrings: Partial<SharedStringLimits> = {},
  onProgress?: WriteProgressListener,
): Promise<void> {
  // Rows of the whole report, for the share written (each sheet says how many it has).
  const totalRows = sheets.reduce((n, sh) => n + sh.rowCount, 0);
  let rowsBefore = 0;
  const sst = new SharedStrings({ ...SHARED_STRINGS, ...sharedStrings });
  const { maxLength, window } = sst.limits;
  const failure = new Failure();
  // Created here and now, as fileOut's (a signal's clean-up must find it).
  const output = createWriteStream(file, { fd: openSync(file, 'w'), highWaterMark: 1 << 20 });
  output.on('error', failure.fail);
  const closed = new Promise<void>((resolve) => output.on('close', resolve));
  // The compressed bytes, in the parts' order (a few MB a part at most wait here: their compressed size).
  const zip = new Zip((err, chunk, final) => {
    if (err) return failure.fail(err);
    output.write(chunk);
    if (final) output.end();
  });
  const parts: ZipPart[] = [];
  const part = (name: string) => {
    const p = new ZipPart(zip, name, mtime, failure);
    parts.push(p);
    return new Out(p, failure);
  };
  const add = async (name: string, text: string | Iterable<string>) => {
    const out = part(name);
    for (const piece of typeof text === 'string' ? [text] : text) {
      const p = out.write(piece);
      if (p) await p;
    }
    await out.close();
  };
  const styles = new Styles();
  const shapeIds = new ShapeIds();
  const temps: string[] = [];
  const tempStreams: WriteStream[] = [];
  const written: WrittenSheet[] = [];
  const mtime = created;
  try {
    for (const [k, sheet] of sheets.entries()) {
      const n = k + 1;
      const out = part(`xl/worksheets/sheet${n}.xml`);
      // Registered before it is created: a stopped run removes it (temp-files.ts).
      const linksFile = addTempFile(`${tmpBase}.links${n}`);
      temps.push(linksFile);
      const links = fileOut(linksFile, failure);
      tempStreams.push(links.stream);
      // The notes' text, compressed while the sheet is written; the part is added at the first note.
      let comments: Out | undefined;
      // Each note's row and column (0-based), two per note: the VML drawing is made from them
      // after the sheet, straight into the zip, rather than written to a file and read back
      // (~620 bytes a note: 160 MB at a million rows; issue 5).
      let shapeAt = new Int32Array(1024);

      const header = sheet.header;
      const frozenColumns = Math.max(0, Math.min(sheet.freezeColumns ?? 0, MAX_COLUMNS - 1));
      const cols = sheet.widths.length
        ? `<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
        : '';
      // Decided before the rows, from the widths given (the fit is declared in sheetPr, ahead of them).
      const fit = pageFit(sheet.widths);
      await out.write(
        `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${NS_R}">${fit.fitToWidth ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : ''}<sheetViews><sheetView workbookViewId="0"${k === 0 ? ' tabSelected="1"' : ''}>${frozenPane(header ? 1 : 0, frozenColumns)}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>`,
      );
      let r = 0;
      const letters: string[] = [];
      // Per column (16 384 at most): text cells and new texts in the current window; 1 once the column is written inline.
      const seenInWindow = new Int32Array(MAX_COLUMNS);
      const newInWindow = new Int32Array(MAX_COLUMNS);
      const inlineColumn = new Uint8Array(MAX_COLUMNS);
      // Per column: the last shared text and its index.
      const lastText: Array<string | undefined> = [];
      const lastIndex = new Int32Array(MAX_COLUMNS);
      let width = 0;
      let notes = 0;
      let linkCount = 0;
      for (const cells of sheet.rows()) {
        r++;
        if (onProgress && (r & (PROGRESS_ROWS - 1)) === 0) onProgress(rowsBefore + r, totalRows, sheet.name);
        if (cells.length > width) width = cells.length;
        const isHeader = header && r === 1;
        let ht: number | undefined;
        if (isHeader) ht = headerHeight(cells, sheet.widths);
        else {
          // A row is made taller only for a wrapped cell: one test a cell, and nothing more for a row without one.
          for (let c = 0; c < cells.length; c++) {
            if (cells[c]!.wrap) {
              ht = wrappedRowHeight(cells, sheet.widths);
              break;
            }
          }
        }
        // In a data row taller than a line, every cell sits at the top (ALIGN).
        const rowAlign = isHeader ? ALIGN.header : ht ? ALIGN.top : ALIGN.none;
        let x = ht ? `<row r="${r}" ht="${ht}" customHeight="1">` : `<row r="${r}">`;
        for (let c = 0; c < cells.length; c++) {
          const cell: ReportCell = cells[c]!;
          const ref = (letters[c] ??= columnLetter(c)) + r;
          const font = cell.link ? 2 : cell.bold || isHeader ? 1 : 0;
          const fill = cell.fill ?? (isHeader ? FILL.header : undefined);
          const align = cell.wrap && !isHeader ? ALIGN.wrap : rowAlign;
          const s = font || fill || cell.numFmt || align ? styles.of(font, fill, cell.numFmt, align) : 0;
          const sAttr = s ? ` s="${s}"` : '';
          const v = cell.link ? String(cell.v ?? '') : cell.v;
          // The cell's text as written, for a link's display.
          let shown = '';
          if (typeof v === 'number' && Number.isFinite(v)) x += `<c r="${ref}"${sAttr}><v>${v}</v></c>`;
          else if (v !== null && v !== undefined && v !== '') {
            const raw = typeof v === 'string' ? v : String(v);
            // Text cut to Excel's cell limit and cleaned of what XML cannot hold (excel-text.ts), as the exceljs writer does;
            // made only when the text is not in the shared table yet.
            let text: string | undefined;
            let i: number | undefined;
            if (raw.length <= maxLength && !inlineColumn[c]) {
              // The text of the row above in this column, often the same (school, file, check), needs no lookup.
              if (raw === lastText[c]) i = lastIndex[c];
              else {
                i = sst.get(raw);
                if (i === undefined) {
                  text = excelText(raw);
                  if (text !== '') i = sst.add(raw, text);
                  newInWindow[c]!++;
                }
                if (i !== undefined) {
                  lastText[c] = raw;
                  lastIndex[c] = i;
                }
              }
              if (++seenInWindow[c]! === window) {
                if (newInWindow[c]! * 2 > window) inlineColumn[c] = 1;
                seenInWindow[c] = 0;
                newInWindow[c] = 0;
              }
            }
            if (i !== undefined) {
              sst.refs++;
              x += `<c r="${ref}"${sAttr} t="s"><v>${i}</v></c>`;
            } else {
              text ??= excelText(raw);
              // xml:space only where white space at an end or a line break must survive.
              if (text !== '') x += `<c r="${ref}"${sAttr} t="inlineStr"><is><t${keepSpace(text)}>${esc(text)}</t></is></c>`;
              else if (s) x += `<c r="${ref}"${sAttr}/>`;
            }
            if (cell.link) shown = text ?? excelText(raw);
          } else if (s) x += `<c r="${ref}"${sAttr}/>`;
          if (cell.link) {
            linkCount++;
            const p = links.out.write(`<hyperlink ref="${ref}" location="${esc(cell.link)}" display="${esc(shown)}"/>`);
            if (p) await p;
          }
          if (cell.note) {
            notes++;
            comments ??= part(`xl/comments${n}.xml`);
            if (notes === 1) await comments.write(`${XML_HEAD}<comments xmlns="${NS}"><authors><author>credit-audit</author></authors><commentList>`);
            const p1 = comments.write(`<comment ref="${ref}" authorId="0"><text><r><t xml:space="preserve">${esc(excelText(cell.note))}</t></r></text></comment>`);
            if (p1) await p1;
            if (notes * 2 > shapeAt.length) {
              const grown = new Int32Array(shapeAt.length * 2);
              grown.set(shapeAt);
              shapeAt = grown;
            }
            shapeAt[notes * 2 - 2] = r - 1;
            shapeAt[notes * 2 - 1] = c;
          }
        }
        const p = out.write(x + '</row>');
        if (p) await p;
      }
      // After the cells, in the order the schema wants: autoFilter, conditionalFormatting, hyperlinks, pageMargins, legacyDrawing.
      let tail = '</sheetData>';
      if (header && r > 0 && width > 0) tail += `<autoFilter ref="A1:${columnLetter(width - 1)}1"/>`;
      if (sheet.dataBar && r > 1) {
        const col = columnLetter(sheet.dataBar.column - 1);
        tail += `<conditionalFormatting sqref="${col}2:${col}${r}"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="num" val="0"/><cfvo type="num" val="1"/><color rgb="FFF8696B"/></dataBar></cfRule></conditionalFormatting>`;
      }
      await out.write(tail);
      await links.out.end();
      if (linkCount) {
        await out.write('<hyperlinks>');
        await out.flush();
        for await (const text of fileText(linksFile)) {
          const p = out.write(text);
          if (p) await p;
        }
        await out.write('</hyperlinks>');
      }
      // District offices print the report (page-layout.ts): A4 landscape, one page wide while that
      // keeps 60 %, else at full size across pages, a row's pages side by side (overThenDown); the
      // header row and the frozen columns repeat on each page (Print_Titles); each page is numbered.
      const m = PAGE_MARGINS;
      await out.write(
        `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/><pageSetup paperSize="9" orientation="landscape" pageOrder="overThenDown"${
          fit.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ''
        }/><headerFooter><oddFooter>&amp;L&amp;A&amp;R&amp;P / &amp;N</oddFooter></headerFooter>${notes ? '<legacyDrawing r:id="rId2"/>' : ''}</worksheet>`,
      );
      await out.close();
      if (comments) {
        await comments.write('</commentList></comments>');
        await comments.close();
        const ids = shapeIds.next(notes);
        const vml = part(`xl/drawings/vmlDrawing${n}.vml`);
        await vml.write(
          `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${ids.idmap}"/></o:shapelayout>${VML_SHAPE_TYPE}`,
        );
        for (let k = 0; k < notes; k++) {
          const p = vml.write(vmlShape(ids.first + k, shapeAt[k * 2]!, shapeAt[k * 2 + 1]!));
          if (p) await p;
        }
        await vml.write('</xml>');
        await vml.close();
        await add(
          `xl/worksheets/_rels/sheet${n}.xml.rels`,
          `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/comments" Target="../comments${n}.xml"/><Relationship Id="rId2" Type="${REL}/vmlDrawing" Target="../drawings/vmlDrawing${n}.vml"/></Relationships>`,
        );
      }
      written.push({ name: sheet.name, notes, header: header && r > 0, width, rows: r, frozenColumns });
      rowsBefore += r;
      onProgress?.(rowsBefore, totalRows, sheet.name);
    }

    await add('xl/styles.xml', styles.xml());
    // Only when a cell refers to it: a report of inline text only stays as it was.
    const shared = sst.refs > 0;
    if (shared) await add('xl/sharedStrings.xml', sst.xml());
    const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;
    const definedNames = [
      ...written.map((w, i) => (w.header && w.width ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${esc(quoted(w.name))}!$A$1:$${columnLetter(w.width - 1)}$1</definedName>` : '')),
      // The print area is the sheet's cells: text running on past the last column (a long check id
      // in 问题清单's narrow last column) is cut at its edge, as in Excel, rather than printed
      // beyond it, which made LibreOffice shrink 问题清单 from 61 % to 56 % to hold it.
      ...written.map((w, i) => (w.rows && w.width ? `<definedName name="_xlnm.Print_Area" localSheetId="${i}">${esc(quoted(w.name))}!$A$1:$${columnLetter(w.width - 1)}$${w.rows}</definedName>` : '')),
      ...written.map((w, i) => {
        const titles = printTitles(w, quoted(w.name));
        return titles ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${esc(titles)}</definedName>` : '';
      }),
    ].join('');
    await add(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${NS_R}"><workbookPr defaultThemeVersion="164011"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews><sheets>${written
        .map((w, i) => `<sheet name="${esc(w.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets>${definedNames ? `<definedNames>${definedNames}</definedNames>` : ''}<calcPr calcId="171027"/></workbook>`,
    );
    await add(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${written
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('')}<Relationship Id="rId${written.length + 1}" Type="${REL}/styles" Target="styles.xml"/>${
        shared ? `<Relationship Id="rId${written.length + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''
      }</Relationships>`,
    );
    await add(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${written
        .map(
          (w, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${
              w.notes ? `<Override PartName="/xl/comments${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>` : ''
            }`,
        )
        .join(
          '',
        )}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${
          shared ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''
        }<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
    );
    await add(
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
    );
    const iso = w3cdtf(created);
    // The mark (./marker.ts) by which a later run knows this report is not a return.
    await add(
      'docProps/core.xml',
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>credit-audit</dc:creator><cp:keywords>${REPORT_KEYWORD}</cp:keywords><dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified></cp:coreProperties>`,
    );
    await add('docProps/app.xml', `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>credit-audit</Application></Properties>`);
    await failure.race(Promise.all(parts.map((p) => p.done)));
    zip.end();
    await failure.race(closed);
    failure.check();
  } catch (e) {
    // A sheet that failed part-way: close the half-written file; the caller removes it.
    zip.terminate();
    for (const p of parts) p.destroy();
    output.destroy();
    throw e;
  } finally {
    // A temporary file is created when its stream opens, which may come after a failure: each
    // stream is closed first, then its file removed (else one could appear after the removal).
    await Promise.all(
      tempStreams.map((s) =>
        s.closed ? undefined : new Promise<void>((resolve) => {
          s.once('close', () => resolve());
          s.destroy();
        }),
      ),
    );
    await Promise.all(temps.map((t) => rm(t, { force: true }).finally(() => dropTempFile(t))));
  }
}
