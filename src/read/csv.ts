import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { RawRow, WorkbookSource } from './types.js';

export type CsvEncoding = 'utf-8-bom' | 'utf-8' | 'utf-16le' | 'gb18030';

/**
 * Decode CSV bytes the way a Chinese office's files arrive: a BOM says what it is; otherwise
 * bytes that are valid UTF-8 are UTF-8; otherwise GB18030, a superset of the GBK that Excel on a
 * Chinese Windows saves.
 */
export function decodeCsv(bytes: Buffer): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gb18030' };
  }
}

export function readCsv(file: string, bytes: Buffer, sheetName: string): WorkbookSource {
  const { text, encoding } = decodeCsv(bytes);
  const records = parse(text, {
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as string[][];
  // A CSV's row number is its record number: what Excel shows when it opens the file.
  const rows: RawRow[] = records.map((record, i) => ({
    row: i + 1,
    cells: record.map((v) => (v === '' ? null : v)),
  }));
  return {
    file,
    format: 'csv',
    encoding,
    sheets: [
      {
        name: sheetName,
        hidden: false,
        async *rows() {
          yield* rows;
        },
      },
    ],
  };
}
