import { cellOf } from '../../src/model/cell-layout.js';
import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../src/read/types.js';
import { detectShape } from '../../src/shapes/index.js';
import { puerForm } from '../../src/shapes/puer-form.js';

const TOP = ['序号', '姓名', '性别', '身份证号码', '任教学段学科', '职称', '集中培训', null, '网络研修', null, '校本研修', null, '全年汇总', null, '备注'];
const SUB = [null, null, null, null, null, null, '学时', '学分', '学时', '学分', '学时', '学分', '总学时', '总学分', null];

function sheet(rows: Array<Array<unknown>>, startRow = 1): RawRow[] {
  return rows.map((cells, i) => ({ row: startRow + i, cells: cells as RawRow['cells'] }));
}

async function parse(rows: RawRow[], file = '2025年度测试学校.xlsx', yearOption: number | null = null) {
  const found = detectShape(rows.slice(0, 30));
  if (!found) throw new Error('not detected');
  return found.shape.parse(found.detection, (async function* () { yield* rows; })(), {
    file,
    sheet: { name: 'Sheet1', hidden: false, rows: async function* () {} },
    yearOption,
    yearStart: { month: 1, day: 1 },
  });
}

describe('puer-form header detection', () => {
  it('reads the two-row header with merged groups', async () => {
    const p = await parse(sheet([['2025年度普洱市…申报表'], ['学校(盖章):思茅区第一中学'], TOP, SUB, [1, '张丽', '女', '53080219800101001X', '初中语文', '一级教师', 24, 24, 24, 24, 24, 24, 72, 72]]));
    expect(p.teachers[0]!.raw.online).toEqual({ hours: 24, credits: 24 });
    expect(p.teachers[0]!.declared).toEqual({ hours: 72, credits: 72 });
    expect(cellOf(p.teachers[0]!, 'school.credits')).toBe('L5');
    expect(p.school).toBe('思茅区第一中学');
    expect(p.year).toBe(2025);
  });

  it('accepts line breaks, spaces and full-width brackets in the header, anywhere in the first 30 rows', async () => {
    const top = ['序 号', '姓\n名', '性别', '身份证\n号码', '任教学段\n学科', '职称', '集中\n培训', null, '网络 研修', null, '校本\r\n研修', null, '全年\n汇总', null, '备注'];
    const pad = Array(4).fill(null);
    const rows = [...Array.from({ length: 20 }, () => [] as unknown[]), ['学校（盖章）：', '宁洱县民族中学'], [...pad, ...top], [...pad, ...SUB], [...pad, 1, '李敏', '男', '530821197001010011', '小学数学', '二级教师', 30, 30, 30, 30, 30, 30]];
    const p = await parse(sheet(rows));
    expect(p.account.headerRow).toBe(22);
    expect(p.teachers[0]!.raw.concentrated.hours).toBe(30);
    expect(cellOf(p.teachers[0]!, 'concentrated.hours')).toBe('K24');
    // One frozen columns object serves every teacher of the sheet.
    expect(Object.isFrozen(p.teachers[0]!.cells)).toBe(true);
    expect(p.school).toBe('宁洱县民族中学');
  });

  it('reads a single-row header that names group and measure together', async () => {
    const top = ['姓名', '身份证号', '集中培训学时', '集中培训学分', '网络研修(学时)', '网络研修(学分)', '校本研修学时', '校本研修学分'];
    const p = await parse(sheet([top, ['王芳', '530821197001010011', 24, 24, 24, 24, 24, 24]]));
    expect(p.teachers[0]!.raw.school).toEqual({ hours: 24, credits: 24 });
    expect(p.account.rowsRead).toBe(1);
  });

  it('does not detect a sheet without 姓名 and the modes', () => {
    expect(detectShape(sheet([['项目', '金额'], ['办公用品', 300]]))).toBeNull();
  });

  it('takes the year from the file name when the title has none, else from --year', async () => {
    const rows = sheet([['普洱市…申报表'], TOP, SUB, [1, '张丽', '女', '53080219800101001X', '', '', 24, 24, 24, 24, 24, 24]]);
    expect((await parse(rows, '2024年景谷县.xlsx')).year).toBe(2024);
    expect((await parse(rows, '景谷县.xlsx', 2023)).yearSource).toBe('option');
    expect((await parse(rows, '景谷县.xlsx')).year).toBeNull();
  });

  it('falls back to the file name for the school', async () => {
    const p = await parse(sheet([['2025年度申报表'], TOP, SUB, [1, '张丽', '女', '53080219800101001X']]), '/x/思茅区第三小学.xlsx');
    expect(p.school).toBe('思茅区第三小学');
    expect(p.schoolSource).toBe('file-name');
  });
});

describe('puer-form row accounting', () => {
  it('skips 合计, footer, blank and template rows and lists what it cannot understand', async () => {
    const rows = sheet([
      ['2025年度申报表'],
      TOP,
      SUB,
      [1, '张丽', '女', '53080219800101001X', '', '', 24, 24, 24, 24, 24, 24],
      // row 5 absent from the file: a blank row
      [2],
      ['以下为交流教师'],
      ['合计', null, null, null, null, null, 24, 24, 24, 24, 24, 24, 72, 72],
      ['审核单位(盖章):'],
      ['说明:此表由学校汇总填写上报'],
    ]).map((r, i) => ({ ...r, row: i >= 4 ? r.row + 1 : r.row }));
    const p = await parse(rows);
    expect(p.account).toMatchObject({
      rowsRead: 7,
      teachers: 1,
      skipped: { blank: [5, 6], 'not-understood': [7], total: [8], footer: [9, 10] },
    });
  });

  it('keeps a row with a name but no numbers as a teacher (blank = 0)', async () => {
    const p = await parse(sheet([['2025年度申报表'], TOP, SUB, [1, '张丽']]));
    expect(p.teachers).toHaveLength(1);
    expect(p.teachers[0]!.raw.online.hours).toBe(0);
  });

  it('records a value that is not a number as bad, not as 0 silently', async () => {
    const p = await parse(sheet([['2025年度申报表'], TOP, SUB, [1, '张丽', '女', '53080219800101001x', '', '', '待定', 24, 24, 24, 24, 24]]));
    expect(p.teachers[0]!.badValues).toEqual([{ field: 'concentrated.hours', text: '待定', ref: { file: '2025年度测试学校.xlsx', sheet: 'Sheet1', row: 4, cell: 'G4' } }]);
    expect(p.teachers[0]!.id).toBe('53080219800101001X');
  });

  it('reads an amount held as a number as it reads the same amount as text, and a number that is not finite as bad', async () => {
    const row = (amounts: unknown[]) => [1, '张丽', '女', '530802198001010013', '', '', ...amounts];
    const asNumbers = await parse(sheet([['2025年度申报表'], TOP, SUB, row([24, 24.5, 0, -0, 12, null, 36.5, 48.5])]));
    const asText = await parse(sheet([['2025年度申报表'], TOP, SUB, row(['24', '24.5', '0', '-0', '12学时', '', '36.5', '48.5'])]));
    for (const p of [asNumbers, asText]) {
      const t = p.teachers[0]!;
      expect(t.badValues).toEqual([]);
      expect([t.raw.concentrated.hours, t.raw.concentrated.credits, t.raw.online.hours, t.raw.school.hours, t.raw.school.credits]).toEqual([24, 24.5, 0, 12, 0]);
      expect(Object.is(t.raw.online.credits, -0)).toBe(true);
      expect(t.declared).toEqual({ hours: 36.5, credits: 48.5 });
    }
    const blankTotal = await parse(sheet([['2025年度申报表'], TOP, SUB, row([24, 24, 24, 24, 24, 24, null, ''])]));
    expect(blankTotal.teachers[0]!.declared).toEqual({ hours: null, credits: null });
    const infinite = await parse(sheet([['2025年度申报表'], TOP, SUB, row([Infinity, 24, NaN])]));
    expect(infinite.teachers[0]!.badValues.map((b) => [b.field, b.text])).toEqual([['concentrated.hours', 'Infinity'], ['online.hours', 'NaN']]);
    expect(infinite.teachers[0]!.raw.concentrated.hours).toBe(0);
  });
});

it('puerForm lists its required labels for error messages', () => {
  expect(puerForm.requiredLabels).toContain('姓名');
});
