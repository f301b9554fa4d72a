import { createRequire } from 'node:module';
import zlib from 'node:zlib';

/**
 * yazl computes each entry's CRC-32 with buffer-crc32, a byte-at-a-time loop in JavaScript that
 * took 1.6 s of a 100 000-teacher report (issue 5, profiled). Node ≥ 20.15 has zlib.crc32 in C
 * with the same contract (data, previous value → unsigned CRC), so yazl's copy of buffer-crc32
 * is pointed at it. yazl reads `crc32.unsigned` at each call, so this takes effect for every
 * entry; on an older Node nothing changes. Tests read every written report back.
 */
const nativeCrc32 = (zlib as unknown as { crc32?: (data: Buffer, value?: number) => number }).crc32;

if (nativeCrc32) {
  try {
    const fromYazl = createRequire(createRequire(import.meta.url).resolve('yazl'));
    const bufferCrc32 = fromYazl('buffer-crc32') as { unsigned: (buf: Buffer, previous?: number) => number };
    bufferCrc32.unsigned = (buf, previous) => nativeCrc32(Buffer.isBuffer(buf) ? buf : Buffer.from(buf), previous ?? 0);
  } catch {
    // yazl's layout changed: keep its own CRC.
  }
}
