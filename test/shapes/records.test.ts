import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type Io } from '../../src/cli/main.js';
import { loadInput } from '../../src/load/load.js';
import { detectShape } from '../../src/shapes/index.js';
import type { RawRow } from '../../src/read/types.js';
import { scratchDir } from '../helpers/scratch.js';

/** The generic per-record layout (issue 19): one row per training record, Chinese or English headers, or a --columns map. */
const dir = scratchDir('credit-audit-records-');
let n = 0;
const csv = (rows: string[][]) => {
  const file = path.join(dir, `${++n}.csv`);
  writeFileSync(file, '\ufeff' + rows.map((r) => r.join(',')).join('\n') + '\n');
  return file;
};
const head = (...labels: string[]): RawRow[] => [{ row: 1, cells: labels }];
const ID = '120116198703186607';
const ID2 = '12010919850610631X';
const Sep = { month: 9, day: 1 };

function memoryIo(): Io & { out: string; err: string } {
  const io = { out: '', err: '', isTTY: false, env: {}, cwd: dir, stdout: (s: string) => void (io.out += s), stderr: (s: string) => void (io.err += s) };
  return io;
}

describe('detection', () => {
  it.each([
    ['the Chinese names', ['身份证号', '姓名', '学校', '培训日期', '培训学时']],
    ['their synonyms', ['证件号码', '教师姓名', '工作单位', '开始日期', '培训天数']],
    ['the English names', ['id', 'name', 'school', 'date', 'hours']],
    ['a year and credits', ['身份证号码', '姓名', '所在学校', '培训年度', '认定学分']],
  ])('%s are a records sheet', (_, labels) => {
    expect(detectShape(head(...labels))?.shape.id).toBe('records');
  });

  it('without an amount (学时, 学分 or 天数) it is not', () => {
    expect(detectShape(head('身份证号', '姓名', '学校', '培训日期', '项目名称'))?.shape.id).not.toBe('records');
  });

  it('a Hangzhou export stays one (ties go to it); a column only records reads (天数, 角色 …) makes it records', () => {
    const hz = ['姓名', '身份证号', '学校', '年度', '培训类别', '学分'];
    expect(detectShape(head(...hz))?.shape.id).toBe('hangzhou-export');
    expect(detectShape(head(...hz, '角色'))?.shape.id).toBe('records');
    expect(detectShape(head(...hz, '职称'))?.shape.id).toBe('hangzhou-export');
    expect(detectShape(head(...hz, '角色', '项目编号'))?.shape.id).toBe('hangzhou-export');
  });
});

describe('reading', () => {
  it('records become teacher-years by the rule set\'s year; a roster row lists a teacher and adds nothing; roles are gathered', async () => {
    const file = csv([
      ['身份证号', '姓名', '学校', '培训日期', '培训天数', '培训学时', '课程类别', '是否信息技术', '角色', '审核状态'],
      [ID, '姜秀竹', '塘沽一中', '2024-08-31', '1.5', '', '职业道德教育', '否', '新任教师', '已审核'],
      [ID, '姜秀竹', '塘沽一中', '2024-09-01', '', '8', '信息技术', '是', '新任教师、班主任', '已审核'],
      [ID2, '魏纨玲', '塘沽一中', '2023-10-01', '', '', '', '', '', ''],
      [ID2, '魏纨玲', '塘沽一中', '2023-10-02', '', '40', '', '', '', '待审核'],
    ]);
    const { summary, teachers } = await loadInput(file, { yearOption: null, yearStart: Sep });
    expect(summary.error).toBeUndefined();
    expect(summary.sheets[0]).toMatchObject({ shape: 'records', rowsRead: 4, records: 3, skipped: { 'not-recognised': [5] } });
    expect(teachers.map((t) => [t.name, t.year, t.roles, t.records!.length])).toEqual([
      ['姜秀竹', 2023, ['新任教师'], 1],
      ['姜秀竹', 2024, ['新任教师', '班主任'], 1],
      // A roster row, and a pending record: listed, no record.
      ['魏纨玲', 2023, [], 0],
    ]);
    expect(teachers[0]!.records![0]).toMatchObject({ category: '职业道德教育', it: false, days: 1.5, date: '2024-08-31', read: { hours: null, credits: null, days: 1.5 } });
    expect(teachers[1]!.records![0]).toMatchObject({ it: true, hours: 8, read: { hours: 8, credits: null, days: null } });
  });

  it('reads 入职年度 and 职称评定年度 (years or dates, the English joined/titled too); text without a year is not a year given', async () => {
    const Jan = { month: 1, day: 1 };
    const zh = csv([
      ['身份证号', '姓名', '学校', '年度', '学分', '职称', '入职年度', '职称评定年度'],
      [ID, '姜秀竹', '虹口一中', '2018', '3', '', '2018', ''],
      [ID2, '魏纨玲', '虹口一中', '2018', '3', '高级教师', '', '2017年12月'],
      [ID2, '魏纨玲', '虹口一中', '2019', '3', '高级教师', '不详', '2017-12-20'],
    ]);
    const a = await loadInput(zh, { yearOption: null, yearStart: Jan });
    expect(a.teachers.map((t) => [t.name, t.year, t.joined, t.titled])).toEqual([
      ['姜秀竹', 2018, 2018, undefined],
      ['魏纨玲', 2018, undefined, 2017],
      ['魏纨玲', 2019, undefined, 2017],
    ]);
    const en = csv([
      ['id', 'name', 'school', 'year', 'credits', 'joined', 'titled'],
      [ID, '姜秀竹', '虹口一中', '2019', '3', '2019-09-01', '2019'],
    ]);
    expect((await loadInput(en, { yearOption: null, yearStart: Jan })).teachers.map((t) => [t.joined, t.titled])).toEqual([[2019, 2019]]);
    // In a rule set whose year starts on 1 September, a date of joining is in its school year.
    expect((await loadInput(en, { yearOption: null, yearStart: Sep })).teachers.map((t) => [t.joined, t.titled])).toEqual([[2019, 2019]]);
    const synonyms = csv([
      ['身份证号', '姓名', '学校', '年度', '学分', '入职时间', '职称取得时间'],
      [ID, '姜秀竹', '虹口一中', '2019', '3', '2020-03-01', '2016-07'],
    ]);
    expect((await loadInput(synonyms, { yearOption: null, yearStart: Sep })).teachers.map((t) => [t.joined, t.titled])).toEqual([[2019, 2015]]);
  });

  it('a 培训形式 written and not understood is never guessed: the row is not understood', async () => {
    const file = csv([
      ['id', 'name', 'school', 'year', 'hours', 'mode'],
      [ID, '姜秀竹', '塘沽一中', '2024', '8', '集中培训'],
      [ID, '姜秀竹', '塘沽一中', '2024', '8', '外出'],
    ]);
    const { summary, teachers } = await loadInput(file, { yearOption: null });
    expect(summary.sheets[0]!.skipped['not-understood']).toEqual([3]);
    expect(teachers[0]!.records!.map((r) => r.mode)).toEqual(['concentrated']);
  });
});

describe('--columns map.yaml', () => {
  const rows = [
    ['公民身份号码', '姓名', '学校', '培训日期', '折算学时'],
    [ID, '姜秀竹', '塘沽一中', '2024-03-01', '96'],
  ];

  it('maps headers the synonyms do not know onto the canonical names', async () => {
    const file = csv(rows);
    const map = path.join(dir, 'map.yaml');
    writeFileSync(map, 'id: 公民身份号码\nhours: 折算学时\n');
    const io = memoryIo();
    const code = await run(['check', file, '--rules', 'binhai', '--columns', map, '--format', 'json', '--no-out', '--show-ids'], io);
    expect(code).toBe(0);
    const json = JSON.parse(io.out);
    expect(json.teachers.map((t: { id: string; status: string }) => [t.id, t.status])).toEqual([[ID, 'complete']]);
    // Without the map the sheet is not recognised at all.
    expect(await run(['check', file, '--rules', 'binhai', '--no-out'], memoryIo())).toBe(2);
  });

  it.each(['zh', 'en'])('a header the map names and the file lacks: exit 2 naming it and the headers present (%s)', async (lang) => {
    const file = csv(rows);
    const map = path.join(dir, `wrong-${lang}.yaml`);
    writeFileSync(map, 'id: 公民身份号码\nhours: 认定时数\n');
    const io = memoryIo();
    expect(await run(['check', file, '--rules', 'binhai', '--columns', map, '--no-out', '--lang', lang], io)).toBe(2);
    const text = io.out + io.err;
    expect(text).toContain('认定时数');
    expect(text).toContain('hours');
    expect(text).toContain('公民身份号码 | 姓名 | 学校 | 培训日期 | 折算学时');
    expect(text).toMatch(lang === 'zh' ? /表头中没有这一列/ : /has no such column/);
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('a key that is not a column, or a file that is not a map: exit 2 naming the columns', async () => {
    const map = path.join(dir, 'bad-key.yaml');
    writeFileSync(map, '学时: 折算学时\n');
    const io = memoryIo();
    expect(await run(['check', csv(rows), '--rules', 'binhai', '--columns', map, '--no-out'], io)).toBe(2);
    expect(io.out + io.err).toContain('“学时”不是可映射的列名');
    expect(io.out + io.err).toContain('id, name, school, year, date, hours, credits, days');
    const list = path.join(dir, 'list.yaml');
    writeFileSync(list, '- id\n- hours\n');
    const io2 = memoryIo();
    expect(await run(['check', csv(rows), '--rules', 'binhai', '--columns', list, '--no-out'], io2)).toBe(2);
    expect(io2.out + io2.err).toContain('应为“列名: 表头”的映射');
    const io3 = memoryIo();
    expect(await run(['check', csv(rows), '--rules', 'binhai', '--columns', path.join(dir, 'none.yaml'), '--no-out'], io3)).toBe(2);
    expect(io3.out + io3.err).toContain('无法读取');
  });
});

describe('records: merged cells mean what the sheet shows (issue 18, in this layout too)', () => {
  it('a 姓名/身份证号/学校 merged over a teacher\'s records applies to each, and a merged 学时 is used for each with a warning', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('培训记录');
    ws.addRow(['身份证号', '姓名', '学校', '培训日期', '项目名称', '培训学时']);
    ws.addRow(['120116198503070021', '王芳', '天津市滨海新区塘沽第一中学', '2023-10-14', '专题培训一', 40]);
    ws.addRow(['', '', '', '2024-03-09', '专题培训二', 30]);
    ws.addRow(['', '', '', '2024-05-11', '专题培训三', '']);
    ws.getColumn(1).numFmt = '@';
    for (const col of ['A', 'B', 'C']) ws.mergeCells(`${col}2:${col}4`);
    ws.mergeCells('F3:F4');
    const file = path.join(dir, '合并单元格.xlsx');
    await wb.xlsx.writeFile(file);
    const loaded = await loadInput(file, { yearOption: null, yearStart: { month: 9, day: 1 } });
    const sheet = loaded.summary.sheets[0]!;
    expect(sheet.shape).toBe('records');
    expect(sheet.records).toBe(3);
    expect(sheet.skipped['not-understood']).toEqual([]);
    expect(loaded.teachers).toHaveLength(1);
    const t = loaded.teachers[0]!;
    expect(t.records!.map((r) => r.hours)).toEqual([40, 30, 30]);
    expect(t.merged?.map((m) => m.range)).toEqual(['F3:F4', 'F3:F4']);
  });
});
