import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readCsv } from './csv.js';
import { readXlsxWithExceljs } from './xlsx-exceljs.js';
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

/** Open one input by its bytes, never by trusting its name alone. Throws InputError. */
export async function openInput(file: string): Promise<OpenedInput> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
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
