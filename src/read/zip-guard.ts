import yauzl from 'yauzl';

/**
 * A zip bomb must be refused before it is inflated: exceljs (through JSZip) inflates every part of
 * a workbook into memory at once. An honest school return inflates to a few MB; a whole county in
 * one workbook (~20 000 teachers) to well under 100 MB. 1 GiB leaves room for a province-wide
 * export and still refuses the classic bombs (42.zip: 4.5 PB; overlapping-entry bombs: many GB).
 * Documented in README.md ("Bad input").
 */
export const MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024;
/** An .xlsx has a dozen parts, one per sheet and a few more; tens of thousands is not a workbook. */
export const MAX_ZIP_ENTRIES = 10_000;

export type ZipProblem =
  | { problem: 'bomb'; declared: number; limit: number }
  | { problem: 'lying-sizes'; entry: string }
  | { problem: 'too-many-entries'; entries: number; limit: number }
  | { problem: 'encrypted' }
  | { problem: 'corrupt'; detail: string };

export class ZipGuardError extends Error {
  constructor(readonly reason: ZipProblem) {
    super(reason.problem);
    this.name = 'ZipGuardError';
  }
}

interface Listed {
  entries: yauzl.Entry[];
  declared: number;
}

function list(zip: yauzl.ZipFile): Promise<Listed> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    let declared = 0;
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      declared += e.uncompressedSize;
      zip.readEntry();
    });
    zip.on('end', () => resolve({ entries, declared }));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** Inflate one entry to nowhere; yauzl errors as soon as it passes its declared size. */
function drain(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      stream.on('data', () => {});
      stream.on('error', reject);
      stream.on('end', resolve);
    });
  });
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0]!.slice(0, 200);
}

/**
 * Check a zip before anything inflates it, and return its entry names. First the central
 * directory: the entry count and the sum of the declared uncompressed sizes (an overlapping-entry
 * bomb declares many GB in a few KB). Then every entry is inflated once to nowhere, with yauzl
 * refusing any entry that inflates to more than it declares — a bomb that lies about its sizes is
 * stopped at its declared size, so the total inflated never passes the limit and memory stays flat.
 */
export async function guardZip(bytes: Buffer, limit = MAX_UNCOMPRESSED_BYTES): Promise<string[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true });
  } catch (e) {
    throw new ZipGuardError({ problem: 'corrupt', detail: firstLine(e) });
  }
  try {
    let listed: Listed;
    try {
      listed = await list(zip);
    } catch (e) {
      throw new ZipGuardError({ problem: 'corrupt', detail: firstLine(e) });
    }
    if (listed.entries.length > MAX_ZIP_ENTRIES) {
      throw new ZipGuardError({ problem: 'too-many-entries', entries: listed.entries.length, limit: MAX_ZIP_ENTRIES });
    }
    if (listed.declared > limit) throw new ZipGuardError({ problem: 'bomb', declared: listed.declared, limit });
    for (const entry of listed.entries) {
      if (entry.fileName.endsWith('/')) continue;
      if (entry.isEncrypted()) throw new ZipGuardError({ problem: 'encrypted' });
      try {
        await drain(zip, entry);
      } catch (e) {
        // yauzl's words when an entry inflates past its declared size.
        if (/too many bytes/.test(firstLine(e))) throw new ZipGuardError({ problem: 'lying-sizes', entry: entry.fileName });
        throw new ZipGuardError({ problem: 'corrupt', detail: firstLine(e) });
      }
    }
    return listed.entries.map((e) => e.fileName);
  } finally {
    zip.close();
  }
}
