import { z } from 'zod';
import { modeSum, roundNoise } from '../model/amounts.js';
import { MEASURES } from '../model/types.js';
import { requiredOf } from '../periods/cycle.js';
import { holdsAny, namesAny } from './support/vocabulary.js';
import type { CycleCheck, FindingDraft } from './types.js';

const part = z.strictObject({
  /** Records whose category or project name holds one of these. */
  phrases: z.array(z.string().min(1)).min(1),
  minimum: z.number().nonnegative(),
});

const options = z.strictObject({
  /** How the rule names the title (高级教师): shown in the findings. */
  title: z.string().min(1),
  /** A teacher holds it when the cycle's 职称 contains one of these (高级教师 covers 中学高级教师, 正高级教师). */
  titles: z.array(z.string().min(1)).min(1),
  /**
   * Titles that hold a phrase of `titles` and are not it: 小学高级教师 of the old system became 一级教师
   * in the 2015 reform (人社部发〔2015〕79号), a 中级 title.
   */
  notTitles: z.array(z.string().min(1)).default([]),
  measure: z.enum(MEASURES).default('credits'),
  /** The cycle total such a teacher owes (上海虹口: 54 = 36 + 18). */
  total: z.number().positive(),
  /** Of it, 个性化自主研修 (≥ 18) … */
  self: part,
  /** … of which 带教指导, 课程开发, 课题研究 (≥ 14): its phrases are counted as 自主研修 too. */
  core: part,
  /**
   * 二(二)2 "2016年以后获评高级职称的教师，逐年递减自主研修学分": where the input gives the year of the
   * title (职称评定年度) inside the cycle after its first year, `self` and `core` scale by the years
   * held — that year and those after it — ÷ the cycle's length. Off by default; without the year
   * the full parts are asked.
   */
  byTitleYear: z.boolean().default(false),
});

type Options = z.infer<typeof options>;

/** Whether the cycle's 职称 is the rule's title. */
export function holdsTitle(title: string | undefined, o: Options): boolean {
  return Boolean(title) && holdsAny([title!], o.titles) && !holdsAny([title!], o.notTitles);
}

/** The cycle's 自主研修 and its core part (带教指导 / 课程开发 / 课题研究), read from category or project name. */
export function selfStudy(c: Parameters<CycleCheck<Options>['check']>[0], o: Options): { self: number; core: number } {
  let self = 0;
  let core = 0;
  for (const r of c.records) {
    const isCore = namesAny(r, o.core.phrases);
    if (isCore) core = roundNoise(core + r[o.measure]);
    if (isCore || namesAny(r, o.self.phrases)) self = roundNoise(self + r[o.measure]);
  }
  return { self, core };
}

type Window = Parameters<CycleCheck<Options>['check']>[2];
type Cycle = Parameters<CycleCheck<Options>['check']>[0];

/**
 * The years of the cycle the title is held and answered for: from the 职称评定年度 given (byTitleYear)
 * when it falls after the cycle's first year, else the whole cycle; never more than the teacher
 * answers for at all (a joiner). `covered`: of them, those the inputs cover to the audit year.
 */
export function titleYears(c: Cycle, o: Options, window: Window): { years: number; covered: number } {
  const titled = c.given?.titled;
  const from = o.byTitleYear && titled !== undefined && titled > window.start ? titled : window.start;
  const years = Math.max(0, window.end - from + 1);
  const covered = window.covered.filter((y) => y >= from).length;
  const liable = window.prorate ? c.liable : { years: window.length, covered: c.liable.covered };
  return { years: Math.min(years, liable.years), covered: Math.min(covered, liable.covered) };
}

/**
 * What the title asks of this teacher: its 自主研修 and core parts over the years held, and the
 * total — the cycle's own minimum (total − self) as every teacher owes it, plus the 自主研修 owed.
 */
export function titleRequired(c: Cycle, o: Options, window: Window): { total: { full: number; pace: number }; self: number; core: number } {
  const held = titleYears(c, o, window);
  const share = (n: number, years: number) => roundNoise((n * years) / window.length);
  const base = requiredOf(o.total - o.self.minimum, window, c.liable);
  const self = share(o.self.minimum, held.years);
  return {
    total: { full: roundNoise(base.full + self), pace: roundNoise(base.pace + share(o.self.minimum, Math.min(held.covered, held.years))) },
    self,
    core: share(o.core.minimum, held.years),
  };
}

/**
 * 上海虹口 二(二)2 and 二(五)1: a 高级教师 owes 54 学分 in the cycle — the 36 plus 18 of 个性化自主研修,
 * of which ≥ 14 带教指导, 课程开发, 课题研究. Judged where the cycle has a 职称 (and, for the parts,
 * single records), at the cycle's end. A teacher titled during the cycle owes less ("逐年递减"): with
 * `byTitleYear`, by the years held from the 职称评定年度 the input gives; without it the full 18.
 */
export const cycleTitleMinimum: CycleCheck<Options> = {
  meta: {
    id: 'cycle-title-minimum',
    scope: 'cycle',
    title: { zh: '高级职称教师周期学分下限', en: 'Senior-title minimums' },
    messages: ['titleTotalBelow', 'titleSelfBelow', 'titleCoreBelow'],
    options,
    makesIncomplete: true,
  },
  check(c, o, window) {
    if (!holdsTitle(c.title, o) || !window.ended) return [];
    const out: FindingDraft[] = [];
    const cycle = `${window.start}-${window.end}`;
    const m = o.measure;
    const total = roundNoise(modeSum(c.toDate, m));
    const required = titleRequired(c, o, window);
    const full = required.total.full;
    const below = (messageId: string, measured: number, required: number, part: string[]) => {
      if (measured >= required) return;
      const missing = roundNoise(required - measured);
      out.push({ messageId, data: { title: o.title, measure: m, cycle, measured, required, missing }, ref: c.ref, shortfall: { measure: m, scope: 'total', measured, required, missing, part } });
    };
    below('titleTotalBelow', total, full, [o.title]);
    if (c.hasRecords) {
      const { self, core } = selfStudy(c, o);
      below('titleSelfBelow', self, required.self, [o.title, 'part.self']);
      below('titleCoreBelow', core, required.core, [o.title, 'part.core']);
    }
    return out;
  },
  // The 要求 column: 54 for a 高级教师 (listed after cycle-total-minimum, it replaces the 36).
  requires(c, o, window) {
    if (!holdsTitle(c.title, o)) return {};
    return { [o.measure]: titleRequired(c, o, window).total };
  },
};
