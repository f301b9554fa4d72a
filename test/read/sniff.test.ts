import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sniff, zipHolds } from '../../src/read/sniff.js';
import { cleanText } from '../../src/read/clean-text.js';

const b = (s: string, enc: BufferEncoding = 'utf8') => Buffer.from(s, enc);

describe('sniff: what a file is, by its bytes', () => {
  it.each([
    ['a zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), { kind: 'zip' }],
    ['a PDF', b('%PDF-1.7\n'), { kind: 'foreign', what: 'pdf' }],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), { kind: 'foreign', what: 'image' }],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), { kind: 'foreign', what: 'image' }],
    ['a RAR', b('Rar!\x1a\x07\x00', 'latin1'), { kind: 'foreign', what: 'archive' }],
    ['HTML saved as .xls', b('  <html><body><table>'), { kind: 'html' }],
    ['HTML with a BOM', b('\ufeff<!DOCTYPE html><html>'), { kind: 'html' }],
    ['CSV text', b('序号,姓名\n1,张丽\n'), { kind: 'text' }],
    ['UTF-16 CSV (NUL bytes, but a BOM)', Buffer.concat([Buffer.from([0xff, 0xfe]), b('姓名,学时', 'utf16le')]), { kind: 'text' }],
    ['binary noise', Buffer.from([1, 2, 0, 4, 5]), { kind: 'binary' }],
    ['UTF-16LE CSV without a BOM (its NULs at odd offsets)', b('姓名,学时\n张三,24\n', 'utf16le'), { kind: 'text' }],
    ['UTF-16BE CSV without a BOM (its NULs at even offsets)', b('姓名,学时\n张三,24\n', 'utf16le').swap16(), { kind: 'text' }],
    ['NULs on both sides', Buffer.from([0x41, 0, 0, 0x41, 0x42, 0, 0, 0x42, 0x43, 0, 0, 0x43]), { kind: 'binary' }],
  ])('%s', (_, bytes, expected) => expect(sniff(bytes)).toEqual(expected));

  it('reads an OLE container\'s stream names at directory-entry offsets only', () => {
    const ole = (names: string[], misaligned = false) => {
      const buf = Buffer.alloc(2048);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(buf);
      names.forEach((n, i) => Buffer.from(`${n}\u0000`, 'utf16le').copy(buf, 512 + i * 128 + (misaligned ? 2 : 0)));
      return buf;
    };
    expect(sniff(ole(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']))).toEqual({ kind: 'ole', holds: 'encrypted' });
    expect(sniff(ole(['Root Entry', 'Workbook']))).toEqual({ kind: 'ole', holds: 'xls' });
    expect(sniff(ole(['Root Entry', 'WordDocument']))).toEqual({ kind: 'ole', holds: 'word' });
    expect(sniff(ole(['Root Entry', 'Workbook'], true))).toEqual({ kind: 'ole', holds: 'unknown' });
  });

  it('tells what a zip holds by its entry names', () => {
    expect(zipHolds(['[Content_Types].xml', 'xl/workbook.xml'])).toBe('xlsx');
    expect(zipHolds(['xl/workbook.bin'])).toBe('xlsb');
    expect(zipHolds(['word/document.xml'])).toBe('word');
    expect(zipHolds(['ppt/presentation.xml'])).toBe('powerpoint');
    expect(zipHolds(['mimetype', 'content.xml'])).toBe('ods');
    expect(zipHolds(['photo.jpg'])).toBe('archive');
  });
});

describe('cleanText: no character that breaks a terminal or an .xlsx', () => {
  it('removes control characters, U+FFFE/U+FFFF and lone surrogates', () =>
    expect(cleanText('张\u0000丽\u001b[2J\u007f\u0085\ufffe\uffff\ud800!')).toBe('张丽[2J!'));
  it('keeps tabs, line breaks, CJK and characters outside the BMP', () => expect(cleanText('崔\t文\r\n𠀋𝒳')).toBe('崔\t文\r\n𠀋𝒳'));
  it('its quick test never lets through what the full rule removes (any UTF-16 text)', () => {
    const unit = fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0xd800, 0xdbff, 0xdc00, 0xdfff, 0x1b, 0x85, 0xfffe)).map((c) => String.fromCharCode(c));
    const full = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
    fc.assert(fc.property(fc.string({ unit, maxLength: 12 }), (s) => {
      expect(cleanText(s)).toBe(s.replace(full, ''));
    }), { numRuns: 2000 });
  });
});
