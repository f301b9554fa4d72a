import { open } from 'node:fs/promises';
import yauzl from 'yauzl';
import { ownOutputOf, type OwnOutput } from '../report/marker.js';

/** A core.xml larger than this is not one credit-audit wrote (its own is under 1 KB). */
const CORE_MAX_BYTES = 64 * 1024;

/**
 * Whether a file is a report or an unchanged annotated copy that credit-audit wrote, by the mark
 * in its docProps/core.xml (../report/marker.ts). Only the zip's directory and that one small part
 * are read. Anything that is not a readable zip is not ours: null, and the audit says what it is.
 */
export async function ownOutput(file: string): Promise<OwnOutput | null> {
  try {
    const fh = await open(file, 'r');
    try {
      const magic = Buffer.alloc(4);
      await fh.read(magic, 0, 4, 0);
      if (magic.readUInt32LE(0) !== 0x04034b50) return null;
    } finally {
      await fh.close();
    }
    const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
    try {
      for await (const entry of zip.eachEntry()) {
        if (entry.fileName.replace(/\\/g, '/').replace(/^\//, '').toLowerCase() !== 'docprops/core.xml') continue;
        if (entry.uncompressedSize > CORE_MAX_BYTES) return null;
        const stream = await zip.openReadStreamPromise(entry);
        const chunks: Buffer[] = [];
        for await (const c of stream) chunks.push(c as Buffer);
        return ownOutputOf(Buffer.concat(chunks).toString('utf8'));
      }
      return null;
    } finally {
      zip.close();
    }
  } catch {
    return null;
  }
}
