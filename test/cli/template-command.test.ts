import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { chineseName, idNumber, person, rng, type Person } from '../../scripts/fixture-kit.js';
import { run } from '../../src/cli/main.js';
import { PUER_FORM_FOOTERS, PUER_FORM_TITLE, RECORD_COLUMNS } from '../../src/report/template.js';
import { memoryIo } from '../helpers/cli.js';
import { scratchDir } from '../helpers/scratch.js';
import { TABLE1 } from '../../scripts/hongkou-table1.js';


async function template(dir: string, ...args: string[]) {
  const io = memoryIo(dir);
  const code = await run(['template', ...args], io);
  return { code, out: io.out, err: io.err };
}

async function readSheet(file: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets[0]!;
}

const FORM_ARGS = ['puer-2-2', '--year', '2025', '--school', '思茅区第一中学', '--out', '申报表.xlsx'];

describe('credit-audit template puer-2-2', () => {
  it('writes the official 附件2—2: title with the year, the school line, the merged two-row header, 50 numbered rows, the footer and 说明', async () => {
    const dir = scratchDir();
    const r = await template(dir, ...FORM_ARGS);
    expect(r.code).toBe(0);
    expect(r.err).toContain('申报表.xlsx');
    const ws = await readSheet(path.join(dir, '申报表.xlsx'));
    expect(ws.getCell('A1').value).toBe('附件2—2');
    expect(ws.getCell('A2').value).toBe(`2025年度${PUER_FORM_TITLE}`);
    expect(ws.getCell('A3').value).toBe('学校(盖章):思茅区第一中学');
    expect(ws.getCell('J3').value).toBe('联系人及电话:');
    const row4 = [...Array(15)].map((_, i) => ws.getCell(4, i + 1));
    const row5 = [...Array(15)].map((_, i) => ws.getCell(5, i + 1));
    // Masters hold the text; the merged cells repeat it when read back.
    expect(row4.filter((c) => c.isMerged === false || c.master === c).map((c) => c.value)).toEqual([
      '序号', '姓名', '性别', '身份证号码', '任教学段学科', '职称', '集中培训', '网络研修', '校本研修', '全年汇总', '备注',
    ]);
    expect(row5.slice(6, 14).map((c) => c.value)).toEqual(['学时', '学分', '学时', '学分', '学时', '学分', '总学时', '总学分']);
    // Groups over two columns, the others down both header rows.
    for (const [cell, master] of [['H4', 'G4'], ['J4', 'I4'], ['L4', 'K4'], ['N4', 'M4'], ['A5', 'A4'], ['D5', 'D4'], ['O5', 'O4']]) {
      expect(ws.getCell(cell!).master.address).toBe(master);
    }
    expect(ws.getCell('G5').master.address).toBe('G5');
    expect(ws.getCell('A6').value).toBe(1);
    expect(ws.getCell('A55').value).toBe(50);
    expect(ws.getCell('A56').value).toBe(PUER_FORM_FOOTERS[0]);
    expect(ws.getCell('A57').value).toBe(PUER_FORM_FOOTERS[1]);
    expect(PUER_FORM_FOOTERS[1]).toBe('说明:此表由学校汇总填写上报,学员年度学时学分的申报须按照《普洱市中小学教师全员培训管理办法(试行)》执行。');
    expect(ws.rowCount).toBe(57);
  });

  it('prints on A4 landscape with the two header rows repeated, and 全年汇总 is a formula over the three modes', async () => {
    const dir = scratchDir();
    expect((await template(dir, ...FORM_ARGS)).code).toBe(0);
    const ws = await readSheet(path.join(dir, '申报表.xlsx'));
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.printTitlesRow).toBe('4:5');
    expect(ws.pageSetup.fitToWidth).toBe(1);
    const f = (a: string) => (ws.getCell(a).value as ExcelJS.CellFormulaValue).formula;
    expect(f('M6')).toBe('SUM(G6,I6,K6)');
    expect(f('N55')).toBe('SUM(H55,J55,L55)');
    // 身份证号 is text, so Excel keeps all 18 digits.
    expect(ws.getCell('D6').numFmt).toBe('@');
  });

  it('validates every number cell of every teacher row as a decimal ≥ 0, and no cell outside them', async () => {
    const dir = scratchDir();
    expect((await template(dir, ...FORM_ARGS)).code).toBe(0);
    const ws = await readSheet(path.join(dir, '申报表.xlsx'));
    for (const a of ['G6', 'L6', 'M6', 'N6', 'G55', 'N55']) {
      expect(ws.getCell(a).dataValidation).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], showErrorMessage: true });
    }
    for (const a of ['F6', 'O6', 'G5', 'G56']) expect(ws.getCell(a).dataValidation).toBeUndefined();
    expect(ws.getCell('C6').dataValidation).toMatchObject({ type: 'list', formulae: ['"男,女"'] });
  });

  it('writes the number of rows asked for (--rows 0 accepted; 5001, -1 and x refused with exit 2)', async () => {
    const dir = scratchDir();
    expect((await template(dir, 'puer-2-2', '--rows', '3', '--out', 'a.xlsx')).code).toBe(0);
    const ws = await readSheet(path.join(dir, 'a.xlsx'));
    expect(ws.getCell('A8').value).toBe(3);
    expect(ws.getCell('A9').value).toBe(PUER_FORM_FOOTERS[0]);
    expect((await template(dir, 'puer-2-2', '--rows', '0', '--out', 'b.xlsx')).code).toBe(0);
    expect((await readSheet(path.join(dir, 'b.xlsx'))).getCell('A6').value).toBe(PUER_FORM_FOOTERS[0]);
    for (const bad of ['5001', '-1', 'x']) {
      const r = await template(dir, 'puer-2-2', '--rows', bad, '--out', `c${bad}.xlsx`);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--rows ${bad}`);
      expect(existsSync(path.join(dir, `c${bad}.xlsx`))).toBe(false);
    }
  });

  it('without --year the title has no year and the user is told to give one when auditing', async () => {
    const dir = scratchDir();
    const r = await template(dir, 'puer-2-2', '--out', 'x.xlsx');
    expect(r.code).toBe(0);
    expect(r.err).toContain('--year');
    expect((await readSheet(path.join(dir, 'x.xlsx'))).getCell('A2').value).toBe(PUER_FORM_TITLE);
  });

  it('refuses a bad --year with exit 2, in Chinese by default and English with --lang en', async () => {
    const dir = scratchDir();
    const zh = await template(dir, 'puer-2-2', '--year', '25');
    expect(zh.code).toBe(2);
    expect(zh.err).toContain('应为四位年份');
    const en = await template(dir, 'puer-2-2', '--year', '25', '--lang', 'en');
    expect(en.code).toBe(2);
    expect(en.err).toContain('expected a four-digit year');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never replaces an existing file (it may be a filled return) unless --force; leaves no temporary file', async () => {
    const dir = scratchDir();
    const file = path.join(dir, '申报表.xlsx');
    writeFileSync(file, 'a filled return');
    const r = await template(dir, ...FORM_ARGS);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe('a filled return');
    const forced = await template(dir, ...FORM_ARGS, '--force');
    expect(forced.code).toBe(0);
    expect((await readSheet(file)).getCell('A3').value).toBe('学校(盖章):思茅区第一中学');
    expect(readdirSync(dir)).toEqual(['申报表.xlsx']);
  });

  it('refuses an --out that is a folder or not .xlsx, with exit 2', async () => {
    const dir = scratchDir();
    expect((await template(dir, 'puer-2-2', '--out', '.')).code).toBe(2);
    const txt = await template(dir, 'puer-2-2', '--out', 'form.xls');
    expect(txt.code).toBe(2);
    expect(txt.err).toContain('.xlsx');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('credit-audit template records', () => {
  it('writes the generic per-record layout: its header row, in order', async () => {
    const dir = scratchDir();
    const r = await template(dir, 'records', '--out', 'records.xlsx', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.err).toContain('check reads it filled, as the records layout');
    const ws = await readSheet(path.join(dir, 'records.xlsx'));
    expect(RECORD_COLUMNS).toEqual(['身份证号', '姓名', '学校', '年度', '日期', '学时', '学分', '天数', '项目名称', '培训层次', '课程类别', '是否信息技术', '培训形式', '职称', '角色', '审核状态', '备注', '入职年度', '职称评定年度']);
    expect(RECORD_COLUMNS.map((_, i) => ws.getCell(1, i + 1).value)).toEqual(RECORD_COLUMNS);
    expect(ws.getCell(1, RECORD_COLUMNS.length + 1).value).toBeNull();
  });
});

describe('a filled 附件2—2 template audits cleanly', () => {
  interface Planted {
    p: Person;
    /** 集中, 网络, 校本: 学时 and 学分 */
    v: [number, number, number, number, number, number];
    remarks?: string;
    status: string;
  }
  const r = rng(2101);
  // One of six audited teachers incomplete: under the 20 % that flags a school (school-incomplete-share).
  const planted: Planted[] = [
    { p: person(r), v: [24, 24, 24, 24, 24, 24], status: 'complete' },
    { p: person(r), v: [30, 30, 24, 24, 48, 48], status: 'complete' },
    // 网络研修 one short of its minimum: incomplete.
    { p: person(r), v: [24, 24, 23, 23, 25, 25], status: 'incomplete' },
    { p: person(r), v: [0, 0, 0, 0, 0, 0], remarks: '新任教师', status: 'exempt' },
    { p: person(r), v: [36, 36, 24.5, 24.5, 24, 24], status: 'complete' },
    { p: person(r), v: [24, 24, 40, 40, 30, 30], status: 'complete' },
    { p: person(r), v: [24, 28.8, 24, 24, 24, 24], status: 'complete' },
  ];

  /** Fill the template as a school does; `computed`: the totals' results are saved, as Excel and WPS save them. */
  async function fill(file: string, computed: boolean): Promise<void> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    ws.getCell('J3').value = '联系人及电话:张老师 13800000000';
    planted.forEach((t, i) => {
      const row = 6 + i;
      ws.getCell(row, 2).value = t.p.name;
      ws.getCell(row, 3).value = t.p.gender;
      ws.getCell(row, 4).value = t.p.id;
      ws.getCell(row, 5).value = t.p.subject;
      ws.getCell(row, 6).value = t.p.title;
      t.v.forEach((x, k) => (ws.getCell(row, 7 + k).value = x));
      if (t.remarks) ws.getCell(row, 15).value = t.remarks;
      if (computed) {
        for (const [col, sum] of [
          [13, t.v[0] + t.v[2] + t.v[4]],
          [14, t.v[1] + t.v[3] + t.v[5]],
        ] as const) {
          const f = ws.getCell(row, col).value as ExcelJS.CellFormulaValue;
          ws.getCell(row, col).value = { formula: f.formula, result: sum };
        }
      }
    });
    await wb.xlsx.writeFile(file);
  }

  for (const computed of [true, false]) {
    it(`every teacher read, nothing skipped but blank template rows and the footer, statuses as planted (totals ${computed ? 'computed' : 'not computed'} by the program that filled it)`, async () => {
      const dir = scratchDir();
      expect((await template(dir, ...FORM_ARGS)).code).toBe(0);
      const file = path.join(dir, '申报表.xlsx');
      await fill(file, computed);
      const io = memoryIo(dir);
      const code = await run(['check', '申报表.xlsx', '--format', 'json', '--no-out'], io);
      // One teacher incomplete: an error finding.
      expect(code).toBe(1);
      const result = JSON.parse(io.out);
      const input = result.inputs[0];
      expect(input.error).toBeNull();
      expect(input.year).toBe(2025);
      expect(input.yearSource).toBe('title');
      expect(input.school).toBe('思茅区第一中学');
      expect(input.teachers).toBe(planted.length);
      const sheet = input.sheets[0];
      expect(sheet.skipped).toEqual({
        // Blank rows are listed as a run, first-last (issue 18).
        blank: [`${6 + planted.length}-55`],
        total: [],
        footer: [56, 57],
        'not-understood': [],
        'not-recognised': [],
      });
      expect(result.teachers.map((t: { name: string; status: string; row: number }) => [t.name, t.status, t.row])).toEqual(planted.map((t, i) => [t.p.name, t.status, 6 + i]));
      // Only the planted shortfall (and the exemption's note): no finding about the form itself.
      const ids = result.findings.map((f: { check: string; teacherName: string }) => `${f.check} ${f.teacherName}`).sort();
      expect(ids).toEqual([`annual-mode-minimum ${planted[2]!.p.name}`, `annual-mode-minimum ${planted[2]!.p.name}`, `teacher-exempt ${planted[3]!.p.name}`]);
    });
  }
});

describe('a filled records template audits cleanly (上海虹口 十三五, --rules hongkou)', () => {
  const r = rng(2102);
  const teacher = () => ({ name: chineseName(r), id: idNumber(r, '女', '310109') });
  type Row = { level: string; category: string; credits: number; it?: boolean };
  /** 表1 of seed 000 附件 二, met exactly (36 学分), each cell's credits × `share`. */
  const table1 = (share = 1): Row[] =>
    TABLE1.map(([level, category, credits, it]) => ({ level, category, credits: Math.round(credits * share * 10) / 10, it: Boolean(it) }));
  const school = '上海市虹口区实验中学';
  const complete = teacher();
  const joiner = teacher();
  const short = teacher();
  const planted = [
    // Every cell of 表1; 年度 written as a number.
    { p: complete, rows: table1(), joined: null, status: 'complete' },
    // 入职 2018 (逐年递减): owes 3/5 of 表1 and has exactly that; dates written as dates.
    { p: joiner, rows: table1(0.6), joined: 2018, status: 'complete' },
    // 区级 知识与技能 1 short (6 of 7 + 3): incomplete.
    { p: short, rows: table1().map((x) => (x.level === '区级' && x.category === '知识与技能' && !x.it ? { ...x, credits: 6 } : x)), joined: null, status: 'incomplete' },
    // Three more of the whole 表1: 1 of 6 incomplete is under the 20 % that flags a school.
    ...[teacher(), teacher(), teacher()].map((p) => ({ p, rows: table1(), joined: null, status: 'complete' })),
  ];
  const col = (h: string) => RECORD_COLUMNS.indexOf(h) + 1;

  it('every record read as the records layout, nothing skipped, statuses and findings as planted', async () => {
    const dir = scratchDir();
    expect((await template(dir, 'records', '--out', '培训记录.xlsx', '--rows', '60')).code).toBe(0);
    const file = path.join(dir, '培训记录.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    let row = 2;
    for (const t of planted) {
      t.rows.forEach((x, i) => {
        const year = (t.joined ?? 2016) + (i % (2021 - (t.joined ?? 2016)));
        ws.getCell(row, col('身份证号')).value = t.p.id;
        ws.getCell(row, col('姓名')).value = t.p.name;
        ws.getCell(row, col('学校')).value = school;
        if (t.joined === null) ws.getCell(row, col('年度')).value = year;
        else ws.getCell(row, col('日期')).value = new Date(Date.UTC(year, 9, 10 + i));
        ws.getCell(row, col('学分')).value = x.credits;
        ws.getCell(row, col('项目名称')).value = `${x.category}·${x.level}课程${i + 1}`;
        ws.getCell(row, col('培训层次')).value = x.level;
        ws.getCell(row, col('课程类别')).value = x.category;
        ws.getCell(row, col('是否信息技术')).value = x.it ? '是' : '否';
        ws.getCell(row, col('职称')).value = '一级教师';
        ws.getCell(row, col('审核状态')).value = '已认定';
        if (t.joined !== null) ws.getCell(row, col('入职年度')).value = t.joined;
        row++;
      });
    }
    await wb.xlsx.writeFile(file);
    const io = memoryIo(dir);
    const code = await run(['check', '培训记录.xlsx', '--rules', 'hongkou', '--cycle', '2016-2020', '--as-of', '2020', '--format', 'json', '--no-out'], io);
    expect(code).toBe(1);
    const result = JSON.parse(io.out);
    const input = result.inputs[0];
    expect(input.error).toBeNull();
    const sheet = input.sheets[0];
    expect(sheet.shape).toBe('records');
    expect(sheet.records).toBe(54);
    // The 60 template rows: 54 filled; the rest hold no value (a format and a validation only), so
    // they are no rows at all; nothing is set aside.
    expect(sheet.rowsRead).toBe(row - 2);
    expect(sheet.skipped).toEqual({ blank: [], total: [], footer: [], 'not-understood': [], 'not-recognised': [] });
    expect(result.cycle.teachers.map((t: { name: string; status: string }) => [t.name, t.status])).toEqual(planted.map((t) => [t.p.name, t.status]));
    expect(result.cycle.teachers[1].joined).toBe(2018);
    // Only the planted shortfall: no finding about the template itself.
    const found = result.findings.map((f: { check: string; teacherName: string; data: { required?: number; missing?: number } }) => [f.check, f.teacherName, f.data.required, f.data.missing]);
    expect(found).toEqual([
      ['cycle-matrix-minimum', short.name, 10, 1],
      ['cycle-matrix-minimum', short.name, 14, 1],
      ['cycle-total-minimum', short.name, 36, 1],
    ]);
  });
});
