import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { columnLetter } from '../../src/read/types.js';

/** A school's return with findings on its one sheet (Sheet1), from fixtures/puer. */
export const SCHOOL_RETURN = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'puer', '2025年度墨江县第二小学-数据问题.xlsx');

type Parts = Map<string, string | Buffer>;

function partsOf(file: string): Parts {
  const parts: Parts = new Map();
  for (const [name, data] of Object.entries(unzipSync(readFileSync(file)))) if (!name.endsWith('/')) parts.set(name, Buffer.from(data));
  return parts;
}

const text = (parts: Parts, name: string) => {
  const v = parts.get(name)!;
  return typeof v === 'string' ? v : strFromU8(v);
};

/** Zipped fast (level 1): a wide sheet is ~20 MB of XML. */
function pack(parts: Parts): Buffer {
  return Buffer.from(zipSync(Object.fromEntries([...parts].map(([name, data]) => [name, typeof data === 'string' ? strToU8(data) : new Uint8Array(data)])), { level: 1 }));
}

/**
 * Workbooks the audit reads and exceljs (the copier of `--annotate`) cannot, as an adversarial
 * probe found them (issue 18): exceljs throws on an entity declared in a DOCTYPE and on a cell
 * reference written `7A`, and reads a workbook with no workbook.xml.rels, or with part names
 * using backslashes (as some Windows tools zip), as having no sheets.
 */
export type Uncopyable = 'doctype-entity' | 'cell-ref' | 'no-workbook-rels' | 'backslash-names';

export function uncopyable(kind: Uncopyable, from = SCHOOL_RETURN): Buffer {
  const parts = partsOf(from);
  const sheet = 'xl/worksheets/sheet1.xml';
  if (kind === 'doctype-entity') {
    const sst = 'xl/sharedStrings.xml';
    const edited = text(parts, sst).replace('?>', '?><!DOCTYPE sst [<!ENTITY sp " ">]>').replace('</t></si>', '&sp;</t></si>');
    if (!edited.includes('&sp;')) throw new Error('no shared string to put the entity in');
    parts.set(sst, edited);
  } else if (kind === 'cell-ref') {
    const edited = text(parts, sheet).replace('r="A7"', 'r="7A"');
    if (!edited.includes('r="7A"')) throw new Error('no cell A7 to rename');
    parts.set(sheet, edited);
  } else if (kind === 'no-workbook-rels') {
    parts.delete('xl/_rels/workbook.xml.rels');
  } else {
    const renamed: Parts = new Map([...parts].map(([name, data]) => [name.replace(/\//g, '\\'), data]));
    return pack(renamed);
  }
  return pack(parts);
}

/**
 * The school's return with a second sheet, 宽表, of `rows` rows each filled out to `columns`
 * columns with numbers (the probe's return filled 300 rows out to column XFD): short, but millions
 * of cells for a copier that holds every cell. The audit lists the sheet as not a form.
 */
export function withWideSheet(rows: number, columns: number, from = SCHOOL_RETURN): Buffer {
  const parts = partsOf(from);
  const letters = Array.from({ length: columns }, (_, c) => columnLetter(c));
  const xml: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < columns; c++) row += `<c r="${letters[c]}${r}"><v>${c}</v></c>`;
    xml.push(row + '</row>');
  }
  xml.push('</sheetData></worksheet>');
  parts.set('xl/worksheets/sheet2.xml', xml.join(''));
  parts.set('xl/workbook.xml', text(parts, 'xl/workbook.xml').replace('</sheets>', '<sheet sheetId="2" name="宽表" state="visible" r:id="rIdWide"/></sheets>'));
  parts.set(
    'xl/_rels/workbook.xml.rels',
    text(parts, 'xl/_rels/workbook.xml.rels').replace(
      '</Relationships>',
      '<Relationship Id="rIdWide" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>',
    ),
  );
  parts.set(
    '[Content_Types].xml',
    text(parts, '[Content_Types].xml').replace(
      '</Types>',
      '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
  );
  return pack(parts);
}
