/**
 * A small zip writer for fixtures that no office program would write: a workbook-shaped zip whose
 * directory lies, an overlapping-entry zip bomb (after D. Fifield, "A better zip bomb", 2019),
 * a zip whose compressed data is damaged. Layout per PKWARE APPNOTE 4.3.7 (local header),
 * 4.3.12 (central directory header), 4.3.16 (end of central directory).
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** 0 stored, 8 deflated (default). */
  method?: 0 | 8;
  /** Bytes written as the compressed data instead of compressing `data` (a damaged entry). */
  raw?: Buffer;
  /** The uncompressed size the headers declare, when it should lie. */
  declaredSize?: number;
}

function localHeader(name: Buffer, method: number, crc: number, csize: number, usize: number): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4); // version needed
  h.writeUInt16LE(0x0800, 6); // UTF-8 names
  h.writeUInt16LE(method, 8);
  h.writeUInt16LE(0, 10); // time
  h.writeUInt16LE(0x5a21, 12); // date: 2025-01-01
  h.writeUInt32LE(crc >>> 0, 14);
  h.writeUInt32LE(csize, 18);
  h.writeUInt32LE(usize, 22);
  h.writeUInt16LE(name.length, 26);
  h.writeUInt16LE(0, 28);
  return Buffer.concat([h, name]);
}

function centralHeader(name: Buffer, method: number, crc: number, csize: number, usize: number, offset: number): Buffer {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4); // version made by
  h.writeUInt16LE(20, 6); // version needed
  h.writeUInt16LE(0x0800, 8);
  h.writeUInt16LE(method, 10);
  h.writeUInt16LE(0, 12);
  h.writeUInt16LE(0x5a21, 14);
  h.writeUInt32LE(crc >>> 0, 16);
  h.writeUInt32LE(csize, 20);
  h.writeUInt32LE(usize, 24);
  h.writeUInt16LE(name.length, 28);
  h.writeUInt32LE(offset, 42);
  return Buffer.concat([h, name]);
}

function endOfDirectory(entries: number, size: number, offset: number): Buffer {
  const e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0);
  e.writeUInt16LE(entries, 8);
  e.writeUInt16LE(entries, 10);
  e.writeUInt32LE(size, 12);
  e.writeUInt32LE(offset, 16);
  return e;
}

interface Stored {
  name: Buffer;
  method: number;
  crc: number;
  csize: number;
  usize: number;
  offset: number;
}

export function zip(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const stored: Stored[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = e.raw ?? (method === 8 ? deflateRawSync(e.data, { level: 9 }) : e.data);
    const s = { name: Buffer.from(e.name, 'utf8'), method, crc: crc32(e.data), csize: body.length, usize: e.declaredSize ?? e.data.length, offset };
    const head = localHeader(s.name, method, s.crc, s.csize, s.usize);
    parts.push(head, body);
    stored.push(s);
    offset += head.length + body.length;
  }
  const central = Buffer.concat(stored.map((s) => centralHeader(s.name, s.method, s.crc, s.csize, s.usize, s.offset)));
  return Buffer.concat([...parts, central, endOfDirectory(stored.length, central.length, offset)]);
}

/**
 * An overlapping-entry bomb: one deflated run of `size` bytes, and `copies` central-directory
 * records that all point at it, so a reader that inflates every entry inflates `copies × size`
 * bytes from a file of a few KB.
 */
export function overlappingBomb(size: number, copies: number): Buffer {
  const data = Buffer.alloc(size, 0x20);
  const body = deflateRawSync(data, { level: 9 });
  const crc = crc32(data);
  const first = Buffer.from('xl/worksheets/sheet1.xml', 'utf8');
  const head = localHeader(first, 8, crc, body.length, size);
  const central = Buffer.concat(
    Array.from({ length: copies }, (_, i) => centralHeader(Buffer.from(`xl/worksheets/sheet${i + 1}.xml`, 'utf8'), 8, crc, body.length, size, 0)),
  );
  const offset = head.length + body.length;
  return Buffer.concat([head, body, central, endOfDirectory(copies, central.length, offset)]);
}

/** The few parts that make a zip look like an .xlsx to a reader that checks names. */
export const WORKBOOK_PARTS: ZipEntry[] = [
  {
    name: '[Content_Types].xml',
    data: Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    ),
  },
  {
    name: 'xl/workbook.xml',
    data: Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>',
    ),
  },
];
