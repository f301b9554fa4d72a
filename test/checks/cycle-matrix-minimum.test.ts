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

describe('cycle-matrix-minimum: a joiner owes the table in the share of the cycle served (二(二)2 "逐年递减")', () => {
  /** 表1 scaled to 3 of 5 years: 市级 师德 1.2, 知识与技能 2.4 (信息技术 0.6); 区级 1.2, 6 (1.8); 校本 4.8, 6 (0.6). */
  const scaled = (): TrainingRecord[] => [
    rec('市级', '师德与素养', 1.2),
    rec('市级', '知识与技能', 1.8),
    rec('市级', '知识与技能', 0.6, true),
    rec('区级', '师德与素养', 1.2),
    rec('区级', '知识与技能', 4.2),
    rec('区级', '知识与技能', 1.8, true),
    rec('校本', '师德与素养', 4.8),
    rec('校本', '实践体验', 5.4),
    rec('校本', '实践体验', 0.6, true),
  ];
  const joiner = { joined: 2024, liable: { years: 3, covered: 3 } };

  it('joined 2024 in 2022–2026 and meeting 3/5 of every cell, part and sum (21.6 in all) passes', () => {
    expect(run(scaled(), joiner)).toEqual([]);
  });

  it('the same records leave a teacher of the whole cycle short in every cell', () => {
    const out = run(scaled());
    expect(out.filter((d) => d.messageId === 'matrixCellBelow').map((d) => d.data.required)).toEqual([2, 4, 2, 10, 8, 10]);
  });

  it('a joiner 0.1 short in one cell is short of the reduced cell (区级 知识与技能 6 of 3/5 × 10)', () => {
    const records = scaled().map((r) => (r.level === '区级' && r.category === '知识与技能' && !r.it ? rec('区级', '知识与技能', 4.1) : r));
    const out = run(records, joiner);
    expect(out.map((d) => [d.messageId, d.data.required, d.data.missing])).toEqual([
      ['matrixCellBelow', 6, 0.1],
      ['matrixGroupBelow', 8.4, 0.1],
    ]);
  });
});

describe('cycle-matrix-minimum: the other offsets of 二(四) (4–7), as rules/hongkou.yaml places and fills records', () => {
  /** A record of a project name, level and category as written (blank where not), `credits` 学分. */
  const named = (project: string, credits: number, level = '', category = '', it?: boolean): TrainingRecord => ({ ...rec(level, category, credits), project, it: it ?? null });
  const cells = (out: ReturnType<typeof run>) => out.map((d) => [d.messageId, d.data.level ?? d.data.label, d.data.category, d.data.missing]);

  it('二(四)4: 提升工程 通识 counts as 市级 知识与技能 信息技术 whatever its 层次 says; named otherwise it does not', () => {
    const base = without('市级', '知识与技能', true);
    expect(run([...base, named('信息技术应用能力提升工程通识课程', 1, '区级')])).toEqual([]);
    // The same credit as a 区级 知识与技能 course not named a module: 市级 is short, and 信息技术 with it.
    expect(cells(run([...base, named('信息化教学讲座', 1, '区级', '知识与技能', true)]))).toEqual([
      ['matrixCellBelow', 'level.city', 'category.skills', 1],
      ['matrixItBelow', 'level.city', 'category.skills', 1],
    ]);
  });

  it('二(四)4: 专业 counts in 区级 知识与技能, 实践应用 in 校本 实践体验, each as 信息技术', () => {
    // 表1 without its 区级 and 校本 信息技术 records.
    const deduped = table1().filter((r) => !(r.it && (r.level === '区级' || r.level === '校本')));
    expect(run([...deduped, named('信息技术应用能力专业课程培训', 3, '市级'), named('信息技术应用能力实践应用课程', 1)])).toEqual([]);
    expect(cells(run(deduped)).filter(([m]) => m === 'matrixItBelow')).toEqual([
      ['matrixItBelow', 'level.district', 'category.skills', 3],
      ['matrixItBelow', 'level.school', 'category.practice', 1],
    ]);
  });

  it('二(四)5: a 区级 course the teacher gave (主讲) counts as 区级 in its own category; given again, once — the repeat is said', () => {
    const base = without('区级', '知识与技能', false);
    expect(run([...base, named('《作业设计》区级课程主讲', 7, '校本', '知识与技能')])).toEqual([]);
    const out = run([...base, named('《作业设计》区级课程主讲', 4, '校本', '知识与技能'), named('《作业设计》区级课程主讲', 3, '校本', '知识与技能')]);
    expect(out.find((d) => d.messageId === 'matrixRecordRepeated')).toMatchObject({ data: { label: '开设区级课程', project: '《作业设计》区级课程主讲' }, column: 'status' });
    expect(out.find((d) => d.messageId === 'matrixCellBelow')).toMatchObject({ data: { level: 'level.district', category: 'category.skills', missing: 3 }, shortfall: { missing: 3 } });
    // Two different courses given both count.
    expect(run([...base, named('《作业设计》区级课程主讲', 4, '校本', '知识与技能'), named('《单元教学》区级课程主讲', 3, '校本', '知识与技能')])).toEqual([]);
  });

  it('二(四)6: 赴外省市支教 (0 学分 written) fills every 区级 cell and the sums with them; the 区级 信息技术 3 stays owed', () => {
    const noDistrict = table1().filter((r) => !(r.level === '区级' && !r.it));
    const short = run(noDistrict);
    expect(cells(short).filter(([m]) => m === 'matrixCellBelow')).toEqual([
      ['matrixCellBelow', 'level.district', 'category.ethics', 2],
      ['matrixCellBelow', 'level.district', 'category.skills', 7],
    ]);
    expect(run([...noDistrict, named('赴云南省支教一年', 0)])).toEqual([]);
    // The 信息技术 part is a 规定项目: 支教 does not fill it.
    const noIt = table1().filter((r) => r.level !== '区级');
    expect(cells(run([...noIt, named('赴云南省支教一年', 0)]))).toEqual([['matrixItBelow', 'level.district', 'category.skills', 3]]);
  });

  it('二(四)7: 梯队 研修 counts as 区级 知识与技能 but never as 信息技术, whatever its row says', () => {
    const base = without('区级', '知识与技能', false);
    expect(run([...base, named('骨干教师梯队层级研修（年度考核合格）', 7, '市级', '', true)])).toEqual([]);
    const noIt = without('区级', '知识与技能', true);
    expect(cells(run([...noIt, named('骨干教师梯队层级研修（年度考核合格）', 3, '区级', '知识与技能', true)]))).toEqual([['matrixItBelow', 'level.district', 'category.skills', 3]]);
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
