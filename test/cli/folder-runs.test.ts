import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { scanInputs } from '../../src/cli/inputs.js';
import { run, type Io } from '../../src/cli/main.js';
import { ownOutputOf } from '../../src/model/marker.js';
import { scratchDir } from '../helpers/scratch.js';

/** Issue 21 item 1: folder runs never lose or double a school. */
const FIX = path.resolve(import.meta.dirname, '..', '..', 'fixtures');
const RETURN_A = path.join(FIX, 'puer', '2025年度思茅区第一中学.xlsx'); // 14 teachers
const RETURN_B = path.join(FIX, 'formats', '2025年度墨江县第二小学-数据问题.xls'); // 8 teachers, legacy .xls

function memoryIo(cwd: string): Io & { out: string; err: string } {
  const io = { out: '', err: '', isTTY: false, env: {}, cwd } as Io & { out: string; err: string };
  io.stdout = (s: string) => void (io.out += s);
  io.stderr = (s: string) => void (io.err += s);
  return io;
}

async function check(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(cwd);
  const code = await run(['check', ...args], io);
  return { code, out: io.out, err: io.err };
}

async function checkJson(cwd: string, ...args: string[]) {
  const r = await check(cwd, ...args, '--format', 'json');
  return { ...r, json: JSON.parse(r.out) as { summary: { teachers: number }; inputs: Array<{ file: string }>; skippedFiles: Array<{ file: string; reason: string; message: string }> } };
}

/** A folder as a district gets it: two returns and what else schools send. */
function districtFolder(): string {
  const dir = scratchDir();
  copyFileSync(RETURN_A, path.join(dir, path.basename(RETURN_A)));
  copyFileSync(RETURN_B, path.join(dir, path.basename(RETURN_B)));
  const put = (name: string, bytes: string | Buffer) => writeFileSync(path.join(dir, name), bytes);
  put('宁洱县第一小学-扫描件.pdf', '%PDF-1.4\n');
  put('说明.docx', 'PK\u0003\u0004');
  put('照片.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
  put('江城县.rar', 'Rar!\u001a\u0007');
  put('镇沅县.zip', 'PK\u0003\u0004');
  put('西盟县.7z', Buffer.from([0x37, 0x7a, 0xbc, 0xaf]));
  put('~$2025年度思茅区第一中学.xlsx', 'lock');
  put('.DS_Store', 'x');
  put('名单.txt', '张丽');
  return dir;
}

const EXPECTED_SKIPS: Array<[string, string]> = [
  ['.DS_Store', 'hidden'],
  ['~$2025年度思茅区第一中学.xlsx', 'lock-file'],
  ['名单.txt', 'other'],
  ['宁洱县第一小学-扫描件.pdf', 'pdf'],
  ['江城县.rar', 'archive'],
  ['照片.jpg', 'image'],
  ['说明.docx', 'word'],
  ['西盟县.7z', 'archive'],
  ['镇沅县.zip', 'archive'],
];

describe('a folder is scanned for every file', () => {
  it('each file that is not a return is listed with its reason in JSON, and the returns are audited', async () => {
    const dir = districtFolder();
    const { code, json } = await checkJson(dir, '.', '--no-out');
    expect(code).toBe(1);
    expect(json.inputs.map((i) => i.file).sort()).toEqual([path.basename(RETURN_A), path.basename(RETURN_B)].sort());
    expect(json.summary.teachers).toBe(22);
    expect(json.skippedFiles.map((f) => [f.file, f.reason]).sort()).toEqual([...EXPECTED_SKIPS].sort());
    expect(json.skippedFiles.find((f) => f.reason === 'pdf')!.message).toContain('PDF');
  });

  it('the console, JUnit, GitHub output and 汇总 list them too', async () => {
    const dir = districtFolder();
    const table = await check(dir, '.', '--out', 'r.xlsx');
    expect(table.out).toContain('宁洱县第一小学-扫描件.pdf：已跳过 — PDF 文件');
    expect(table.out).toContain('江城县.rar：已跳过 — 压缩包');
    const junit = await check(dir, '.', '--no-out', '--format', 'junit');
    expect(junit.out).toMatch(/<testcase classname="\(skipped files\)" name="宁洱县第一小学-扫描件.pdf">\s*<skipped message="PDF 文件/);
    expect(junit.out).toContain(`skipped="${EXPECTED_SKIPS.length + 1}"`); // and r.xlsx, the report just written
    const github = await check(dir, '.', '--no-out', '--format', 'github', '--lang', 'en');
    expect(github.out).toMatch(/^::warning file=宁洱县第一小学-扫描件.pdf,title=credit-audit::a PDF, not a return/m);
    expect(github.out).toMatch(/^::notice file=r.xlsx,title=credit-audit::a report written by credit-audit/m);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'r.xlsx'));
    const rows: string[] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).map((v) => String(v ?? '')).join('|')));
    for (const [file] of EXPECTED_SKIPS) expect(rows.some((r) => r.startsWith(`|${file}|`) && r.includes('跳过的文件：')), file).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('a named pipe and a broken link are listed as no regular file, not opened (a pipe waited for a writer: the run hung)', async () => {
    const dir = scratchDir();
    copyFileSync(RETURN_A, path.join(dir, 'a.xlsx'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.xlsx')]);
    symlinkSync('nowhere.xlsx', path.join(dir, 'broken.xlsx'));
    symlinkSync('a.xlsx', path.join(dir, 'link.xlsx'));
    const { json } = await checkJson(dir, '.', '--no-out');
    expect(json.skippedFiles.map((f) => [f.file, f.reason])).toEqual([
      ['broken.xlsx', 'special'],
      ['pipe.xlsx', 'special'],
    ]);
    // A link to a file is read as the file.
    expect(json.inputs.map((i) => i.file)).toEqual(['a.xlsx', 'link.xlsx']);
  });

  it('a file named directly is audited whatever it is (a PDF named so is an input error, exit 2)', async () => {
    const dir = districtFolder();
    const r = await check(dir, '宁洱县第一小学-扫描件.pdf', path.basename(RETURN_A), '--no-out');
    expect(r.code).toBe(2);
    expect(r.out).toContain('宁洱县第一小学-扫描件.pdf：这是PDF 文件');
  });
});

describe('our own reports and annotated copies are skipped, saying so', () => {
  it('a second `check .` in the same folder works, skips its earlier report and overwrites it', async () => {
    const dir = districtFolder();
    const first = await checkJson(dir, '.');
    const report = path.join(dir, 'credit-audit-report.xlsx');
    const firstBytes = readFileSync(report);
    const second = await checkJson(dir, '.');
    expect(second.code).toBe(first.code);
    // Not counted twice: the report's 教师 sheet is not read as a return.
    expect(second.json.summary.teachers).toBe(first.json.summary.teachers);
    expect(second.json.skippedFiles).toContainEqual(expect.objectContaining({ file: 'credit-audit-report.xlsx', reason: 'own-report' }));
    expect(second.err).toContain('报告已写入 credit-audit-report.xlsx');
    expect(readFileSync(report).equals(firstBytes)).toBe(false);
    const core = strFromU8(unzipSync(new Uint8Array(readFileSync(report)))['docProps/core.xml']!);
    expect(core).toContain('<cp:keywords>credit-audit:report</cp:keywords>');
  });

  it('with an earlier report in the folder, `--out other.xlsx` does not audit it as a return', async () => {
    const dir = districtFolder();
    await check(dir, '.');
    const { json } = await checkJson(dir, '.', '--out', 'other.xlsx', '--year', '2025');
    expect(json.summary.teachers).toBe(22);
    expect(json.inputs.map((i) => i.file)).not.toContain('credit-audit-report.xlsx');
  });

  it('an annotated copy is skipped while unchanged, and audited as a return once a school saved it again', async () => {
    const dir = districtFolder();
    await check(dir, '.', '--no-out', '--annotate', '批注');
    const copy = path.join('批注', '2025年度思茅区第一中学.annotated.xlsx');
    const before = await checkJson(dir, '.', '--no-out');
    expect(before.json.skippedFiles).toContainEqual(expect.objectContaining({ file: copy, reason: 'annotated-copy' }));
    expect(before.json.summary.teachers).toBe(22);
    // A school corrects the copy and saves it: Excel keeps the keywords and sets dcterms:modified to the save.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, copy));
    wb.modified = new Date(Date.now() + 60_000);
    await wb.xlsx.writeFile(path.join(dir, copy));
    const after = await checkJson(dir, '.', '--no-out');
    expect(after.json.inputs.map((i) => i.file)).toContain(copy);
    expect(after.json.skippedFiles.map((f) => f.file)).not.toContain(copy);
  });

  it('--annotate says which inputs get no copy because they are not .xlsx, without changing the exit code', async () => {
    const dir = districtFolder();
    const r = await check(dir, '.', '--no-out', '--annotate', '批注');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${path.basename(RETURN_B)} 没有批注副本：批注副本只为 .xlsx 文件制作`);
    expect(r.err).toContain('报告已写入 批注/2025年度思茅区第一中学.annotated.xlsx');
  });

  it('ownOutputOf: marked report, report from before the mark, unchanged and saved-again copy, a school\'s workbook', () => {
    const core = (inner: string) => `<cp:coreProperties xmlns:cp="x" xmlns:dc="y" xmlns:dcterms="z">${inner}</cp:coreProperties>`;
    expect(ownOutputOf(core('<dc:creator>credit-audit</dc:creator><cp:keywords>credit-audit:report</cp:keywords>'))).toBe('own-report');
    expect(ownOutputOf(core('<dc:creator>credit-audit</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2025-01-01T00:00:00Z</dcterms:created>'))).toBe('own-report');
    const copy = '<cp:keywords>credit-audit:annotated-copy 2026-01-02T03:04:05Z</cp:keywords>';
    expect(ownOutputOf(core(`<dc:creator>WPS 表格</dc:creator>${copy}<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-02T03:04:05Z</dcterms:modified>`))).toBe('annotated-copy');
    expect(ownOutputOf(core(`<dc:creator>WPS 表格</dc:creator>${copy}<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-02T03:04:06Z</dcterms:modified>`))).toBeNull();
    expect(ownOutputOf(core('<dc:creator>WPS 表格</dc:creator><cp:keywords></cp:keywords>'))).toBeNull();
    // A school's keywords that merely mention the tool are not the mark.
    expect(ownOutputOf(core('<dc:creator>credit-audit</dc:creator><cp:keywords>credit-audit:reported</cp:keywords>'))).toBeNull();
  });
});

describe('patterns the shell did not expand', () => {
  it('returns/*.xlsx is expanded by the tool (Windows cmd passes it as typed)', async () => {
    const dir = scratchDir();
    mkdirSync(path.join(dir, 'returns'));
    copyFileSync(RETURN_A, path.join(dir, 'returns', 'a.xlsx'));
    copyFileSync(RETURN_A, path.join(dir, 'returns', 'b.xlsx'));
    writeFileSync(path.join(dir, 'returns', 'c.pdf'), '%PDF-1.4');
    const { code, json } = await checkJson(dir, 'returns/*.xlsx', '--no-out', '--year', '2025');
    expect(code).not.toBe(2);
    expect(json.inputs.map((i) => i.file)).toEqual([path.join('returns', 'a.xlsx'), path.join('returns', 'b.xlsx')]);
    // A Windows user's backslashes.
    expect((await scanInputs(['returns\\*.xlsx'], dir, 'win32')).files).toHaveLength(2);
  });

  it('a pattern that matches nothing is refused before any work (exit 2, no report)', async () => {
    const dir = scratchDir();
    const r = await check(dir, 'returns/*.xlsx');
    expect(r.code).toBe(2);
    expect(r.err).toContain('没有与 returns/*.xlsx 匹配的文件');
  });

  it('a file whose name looks like a pattern is taken by its name', async () => {
    const dir = scratchDir();
    copyFileSync(RETURN_A, path.join(dir, '2025年度思茅区第一中学[修订].xlsx'));
    const { json } = await checkJson(dir, '2025年度思茅区第一中学[修订].xlsx', '--no-out');
    expect(json.inputs.map((i) => i.file)).toEqual(['2025年度思茅区第一中学[修订].xlsx']);
  });
});

describe('a run that read no teacher', () => {
  it('`check nosuch.xlsx` writes no report, leaves the earlier one as it was, and exits 2', async () => {
    const dir = districtFolder();
    await check(dir, '.');
    const report = path.join(dir, 'credit-audit-report.xlsx');
    const before = readFileSync(report);
    const r = await check(dir, 'nosuch.xlsx');
    expect(r.code).toBe(2);
    expect(r.err).toContain('没有读到任何教师，所以没有写报告，原有的 credit-audit-report.xlsx 保持不变');
    expect(readFileSync(report).equals(before)).toBe(true);
  });

  it('a folder holding only our report and non-returns: each is said, then exit 2', async () => {
    const dir = scratchDir();
    copyFileSync(RETURN_A, path.join(dir, 'a.xlsx'));
    await check(dir, 'a.xlsx', '--out', 'report.xlsx');
    const sub = scratchDir();
    copyFileSync(path.join(dir, 'report.xlsx'), path.join(sub, 'report.xlsx'));
    writeFileSync(path.join(sub, 'x.pdf'), '%PDF-1.4');
    const r = await check(sub, '.');
    expect(r.code).toBe(2);
    expect(r.err).toContain('report.xlsx：已跳过 — credit-audit 写的核查报告');
    expect(r.err).toContain('x.pdf：已跳过 — PDF 文件');
    expect(r.err).toContain('没有找到要审核的文件');
  });
});
