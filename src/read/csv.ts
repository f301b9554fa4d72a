import { isUtf8 } from 'node:buffer';
import { once } from 'node:events';
import { CsvError, parse, type Options, type Parser } from 'csv-parse';
import iconv from 'iconv-lite';
import { reportReadProgress } from './progress.js';
import { utf16WithoutBom } from './sniff.js';
import { InputError, type RawRow, type WorkbookSource } from './types.js';

export type CsvEncoding = 'utf-8-bom' | 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * The encoding a Chinese office's CSV arrives in: a BOM says what it is; otherwise UTF-16 by where
 * its NUL bytes fall (./sniff.ts); otherwise bytes that are valid UTF-8 are UTF-8; otherwise
 * GB18030, a superset of the GBK that Excel on a Chinese Windows saves. Judged on the bytes,
 * without decoding them into one string (a province's CSV is ~100 MB).
 */
export function csvEncoding(bytes: Buffer): { encoding: CsvEncoding; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8-bom', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  const utf16 = utf16WithoutBom(bytes.subarray(0, 4096));
  if (utf16) return { encoding: utf16, bom: 0 };
  return { encoding: isUtf8(bytes) ? 'utf-8' : 'gb18030', bom: 0 };
}

/** The separators a CSV arrives with: Excel's "CSV" in a locale with a decimal comma uses `;`, its "Unicode text" a tab. */
export type CsvDelimiter = ',' | ';' | '\t';
export const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/** Lines of the file's start looked at for its delimiter: the header is in the first 30 rows (HEADER_SEARCH_ROWS). */
const DELIMITER_LINES = 40;

/**
 * The delimiter, from the header: the candidate found most often outside quotes on any one of the
 * first lines (a form's header has a dozen; a title or 说明 line has few, and a remark's commas in a
 * tab-separated file sit on data lines with fewer than the header's tabs). A comma when none is found.
 */
export function csvDelimiter(start: string): CsvDelimiter {
  const best: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let line = 0;
  let counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < start.length && line < DELIMITER_LINES; i++) {
    const c = start[i]!;
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === ',' || c === ';' || c === '\t') counts[c]++;
    else if (c === '\n') {
      for (const d of [',', ';', '\t'] as const) best[d] = Math.max(best[d], counts[d]);
      counts = { ',': 0, ';': 0, '\t': 0 };
      line++;
    }
  }
  for (const d of [',', ';', '\t'] as const) best[d] = Math.max(best[d], counts[d]);
  if (best['\t'] > best[','] && best['\t'] >= best[';']) return '\t';
  if (best[';'] > best[',']) return ';';
  return ',';
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
const optionsFor = (delimiter: CsvDelimiter) => (delimiter === ',' ? CSV_OPTIONS : { ...CSV_OPTIONS, delimiter });

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
function leadLine(start: Buffer | string, delimiter: CsvDelimiter): string | undefined {
  const probe: Parser = parse(optionsFor(delimiter));
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
    return delimiter.repeat(common - 1) + end;
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
async function* records(
  bytes: Buffer,
  layout: Layout,
  pieceBytes: number,
  fed: (bytes: number) => void,
  counted?: (info: ParseCount) => void,
  onRecord?: (record: string[], raw: string) => void,
): AsyncGenerator<string[]> {
  const { encoding, bom, delimiter, lead } = layout;
  // onRecord sees every record (the lead line's too) with its text as the file has it, as it is
  // parsed, and none is handed on: the records parsed before an error are seen though the
  // stream's error drops them. With `raw`, csv-parse hands on_record the record and its text.
  const withRaw = (r: { record: string[]; raw: string }) => (onRecord!(r.record, r.raw), null);
  const parser = parse(onRecord ? { ...optionsFor(delimiter), raw: true, on_record: withRaw as unknown as Options['on_record'] } : optionsFor(delimiter));
  const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be' ? new TextDecoder(encoding) : null;
  // Ends the wait for 'drain' when the reader stops early (the parser, destroyed, never drains).
  const stop = new AbortController();
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
    counted?.(parser.info);
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

/** How a CSV is laid out: learnt once from its bytes and its start, used by every parse of it. */
interface Layout {
  encoding: CsvEncoding;
  bom: number;
  delimiter: CsvDelimiter;
  lead: string | undefined;
}

function layoutOf(bytes: Buffer): Layout {
  const { encoding, bom } = csvEncoding(bytes);
  const start =
    encoding === 'gb18030'
      ? iconv.decode(bytes.subarray(0, gbPieceEnd(bytes, 0, LOOK_AHEAD)), 'gb18030')
      : encoding === 'utf-16le' || encoding === 'utf-16be'
        ? new TextDecoder(encoding).decode(bytes.subarray(bom, bom + LOOK_AHEAD))
        : bytes.subarray(bom, bom + LOOK_AHEAD);
  const delimiter = csvDelimiter(typeof start === 'string' ? start : start.toString('utf8'));
  return { encoding, bom, delimiter, lead: leadLine(start, delimiter) };
}

/** csv-parse's own count at the end: every line it met, inside quotes too (1 + its line breaks), and its records. */
interface ParseCount {
  lines: number;
  records: number;
}

/** Whether the file's last character is a line break (CR or LF), by its last bytes. */
function endsWithBreak(bytes: Buffer, encoding: CsvEncoding): boolean {
  const n = bytes.length;
  const br = (b: number | undefined) => b === 0x0a || b === 0x0d;
  if (encoding === 'utf-16le') return n >= 2 && br(bytes[n - 2]) && bytes[n - 1] === 0;
  if (encoding === 'utf-16be') return n >= 2 && bytes[n - 2] === 0 && br(bytes[n - 1]);
  return br(bytes[n - 1]);
}

/** Line feeds in a field (the lines it runs over, as countLines counts them). */
function breaksIn(field: string): number {
  let n = 0;
  for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * A quote that opened a field and never closed on its line (issue 18): with relax_quotes csv-parse
 * reads the lines after it into that field until some later quote, so teachers vanished and the
 * run exited 0. The file is parsed again, counting lines, and the first field that runs over a
 * line break and either kept its opening quote (csv-parse took it as text) or holds the delimiter
 * on a later line (it swallowed another row's cells) names its line; so does a quote still open at
 * the end. A cell that holds a line break inside a properly closed quote, without the delimiter
 * after it ("小学\n语文"), is a cell of a real form and passes. Null when nothing is found.
 */
async function runawayQuoteLine(bytes: Buffer, layout: Layout): Promise<number | null> {
  let line = 1;
  let found: number | null = null;
  let lead = layout.lead !== undefined;
  const check = (record: string[], raw: string) => {
    if (lead) {
      lead = false;
      return;
    }
    if (found !== null) return;
    for (const field of record) {
      const breaks = breaksIn(field);
      if (breaks === 0) continue;
      // A line feed that ends the field (`"x\n"`) carries nothing of another line. A quote kept at
      // the start is the opening one only when the field is the file's text as it stands: a field
      // quoted properly that starts with an escaped quote (`"""引用""…"`) was unescaped.
      const feed = field.indexOf('\n');
      const keptQuote = field.charCodeAt(0) === 0x22 && raw.includes(field);
      if (feed < field.length - 1 && (keptQuote || field.indexOf(layout.delimiter, feed) >= 0)) {
        found = line;
        return;
      }
      line += breaks;
    }
    line++;
  };
  try {
    for await (const record of records(bytes, layout, PIECE_BYTES, () => {}, undefined, check)) void record;
  } catch (e) {
    // The record the quote opened in was never finished: it starts on the line after the last one seen.
    if (e instanceof CsvError && e.code === 'CSV_QUOTE_NOT_CLOSED') return found ?? line;
    throw e;
  }
  return found;
}

/** `pieceBytes` is for tests: pieces of a few bytes cut characters, quotes and line ends apart. */
export function readCsv(file: string, bytes: Buffer, sheetName: string, pieceBytes = PIECE_BYTES): WorkbookSource {
  const layout = layoutOf(bytes);
  const { encoding, delimiter } = layout;
  return {
    file,
    format: 'csv',
    encoding,
    ...(delimiter === ',' ? {} : { delimiter: DELIMITER_NAMES[delimiter] }),
    sheets: [
      {
        name: sheetName,
        hidden: false,
        async *rows(): AsyncIterable<RawRow> {
          // A CSV's row number is its record number: what Excel shows when it opens the file.
          let row = 0;
          // On a terminal: the share of the file handed to the parser, and the rows so far.
          const fed = (done: number) => reportReadProgress(file, done, bytes.length, row);
          let count: ParseCount | undefined;
          try {
            for await (const record of records(bytes, layout, pieceBytes, fed, (c) => (count = c))) {
              yield { row: ++row, cells: record.map((v) => (v === '' ? null : v)) };
            }
          } catch (e) {
            if (!(e instanceof CsvError && e.code === 'CSV_QUOTE_NOT_CLOSED')) throw e;
            throw new InputError('input.csvQuote', { file, line: (await runawayQuoteLine(bytes, layout)) ?? 1 });
          }
          // Every line ends a record unless a field holds a line break: more lines than records
          // (csv-parse counts a break that ends the file as the start of one more line) is the
          // only case a runaway quote can hide in, and only then is the file parsed again. The
          // counts are csv-parse's own, so an ordinary file costs nothing more (issue 5).
          if (count && count.lines - (endsWithBreak(bytes, encoding) ? 1 : 0) > count.records) {
            const line = await runawayQuoteLine(bytes, layout);
            if (line !== null) throw new InputError('input.csvQuote', { file, line });
          }
          reportReadProgress(file, bytes.length, bytes.length, row);
        },
      },
    ],
  };
}
