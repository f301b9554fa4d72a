/**
 * Generates the bench's inputs into bench/.cache (gitignored), once: 附件2—2 returns of 10 000,
 * 100 000 and 1 000 000 teachers, a 1 000 000-record Hangzhou-style export, and a batch of county
 * returns. Written with a small streaming SpreadsheetML writer over yazl, because exceljs's
 * writers need minutes and gigabytes at this size (DESIGN.md, known traps).
 *
 * Realistic the way returns are: strings in the shared strings table (written after the sheet,
 * as exceljs does), some inline and some rich-text names, numbers stored as text, 全年汇总 as
 * formulas with cached results, merged group headers, a title and footer; about 15 % of teachers
 * incomplete and 1 % new teachers (exempt).
 */
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import yazl from 'yazl';
import { idCheckChar } from '../src/model/idcard.js';
import { person, pick, rng, type Person } from '../scripts/fixture-kit.js';

/** A valid 身份证号 unique to `i`: the birth day and the sequence number count through i. */
function uniqueId(region: string, i: number, gender: '男' | '女'): string {
  const day = new Date(Date.UTC(1968, 0, 1) + Math.floor(i / 500) * 86_400_000);
  const seq = (i % 500) * 2 + (gender === '男' ? 1 : 0);
  const first17 = `${region}${day.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export const CACHE = path.resolve(import.meta.dirname, '.cache');

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function col(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Shared strings, deduplicated, in first-use order. */
class SharedStrings {
  readonly index = new Map<string, number>();
  ref(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(s, i);
    }
    return i;
  }
}

type Cell =
  | { s: string } // shared string
  | { is: string } // inline string
  | { rich: string[] } // inline rich text, one run per part
  | { n: number }
  | { f: string; v: number }
  | null;

/** A one-sheet workbook streamed into a zip: rows go straight into the deflater. */
class StreamingWorkbook {
  private zip = new yazl.ZipFile();
  private sheet = new PassThrough();
  private sst = new SharedStrings();
  private buf: string[] = [];
  private bufLen = 0;
  private done: Promise<void>;

  constructor(
    file: string,
    private sheetName: string,
    private merges: string[] = [],
  ) {
    const tmp = `${file}.part`;
    const out = createWriteStream(tmp);
    this.zip.outputStream.pipe(out);
    this.done = new Promise((resolve, reject) => {
      out.on('close', () => {
        renameSync(tmp, file);
        resolve();
      });
      out.on('error', reject);
    });
    this.zip.addReadStream(this.sheet, 'xl/worksheets/sheet1.xml', { compressionLevel: 6 });
    this.write(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>',
    );
  }

  private write(s: string): void {
    this.buf.push(s);
    this.bufLen += s.length;
    if (this.bufLen > 1 << 16) this.flush();
  }

  private flush(): void {
    if (this.buf.length) this.sheet.write(this.buf.join(''));
    this.buf = [];
    this.bufLen = 0;
  }

  /** Write one row; resolves when the deflater has room again (back-pressure). */
  async row(r: number, cells: Cell[]): Promise<void> {
    let x = `<row r="${r}">`;
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      if (v === null || v === undefined) continue;
      const ref = `${col(c)}${r}`;
      if ('s' in v) x += `<c r="${ref}" t="s"><v>${this.sst.ref(v.s)}</v></c>`;
      else if ('is' in v) x += `<c r="${ref}" t="inlineStr"><is><t>${esc(v.is)}</t></is></c>`;
      else if ('rich' in v) x += `<c r="${ref}" t="inlineStr"><is>${v.rich.map((t, i) => `<r>${i ? '<rPr><color rgb="FFFF0000"/></rPr>' : '<rPr><b/></rPr>'}<t>${esc(t)}</t></r>`).join('')}</is></c>`;
      else if ('f' in v) x += `<c r="${ref}"><f>${esc(v.f)}</f><v>${v.v}</v></c>`;
      else x += `<c r="${ref}"><v>${v.n}</v></c>`;
    }
    this.write(x + '</row>');
    if (this.sheet.writableLength > 1 << 20) {
      this.flush();
      await new Promise((resolve) => this.sheet.once('drain', resolve));
    }
  }

  async end(): Promise<void> {
    this.write('</sheetData>');
    if (this.merges.length) this.write(`<mergeCells count="${this.merges.length}">${this.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`);
    this.write('</worksheet>');
    this.flush();
    this.sheet.end();
    const items = [...this.sst.index.keys()];
    const sst = new PassThrough();
    this.zip.addReadStream(sst, 'xl/sharedStrings.xml', { compressionLevel: 6 });
    const add = (name: string, text: string) => this.zip.addBuffer(Buffer.from(text), name);
    add('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets><sheet name="${esc(this.sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`);
    add('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`);
    add('xl/styles.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`);
    add('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`);
    add('_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
    this.zip.end();
    sst.write(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${items.length}" uniqueCount="${items.length}">`);
    for (let i = 0; i < items.length; i += 4096) {
      const part = items.slice(i, i + 4096).map((s) => (/^\s|\s$|\n/.test(s) ? `<si><t xml:space="preserve">${esc(s)}</t></si>` : `<si><t>${esc(s)}</t></si>`)).join('');
      if (!sst.write(part)) await new Promise((resolve) => sst.once('drain', resolve));
    }
    sst.end('</sst>');
    await this.done;
  }
}

const TITLE = '普洱市中小学幼儿园教师全员培训学时学分申报表(试行)';
const HEADER_TOP = ['序号', '姓名', '性别', '身份证号码', '任教学段学科', '职称', '集中培训', null, '网络研修', null, '校本研修', null, '全年汇总', null, '备注'];
const HEADER_SUB = [null, null, null, null, null, null, '学时', '学分', '学时', '学分', '学时', '学分', '总学时', '总学分', null];

/** Six values [集中 h, c, 网络 h, c, 校本 h, c]: complete, or (15 %) short somewhere. */
function values(r: () => number): number[] {
  const perf = pick(r, [0, 0.1, 0.2]);
  const round1 = (x: number) => Math.round(x * 10) / 10;
  const ch = pick(r, [24, 30, 36, 48]);
  const oh = pick(r, [24, 30, 40]);
  const sh = pick(r, [24, 32, 40, 48]);
  const v = [ch, round1(ch * pick(r, [1, 1.5, 2]) * (1 + perf)), oh, round1(oh * (1 + perf)), sh, round1(sh * (1 + perf))];
  if (r() < 0.15) {
    const i = Math.floor(r() * 6);
    v[i] = pick(r, [0, 12, 18, 20, 23.5]);
    if (i % 2 === 0 && v[i + 1]! > v[i]! * 1.2) v[i + 1] = v[i]!; // keep credits within the formula
  }
  return v;
}

/**
 * A 附件2—2 return of `teachers` rows (several schools' teachers, as a county sends them) for
 * `year`. With `rowSeed`, the rows' amounts and quirks come from it while the people (names, IDs)
 * come from `seed`: the same teachers' returns for several years of a cycle.
 */
export async function writePuerReturn(file: string, teachers: number, seed: number, school = '普洱市思茅区教育体育局汇总', idBase = 0, year = 2025, rowSeed?: number): Promise<void> {
  const pr = rng(seed);
  // Without rowSeed the rows draw from the people's generator, as the cached inputs were made.
  const r = rowSeed === undefined ? pr : rng(rowSeed);
  const merges = ['A4:A5', 'B4:B5', 'C4:C5', 'D4:D5', 'E4:E5', 'F4:F5', 'G4:H4', 'I4:J4', 'K4:L4', 'M4:N4', 'O4:O5'];
  const wb = new StreamingWorkbook(file, 'Sheet1', merges);
  await wb.row(1, [{ s: '附件2—2' }]);
  await wb.row(2, [{ s: `${year}年度${TITLE}` }]);
  await wb.row(3, [{ s: `学校(盖章):${school}` }, null, null, null, null, null, null, null, null, { s: '联系人及电话:李老师 0879-2123456' }]);
  await wb.row(4, HEADER_TOP.map((h) => (h ? { s: h } : null)));
  await wb.row(5, HEADER_SUB.map((h) => (h ? { s: h } : null)));
  let row = 6;
  const people: Person[] = [];
  for (let i = 0; i < 512; i++) people.push(person(pr));
  for (let i = 0; i < teachers; i++, row++) {
    // A pool of people keeps generation fast; each row still has its own valid ID.
    const p = people[i % people.length]!;
    const id = uniqueId(p.id.slice(0, 6), idBase + i, p.gender);
    const v = values(r);
    const kind = r();
    const name: Cell = kind < 0.02 ? { rich: [p.name.slice(0, 1), p.name.slice(1)] } : kind < 0.05 ? { is: p.name } : { s: p.name };
    const asText = r() < 0.1;
    const cells: Cell[] = [
      { n: i + 1 },
      name,
      { s: p.gender },
      r() < 0.3 ? { is: id } : { s: id },
      { s: p.subject },
      { s: p.title },
      ...v.map((x): Cell => (asText ? { s: String(x) } : { n: x })),
      { f: `G${row}+I${row}+K${row}`, v: Math.round((v[0]! + v[2]! + v[4]!) * 10) / 10 },
      { f: `H${row}+J${row}+L${row}`, v: Math.round((v[1]! + v[3]! + v[5]!) * 10) / 10 },
      r() < 0.01 ? { s: '新任教师' } : null,
    ];
    await wb.row(row, cells);
  }
  await wb.row(row + 1, [{ s: '审核单位(盖章):                          审核人:              日期:' }]);
  await wb.row(row + 2, [{ s: '说明:此表由学校汇总填写上报,学员年度学时学分的申报须按照《普洱市中小学教师全员培训管理办法(试行)》执行。' }]);
  await wb.end();
}

const PROJECTS = ['2025年浙江省中小学教师专业发展培训', '杭州市新课标解读网络研修', '校本研修：大单元教学设计', '信息技术应用能力提升工程2.0', '班主任工作能力提升培训', '心理健康教育专题培训'];
const CATEGORIES = ['集中培训', '网络培训', '校本培训', '其他形式'];
const STATES = ['审核通过', '审核通过', '审核通过', '待审核', '审核不通过'];
const HZ_SCHOOLS = ['杭州市文三街小学', '杭州市学军中学', '杭州高级中学', '杭州市胜利小学', '杭州市天长小学', '杭州第十四中学', '杭州市采荷中学'];

/** A Hangzhou platform export: one row per training record (姓名 … 审核状态). */
export async function writeHangzhouExport(file: string, records: number, seed: number): Promise<void> {
  const r = rng(seed);
  const wb = new StreamingWorkbook(file, '学分明细');
  await wb.row(1, ['姓名', '身份证号', '学校', '年度', '项目名称', '培训类别', '学分', '审核状态'].map((s) => ({ s })));
  const people: Person[] = [];
  for (let i = 0; i < 512; i++) people.push(person(r));
  for (let i = 0; i < records; i++) {
    const p = people[Math.floor(i / 6) % people.length]!;
    const id = uniqueId('330106', Math.floor(i / 6), p.gender);
    await wb.row(i + 2, [{ s: p.name }, { s: id }, { s: pick(r, HZ_SCHOOLS) }, { n: 2025 }, { s: pick(r, PROJECTS) }, { s: pick(r, CATEGORIES) }, r() < 0.2 ? { s: String(pick(r, [1, 2, 3, 4.5])) } : { n: pick(r, [1, 2, 3, 4.5, 6, 10]) }, { s: pick(r, STATES) }]);
  }
  await wb.end();
}

/**
 * The 1 000 000-row return as Excel saves it as CSV (UTF-8 with a BOM, CRLF, every row padded
 * with commas to the sheet's width, quotes where a text needs them), from the cached .xlsx by the
 * streaming reader: a province may send its return as CSV.
 */
export async function ensureCsv(xlsx: string, log: (s: string) => void): Promise<string> {
  const file = xlsx.replace(/\.xlsx$/, '.csv');
  if (existsSync(file)) return file;
  const t = performance.now();
  const { readXlsxStreaming } = await import('../src/read/xlsx-stream.js');
  const wb = await readXlsxStreaming(xlsx);
  let width = 0;
  const sheet = wb.sheets[0]!;
  const quote = (v: unknown) => (v === null || v === undefined ? '' : /[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  // Two passes: the width first, as Excel pads every row to the used range.
  for await (const r of sheet.rows()) width = Math.max(width, r.cells.length);
  const tmp = `${file}.tmp`;
  const out = createWriteStream(tmp);
  out.write('\ufeff');
  let last = 0;
  const line = async (cells: unknown[]) => {
    const padded = [...cells, ...Array(Math.max(0, width - cells.length)).fill(null)];
    if (!out.write(`${padded.map(quote).join(',')}\r\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  for await (const r of sheet.rows()) {
    for (; last + 1 < r.row; last++) await line([]);
    last = r.row;
    await line(r.cells);
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  wb.close?.();
  renameSync(tmp, file);
  log(`generated ${path.basename(file)} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return file;
}

export const CYCLE_YEARS = [2021, 2022, 2023, 2024, 2025];

export interface BenchInputs {
  puer: Array<{ rows: number; file: string }>;
  /** A folder of five years' returns of the same teachers (none when not asked for). */
  cycle: string | null;
  hangzhou: string;
  batch: string[];
}

/** Generate what is missing in the cache; returns the paths. */
export async function ensureInputs(log: (s: string) => void, sizes = [10_000, 100_000, 1_000_000], batchFiles = 300, batchRows = 1_000, cycleRows = 100_000): Promise<BenchInputs> {
  mkdirSync(CACHE, { recursive: true });
  const puer: BenchInputs['puer'] = [];
  for (const rows of sizes) {
    const file = path.join(CACHE, `2025年度附件2-2-${rows}.xlsx`);
    if (!existsSync(file)) {
      const t = performance.now();
      await writePuerReturn(file, rows, 1000 + rows);
      log(`generated ${path.basename(file)} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    puer.push({ rows, file });
  }
  const hangzhou = path.join(CACHE, '杭州-学分明细-1000000.xlsx');
  if (!existsSync(hangzhou)) {
    const t = performance.now();
    await writeHangzhouExport(hangzhou, 1_000_000, 42);
    log(`generated ${path.basename(hangzhou)} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  // A cycle: the same 100 000 teachers' returns for each of five years, amounts drawn anew each year.
  const cycle = path.join(CACHE, 'cycle-2021-2025x100000');
  if (cycleRows) {
    mkdirSync(cycle, { recursive: true });
    for (const year of CYCLE_YEARS) {
      const file = path.join(cycle, `${year}年度附件2-2.xlsx`);
      if (existsSync(file)) continue;
      const t = performance.now();
      await writePuerReturn(file, cycleRows, 5000, '普洱市思茅区教育体育局汇总', 0, year, 5000 + year);
      log(`generated cycle ${year} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  }
  // v2: IDs unique across the batch (a county's teachers are in one return each).
  const dir = path.join(CACHE, `batch-v2-${batchFiles}x${batchRows}`);
  mkdirSync(dir, { recursive: true });
  const batch: string[] = [];
  const t = performance.now();
  let made = 0;
  for (let i = 0; i < batchFiles; i++) {
    const file = path.join(dir, `2025年度县区-${String(i + 1).padStart(3, '0')}.xlsx`);
    if (!existsSync(file)) {
      await writePuerReturn(file, batchRows, 7000 + i, `县区学校${i + 1}`, (i + 1) * batchRows * 4);
      made++;
    }
    batch.push(file);
  }
  if (made) log(`generated ${made} county returns in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { puer, hangzhou, batch, cycle: cycleRows ? cycle : null };
}
