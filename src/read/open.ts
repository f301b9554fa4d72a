import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { readCsv } from './csv.js';
import { sniff, zipHolds } from './sniff.js';
import { readXlsxStreaming } from './xlsx-stream.js';
import yauzl from 'yauzl';
import { guardZip, ZipGuardError } from './zip-guard.js';
import { LEGACY_MAX_BYTES, LEGACY_MAX_UNCOMPRESSED_BYTES, legacyTooLarge, readWithSheetJs, type SheetJsFormat } from './sheetjs.js';
import { InputError, type WorkbookSource } from './types.js';

export interface OpenedInput {
  source: WorkbookSource;
  sha256: string;
}

/**
 * Which xlsx reader: `stream` (yauzl + the row scanner, the default: flat memory, issue 5) or
 * `exceljs` (its full reader, the reference the stream reader is tested against).
 */
export type XlsxReader = 'stream' | 'exceljs';

export interface OpenOptions {
  reader?: XlsxReader;
  /** Files up to this size are read whole (default READ_WHOLE_BYTES; tests set 0 to stream every file). */
  readWholeBytes?: number;
  /** Parts of a file read whole that inflate to at most this are inflated at once (tests set -1 to stream every part). */
  inflateAtOnceBytes?: number;
}

/** Enough of the start of a file for sniff(): a province's return is not read whole to learn what it is. */
const HEAD_BYTES = 4096;

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function head(file: string): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const bytes = Buffer.alloc(Math.min(HEAD_BYTES, size));
    await fh.read(bytes, 0, bytes.length, 0);
    return bytes;
  } finally {
    await fh.close();
  }
}

function readError(file: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
  return new InputError(code === 'ENOENT' ? 'input.missing' : code === 'EISDIR' ? 'input.isDirectory' : 'input.unreadable', { file, code });
}

/**
 * Files up to this size are read whole, in one go: a county's return (~100 KB) otherwise spends
 * a fifth of its time on dozens of small reads, each a round trip to the thread pool (issue 5,
 * 300 returns). Larger files are streamed and never held whole.
 */
const READ_WHOLE_BYTES = 8 * 1024 * 1024;

/** An .xlsx's XML against the CSV of the same rows: the 1 000 000-row return is 555 MB of XML, 97 MB as CSV. */
const XML_PER_CSV_BYTE = 5.5;

/**
 * How much an input holds to parse, in bytes of CSV text: the CLI sets the heap's growth by it.
 * A file's size says too little for an .xlsx: text in the shared-strings table compresses far
 * more (the 1 000 000-record 杭州 export is 294 MB of XML in a 31 MB file, and its run peaked at
 * 1.75 GB under V8's own growth against 1.18 GB with the slow growth). So an .xlsx past
 * READ_WHOLE_BYTES is weighed by its parts' uncompressed sizes, read from the zip's directory
 * (nothing is inflated); any other file, or one whose directory cannot be read, by its size.
 */
export async function parseWeight(file: string, size: number): Promise<number> {
  if (size <= READ_WHOLE_BYTES || !/\.xlsx$|\.xlsm$/i.test(file)) return size;
  try {
    const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: true });
    let xml = 0;
    for await (const entry of zip.eachEntry()) xml += entry.uncompressedSize;
    return Math.max(size, xml / XML_PER_CSV_BYTE);
  } catch {
    return size;
  }
}

/** Open one input by its bytes, never by trusting its name alone. Throws InputError. */
export async function openInput(file: string, opts: OpenOptions = {}): Promise<OpenedInput> {
  let size: number;
  try {
    // Sync, as is the read of a small file (openWhole): each of fs's promises is a round trip to
    // the thread pool, ~0.15 ms of waiting on this machine, six a county's return (issue 5).
    size = statSync(file).size;
  } catch (e) {
    throw readError(file, e);
  }
  if (size <= (opts.readWholeBytes ?? READ_WHOLE_BYTES)) return openWhole(file, opts);
  let start: Buffer;
  try {
    start = await head(file);
  } catch (e) {
    throw readError(file, e);
  }
  // An .xls past SheetJS's bound is refused before it is read whole.
  if (start.length > 0 && sniff(start).kind === 'ole' && size > LEGACY_MAX_BYTES) throw legacyTooLarge(file, size);
  if (start.length > 0 && sniff(start).kind === 'zip' && opts.reader !== 'exceljs') {
    // The streaming reader reads the file from disk; the hash is taken in the same pass of time.
    const [sha256, source] = await Promise.all([
      sha256Of(file).catch((e: unknown) => {
        throw readError(file, e);
      }),
      openZipStreaming(file).catch((e: unknown) => e as Error),
    ]);
    // An .xlsb or .ods (a zip, not OOXML) is read whole by SheetJS, within its own bound.
    if (source instanceof NotOoxml) {
      if (size > LEGACY_MAX_BYTES) throw Object.assign(legacyTooLarge(file, size), { sha256 });
      return openWhole(file, opts);
    }
    if (source instanceof Error) {
      if (source instanceof InputError) source.sha256 = sha256;
      throw source;
    }
    return { source, sha256 };
  }
  return openWhole(file, opts);
}

/** Read the whole file, then open it from memory: the streaming reader over its bytes, or the others. */
async function openWhole(file: string, opts: OpenOptions): Promise<OpenedInput> {
  let bytes: Buffer;
  try {
    // At most READ_WHOLE_BYTES: read at once, without a round trip to the thread pool for each of open, stat, read and close.
    bytes = readFileSync(file);
  } catch (e) {
    throw readError(file, e);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    if (bytes.length > 0 && sniff(bytes).kind === 'zip' && opts.reader !== 'exceljs') {
      try {
        return { source: await openZipStreaming(file, bytes, opts.inflateAtOnceBytes), sha256 };
      } catch (e) {
        if (!(e instanceof NotOoxml)) throw e;
        return { source: await sheetJsZip(file, bytes, e.holds), sha256 };
      }
    }
    return { source: await openBytes(file, bytes), sha256 };
  } catch (e) {
    if (e instanceof InputError) e.sha256 = sha256;
    throw e;
  }
}

async function openBytes(file: string, bytes: Buffer): Promise<WorkbookSource> {
  const ext = path.extname(file).toLowerCase();
  if (bytes.length === 0) throw new InputError('input.empty', { file });
  const what = sniff(bytes);
  switch (what.kind) {
    case 'zip':
      return openZip(file, bytes);
    case 'ole':
      if (what.holds === 'encrypted') throw new InputError('input.encrypted', { file });
      // BIFF8, BIFF5 (Excel 95) and WPS's binary .et/.ett: read by SheetJS, whatever the name says.
      if (what.holds === 'xls') return readWithSheetJs(file, bytes, ext === '.et' || ext === '.ett' ? 'et' : 'xls');
      if (what.holds === 'word' || what.holds === 'powerpoint') throw new InputError('input.otherDocument', { file, kind: `doc.${what.holds}` });
      // An OLE file with none of the known streams, named as a workbook: SheetJS is tried (an old
      // or foreign tool may name its stream otherwise); what it cannot read is said to be so.
      if (LEGACY_EXT.test(ext)) return readWithSheetJs(file, bytes, ext === '.et' || ext === '.ett' ? 'et' : 'xls');
      throw new InputError('input.notSpreadsheet', { file });
    case 'foreign':
      throw new InputError('input.otherDocument', { file, kind: `doc.${what.what}` });
    case 'html':
      // Many platforms export "Excel" as an HTML table named .xls; Excel opens and converts it.
      throw new InputError('input.otherSpreadsheet', { file, kind: 'sheet.html' });
    case 'binary':
      throw new InputError('input.notSpreadsheet', { file });
    case 'text':
      if (ext === '.csv' || ext === '.txt') return readCsv(file, bytes, path.basename(file));
      // Text named .xls is a tab-separated export; text named .xlsx is not a workbook at all.
      if (ext === '.xls') throw new InputError('input.otherSpreadsheet', { file, kind: 'sheet.text' });
      if (ext === '.xlsx' || ext === '.xlsm') throw new InputError('input.notSpreadsheet', { file });
      throw new InputError('input.unknownType', { file, ext: ext || '(none)' });
  }
}

function megabytes(n: number): string {
  return (n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0);
}

/** What a zip that failed the guard is, as the user is told it. */
function zipProblem(file: string, e: ZipGuardError): InputError {
  const r = e.reason;
  if (r.problem === 'bomb') return new InputError('input.zipBomb', { file, size: megabytes(r.declared), limit: megabytes(r.limit) });
  if (r.problem === 'lying-sizes') return new InputError('input.zipLies', { file, entry: r.entry });
  if (r.problem === 'too-many-entries') return new InputError('input.zipEntries', { file, entries: r.entries, limit: r.limit });
  if (r.problem === 'encrypted') return new InputError('input.encrypted', { file });
  return new InputError('input.corruptXlsx', { file, detail: r.detail });
}

const LEGACY_EXT = /^\.(xls|et|ett)$/;

/** A zip that is a workbook but not OOXML: read whole by SheetJS instead of the OOXML readers. */
class NotOoxml extends Error {
  constructor(readonly holds: SheetJsFormat) {
    super(holds);
  }
}

/**
 * An .xlsb or .ods, read whole by SheetJS: its zip is checked first as an .xlsx's is (entry count,
 * declared sizes, each entry stopped at its declared size), with a lower bound on what it inflates
 * to, since SheetJS holds all of it and its cells at once.
 */
async function sheetJsZip(file: string, bytes: Buffer, holds: SheetJsFormat): Promise<WorkbookSource> {
  try {
    await guardZip(bytes, LEGACY_MAX_UNCOMPRESSED_BYTES);
  } catch (e) {
    if (e instanceof ZipGuardError) throw zipProblem(file, e);
    throw e;
  }
  return readWithSheetJs(file, bytes, holds);
}

/** A zip that holds something other than a workbook is named for what it holds. */
function checkHolds(file: string, names: string[]): void {
  const holds = zipHolds(names);
  if (holds === 'xlsb' || holds === 'ods') throw new NotOoxml(holds);
  if (holds === 'word' || holds === 'powerpoint' || holds === 'archive') throw new InputError('input.otherDocument', { file, kind: `doc.${holds}` });
}

/**
 * The streaming path: the same guard, applied as the reader goes (xlsx-stream.ts): the central
 * directory's entry count and declared sizes before anything inflates, and every entry stopped at
 * its declared size while it inflates — so no second pass over a large file.
 */
async function openZipStreaming(file: string, bytes?: Buffer, inflateAtOnceBytes?: number): Promise<WorkbookSource> {
  try {
    return await readXlsxStreaming(file, (names) => checkHolds(file, names), bytes, inflateAtOnceBytes);
  } catch (e) {
    if (e instanceof ZipGuardError) throw zipProblem(file, e);
    if (e instanceof InputError || e instanceof NotOoxml) throw e;
    throw new InputError('input.corruptXlsx', { file, detail: firstLine(e) });
  }
}

async function openZip(file: string, bytes: Buffer): Promise<WorkbookSource> {
  let names: string[];
  try {
    names = await guardZip(bytes);
  } catch (e) {
    if (!(e instanceof ZipGuardError)) throw e;
    throw zipProblem(file, e);
  }
  try {
    checkHolds(file, names);
  } catch (e) {
    // The zip passed the guard above, with the .xlsx bound; SheetJS's is lower.
    if (e instanceof NotOoxml) return sheetJsZip(file, bytes, e.holds);
    throw e;
  }
  try {
    // Loaded only when asked for: exceljs takes ~0.3 s to load, in every worker of a batch.
    const { readXlsxWithExceljs } = await import('./xlsx-exceljs.js');
    return await readXlsxWithExceljs(file, bytes);
  } catch (e) {
    throw new InputError('input.corruptXlsx', { file, detail: firstLine(e) });
  }
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0]!.slice(0, 200);
}
