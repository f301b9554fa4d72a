/**
 * What a file is, by its bytes: district staff get whatever schools send — a Word document named
 * .xlsx, a PDF scan, a web page saved as .xls — and each deserves a message that says what it is
 * and what to do, not "corrupt".
 */

export type ForeignKind = 'word' | 'powerpoint' | 'pdf' | 'image' | 'archive';
export type OtherSpreadsheetKind = 'xlsb' | 'ods' | 'html' | 'text';

export type Sniffed =
  | { kind: 'zip' }
  | { kind: 'ole'; holds: 'encrypted' | 'xls' | 'word' | 'powerpoint' | 'unknown' }
  | { kind: 'foreign'; what: ForeignKind }
  | { kind: 'html' }
  | { kind: 'binary' }
  | { kind: 'text' };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** An empty zip is only an end-of-central-directory record. */
const ZIP_EMPTY_MAGIC = [0x50, 0x4b, 0x05, 0x06];
/** OLE compound file: a legacy .xls, or an encrypted .xlsx (Office wraps those in OLE too). */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const FOREIGN: Array<{ magic: number[]; what: ForeignKind }> = [
  { magic: [0x25, 0x50, 0x44, 0x46], what: 'pdf' }, // %PDF
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'image' }, // PNG
  { magic: [0xff, 0xd8, 0xff], what: 'image' }, // JPEG
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'image' }, // GIF8
  { magic: [0x42, 0x4d], what: 'image' }, // BMP
  { magic: [0x52, 0x61, 0x72, 0x21], what: 'archive' }, // Rar!
  { magic: [0x37, 0x7a, 0xbc, 0xaf], what: 'archive' }, // 7z
  { magic: [0x1f, 0x8b], what: 'archive' }, // gzip
];

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  return magic.every((b, i) => bytes[at + i] === b);
}

export function sniff(bytes: Buffer): Sniffed {
  if (startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, ZIP_EMPTY_MAGIC)) return { kind: 'zip' };
  if (startsWith(bytes, OLE_MAGIC)) return { kind: 'ole', holds: oleHolds(bytes) };
  for (const f of FOREIGN) if (startsWith(bytes, f.magic)) return { kind: 'foreign', what: f.what };
  const head = bytes.subarray(0, 4096);
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || utf16WithoutBom(head) !== null;
  const lead = head.toString('latin1').replace(/^\ufeff|^\xef\xbb\xbf/, '').trimStart().slice(0, 200).toLowerCase();
  if (/^<(!doctype html|html|table|\?xml[^>]*>\s*<html|meta )/.test(lead) || /^<\?xml[\s\S]*urn:schemas-microsoft-com:office:spreadsheet/.test(lead)) {
    return { kind: 'html' };
  }
  // Text never holds NUL bytes (UTF-16 aside, which has a BOM); a file that does is binary.
  if (!utf16 && head.includes(0)) return { kind: 'binary' };
  return { kind: 'text' };
}

/**
 * UTF-16 text saved without a BOM, by where its NUL bytes fall: the high byte of every ASCII
 * character (digits, delimiters, line ends) is 0, at odd offsets in little-endian and even ones in
 * big-endian. A CJK character may have a 0 low byte too (U+4E00), so one side need only far
 * outnumber the other; at least a tenth of the characters must be ASCII, as a form's are. Binary
 * data has its NULs on both sides.
 */
export function utf16WithoutBom(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return null;
  // NULs on each side, and ASCII text characters (tab, line ends, printable) beside a NUL on each.
  let even = 0;
  let odd = 0;
  let le = 0;
  let be = 0;
  const text = (b: number) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f);
  for (let i = 0; i < n; i += 2) {
    const a = head[i]!;
    const b = head[i + 1]!;
    if (a === 0) {
      even++;
      if (text(b)) be++;
    }
    if (b === 0) {
      odd++;
      if (text(a)) le++;
    }
  }
  const enough = Math.max(2, (n / 2) * 0.1);
  if (le >= enough && odd > 8 * even) return 'utf-16le';
  if (be >= enough && even > 8 * odd) return 'utf-16be';
  return null;
}

/**
 * The streams an OLE container holds, read from its directory: each directory entry is 128 bytes
 * and starts with its name in UTF-16LE (MS-CFB 2.6), so a name sits at an offset that is a
 * multiple of 128. Encrypted OOXML (MS-OFFCRYPTO) holds EncryptionInfo and EncryptedPackage;
 * a BIFF .xls holds Workbook (or Book before Excel 97); Word holds WordDocument.
 */
function oleHolds(bytes: Buffer): Extract<Sniffed, { kind: 'ole' }>['holds'] {
  const has = (name: string) => {
    const needle = Buffer.from(`${name}\u0000`, 'utf16le');
    for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) if (at % 128 === 0) return true;
    return false;
  };
  if (has('EncryptionInfo') || has('EncryptedPackage')) return 'encrypted';
  if (has('Workbook') || has('Book')) return 'xls';
  if (has('WordDocument')) return 'word';
  if (has('PowerPoint Document')) return 'powerpoint';
  return 'unknown';
}

/** What a zip holds, by its entry names: only an OOXML workbook is read. */
export function zipHolds(names: string[]): 'xlsx' | 'xlsb' | 'ods' | 'word' | 'powerpoint' | 'archive' {
  const set = new Set(names.map((n) => n.replace(/\\/g, '/').replace(/^\//, '')));
  if (set.has('xl/workbook.xml')) return 'xlsx';
  if (set.has('xl/workbook.bin')) return 'xlsb';
  if (set.has('word/document.xml')) return 'word';
  if (set.has('ppt/presentation.xml')) return 'powerpoint';
  if (set.has('content.xml') && set.has('mimetype')) return 'ods';
  return 'archive';
}
