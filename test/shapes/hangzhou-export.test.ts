import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../src/read/types.js';
import { detectShape } from '../../src/shapes/index.js';

const rows = (xs: unknown[][]): RawRow[] => xs.map((cells, i) => ({ row: i + 1, cells: cells as RawRow['cells'] }));

async function parse(data: unknown[][], yearOption: number | null = null) {
  const r = rows(data);
  const found = detectShape(r.slice(0, 30));
  if (!found) throw new Error('not detected');
  const parsed = await found.shape.parse(found.detection, (async function* () { yield* r; })(), {
    file: 'export.xlsx',
    sheet: { name: '明细', hidden: false, rows: async function* () {} },
    yearOption,
    yearStart: { month: 1, day: 1 },
  });
  return { shape: found.shape.id, ...parsed };
}

describe('hangzhou-export detection', () => {
  it('recognises the platform columns by their synonyms and ignores extra columns', async () => {
    const p = await parse([
      ['教师姓名', '证件号码', '工作单位', '培训日期', '培训项目名称', '项目类型', '认定学分', '认定状态', '联系电话'],
      ['王芳', '330106198001010012', '杭州学军中学', '2023-05-12', '走进名校', '集中研修', 90, '已审核', '138…'],
      ['王芳', '330106198001010012', '杭州学军中学', '2023-09-01', '网络课程', '远程培训', 20, '待审核', ''],
      ['王芳', '330106198001010012', '杭州学军中学', '2023-10-01', '校本研修', '校本培训', 12, '通过', ''],
    ]);
    expect(p.shape).toBe('hangzhou-export');
    expect(p.teachers).toHaveLength(1);
    expect(p.teachers[0]!.raw.concentrated.credits).toBe(90);
    expect(p.teachers[0]!.raw.school.credits).toBe(12);
    expect(p.account).toMatchObject({ rowsRead: 3, records: 2, skipped: { 'not-recognised': [3] }, notRecognised: { 待审核: [3] } });
  });

  it.each([
    ['已认定', true],
    ['已审核', true],
    ['通过', true],
    ['审核通过', true],
    ['未通过', false],
    ['审核不通过', false],
    ['待审核', false],
    ['退回', false],
    ['', false],
  ])('审核状态 %j counts: %s', async (status, counts) => {
    const p = await parse([
      ['姓名', '身份证号', '学校', '年度', '培训类别', '学分', '审核状态'],
      ['李敏', '330106198001010012', '杭州市长寿桥小学', '2024', '网络研修', 24, status],
    ]);
    expect(p.account.records).toBe(counts ? 1 : 0);
  });

  it('counts every record when there is no status column', async () => {
    const p = await parse([
      ['姓名', '身份证号', '单位', '年度', '培训类别', '学分'],
      ['李敏', '330106198001010012', '杭州市长寿桥小学', '2024年', '其他形式', 6],
    ]);
    expect(p.teachers[0]!.raw.other.credits).toBe(6);
    expect(p.teachers[0]!.year).toBe(2024);
  });

  it('lists a record with an unknown 培训类别 as not understood, never drops it', async () => {
    const p = await parse([
      ['姓名', '身份证号', '学校', '年度', '培训类别', '学分'],
      ['李敏', '330106198001010012', '杭州市长寿桥小学', '2024', '研学旅行', 6],
    ]);
    expect(p.account.skipped['not-understood']).toEqual([2]);
  });

  it('is not taken for the 附件2—2 form, nor the form for it', () => {
    const form = rows([
      ['序号', '姓名', '性别', '身份证号码', '任教学段学科', '职称', '集中培训', null, '网络研修', null, '校本研修', null],
      [null, null, null, null, null, null, '学时', '学分', '学时', '学分', '学时', '学分'],
    ]);
    expect(detectShape(form)?.shape.id).toBe('puer-form');
  });
});

describe('hangzhou-export remarks', () => {
  it('gives a teacher-year the remarks of its records, in record order, joined by ；, blanks left out', async () => {
    const head = ['姓名', '身份证号码', '单位名称', '培训年度', '项目名称', '培训类别', '学分', '审核状态', '备注'];
    const rec = (year: number, remark: string) => ['王芳', '330106198001010012', '杭州学军中学', year, '网络课程', '网络研修', 10, '已认定', remark];
    const p = await parse([head, rec(2023, '补录'), rec(2023, ''), rec(2024, '跨校'), rec(2023, '已核对')]);
    expect(p.teachers.map((t) => [t.year, t.remarks])).toEqual([
      [2023, '补录；已核对'],
      [2024, '跨校'],
    ]);
  });
});
