/**
 * Generates fixtures/bad/ (one file per bad-input case of issue 4, with `expected.json`: the exit
 * code, the message id and what the message must name) and fixtures/identity/ (returns of two
 * schools over two years with identity and value errors planted, with `expected.json`: every
 * finding of the identity and value checks, by file, row and message id).
 * Re-runnable: `npm run fixtures:bad` (seeded, so the same teachers each run).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import CFB from 'cfb';
import ExcelJS from 'exceljs';
import { idCheckChar } from '../src/model/idcard.js';
import { person, rng, type Person } from './fixture-kit.js';
import { fillForm, type Form, type FormLine, type FormRow } from './form-sheet.js';
import { overlappingBomb, WORKBOOK_PARTS, zip } from './zip-kit.js';

const ROOT = path.resolve(import.meta.dirname, '..', 'fixtures');
const BAD = path.join(ROOT, 'bad');
const IDENTITY = path.join(ROOT, 'identity');

const r = rng(20250402);
const complete = (): FormRow['v'] => [30, 36, 30, 33, 24, 26.4];
const teacherRow = (p: Person, extra: Partial<FormRow> = {}): FormRow => ({ p, v: complete(), ...extra });

/** exceljs stamps the time into docProps; a fixed time keeps regenerated files comparable. */
function workbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'WPS 表格';
  wb.created = new Date('2026-03-02T08:00:00Z');
  wb.modified = new Date('2026-03-02T08:00:00Z');
  return wb;
}

async function formWorkbook(sheets: Array<{ name: string; form?: Form; text?: Array<Array<string | number>>; state?: 'visible' | 'hidden' }>): Promise<Buffer> {
  const wb = workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.state ?? 'visible' });
    if (s.form) fillForm(ws, s.form);
    s.text?.forEach((line, i) => line.forEach((v, j) => v !== '' && (ws.getCell(i + 1, j + 1).value = v)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function simpleForm(school: string, n: number, extra: Partial<Form> = {}): Form {
  return { year: 2025, school, lines: Array.from({ length: n }, () => teacherRow(person(r))), ...extra };
}

/** An OLE compound file holding the named streams (MS-CFB), as Office writes .xls and encrypted files. */
function ole(streams: Record<string, Buffer>): Buffer {
  const c = CFB.utils.cfb_new();
  for (const [name, data] of Object.entries(streams)) CFB.utils.cfb_add(c, `/${name}`, data);
  return Buffer.from(CFB.write(c, { type: 'buffer' }) as Uint8Array);
}

interface BadCase {
  file: string;
  bytes: Buffer;
  /** What `credit-audit check <file>` must do. */
  exit: 0 | 1 | 2;
  messageId?: string;
  /** Text the output must hold (besides the file name), in zh. */
  mentions: string[];
}

async function badCases(): Promise<BadCase[]> {
  const form = await formWorkbook([{ name: 'Sheet1', form: simpleForm('思茅区南屏镇中心小学', 3) }]);
  const sheetXml = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>');
  // A BIFF8 workbook stream: BOF (0x0809, BIFF8, workbook globals) then EOF (0x000A).
  const biff = Buffer.from([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, 0x54, 0x38, 0xcd, 0x07, 0xc1, 0x80, 0x00, 0x00, 0x06, 0x03, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x00]);
  const agile = Buffer.concat([
    Buffer.from([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00]),
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>',
    ),
  ]);
  const longText = '培训'.repeat(25_000); // 50 000 characters
  const injection = '=HYPERLINK("http://example.com/x","点击查看")';
  return [
    { file: '空文件.xlsx', bytes: Buffer.alloc(0), exit: 2, messageId: 'input.empty', mentions: ['0 字节'] },
    { file: '扫描件.xlsx', bytes: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'), exit: 2, messageId: 'input.otherDocument', mentions: ['PDF'] },
    {
      file: 'Word文档改名.xlsx',
      bytes: zip([
        { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
        { name: 'word/document.xml', data: Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>2025年度培训总结</w:t></w:r></w:p></w:body></w:document>') },
      ]),
      exit: 2,
      messageId: 'input.otherDocument',
      mentions: ['Word'],
    },
    { file: '乱码.xlsx', bytes: Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256)), exit: 2, messageId: 'input.notSpreadsheet', mentions: ['不是 Excel 工作簿'] },
    { file: '传输中断.xlsx', bytes: form.subarray(0, Math.floor(form.length * 0.6)), exit: 2, messageId: 'input.corruptXlsx', mentions: ['已损坏'] },
    {
      file: '压缩数据损坏.xlsx',
      bytes: zip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: sheetXml, raw: Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 131 + 7) % 256)) }]),
      exit: 2,
      messageId: 'input.corruptXlsx',
      mentions: ['已损坏'],
    },
    { file: '加密.xlsx', bytes: ole({ EncryptionInfo: agile, EncryptedPackage: Buffer.alloc(4096, 0x5a) }), exit: 2, messageId: 'input.encrypted', mentions: ['密码'] },
    // A real BIFF8 stream with no sheet: legacy .xls is read (SheetJS, issue 21) and this one holds no rows.
    { file: '旧版格式.xls', bytes: ole({ Workbook: biff }), exit: 2, messageId: 'input.noRows', mentions: ['没有任何数据行'] },
    // The same named .xlsx: read by its bytes, not its name.
    { file: '旧版改名.xlsx', bytes: ole({ Workbook: biff }), exit: 2, messageId: 'input.noRows', mentions: ['没有任何数据行'] },
    {
      file: '平台导出.xls',
      bytes: Buffer.from('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"></head><body><table><tr><td>姓名</td><td>学时</td></tr><tr><td>张丽</td><td>24</td></tr></table></body></html>'),
      exit: 2,
      messageId: 'input.otherSpreadsheet',
      mentions: ['HTML', '另存为'],
    },
    {
      file: '工资表.xlsx',
      bytes: await formWorkbook([{ name: '工资', text: [['2025年3月教职工工资表'], ['姓名', '部门', '岗位', '基本工资', '绩效工资', '合计'], ['张丽', '教务处', '教师', 4200, 1800, 6000]] }]),
      exit: 2,
      messageId: 'input.unknownShape',
      mentions: ['基本工资', '附件2—2 申报表（puer-form）', '身份证号码'],
    },
    {
      file: '2025年度多个工作表.xlsx',
      bytes: await formWorkbook([
        { name: '填表说明', text: [['填表说明'], ['1. 每位教师一行，学时学分保留一位小数。'], ['2. 新任教师请在备注中注明。']] },
        { name: '申报表', form: simpleForm('宁洱县宁洱镇中心完小', 4) },
        { name: '统计', text: [['项目', '人数'], ['专任教师', 4]] },
        { name: 'Sheet3' },
      ]),
      exit: 0,
      mentions: ['[填表说明]：已跳过 — 不是申报表', '[统计]：已跳过 — 不是申报表', '[Sheet3]：已跳过 — 空工作表', '教师 4'],
    },
    {
      file: '2025年度隐藏工作表.xlsx',
      bytes: await formWorkbook([
        { name: '申报表', form: simpleForm('墨江县联珠镇中心小学', 3) },
        { name: '2024年度（旧）', form: simpleForm('墨江县联珠镇中心小学', 3, { year: 2024 }), state: 'hidden' },
      ]),
      exit: 0,
      mentions: ['[2024年度（旧）]：已跳过 — 隐藏的工作表中有申报表', '教师 3'],
    },
    {
      file: '2025年度仅隐藏工作表.xlsx',
      bytes: await formWorkbook([
        { name: '说明', text: [['本表由学校教务处填写']] },
        { name: '申报表', form: simpleForm('景东县锦屏镇中心小学', 3), state: 'hidden' },
      ]),
      exit: 2,
      messageId: 'input.onlyHiddenForm',
      mentions: ['申报表', '取消隐藏'],
    },
    // 200 directory records over one 8 MiB run: 1.6 GiB declared in a few KB.
    { file: '压缩炸弹.xlsx', bytes: overlappingBomb(8 * 1024 * 1024, 200), exit: 2, messageId: 'input.zipBomb', mentions: ['压缩炸弹', '1024'] },
    // A sheet that declares 1 KB and inflates to 16 MiB.
    {
      file: '压缩炸弹-虚报大小.xlsx',
      bytes: zip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(16 * 1024 * 1024, 0x20), declaredSize: 1024 }]),
      exit: 2,
      messageId: 'input.zipLies',
      mentions: ['xl/worksheets/sheet1.xml', '压缩炸弹'],
    },
    {
      file: '2025年度特殊表头.xlsx',
      bytes: await formWorkbook([{ name: 'Sheet1', form: simpleForm('孟连县娜允镇中心小学', 3, { extraHeaders: ['__proto__', 'constructor', 'toString'] }) }]),
      exit: 0,
      mentions: ['教师 3'],
    },
    {
      file: '2025年度超长单元格.xlsx',
      bytes: await formWorkbook([
        {
          name: 'Sheet1',
          form: {
            year: 2025,
            school: '澜沧县勐朗镇中心小学',
            extraHeaders: [longText],
            lines: [teacherRow(person(r), { remarks: longText }), teacherRow(person(r), { v: [30, 36, longText, 33, 24, 26.4] }), teacherRow(person(r))],
          },
        },
      ]),
      exit: 1,
      mentions: ['教师 3 人：已完成 2，未完成 1'],
    },
    {
      file: '2025年度公式注入.xlsx',
      bytes: await formWorkbook([
        {
          name: 'Sheet1',
          form: {
            year: 2025,
            school: '西盟县勐梭镇中心小学',
            lines: [teacherRow(person(r), { name: injection }), teacherRow(person(r), { remarks: "+cmd|' /C calc'!A0" }), teacherRow(person(r), { remarks: '@SUM(1+1)' })],
          },
        },
      ]),
      exit: 0,
      mentions: ['教师 3'],
    },
    { file: '申报表-无年度.xlsx', bytes: readFileSync(path.join(BAD, '申报表-无年度.xlsx')), exit: 2, messageId: 'input.noYear', mentions: ['--year'] },
  ];
}

// ---- identity and value errors across two schools and two years ----

/** A valid 身份证号 with a chosen birth date (GB 11643: check character computed). */
function idBorn(region: string, birth: string, seq: number): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

function withGender(p: Person, gender: '男' | '女'): Person {
  for (;;) {
    const q = person(r);
    if (q.gender === gender) return { ...q, name: p.name };
  }
}

interface Planted {
  file: string;
  row: number;
  check: string;
  messageId: string;
}

function identityCases(): Array<{ file: string; form: Form; planted: Array<Array<[string, string]>> }> {
  const A = '2025年度思茅区倚象镇中心小学.xlsx';
  const B = '2025年度思茅区第三中学.xlsx';
  const C = '2024年度思茅区第三中学.xlsx';
  const ok = () => teacherRow(person(r));
  const stay = person(r); // in A twice (a repeated row), and in C a year earlier
  const moved = person(r); // in A and in B in 2025: a teacher who moved
  const conflict = person(r); // one 身份证号, two names
  const withX = (() => {
    for (;;) {
      const p = person(r);
      if (p.id.endsWith('X')) return p;
    }
  })();
  const wrongCheck = person(r);
  const lastDigit = wrongCheck.id.at(-1)!;
  const fullWidth = person(r);
  const asNumber = person(r);
  const male = withGender(person(r), '男');
  const noName = person(r);
  const noId = person(r);
  const negative = person(r);
  const tooMany = person(r);
  const old15 = person(r);
  const badDate = person(r);
  const future = person(r);
  const none = person(r);
  // Each line of A with the findings planted on it: [check, messageId].
  const a: Array<[FormLine, Array<[string, string]>]> = [
    [teacherRow(stay), [['duplicate-in-school', 'duplicateInSchool']]],
    [teacherRow(wrongCheck, { id: wrongCheck.id.slice(0, 17) + (lastDigit === '0' ? '1' : lastDigit === 'X' ? '0' : 'X') }), [['id-number-invalid', 'idCheckChar']]],
    [teacherRow(badDate, { id: idBorn('530802', '19870230', 124), gender: '女' }), [['id-number-invalid', 'idBirthDate']]],
    [teacherRow(future, { id: idBorn('530802', '20300105', 126), gender: '女' }), [['id-number-invalid', 'idBirthDate']]],
    [teacherRow(old15, { id: old15.id.slice(0, 6) + old15.id.slice(8, 17) }), [['id-number-invalid', 'idOld15']]],
    [teacherRow(asNumber, { id: Number(asNumber.id.slice(0, 17) + '0') }), [['id-number-invalid', 'idStoredAsNumber']]],
    [teacherRow(withX, { id: withX.id.replace('X', 'x') }), []],
    [teacherRow(fullWidth, { id: fullWidth.id.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))) }), []],
    [teacherRow(male, { gender: '女' }), [['id-gender-mismatch', 'genderMismatch']]],
    [teacherRow(noName, { name: null }), [['teacher-identity-missing', 'nameMissing']]],
    [teacherRow(noId, { id: null }), [['teacher-identity-missing', 'idMissing']]],
    [teacherRow(none, { name: null, id: null, gender: null }), [['teacher-identity-missing', 'nameMissing'], ['teacher-identity-missing', 'idMissing']]],
    [teacherRow(negative, { v: [30, 36, -24, 33, 24, 26.4] }), [['value-impossible', 'negativeValue']]],
    [teacherRow(tooMany, { v: [30, 36, 30, 33, 9000, 26.4] }), [['value-impossible', 'yearHoursImpossible']]],
    [{ blank: true }, []],
    [teacherRow(stay), [['duplicate-in-school', 'duplicateInSchool']]],
    [teacherRow(moved), [['duplicate-across-schools', 'duplicateAcrossSchools']]],
    [teacherRow(conflict), [['duplicate-across-schools', 'duplicateAcrossSchools'], ['id-name-conflict', 'idNameConflict']]],
    [ok(), []],
  ];
  const renamed = { ...conflict, name: conflict.name.slice(0, 1) + (conflict.name.at(-1) === '华' ? '桦' : '华') };
  const b: Array<[FormLine, Array<[string, string]>]> = [
    [ok(), []],
    [teacherRow(moved), [['duplicate-across-schools', 'duplicateAcrossSchools']]],
    [teacherRow(renamed), [['duplicate-across-schools', 'duplicateAcrossSchools'], ['id-name-conflict', 'idNameConflict']]],
    [ok(), []],
  ];
  // A year earlier: the same teachers in another school are no duplicate (another year), but a
  // 身份证号 under another name conflicts in any year.
  const c: Array<[FormLine, Array<[string, string]>]> = [
    [teacherRow(stay), []],
    [teacherRow(moved), []],
    [teacherRow(renamed), [['id-name-conflict', 'idNameConflict']]],
    [ok(), []],
  ];
  return [
    { file: A, form: { year: 2025, school: '思茅区倚象镇中心小学', lines: a.map((x) => x[0]) }, planted: a.map((x) => x[1]) },
    { file: B, form: { year: 2025, school: '思茅区第三中学', lines: b.map((x) => x[0]) }, planted: b.map((x) => x[1]) },
    { file: C, form: { year: 2024, school: '思茅区第三中学', lines: c.map((x) => x[0]) }, planted: c.map((x) => x[1]) },
  ];
}

async function main() {
  mkdirSync(BAD, { recursive: true });
  const cases = await badCases();
  for (const c of cases) writeFileSync(path.join(BAD, c.file), c.bytes);
  const expected = Object.fromEntries(cases.map(({ file, exit, messageId, mentions }) => [file, { exit, ...(messageId ? { messageId } : {}), mentions }]));
  writeFileSync(path.join(BAD, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');

  rmSync(IDENTITY, { recursive: true, force: true });
  mkdirSync(IDENTITY, { recursive: true });
  const planted: Planted[] = [];
  for (const c of identityCases()) {
    const wb = workbook();
    const rows = fillForm(wb.addWorksheet('Sheet1'), c.form);
    await wb.xlsx.writeFile(path.join(IDENTITY, c.file));
    c.planted.forEach((list, i) => list.forEach(([check, messageId]) => planted.push({ file: c.file, row: rows[i]!, check, messageId })));
  }
  writeFileSync(path.join(IDENTITY, 'expected.json'), JSON.stringify({ findings: planted }, null, 2) + '\n');
  console.log(`bad-input fixtures written to ${path.relative(process.cwd(), BAD)}, identity fixtures to ${path.relative(process.cwd(), IDENTITY)}`);
}

await main();
