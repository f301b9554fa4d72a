/**
 * Workbooks made from hand-written SpreadsheetML, for the reader's crafted cases (issue 18):
 * merged data cells, namespace prefixes (`<x:row>`, as OpenXML-SDK writes them), Strict OOXML,
 * cells and rows outside Excel's grid, rows out of order, CDATA and comments in text, huge strings,
 * parts the workbook names and the zip lacks. Every cell is an inline string or a number unless a
 * shared strings part is given, so one sheet's XML says all.
 */
import { idNumber, rng } from './fixture-kit.js';
import { zip, type ZipEntry } from './zip-kit.js';

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const STRICT_NS = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const STRICT_REL_NS = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
const PKG_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export type Cell = string | number | null | { raw: string };
/** A row: its number and its cells from column A (null: no cell). */
export interface Row {
  r: number | string;
  cells: Cell[];
}

export function colName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** `<c>` of one cell: text inline, numbers as they are, `{ raw }` as written. */
function cellXml(ref: string, v: Cell, p: string): string {
  if (v === null) return '';
  if (typeof v === 'object') return v.raw;
  if (typeof v === 'number') return `<${p}c r="${ref}"><${p}v>${v}</${p}v></${p}c>`;
  return `<${p}c r="${ref}" t="inlineStr"><${p}is><${p}t>${esc(v)}</${p}t></${p}is></${p}c>`;
}

export interface SheetOptions {
  /** A prefix for every element (`x`), bound to the namespace. */
  prefix?: string;
  namespace?: string;
  merges?: string[];
}

export function sheetXml(rows: Row[], o: SheetOptions = {}): string {
  const p = o.prefix ? `${o.prefix}:` : '';
  const xmlns = o.prefix ? `xmlns:${o.prefix}="${o.namespace ?? MAIN_NS}"` : `xmlns="${o.namespace ?? MAIN_NS}"`;
  const body = rows
    .map((row) => `<${p}row r="${row.r}">${row.cells.map((v, c) => cellXml(`${colName(c)}${row.r}`, v, p)).join('')}</${p}row>`)
    .join('');
  const merges = o.merges?.length ? `<${p}mergeCells count="${o.merges.length}">${o.merges.map((m) => `<${p}mergeCell ref="${m}"/>`).join('')}</${p}mergeCells>` : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${p}worksheet ${xmlns}><${p}sheetData>${body}</${p}sheetData>${merges}</${p}worksheet>`;
}

export interface WorkbookOptions {
  sheets: Array<{ name: string; xml: string }>;
  /** sharedStrings.xml as written; absent: none. */
  shared?: string;
  prefix?: string;
  strict?: boolean;
  /** Parts left out of the zip though the workbook names them. */
  omit?: string[];
}

/** The zip of a workbook of the given sheets (xl/worksheets/sheetN.xml), with its relationships. */
export function craftedWorkbook(o: WorkbookOptions): Buffer {
  const p = o.prefix ? `${o.prefix}:` : '';
  const ns = o.strict ? STRICT_NS : MAIN_NS;
  const relNs = o.strict ? STRICT_REL_NS : REL_NS;
  const xmlns = o.prefix ? `xmlns:${o.prefix}="${ns}"` : `xmlns="${ns}"`;
  const sheets = o.sheets.map((s, i) => `<${p}sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const workbook = `<?xml version="1.0" encoding="UTF-8"?><${p}workbook ${xmlns} xmlns:r="${relNs}"><${p}sheets>${sheets}</${p}sheets></${p}workbook>`;
  const rp = o.prefix ? 'pr:' : '';
  const rxmlns = o.prefix ? `xmlns:pr="${PKG_NS}"` : `xmlns="${PKG_NS}"`;
  const rel = (id: string, type: string, target: string) => `<${rp}Relationship Id="${id}" Type="${relNs}/${type}" Target="${target}"/>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><${rp}Relationships ${rxmlns}>${o.sheets.map((_, i) => rel(`rId${i + 1}`, 'worksheet', `worksheets/sheet${i + 1}.xml`)).join('')}${o.shared !== undefined ? rel('rIdS', 'sharedStrings', 'sharedStrings.xml') : ''}</${rp}Relationships>`;
  const parts: ZipEntry[] = [
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
      ),
    },
    { name: '_rels/.rels', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_NS}"><Relationship Id="rId1" Type="${relNs}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: 'xl/workbook.xml', data: Buffer.from(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(rels) },
    ...o.sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: Buffer.from(s.xml) })),
  ];
  if (o.shared !== undefined) parts.push({ name: 'xl/sharedStrings.xml', data: Buffer.from(o.shared) });
  return zip(parts.filter((e) => !o.omit?.includes(e.name)));
}

/** A 附件2—2 form's rows: title, school line, the two-row header (rows 4–5; group names merged over 学时/学分). */
export const FORM_HEAD: Row[] = [
  { r: 1, cells: ['2025年度普洱市中小学幼儿园教师全员培训学时学分申报表(试行)'] },
  { r: 3, cells: ['学校(盖章):思茅区第一中学'] },
  { r: 4, cells: ['序号', '姓名', '性别', '身份证号码', '任教学段学科', '职称', '集中培训', null, '网络研修', null, '校本研修', null, '全年汇总', null, '备注'] },
  { r: 5, cells: [null, null, null, null, null, null, '学时', '学分', '学时', '学分', '学时', '学分', '总学时', '总学分'] },
];
/** The header's own merges: 序号…职称 and 备注 over rows 4–5, each group name over its two columns. */
export const FORM_HEAD_MERGES = ['A4:A5', 'B4:B5', 'C4:C5', 'D4:D5', 'E4:E5', 'F4:F5', 'G4:H4', 'I4:J4', 'K4:L4', 'M4:N4', 'O4:O5'];

export interface FormTeacher {
  name: string;
  id: string;
  /** 集中 学时 学分, 网络 学时 学分, 校本 学时 学分 (null: a cell left empty, as under a merge). */
  v: Array<number | null>;
  remarks?: string | null;
}

/** `n` teachers, each complete by 普洱's rules (the values make-bad-fixtures uses). */
export function formTeachers(n: number, seed = 18): FormTeacher[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => ({ name: `教师${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i}`, id: idNumber(r, i % 2 ? '女' : '男'), v: [30, 36, 30, 33, 24, 26.4] }));
}

export function formRows(teachers: FormTeacher[], first = 6): Row[] {
  return teachers.map((t, i) => ({ r: first + i, cells: [i + 1, t.name, i % 2 ? '女' : '男', t.id, '初中数学', '一级教师', ...t.v, null, null, t.remarks ?? null] }));
}
