/**
 * 上海虹口 表1 (seed 000, 附件 二(一)) met exactly, as records of level, category, 学分 and whether
 * 信息技术: 市级 师德 2, 知识与技能 4 (信息技术 1); 区级 师德 2, 知识与技能 10 (信息技术 3); 校本 师德 8,
 * 实践体验 10 (信息技术 1) — 36. Shared by the fixture script and the tests that build on it.
 */
export type Table1Cell = [level: '市级' | '区级' | '校本', category: '师德与素养' | '知识与技能' | '实践体验', credits: number, it?: boolean];

export const TABLE1: readonly Table1Cell[] = [
  ['市级', '师德与素养', 2],
  ['市级', '知识与技能', 3],
  ['市级', '知识与技能', 1, true],
  ['区级', '师德与素养', 2],
  ['区级', '知识与技能', 7],
  ['区级', '知识与技能', 3, true],
  ['校本', '师德与素养', 8],
  ['校本', '实践体验', 9],
  ['校本', '实践体验', 1, true],
];
