import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { ownOutputOf, type OwnOutput } from '../model/marker.js';

/** A core.xml larger than this is not one credit-audit wrote (its own is under 1 KB). */
const CORE_MAX_BYTES = 64 * 1024;
/** The end-of-central-directory record and the longest zip comment it may follow. */
const EOCD_SEARCH = 22 + 0xffff;
const CORE = 'docprops/core.xml';

/**
 * Whether a file is a report or an unchanged annotated copy that credit-audit wrote, by the mark
 * in its docProps/core.xml (../model/marker.ts). Every input of a run is asked, so it is cheap:
 * the zip's directory and that one small part are read with a few synchronous reads (each of fs's
 * promises is a round trip to the thread pool; with yauzl a 300-file batch spent 0.24 s here, a
 * tenth of its run, issue 5). A zip it cannot follow this way (zip64) goes through yauzl. Anything
 * that is not a readable zip is not ours: null, and the audit says what it is.
 */
export async function ownOutput(file: string): Promise<OwnOutput | null> {
  let fd: number;
  try {
    // Only a regular file is opened: opening a named pipe waits for a writer (the audit names it).
    if (!statSync(file).isFile()) return null;
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const core = coreXmlSync(fd);
    if (core === 'zip64') return await ownOutputYauzl(file);
    return core === null ? null : ownOutputOf(core);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = readSync(fd, buf, 0, length, position);
  return n === length ? buf : buf.subarray(0, n);
}

/** docProps/core.xml's text, null when the file is no zip or has none, 'zip64' when yauzl must read it. */
function coreXmlSync(fd: number): string | null | 'zip64' {
  const size = fstatSync(fd).size;
  if (size < 22 || readAt(fd, 0, 4).readUInt32LE(0) !== 0x04034b50) return null;
  const tailStart = Math.max(0, size - EOCD_SEARCH);
  const tail = readAt(fd, tailStart, size - tailStart);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return 'zip64';
  const cd = cdOffset >= tailStart && cdOffset + cdSize <= size ? tail.subarray(cdOffset - tailStart, cdOffset - tailStart + cdSize) : readAt(fd, cdOffset, cdSize);
  for (let at = 0; at + 46 <= cd.length && cd.readUInt32LE(at) === 0x02014b50; ) {
    const nameLen = cd.readUInt16LE(at + 28);
    const next = at + 46 + nameLen + cd.readUInt16LE(at + 30) + cd.readUInt16LE(at + 32);
    const name = cd.toString('utf8', at + 46, at + 46 + nameLen).replace(/\\/g, '/').replace(/^\//, '').toLowerCase();
    if (name !== CORE) {
      at = next;
      continue;
    }
    const method = cd.readUInt16LE(at + 10);
    const compressed = cd.readUInt32LE(at + 20);
    const uncompressed = cd.readUInt32LE(at + 24);
    const local = cd.readUInt32LE(at + 42);
    if (compressed === 0xffffffff || local === 0xffffffff) return 'zip64';
    if (uncompressed > CORE_MAX_BYTES || compressed > CORE_MAX_BYTES) return null;
    const header = readAt(fd, local, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) return null;
    const data = readAt(fd, local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28), compressed);
    if (method === 0) return data.toString('utf8');
    if (method !== 8) return null;
    // Bounded: a part that inflates past what a core.xml of ours can be is not ours.
    return inflateRawSync(data, { maxOutputLength: CORE_MAX_BYTES }).toString('utf8');
  }
  return null;
}

/** The same through yauzl, for the zips the reader above does not follow (zip64). */
async function ownOutputYauzl(file: string): Promise<OwnOutput | null> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.replace(/\\/g, '/').replace(/^\//, '').toLowerCase() !== CORE) continue;
      if (entry.uncompressedSize > CORE_MAX_BYTES) return null;
      const chunks: Buffer[] = [];
      for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
      return ownOutputOf(Buffer.concat(chunks).toString('utf8'));
    }
    return null;
  } finally {
    zip.close();
  }
}
