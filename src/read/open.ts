import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { readCsv } from './csv.js';
import { readXlsxWithExceljs } from './xlsx-exceljs.js';
import { readXlsxStreaming } from './xlsx-stream.js';
import { InputError, type WorkbookSource } from './types.js';

export interface OpenedInput {
  source: WorkbookSource;
  sha256: string;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound file: a legacy .xls, or an encrypted .xlsx (Office wraps those in OLE too). */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Buffer, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * Which xlsx reader: `stream` (yauzl + the row scanner, the default: flat memory) or `exceljs`
 * (its full reader, the reference the stream reader is tested against).
 */
export type XlsxReader = 'stream' | 'exceljs';

export interface OpenOptions {
  reader?: XlsxReader;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The first bytes, enough for the magic numbers: a province's return is not read whole. */
async function head(file: string): Promise<{ bytes: Buffer; size: number }> {
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const bytes = Buffer.alloc(Math.min(8, size));
    await fh.read(bytes, 0, bytes.length, 0);
    return { bytes, size };
  } finally {
    await fh.close();
  }
}

/** Open one input by its bytes, never by trusting its name alone. Throws InputError. */
export async function openInput(file: string, opts: OpenOptions = {}): Promise<OpenedInput> {
  let bytes: Buffer;
  try {
    const h = await head(file);
    if (h.size > 0 && startsWith(h.bytes, ZIP_MAGIC) && opts.reader !== 'exceljs') {
      const [sha256, source] = await Promise.all([
        sha256Of(file),
        readXlsxStreaming(file).catch((e: unknown) => {
          throw new InputError('input.corruptXlsx', { file, detail: firstLine(e) });
        }),
      ]);
      return { source, sha256 };
    }
    bytes = await readFile(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    throw new InputError(code === 'ENOENT' ? 'input.missing' : code === 'EISDIR' ? 'input.isDirectory' : 'input.unreadable', {
      file,
      code,
    });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const ext = path.extname(file).toLowerCase();
  if (bytes.length === 0) throw new InputError('input.empty', { file });
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new InputError(ext === '.xls' ? 'input.legacyXls' : 'input.encrypted', { file });
  }
  if (startsWith(bytes, ZIP_MAGIC)) {
    try {
      return { source: await readXlsxWithExceljs(file, bytes), sha256 };
    } catch (e) {
      throw new InputError('input.corruptXlsx', { file, detail: firstLine(e) });
    }
  }
  if (ext === '.xlsx' || ext === '.xlsm' || ext === '.xls') {
    throw new InputError(ext === '.xls' ? 'input.legacyXls' : 'input.notSpreadsheet', { file });
  }
  if (ext === '.csv' || ext === '.txt') {
    return { source: readCsv(file, bytes, path.basename(file)), sha256 };
  }
  throw new InputError('input.unknownType', { file, ext: ext || '(none)' });
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0]!.slice(0, 200);
}
