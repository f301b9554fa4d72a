import { randomBytes } from 'node:crypto';
import { createWriteStream, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { parseWeight } from '../../src/read/open.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * The CLI sets the heap's growth by how much an input holds to parse: an .xlsx's size says too
 * little, since text compresses far (a million-record 杭州 export: 294 MB of XML in 31 MB).
 */
const MB = 1024 * 1024;

async function zipOf(file: string, parts: Array<[string, Buffer, boolean]>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, data, compress] of parts) zip.addBuffer(data, name, { compress });
  zip.end();
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(file)).on('close', resolve).on('error', reject));
}

describe('how much an input holds to parse', () => {
  const dir = scratchDir('credit-audit-');

  it('weighs a large .xlsx by its parts uncompressed, as CSV bytes (5.5 bytes of XML to one)', async () => {
    const file = path.join(dir, 'big.xlsx');
    // 9 MB that does not compress and 60 MB that compresses to almost nothing.
    await zipOf(file, [
      ['xl/media/noise.bin', randomBytes(9 * MB), false],
      ['xl/worksheets/sheet1.xml', Buffer.alloc(60 * MB, 0x20), true],
    ]);
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(8 * MB);
    expect(size).toBeLessThan(10 * MB);
    expect(await parseWeight(file, size)).toBeCloseTo((69 * MB) / 5.5, 0);
    // Files up to 8 MB are read whole and weighed by their size; one byte more, by their parts.
    expect(await parseWeight(file, 8 * MB)).toBe(8 * MB);
    expect(await parseWeight(file, 8 * MB + 1)).toBeCloseTo((69 * MB) / 5.5, 0);
  });

  it('weighs a file at most 8 MB, a CSV, or an .xlsx whose directory cannot be read, by its size', async () => {
    const small = path.join(dir, 'small.xlsx');
    await zipOf(small, [['xl/worksheets/sheet1.xml', Buffer.alloc(60 * MB, 0x20), true]]);
    expect(await parseWeight(small, statSync(small).size)).toBe(statSync(small).size);
    const csv = path.join(dir, 'big.csv');
    writeFileSync(csv, Buffer.alloc(9 * MB, 0x31));
    expect(await parseWeight(csv, 9 * MB)).toBe(9 * MB);
    const broken = path.join(dir, 'broken.xlsx');
    writeFileSync(broken, randomBytes(9 * MB));
    expect(await parseWeight(broken, 9 * MB)).toBe(9 * MB);
  });
});
