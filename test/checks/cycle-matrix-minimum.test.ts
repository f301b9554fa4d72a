import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycleMatrixMinimum } from '../../src/checks/cycle-matrix-minimum.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/rules.js';
import type { TrainingRecord } from '../../src/model/types.js';
import { cycle, ended, inProgress, record } from '../helpers/cycles.js';

/** The options of rules/hongkou.yaml: the tests hold the rule file to 表1 and 表2 of seed 000. */
const hongkou = loadRules(path.join(BUILTIN_RULES_DIR, 'hongkou.yaml'));
type Options = Parameters<typeof cycleMatrixMinimum.check>[1];
const opts = hongkou.checks.find((c) => c.check === cycleMatrixMinimum)!.options as Options;

/** One record of `credits` 学分 at a level (as written) and category (as written). */
const rec = (level: string, category: string, credits: number, it = false): TrainingRecord => ({ ...record('school', credits, credits * 10), level, category, it });

/** Every cell of 表1 met exactly (36), 信息技术 parts included. */
const table1 = (): TrainingRecord[] => [
  rec('市级', '师德与素养', 2),
  rec('市级', '知识与技能', 3),
  rec('市级', '知识与技能', 1, true),
  rec('区级', '师德与素养', 2),
  rec('区级', '知识与技能', 7),
  rec('区级', '知识与技能', 3, true),
  rec('校本', '师德与素养', 8),
  rec('校本', '实践体验', 9),
  rec('校本', '实践体验', 1, true),
];
const run = (records: TrainingRecord[], extra = {}, o: Options = opts, window = ended) => cycleMatrixMinimum.check(cycle({}, { records, school: '虹口区第一中学', ...extra }), o, window);
/** Replace the records of one level and category. */
const without = (level: string, category: string, it?: boolean) => table1().filter((r) => !(r.level === level && r.category === category && (it === undefined || r.it === it)));

describe('cycle-matrix-minimum (上海虹口 附件 二 表1, 表2, 二(四))', () => {
  it('passes a teacher who meets every cell of 表1 exactly', () => {
    expect(run(table1())).toEqual([]);
  });

  it('a 区级 cell one short fails it, with the cell named and no offset', () => {
    const records = [...without('区级', '知识与技能', false), rec('区级', '知识与技能', 6)];
    const out = run(records);
    const cell = out.find((d) => d.messageId === 'matrixCellBelow')!;
    expect(cell.data).toMatchObject({ table: '表1', level: 'level.district', category: 'category.skills', measured: 9, required: 10, missing: 1 });
    expect(cell.shortfall).toMatchObject({ missing: 1 });
  });

  it('a 市级 surplus covers a 区级 shortfall of the same category: 区级 知识与技能 2 short, 市级 1 over → still 1 short, said so', () => {
    const records = [...without('区级', '知识与技能', false), rec('区级', '知识与技能', 5), rec('市级', '知识与技能', 1)];
    const out = run(records).filter((d) => d.messageId.startsWith('matrixCell'));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      messageId: 'matrixCellBelowCovered',
      data: { level: 'level.district', category: 'category.skills', missing: 2, from: 'level.city', covered: 1, remaining: 1 },
      shortfall: { missing: 1 },
    });
  });

  it('a 市级 surplus as large as the 区级 shortfall covers it whole: no finding', () => {
    const records = [...without('区级', '知识与技能', false), rec('区级', '知识与技能', 5), rec('市级', '知识与技能', 2)];
    expect(run(records)).toEqual([]);
  });

  it('国家级 counts as 市级 (二(四)1): a 国家级 surplus covers 区级 too', () => {
    const records = [...without('区级', '师德与素养'), rec('国家级', '师德与素养', 2)];
    expect(run(records)).toEqual([]);
  });

  it('a 区级 surplus cannot cover 市级 (never the reverse)', () => {
    const records = [...without('市级', '师德与素养'), rec('区级', '师德与素养', 2)];
    const out = run(records);
    expect(out.map((d) => d.messageId)).toEqual(['matrixCellBelow']);
    expect(out[0]!.data).toMatchObject({ level: 'level.city', category: 'category.ethics', missing: 2 });
  });

  it('nothing covers 校本: a 市级 and 区级 surplus leave a 校本 shortfall', () => {
    const records = [...without('校本', '师德与素养'), rec('校本', '师德与素养', 7), rec('市级', '师德与素养', 5), rec('区级', '师德与素养', 5)];
    const out = run(records);
    expect(out.map((d) => [d.messageId, d.data.level, d.data.missing])).toEqual([['matrixCellBelow', 'level.school', 1]]);
  });

  it('categories never cover each other: a 区级 师德 surplus leaves 区级 知识与技能 short', () => {
    const records = [...without('区级', '知识与技能', false), rec('区级', '知识与技能', 6), rec('区级', '师德与素养', 5)];
    const out = run(records);
    expect(out.map((d) => [d.messageId, d.data.category ?? d.data.label, d.data.missing])).toEqual([
      ['matrixCellBelow', 'category.skills', 1],
      ['matrixGroupBelow', '知识与技能课程', 1],
    ]);
  });

  it('信息技术 short inside a met category: 区级 知识与技能 10 met, 信息技术 2 of 3 → short 1, not covered', () => {
    const records = [...without('区级', '知识与技能'), rec('区级', '知识与技能', 8), rec('区级', '知识与技能', 2, true), rec('市级', '知识与技能', 3, true)];
    const out = run(records);
    expect(out.map((d) => [d.messageId, d.data.level, d.data.measured, d.data.missing])).toEqual([['matrixItBelow', 'level.district', 2, 1]]);
  });

  it('信息技术 met at 3 is not short (the other side)', () => {
    const records = [...without('区级', '知识与技能'), rec('区级', '知识与技能', 7), rec('区级', '知识与技能', 3, true)];
    expect(run(records)).toEqual([]);
  });

  it('reads 信息技术 from the project name where the input has no 是否信息技术 column', () => {
    const noColumn = table1().map((r) => (r.it ? { ...r, it: null, project: '信息技术应用能力提升工程' } : { ...r, it: undefined }));
    expect(run(noColumn)).toEqual([]);
  });

  it('holds a 专业发展学校 teacher to 表2 (市级 6, 区级 信息技术 3, 校本 师德 8 and 实践体验 19)', () => {
    const o: Options = { ...opts, tables: opts.tables.map((t) => (t.name === '表2' ? { ...t, schools: ['虹口区教师专业发展学校甲'] } : t)) };
    const table2 = [
      rec('市级', '师德与素养', 2),
      rec('市级', '知识与技能', 3),
      rec('市级', '知识与技能', 1, true),
      rec('区级', '知识与技能', 3, true),
      rec('校本', '师德与素养', 8),
      rec('校本', '实践体验', 18),
      rec('校本', '实践体验', 1, true),
    ];
    expect(run(table2, { school: '虹口区教师专业发展学校甲' }, o)).toEqual([]);
    // The same records fail 表1 at an ordinary school.
    expect(run(table2, { school: '虹口区第一中学' }, o).length).toBeGreaterThan(0);
    // 实践体验 18 of 19 at the 专业发展学校.
    const short = [...table2.filter((r) => !(r.category === '实践体验' && !r.it)), rec('校本', '实践体验', 17)];
    const out = run(short, { school: '虹口区教师专业发展学校甲' }, o);
    expect(out.map((d) => [d.messageId, d.data.table, d.data.missing])).toEqual([
      ['matrixCellBelow', '表2', 1],
      ['matrixGroupBelow', '表2', 1],
      ['matrixGroupBelow', '表2', 1],
    ]);
  });

  it('no school is held to 表2 until the rule file lists it', () => {
    expect(run(table1(), { school: '任何学校' })).toEqual([]);
  });

  it('says records whose level or category it cannot read, counted in no cell (also while the cycle runs)', () => {
    const out = run([...table1(), rec('省级', '师德与素养', 1)], {}, opts, inProgress);
    expect(out.map((d) => [d.messageId, d.data.count])).toEqual([['matrixRecordsUnread', 1]]);
    // 自主研修 records belong to cycle-title-minimum: not unread.
    expect(run([...table1(), { ...rec('区级', '', 2), category: '自主研修' }])).toEqual([]);
  });

  it('is not judged before the end, nor without single records', () => {
    expect(run([], {}, opts, inProgress)).toEqual([]);
    expect(cycleMatrixMinimum.check(cycle({}, { hasRecords: false }), opts, ended)).toEqual([]);
  });
});

describe('cycle-matrix-minimum: 学历进修 (二(四)3) fills 区级 师德与素养 and 知识与技能', () => {
  const xueli = (credits: number): TrainingRecord => ({ ...rec('', '', credits), project: '高一层次学历进修（教育硕士）' });

  it('fills a 区级 知识与技能 shortfall whole (and the category sum with it): no finding', () => {
    const records = [...without('区级', '知识与技能', false), rec('区级', '知识与技能', 5), xueli(2)];
    expect(run(records)).toEqual([]);
  });

  it('fills after the 市级 surplus, and says both: 区级 知识与技能 3 short, 市级 1 over, 学历进修 1 → still 1', () => {
    const records = [...without('区级', '知识与技能', false), rec('区级', '知识与技能', 4), rec('市级', '知识与技能', 1), xueli(1)];
    const out = run(records).filter((d) => d.messageId.startsWith('matrixCell'));
    expect(out).toEqual([
      expect.objectContaining({
        messageId: 'matrixCellBelowCoveredFilled',
        data: expect.objectContaining({ missing: 3, from: 'level.city', covered: 1, filler: '学历进修', filled: 1, remaining: 1 }),
        shortfall: expect.objectContaining({ missing: 1 }),
      }),
    ]);
  });

  it('never fills 市级 or 校本: a 校本 师德 shortfall stays', () => {
    const records = [...without('校本', '师德与素养'), rec('校本', '师德与素养', 7), xueli(5)];
    expect(run(records).map((d) => [d.messageId, d.data.level])).toEqual([['matrixCellBelow', 'level.school'], ['matrixGroupBelow', undefined]]);
  });
});

describe('cycle-matrix-minimum figures: each cell of the table, its 信息技术 part and each sum, for the cycle 教师 sheet (issue 19, item 7)', () => {
  const xueli = (credits: number): TrainingRecord => ({ ...rec('', '', credits), project: '高一层次学历进修（教育硕士）' });
  const figures = (records: TrainingRecord[], window = ended) => cycleMatrixMinimum.figures!(cycle({}, { records, school: '虹口区第一中学' }), opts, window);
  const at = (out: ReturnType<typeof figures>, ...part: string[]) => out.find((f) => f.part.join('|') === part.join('|'));

  it('gives what counted in each cell of 表1 against its minimum, in the table\'s order, 信息技术 after its cell, then the sums', () => {
    const out = figures(table1());
    expect(out.map((f) => [f.part.join(' '), f.value, f.required])).toEqual([
      ['level.city category.ethics', 2, 2],
      ['level.city category.skills', 4, 4],
      ['level.city category.skills part.it', 1, 1],
      ['level.district category.ethics', 2, 2],
      ['level.district category.skills', 10, 10],
      ['level.district category.skills part.it', 3, 3],
      ['level.school category.ethics', 8, 8],
      ['level.school category.practice', 10, 10],
      ['level.school category.practice part.it', 1, 1],
      ['师德与素养课程', 12, 12],
      ['知识与技能课程', 14, 14],
      ['实践体验课程', 10, 10],
    ]);
    expect(out.every((f) => f.measure === 'credits' && f.covered === undefined)).toBe(true);
  });

  it('a cell short and covered in full by the 市级 surplus says so beside its own figure; one covered in part does not (its finding says it)', () => {
    const whole = figures([...without('区级', '知识与技能', false), rec('区级', '知识与技能', 5), rec('市级', '知识与技能', 2)]);
    expect(at(whole, 'level.district', 'category.skills')).toMatchObject({
      value: 8,
      required: 10,
      covered: { messageId: 'matrixCellCovered', data: expect.objectContaining({ missing: 2, from: 'level.city', covered: 2 }) },
    });
    expect(at(whole, 'level.city', 'category.skills')).toMatchObject({ value: 6 });
    expect(at(whole, 'level.city', 'category.skills')!.covered).toBeUndefined();
    const part = figures([...without('区级', '知识与技能', false), rec('区级', '知识与技能', 5), rec('市级', '知识与技能', 1)]);
    expect(at(part, 'level.district', 'category.skills')).toMatchObject({ value: 8 });
    expect(at(part, 'level.district', 'category.skills')!.covered).toBeUndefined();
  });

  it('what 学历进修 filled is said as filled, and counts in its category\'s sum', () => {
    const out = figures([...without('区级', '知识与技能', false), rec('区级', '知识与技能', 6), xueli(1)]);
    expect(at(out, 'level.district', 'category.skills')!.covered).toMatchObject({ messageId: 'matrixCellFilled', data: expect.objectContaining({ filler: '学历进修', filled: 1 }) });
    expect(at(out, '知识与技能课程')!.value).toBe(14);
  });

  it('shows what counted so far while the cycle runs, and nothing without single records', () => {
    expect(at(figures(without('校本', '实践体验'), inProgress), 'level.school', 'category.practice')).toMatchObject({ value: 0, required: 10 });
    expect(cycleMatrixMinimum.figures!(cycle({}, { records: table1(), hasRecords: false }), opts, ended)).toEqual([]);
  });
});
