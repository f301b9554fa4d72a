import { isUtf8 } from 'node:buffer';
import { once } from 'node:events';
import { CsvError, parse, type Parser } from 'csv-parse';
import iconv from 'iconv-lite';
import { reportReadProgress } from './progress.js';
import type { RawRow, WorkbookSource } from './types.js';

export type CsvEncoding = 'utf-8-bom' | 'utf-8' | 'utf-16le' | 'gb18030';

/**
 * The encoding a Chinese office's CSV arrives in: a BOM says what it is; otherwise bytes that are
 * valid UTF-8 are UTF-8; otherwise GB18030, a superset of the GBK that Excel on a Chinese Windows
 * saves. Judged on the bytes, without decoding them into one string (a province's CSV is ~100 MB).
 */
export function csvEncoding(bytes: Buffer): { encoding: CsvEncoding; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8-bom', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  return { encoding: isUtf8(bytes) ? 'utf-8' : 'gb18030', bom: 0 };
}

/** Bytes handed to the parser at a time: the records of one piece wait for the shape, never the whole file's. */
const PIECE_BYTES = 1 << 20;

/**
 * Where a piece of GB18030 bytes may end: after a line feed, which is never part of a multi-byte
 * character (their trailing bytes are 0x30–0x39, 0x40–0x7E and 0x80–0xFE). iconv-lite's streaming
 * decoder loses code units when a character is split between two writes (a 4-byte character such
 * as 𠀀 comes back as a lone surrogate; pillarjs/iconv-lite#417), so each piece is decoded whole.
 */
function gbPieceEnd(bytes: Buffer, at: number, pieceBytes: number): number {
  const end = at + pieceBytes;
  if (end >= bytes.length) return bytes.length;
  const before = bytes.lastIndexOf(0x0a, end - 1);
  if (before >= at) return before + 1;
  const after = bytes.indexOf(0x0a, end);
  return after < 0 ? bytes.length : after + 1;
}

const CSV_OPTIONS = { relax_column_count: true, relax_quotes: true, skip_empty_lines: false };

/** Bytes (or characters) of the file's start looked at for its most common record length. */
const LOOK_AHEAD = 1 << 16;

/**
 * csv-parse takes the first record's length as every record's, and builds an error (the record and
 * its position copied through JSON) for each record of another length, even when told to accept
 * them (relax_column_count): a form's title row makes that every row of a CSV saved without
 * trailing commas (a 1 000 000-row CSV took 30–40 s to read, ~12 s with its rows padded; issue 5).
 * So the parser is first handed a line of empty fields as long as most records at the start of the
 * file, ended as csv-parse itself would end the file's first line (it keeps the first line end it
 * meets), and that record is dropped. Undefined when there is nothing to gain.
 */
function leadLine(start: Buffer | string): string | undefined {
  const probe: Parser = parse(CSV_OPTIONS);
  const lengths = new Map<number, number>();
  try {
    probe.write(start);
    const found: string[][] = [];
    for (let r = probe.read() as string[] | null; r !== null; r = probe.read() as string[] | null) found.push(r);
    const end = (probe.options as { record_delimiter?: Buffer[] }).record_delimiter?.[0]?.toString('utf8');
    // The last record may be cut by the end of the look-ahead.
    found.pop();
    if (!end || found.length < 2) return undefined;
    for (const r of found) lengths.set(r.length, (lengths.get(r.length) ?? 0) + 1);
    const [common] = [...lengths].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
    if (common === found[0]!.length) return undefined;
    return ','.repeat(common - 1) + end;
  } finally {
    probe.destroy();
  }
}

/**
 * The records of a CSV, parsed piece by piece as the shape asks for rows: memory holds the file's
 * bytes and one piece's records, not the whole text and every record (a 1 000 000-row CSV peaked
 * at ~1.5 GB read whole; issue 5). csv-parse reads UTF-8 bytes itself, whatever a piece cuts.
 * UTF-16LE is decoded here by a streaming TextDecoder, which keeps a code unit or a surrogate pair
 * split between pieces (node's StringDecoder gave the halves of a pair apart, and csv-parse's own
 * UTF-16 reading misplaced a quote cut from its field); GB18030 a piece at a time, each piece
 * ending at a line feed.
 */
async function* records(bytes: Buffer, encoding: CsvEncoding, bom: number, pieceBytes: number, fed: (bytes: number) => void): AsyncGenerator<string[]> {
  const parser = parse(CSV_OPTIONS);
  const utf16 = encoding === 'utf-16le' ? new TextDecoder('utf-16le') : null;
  // Ends the wait for 'drain' when the reader stops early (the parser, destroyed, never drains).
  const stop = new AbortController();
  const start =
    encoding === 'gb18030'
      ? iconv.decode(bytes.subarray(0, gbPieceEnd(bytes, 0, LOOK_AHEAD)), 'gb18030')
      : encoding === 'utf-16le'
        ? new TextDecoder('utf-16le').decode(bytes.subarray(bom, bom + LOOK_AHEAD))
        : bytes.subarray(bom, bom + LOOK_AHEAD);
  const lead = leadLine(start);
  if (lead) parser.write(lead);
  const feeding = (async () => {
    for (let at = bom; at < bytes.length && !parser.destroyed; ) {
      let chunk: Buffer | string;
      if (encoding === 'gb18030') {
        const end = gbPieceEnd(bytes, at, pieceBytes);
        // A BOM is dropped at the start of the file only, as decoding it whole did.
        chunk = iconv.decode(bytes.subarray(at, end), 'gb18030', { stripBOM: at === 0 });
        at = end;
      } else {
        const piece = bytes.subarray(at, Math.min(bytes.length, at + pieceBytes));
        at += piece.length;
        chunk = utf16 ? utf16.decode(piece, { stream: true }) : piece;
      }
      const more = chunk.length === 0 || parser.write(chunk);
      fed(at);
      if (!more) await once(parser, 'drain', { signal: stop.signal });
    }
    const rest = utf16?.decode();
    if (rest && !parser.destroyed) parser.write(rest);
    if (!parser.destroyed) parser.end();
  })();
  // A failure while feeding reaches the reader as the parser's error.
  feeding.catch((e: unknown) => {
    if (!stop.signal.aborted) parser.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  try {
    let first = true;
    for await (const record of parser) {
      if (first && lead) {
        first = false;
        continue;
      }
      yield record as string[];
    }
  } catch (e) {
    // The line an error names counts the lead line: the file's own line is one before.
    if (lead && e instanceof CsvError) {
      e.message = e.message.replace(/\bline (\d+)/, (_, n: string) => `line ${Number(n) - 1}`);
      if (typeof (e as CsvError & { lines?: unknown }).lines === 'number') (e as CsvError & { lines: number }).lines--;
    }
    throw e;
  } finally {
    // A reader that stops early (the shape found its header, or failed) ends the parsing.
    stop.abort();
    parser.destroy();
  }
}

/** `pieceBytes` is for tests: pieces of a few bytes cut characters, quotes and line ends apart. */
export function readCsv(file: string, bytes: Buffer, sheetName: string, pieceBytes = PIECE_BYTES): WorkbookSource {
  const { encoding, bom } = csvEncoding(bytes);
  return {
    file,
    format: 'csv',
    encoding,
    sheets: [
      {
        name: sheetName,
        hidden: false,
        async *rows(): AsyncIterable<RawRow> {
          // A CSV's row number is its record number: what Excel shows when it opens the file.
          let row = 0;
          // On a terminal: the share of the file handed to the parser, and the rows so far.
          const fed = (done: number) => reportReadProgress(file, done, bytes.length, row);
          for await (const record of records(bytes, encoding, bom, pieceBytes, fed)) {
            yield { row: ++row, cells: record.map((v) => (v === '' ? null : v)) };
          }
          reportReadProgress(file, bytes.length, bytes.length, row);
        },
      },
    ],
  };
}
