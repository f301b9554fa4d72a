import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync, type ZlibOptions } from 'node:zlib';
import yauzl from 'yauzl';
import { reportReadProgress } from './progress.js';
import { isDateFormat } from './number-format.js';
import { decodeXmlText, MAX_ITEM_BYTES, MAX_ROW_BYTES, MergeScan, PrefixStripper, scanSharedStrings, SheetScanner, SheetXmlError, type SheetContext } from './sheet-xml.js';
import { MAX_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES, ZipGuardError } from './zip-guard.js';
import { InputError, type RawRow, type SheetLayout, type SheetSource, type WorkbookSource } from './types.js';

/**
 * The default xlsx reader: yauzl reads the zip's central directory, so the shared strings can be
 * read before the sheet whatever their order in the file (exceljs writes the sheet first), and
 * each sheet is inflated as a stream and scanned row by row (./sheet-xml.ts). Memory holds the
 * shared strings and one chunk of XML, never the sheet.
 */

/** The zip from the file, or from its bytes when the caller has read them already (a small file). */
function openZip(file: string, bytes?: Buffer): Promise<yauzl.ZipFile> {
  const options = { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: false } as yauzl.Options;
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip: yauzl.ZipFile) => (err ? reject(err) : resolve(zip));
    if (bytes) yauzl.fromBuffer(bytes, options, done);
    else yauzl.open(file, options, done);
  });
}

function listEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (e: yauzl.Entry) => {
      entries.set(e.fileName.replace(/\\/g, '/').replace(/^\//, '').toLowerCase(), e);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

/**
 * Deflated bytes read at a time from a file. yauzl reads an entry 16 KB at a time (a Readable's
 * default), and each read and each write to the inflater is a round trip to the thread pool: the
 * million-row sheet's 97 MB took ~5 000 of each, and inflating it alone 1.25 s against 0.6–0.7 s
 * in larger reads (issue 5, measured). 256 KB reads the million rows as fast as 1 MB, and held
 * ~10 MB less at the peak in alternate runs.
 */
export const RAW_READ_BYTES = 1 << 18;

/**
 * An entry's raw (still deflated) bytes as a stream. From a file: read by a stream of our own in
 * large pieces, from where yauzl's check of the local header says the data starts. From bytes
 * in memory (a small file): yauzl's stream.
 */
function rawStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  const file = zipFileName.get(zip);
  return new Promise((resolve, reject) => {
    if (inMemory.has(zip) || file === undefined || entry.compressedSize === 0) {
      zip.openReadStream(entry, { decodeFileData: false }, (err, raw) => (err ? reject(err) : resolve(raw)));
      return;
    }
    zip.readLocalFileHeader(entry, { minimal: true }, (err, header) => {
      if (err) return reject(err);
      const start = header.fileDataStart;
      resolve(createReadStream(file, { start, end: start + entry.compressedSize - 1, highWaterMark: RAW_READ_BYTES }));
    });
  });
}

/**
 * An entry's inflated bytes. Node's zlib inflates them in large chunks on the thread pool, so
 * inflating overlaps with scanning on the main thread.
 */
async function entryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  if (entry.compressionMethod !== 8) {
    return new Promise((resolve, reject) => zip.openReadStream(entry, { decodeFileData: true }, (err, raw) => (err ? reject(err) : resolve(raw))));
  }
  const raw = await rawStream(zip, entry);
  // Room for 4 MB ahead: zlib inflates on another core while this one scans. Chunks of 1 MB, not
  // 256 KB: a quarter of the turns of this thread (a callback and a scanner's push each); the
  // million-row read ~0.25 s faster, measured in alternate runs.
  const inflate = createInflateRaw({ chunkSize: 1 << 20, readableHighWaterMark: 1 << 22 } as ZlibOptions);
  raw.on('error', (e) => inflate.destroy(e));
  // An inflater stopped early (entryChunks) stops the reading of its raw bytes too.
  inflate.once('close', () => raw.destroy());
  return raw.pipe(inflate);
}

/**
 * An entry of a zip held in memory that inflates to at most this much is inflated at once, here:
 * a county return's five small parts otherwise each took several round trips to the thread pool
 * (issue 5, 300 returns). Larger entries stream, so a sheet is never held whole.
 */
const INFLATE_AT_ONCE_BYTES = 32 * 1024 * 1024;

/** Zips opened from bytes in memory (./open.ts reads small files whole), with their at-once bound. */
const inMemory = new WeakMap<yauzl.ZipFile, number>();

/** The raw (still deflated) bytes of an entry. */
function rawBytes(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, { decodeFileData: false }, (err, raw) => {
      if (err) return reject(err);
      const parts: Buffer[] = [];
      raw.on('data', (b: Buffer) => parts.push(b));
      raw.on('error', reject);
      raw.on('end', () => resolve(Buffer.concat(parts)));
    }),
  );
}

/** An entry's bytes in chunks; a damaged entry (bad deflate data, wrong size) is a corrupt xlsx. */
async function* entryChunks(zip: yauzl.ZipFile, entry: yauzl.Entry): AsyncIterable<Buffer> {
  const file = zipFileName.get(zip) ?? '';
  if (entry.compressionMethod === 8 && entry.uncompressedSize <= (inMemory.get(zip) ?? -1)) {
    let out: Buffer;
    try {
      // Never more than the entry declares: more is the zip guard's lie, as when streaming.
      out = inflateRawSync(await rawBytes(zip, entry), { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new InputError('input.zipLies', { file, entry: entry.fileName });
      throw new InputError('input.corruptXlsx', { file, detail: String(e instanceof Error ? e.message : e).split('\n')[0]!.slice(0, 200) });
    }
    if (out.length !== entry.uncompressedSize) {
      if (out.length > entry.uncompressedSize) throw new InputError('input.zipLies', { file, entry: entry.fileName });
      throw new InputError('input.corruptXlsx', { file, detail: `${entry.fileName}: ${out.length} bytes inflated, ${entry.uncompressedSize} expected` });
    }
    if (out.length) yield out;
    return;
  }
  const chunks = (await entryStream(zip, entry))[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let seen = 0;
  let ended = false;
  try {
    for (;;) {
      let r: IteratorResult<Buffer>;
      try {
        r = await chunks.next();
      } catch (e) {
        ended = true;
        throw new InputError('input.corruptXlsx', { file: zipFileName.get(zip) ?? '', detail: String(e instanceof Error ? e.message : e).split('\n')[0]!.slice(0, 200) });
      }
      if (r.done) {
        ended = true;
        break;
      }
      seen += r.value.length;
      // The zip guard's rule, applied while reading: an entry never inflates past what it declares.
      if (seen > entry.uncompressedSize) throw new InputError('input.zipLies', { file: zipFileName.get(zip) ?? '', entry: entry.fileName });
      yield r.value;
    }
  } finally {
    // Left early (a sheet that is not a form, after its first rows; a lie about its size): the
    // inflater and the file's read stream stop now, rather than hold their buffers until the zip closes.
    if (!ended) await chunks.return?.();
  }
  if (seen !== entry.uncompressedSize) {
    throw new InputError('input.corruptXlsx', { file: zipFileName.get(zip) ?? '', detail: `${entry.fileName}: ${seen} bytes inflated, ${entry.uncompressedSize} expected` });
  }
}

const zipFileName = new WeakMap<yauzl.ZipFile, string>();

/** An XML part's chunks, the namespace prefixes of its elements taken out (./sheet-xml.ts PrefixStripper). */
async function* xmlChunks(zip: yauzl.ZipFile, entry: yauzl.Entry): AsyncIterable<Buffer> {
  let stripper: PrefixStripper | null | undefined;
  for await (const chunk of entryChunks(zip, entry)) {
    if (stripper === undefined) stripper = PrefixStripper.for(chunk);
    yield stripper ? stripper.push(chunk) : chunk;
  }
  const rest = stripper?.end();
  if (rest?.length) yield rest;
}

async function entryString(zip: yauzl.ZipFile, entry: yauzl.Entry | undefined): Promise<string> {
  if (!entry) return '';
  const parts: Buffer[] = [];
  for await (const b of xmlChunks(zip, entry)) parts.push(b);
  return Buffer.concat(parts).toString('utf8');
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? decodeXmlText(m[1] ?? m[2] ?? '') : undefined;
}

/** Built-in number formats that exceljs's isDateFmt calls dates (its defaultnumformats table). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

export { isDateFormat } from './number-format.js';

/** Which cell styles (cellXfs indexes) format a number as a date. */
export function dateStylesOf(stylesXml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId'));
    const code = attr(m[0], 'formatCode');
    if (code !== undefined) custom.set(id, code);
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  const out: boolean[] = [];
  for (const m of xfs.matchAll(/<xf\b[^>]*>/g)) {
    const id = parseInt(attr(m[0], 'numFmtId') ?? '', 10);
    let date = false;
    if (id) {
      const code = custom.get(id);
      date = code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id);
    }
    out.push(date);
  }
  return out;
}

/** A relationship's target as a part name (lower case, as entries are keyed; `keepCase` for a message). */
function resolveTarget(target: string, keepCase = false): string {
  const t = target.replace(/\\/g, '/');
  const parts = (t.startsWith('/') ? t.slice(1) : `xl/${t}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  const name = out.join('/');
  return keepCase ? name : name.toLowerCase();
}

async function readSharedStrings(zip: yauzl.ZipFile, entry: yauzl.Entry | undefined, file: string): Promise<string[]> {
  const out: string[] = [];
  if (!entry) return out;
  let rest: Buffer | null = null;
  // Chunks of one string item longer than a chunk, kept apart until its `</si>` comes: joined with
  // each chunk, a 200 MB string took 35 s and 1.1 GB (issue 18). Now linear, and bounded.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of xmlChunks(zip, entry)) {
    // `rest` is an item cut at the chunk's edge (or the last few bytes, which may start one).
    if (rest && rest.length > 3 && rest.toString('latin1', 0, 3) === '<si') {
      // `</si>` may be cut by the chunk's edge: the last bytes before it are searched with it.
      const tail = pending.length ? pending[pending.length - 1]! : rest;
      const edge = Buffer.concat([tail.subarray(Math.max(0, tail.length - 4)), chunk.subarray(0, 5)]);
      if (chunk.indexOf('</si>') < 0 && edge.indexOf('</si>') < 0) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (rest.length + pendingBytes > MAX_ITEM_BYTES) {
          throw new InputError('input.xmlTooLarge', { file, part: entry.fileName, what: `<si> #${out.length + 1}`, limit: MAX_ITEM_BYTES / 1024 / 1024 });
        }
        continue;
      }
    }
    const buf: Buffer = rest ? Buffer.concat([rest, ...pending, chunk]) : chunk;
    pending = [];
    pendingBytes = 0;
    let used: number;
    try {
      used = scanSharedStrings(buf, out);
    } catch (e) {
      if (e instanceof SheetXmlError) throw new InputError('input.xmlTooLarge', { file, part: entry.fileName, what: e.where, limit: MAX_ITEM_BYTES / 1024 / 1024 });
      throw e;
    }
    rest = used < buf.length ? Buffer.from(buf.subarray(used)) : null;
    if (rest && rest.length > MAX_ITEM_BYTES) {
      throw new InputError('input.xmlTooLarge', { file, part: entry.fileName, what: `<si> #${out.length + 1}`, limit: MAX_ITEM_BYTES / 1024 / 1024 });
    }
  }
  // A last item never closed: what can be read of it is, as before.
  if (pending.length) scanSharedStrings(Buffer.concat([rest!, ...pending]), out);
  return out;
}

/**
 * Open an xlsx for streaming. `checkNames` sees the entry names first (to name a zip that holds
 * something else); the zip guard's limits (./zip-guard.ts) are checked on the central directory.
 * Throws ZipGuardError, InputError, or yauzl's error for a zip it cannot read.
 */
export async function readXlsxStreaming(
  file: string,
  checkNames: (names: string[]) => void = () => {},
  bytes?: Buffer,
  inflateAtOnceBytes = INFLATE_AT_ONCE_BYTES,
): Promise<WorkbookSource> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file, bytes);
  } catch (e) {
    throw new ZipGuardError({ problem: 'corrupt', detail: String(e instanceof Error ? e.message : e).split('\n')[0]!.slice(0, 200) });
  }
  zipFileName.set(zip, file);
  if (bytes) inMemory.set(zip, inflateAtOnceBytes);
  try {
    const entries = await listEntries(zip);
    if (entries.size > MAX_ZIP_ENTRIES) throw new ZipGuardError({ problem: 'too-many-entries', entries: entries.size, limit: MAX_ZIP_ENTRIES });
    let declared = 0;
    for (const e of entries.values()) {
      declared += e.uncompressedSize;
      if (!e.fileName.endsWith('/') && e.isEncrypted()) throw new ZipGuardError({ problem: 'encrypted' });
    }
    if (declared > MAX_UNCOMPRESSED_BYTES) throw new ZipGuardError({ problem: 'bomb', declared, limit: MAX_UNCOMPRESSED_BYTES });
    checkNames([...entries.values()].map((e) => e.fileName));
    const workbookXml = await entryString(zip, entries.get('xl/workbook.xml'));
    if (!workbookXml) throw new InputError('input.missingPart', { file, part: 'xl/workbook.xml' });
    const relsXml = await entryString(zip, entries.get('xl/_rels/workbook.xml.rels'));
    const rels = new Map<string, { target: string; type: string }>();
    for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
      rels.set(attr(m[0], 'Id') ?? '', { target: attr(m[0], 'Target') ?? '', type: attr(m[0], 'Type') ?? '' });
    }
    let sharedEntry = entries.get('xl/sharedstrings.xml');
    let stylesEntry = entries.get('xl/styles.xml');
    // A part the workbook names and the zip lacks: named in the message, never read as empty.
    const part = (r: { target: string }) => {
      const entry = entries.get(resolveTarget(r.target));
      if (!entry) throw new InputError('input.missingPart', { file, part: resolveTarget(r.target, true) });
      return entry;
    };
    for (const r of rels.values()) {
      if (r.type.endsWith('/sharedStrings')) sharedEntry = part(r);
      if (r.type.endsWith('/styles')) stylesEntry = part(r);
    }
    const date1904 = /<workbookPr\b[^>]*\sdate1904\s*=\s*["'](1|true)["']/.test(workbookXml);
    const ctx: SheetContext = {
      sharedStrings: await readSharedStrings(zip, sharedEntry, file),
      sharedStringsPart: sharedEntry?.fileName ?? null,
      dateStyles: dateStylesOf(await entryString(zip, stylesEntry)),
      date1904,
    };
    const sheets: SheetSource[] = [];
    for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
      const rid = /\s[\w]+:id\s*=\s*["']([^"']*)["']/.exec(m[0])?.[1] ?? '';
      const rel = rels.get(rid);
      if (rel && !rel.type.endsWith('/worksheet')) continue;
      const target = rel ? resolveTarget(rel.target, true) : `xl/worksheets/sheet${sheets.length + 1}.xml`;
      const entry = entries.get(target.toLowerCase());
      // A sheet the workbook lists and the zip lacks: a sheet skipped in silence could be the form.
      if (!entry) throw new InputError('input.missingPart', { file, part: target });
      const state = attr(m[0], 'state');
      const name = attr(m[0], 'name') ?? '';
      // Learnt by the first read to the sheet's end: its merged ranges and its rows' order.
      const known: { layout: SheetLayout | null } = { layout: null };
      sheets.push({
        name,
        hidden: state === 'hidden' || state === 'veryHidden',
        rows: () => sheetRows(zip, entry, ctx, file, name, known),
        layout: () => known.layout,
      });
    }
    return { file, format: 'xlsx', sheets, close: () => zip.close() };
  } catch (e) {
    zip.close();
    throw e;
  }
}

/**
 * A sheet's rows, scanned a chunk at a time. An iterator of its own rather than an async generator:
 * a generator's yield cost each row a promise, a result and two turns of the microtask queue, and
 * ~570 MB of allocation for a million rows (issue 5, sampled); here a row already scanned costs a
 * resolved promise, and only a new chunk waits.
 */
function sheetRows(zip: yauzl.ZipFile, entry: yauzl.Entry, ctx: SheetContext, file: string, sheet: string, known: { layout: SheetLayout | null }): AsyncIterable<RawRow> {
  return { [Symbol.asyncIterator]: () => new SheetRows(zip, entry, ctx, file, sheet, known) };
}

/** Sheet XML that no spreadsheet program writes, as the input error that names the file, sheet and place. */
function sheetXmlProblem(e: unknown, file: string, sheet: string, ctx?: SheetContext): unknown {
  if (!(e instanceof SheetXmlError)) return e;
  if (e.problem === 'row-too-large') return new InputError('input.rowTooLarge', { file, sheet, row: e.where, limit: MAX_ROW_BYTES / 1024 / 1024 });
  if (e.problem === 'too-large') return new InputError('input.xmlTooLarge', { file, part: sheet, what: e.where, limit: MAX_ITEM_BYTES / 1024 / 1024 });
  if (e.problem === 'no-shared-string') {
    if (!ctx?.sharedStringsPart) return new InputError('input.missingPart', { file, part: 'xl/sharedStrings.xml' });
    return new InputError('input.badSharedString', { file, sheet, cell: e.where, part: ctx.sharedStringsPart });
  }
  if (e.problem === 'row-outside-grid') return new InputError('input.rowOutsideGrid', { file, sheet, row: e.where });
  return new InputError('input.cellOutsideGrid', { file, sheet, cell: e.where });
}

class SheetRows implements AsyncIterator<RawRow> {
  private readonly scanner: SheetScanner;
  private chunks: AsyncIterator<Buffer> | undefined;
  /** Rows scanned and not yet handed on, from `at`. */
  private batch: RawRow[] = [];
  private at = 0;
  private bytes = 0;
  private rows = 0;
  private ended = false;

  /** Rows out of order in the file: all read first, then handed on sorted. */
  private sorted = false;
  /** The merged ranges, gathered from the chunks as they pass (they follow the rows). */
  private readonly mergeScan = new MergeScan();

  constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entry: yauzl.Entry,
    private readonly ctx: SheetContext,
    private readonly file: string,
    private readonly sheet: string,
    private readonly known: { layout: SheetLayout | null },
  ) {
    this.scanner = new SheetScanner(ctx);
  }

  next(): Promise<IteratorResult<RawRow>> {
    if (this.at < this.batch.length) return Promise.resolve({ value: this.batch[this.at++]!, done: false });
    if (this.sorted) return Promise.resolve({ value: undefined, done: true });
    return this.scanMore().catch((e: unknown) => {
      this.ended = true;
      void this.chunks?.return?.();
      throw sheetXmlProblem(e, this.file, this.sheet, this.ctx);
    });
  }

  /**
   * Rows out of order (a crafted or hand-edited file): Excel shows them by number, so they are
   * read whole and handed on sorted — blank rows are then counted where they are, not made up by
   * each step back (issue 18). Such a sheet is held in memory; an ordered one never is.
   */
  private async readSorted(): Promise<IteratorResult<RawRow>> {
    const all: RawRow[] = [];
    this.chunks = xmlChunks(this.zip, this.entry)[Symbol.asyncIterator]();
    for (;;) {
      const r = await this.chunks.next();
      if (r.done) break;
      this.scanner.push(r.value, all);
      this.bytes += r.value.length;
    }
    this.scanner.end(all);
    this.ended = true;
    this.sorted = true;
    // Array.prototype.sort is stable: two rows of one number keep the file's order.
    all.sort((a, b) => a.row - b.row);
    reportReadProgress(this.file, this.entry.uncompressedSize, this.entry.uncompressedSize, all.length);
    this.batch = all;
    this.at = 0;
    if (!all.length) return { value: undefined, done: true };
    return { value: this.batch[this.at++]!, done: false };
  }

  /** The next chunks scanned until they give a row, or the sheet's end. */
  private async scanMore(): Promise<IteratorResult<RawRow>> {
    // The rows handed on are the reader's now; the list is used again.
    this.batch.length = 0;
    this.at = 0;
    const total = this.entry.uncompressedSize;
    if (!this.chunks && !this.ended && this.known.layout?.rowsOutOfOrder) return this.readSorted();
    // A damaged entry fails in entryChunks, which stops its own inflater; the scanner throws only
    // for XML no spreadsheet program writes (SheetXmlError), and next() stops the inflater then.
    while (!this.ended && !this.batch.length) {
      this.chunks ??= xmlChunks(this.zip, this.entry)[Symbol.asyncIterator]();
      const r = await this.chunks.next();
      if (r.done) {
        this.ended = true;
        this.scanner.end(this.batch);
        this.mergeScan.end();
        this.known.layout ??= { merges: this.mergeScan.merges, rowsOutOfOrder: this.scanner.disordered };
        this.rows += this.batch.length;
        reportReadProgress(this.file, total, total, this.rows);
        break;
      }
      this.bytes += r.value.length;
      this.scanner.push(r.value, this.batch);
      this.mergeScan.push(r.value);
      if (this.batch.length) {
        this.rows += this.batch.length;
        reportReadProgress(this.file, this.bytes, total, this.rows);
      }
    }
    if (!this.batch.length) return { value: undefined, done: true };
    return { value: this.batch[this.at++]!, done: false };
  }

  /** Left early: the sheet's inflater and file stream stop now. */
  async return(): Promise<IteratorResult<RawRow>> {
    this.ended = true;
    this.batch.length = 0;
    await this.chunks?.return?.();
    return { value: undefined, done: true };
  }
}
