import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readCsv } from './csv.js';
import { sniff, zipHolds } from './sniff.js';
import { readXlsxWithExceljs } from './xlsx-exceljs.js';
import { guardZip, ZipGuardError } from './zip-guard.js';
import { InputError, type WorkbookSource } from './types.js';

export interface OpenedInput {
  source: WorkbookSource;
  sha256: string;
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
  try {
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
      if (what.holds === 'xls') throw new InputError('input.legacyXls', { file });
      if (what.holds === 'word' || what.holds === 'powerpoint') throw new InputError('input.otherDocument', { file, kind: `doc.${what.holds}` });
      // An OLE file with none of the known streams: most often an .xls from an old or foreign tool.
      throw new InputError(ext === '.xls' ? 'input.legacyXls' : 'input.notSpreadsheet', { file });
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

async function openZip(file: string, bytes: Buffer): Promise<WorkbookSource> {
  let names: string[];
  try {
    names = await guardZip(bytes);
  } catch (e) {
    if (!(e instanceof ZipGuardError)) throw e;
    const r = e.reason;
    if (r.problem === 'bomb') throw new InputError('input.zipBomb', { file, size: megabytes(r.declared), limit: megabytes(r.limit) });
    if (r.problem === 'lying-sizes') throw new InputError('input.zipLies', { file, entry: r.entry });
    if (r.problem === 'too-many-entries') throw new InputError('input.zipEntries', { file, entries: r.entries, limit: r.limit });
    if (r.problem === 'encrypted') throw new InputError('input.encrypted', { file });
    throw new InputError('input.corruptXlsx', { file, detail: r.detail });
  }
  const holds = zipHolds(names);
  if (holds === 'xlsb' || holds === 'ods') throw new InputError('input.otherSpreadsheet', { file, kind: `sheet.${holds}` });
  if (holds === 'word' || holds === 'powerpoint' || holds === 'archive') throw new InputError('input.otherDocument', { file, kind: `doc.${holds}` });
  try {
    return await readXlsxWithExceljs(file, bytes);
  } catch (e) {
    throw new InputError('input.corruptXlsx', { file, detail: firstLine(e) });
  }
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0]!.slice(0, 200);
}
