import { describe, expect, it } from 'vitest';
import { guardZip, MAX_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES, ZipGuardError } from '../../src/read/zip-guard.js';
import { overlappingBomb, WORKBOOK_PARTS, zip } from '../../scripts/zip-kit.js';

const reason = async (p: Promise<unknown>) => {
  try {
    await p;
    return null;
  } catch (e) {
    if (e instanceof ZipGuardError) return e.reason;
    throw e;
  }
};

describe('guardZip: refuse a zip bomb before inflating it', () => {
  it('keeps the documented limit: 1 GiB decompressed, 10 000 entries', () => {
    expect(MAX_UNCOMPRESSED_BYTES).toBe(1024 ** 3);
    expect(MAX_ZIP_ENTRIES).toBe(10_000);
  });

  it('passes a workbook-shaped zip and lists its entries', async () => {
    expect(await guardZip(zip(WORKBOOK_PARTS))).toEqual(['[Content_Types].xml', 'xl/workbook.xml']);
  });

  it('declared sizes exactly at the limit pass; one byte over is refused from the directory alone', async () => {
    const at = zip([{ name: 'a.xml', data: Buffer.alloc(1000, 0x20) }, { name: 'b.xml', data: Buffer.alloc(24, 0x20) }]);
    expect(await reason(guardZip(at, 1024))).toBeNull();
    expect(await reason(guardZip(at, 1023))).toEqual({ problem: 'bomb', declared: 1024, limit: 1023 });
  });

  it('refuses an overlapping-entry bomb (1.6 GiB declared in a few KB) by its directory, fast', async () => {
    const bomb = overlappingBomb(8 * 1024 * 1024, 200);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const refused = { problem: 'bomb', declared: 200 * 8 * 1024 * 1024, limit: MAX_UNCOMPRESSED_BYTES };
    expect(await reason(guardZip(bomb))).toEqual(refused);
    // By its directory alone, nothing inflated: with the deflated data made garbage (between the
    // local header and the central directory, whose offset the end record gives), the same answer.
    const garbled = Buffer.from(bomb);
    const directoryAt = garbled.readUInt32LE(garbled.length - 22 + 16);
    garbled.fill(0xff, 30 + 'xl/worksheets/sheet1.xml'.length, directoryAt);
    expect(await reason(guardZip(garbled))).toEqual(refused);
  });

  it('stops an entry that inflates past the size it declares', async () => {
    const liar = zip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(4 * 1024 * 1024, 0x20), declaredSize: 1024 }]);
    expect(await reason(guardZip(liar))).toEqual({ problem: 'lying-sizes', entry: 'xl/worksheets/sheet1.xml' });
  });

  it('refuses more entries than a workbook has', async () => {
    const many = zip(Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => ({ name: `f${i}`, data: Buffer.alloc(0), method: 0 as const })));
    expect(await reason(guardZip(many))).toEqual({ problem: 'too-many-entries', entries: MAX_ZIP_ENTRIES + 1, limit: MAX_ZIP_ENTRIES });
  });

  it('calls a damaged zip corrupt, with the reader\'s words', async () => {
    const good = zip(WORKBOOK_PARTS);
    expect((await reason(guardZip(good.subarray(0, good.length - 10))))?.problem).toBe('corrupt');
    const damaged = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>'), raw: Buffer.from([0xff, 0xff, 0xff, 0xff]) }]);
    expect(await reason(guardZip(damaged))).toMatchObject({ problem: 'corrupt' });
  });
});
